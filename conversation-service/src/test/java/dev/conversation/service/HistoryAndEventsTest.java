package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Message history pages and the outbox reader, and what they refuse. */
class HistoryAndEventsTest {

  private final ManualClock clock = new ManualClock(T0);
  private final Conversations service = ServiceFixtures.deterministic(clock).build();

  @AfterEach
  void tearDown() {
    service.close();
  }

  private ConversationId withMessages(int n) {
    ConversationId id = started(service, ACME).id();
    for (int i = 1; i <= n; i++) {
      right(service.send(ACME, id, customer("message " + i)));
    }
    return id;
  }

  @Test
  void historyPagesFollowTheNextCursorOldestFirstUntilTheLastPageHasNone() {
    ConversationId id = withMessages(7);
    Page<Message> first = right(service.history(ACME, id, Option.some(3), Option.none()));
    Page<Message> second = right(service.history(ACME, id, Option.some(3), first.next()));
    Page<Message> third = right(service.history(ACME, id, Option.some(3), second.next()));
    assertThat(first.items().map(Message::content)).containsExactly("message 1", "message 2", "message 3");
    assertThat(second.items().map(Message::content)).containsExactly("message 4", "message 5", "message 6");
    assertThat(third.items().map(Message::content)).containsExactly("message 7");
    assertThat(first.next()).isNotEmpty();
    assertThat(second.next()).isNotEmpty();
    assertThat(third.next()).isEmpty();
  }

  @Test
  void historyPagesTwentyFiveMessagesByDefaultAndAnExactlyFullLastPageHasNoNext() {
    ConversationId id = withMessages(30);
    Page<Message> page = right(service.history(ACME, id, Option.none(), Option.none()));
    assertThat(page.items()).hasSize(25);
    Page<Message> rest = right(service.history(ACME, id, Option.none(), page.next()));
    assertThat(rest.items()).hasSize(5);
    assertThat(rest.next()).isEmpty();

    ConversationId exact = withMessages(4);
    Page<Message> full = right(service.history(ACME, exact, Option.some(4), Option.none()));
    assertThat(full.items()).hasSize(4);
    assertThat(full.next()).isEmpty();
  }

  @Test
  void historyWithABadLimitOrCursorIsInvalidAndOfAnUnknownConversationIsNotFound() {
    ConversationId id = withMessages(1);
    for (int limit : new int[] {0, -1, 101}) {
      assertThat(((Problem.Invalid) left(service.history(ACME, id, Option.some(limit), Option.none()))).violations())
          .extracting(Violation::field, Violation::rule).containsExactly(tuple("limit", "limit-out-of-range"));
    }
    for (String cursor : new String[] {"", "garbage", "m1.***", "m1.LTU"}) {
      assertThat(((Problem.Invalid) left(service.history(ACME, id, Option.none(), Option.some(cursor)))).violations())
          .as("cursor '%s'", cursor)
          .extracting(Violation::field, Violation::rule).containsExactly(tuple("cursor", "malformed-cursor"));
    }
    assertThat(((Problem.Invalid) left(service.history(ACME, id, Option.some(0), Option.some("garbage")))).violations())
        .hasSize(2);
    ConversationId unknown = ConversationId.of("nope");
    assertThat(left(service.history(ACME, unknown, Option.none(), Option.none()))).isEqualTo(new Problem.NotFound(unknown));
  }

  @Test
  void eventsRefuseANegativePositionAndALimitOutsideOneToOneThousandListingBoth() {
    withMessages(2);
    assertThat(((Problem.Invalid) left(service.events(ACME, -1, 10))).violations())
        .extracting(Violation::field, Violation::rule).containsExactly(tuple("afterPosition", "position-negative"));
    assertThat(((Problem.Invalid) left(service.events(ACME, 0, 0))).violations())
        .extracting(Violation::field, Violation::rule).containsExactly(tuple("limit", "limit-out-of-range"));
    assertThat(((Problem.Invalid) left(service.events(ACME, 0, 1001))).violations())
        .extracting(Violation::field, Violation::rule).containsExactly(tuple("limit", "limit-out-of-range"));
    assertThat(((Problem.Invalid) left(service.events(ACME, -5, 1001))).violations())
        .extracting(Violation::rule).containsExactly("position-negative", "limit-out-of-range");
    assertThat(right(service.events(ACME, 0, 1))).hasSize(1);
    assertThat(right(service.events(ACME, 0, 1000))).hasSize(3);
  }

  @Test
  void eventsReadOneAtATimeFromCheckpointsAreTheSameAsInOneBatch() {
    withMessages(5);
    Seq<StoredEvent> oneByOne = allEvents(service, ACME, 1);
    assertThat(oneByOne).isEqualTo(right(service.events(ACME, 0, 1000)));
    assertThat(oneByOne.map(e -> e.event().version())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    long checkpoint = oneByOne.get(2).position();
    assertThat(right(service.events(ACME, checkpoint, 1000))).isEqualTo(oneByOne.drop(3));
    assertThat(right(service.events(ACME, oneByOne.last().position(), 1000))).isEmpty();
  }
}
