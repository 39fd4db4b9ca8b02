package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.GLOBEX;
import static dev.conversation.persistence.StoreFixtures.commit;
import static dev.conversation.persistence.StoreFixtures.customerSays;
import static dev.conversation.persistence.StoreFixtures.decide;
import static dev.conversation.persistence.StoreFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.DomainEvent;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.Test;

/** Examples of the outbox: commit order, checkpoints, argument checks. */
class OutboxTest {

  private final ConversationStore store = ConversationStore.inMemory();

  @Test
  void eventsComeInCommitOrderAcrossConversationsWithThePositionsTheCommitsReturned() {
    Committed a1 = commit(store, started(ACME, "a"));
    Committed b1 = commit(store, started(ACME, "b"));
    Committed a2 = commit(store, decide(a1.conversation(), customerSays("a-m1", "hi")));
    Committed b2 = commit(store, decide(b1.conversation(), customerSays("b-m1", "hi")));
    Seq<StoredEvent> expected = List.of(a1, b1, a2, b2).flatMap(Committed::events);

    Seq<StoredEvent> outbox = store.events(ACME, 0, ConversationStore.MAX_EVENT_BATCH);
    assertThat(outbox).isEqualTo(expected);
    assertThat(outbox.map(StoredEvent::position).toJavaList()).isSorted().doesNotHaveDuplicates().allMatch(p -> p > 0);
    assertThat(outbox.map(e -> e.event().conversationId().value())).startsWith("a", "b");
  }

  @Test
  void readingAfterACheckpointReturnsOnlyLaterEventsAndNothingAfterTheLast() {
    Conversation c = commit(store, started(ACME, "a")).conversation();
    for (int i = 0; i < 5; i++) {
      c = commit(store, decide(c, customerSays("m" + i, "message " + i))).conversation();
    }
    Seq<StoredEvent> all = store.events(ACME, 0, 1000);
    long checkpoint = all.get(2).position();
    assertThat(store.events(ACME, checkpoint, 1000)).isEqualTo(all.drop(3));
    assertThat(store.events(ACME, checkpoint, 2)).isEqualTo(all.drop(3).take(2));
    assertThat(store.events(ACME, all.last().position(), 1000)).isEmpty();
    assertThat(store.events(ACME, Long.MAX_VALUE, 1)).isEmpty();
    assertThat(store.events(ACME, 0, 1)).containsExactly(all.head());
  }

  @Test
  void aRefusedCommitAddsNoEvents() {
    Conversation v1 = commit(store, started(ACME, "a")).conversation();
    commit(store, decide(v1, customerSays("m1", "first", "k")));
    Seq<StoredEvent> before = store.events(ACME, 0, 1000);
    assertThat(store.commit(ACME, 1, decide(v1, customerSays("m2", "late"))).isLeft()).isTrue();
    assertThat(store.commit(ACME, 0, started(ACME, "a")).isLeft()).isTrue();
    assertThat(store.events(ACME, 0, 1000)).isEqualTo(before);
    Committed next = commit(store, decide(store.find(ACME, v1.id()).get(), customerSays("m3", "after")));
    assertThat(next.events().head().position()).isGreaterThan(before.last().position());
  }

  @Test
  void eventsRejectANegativeCheckpointAndALimitOutsideOneToAThousand() {
    commit(store, started(ACME, "a"));
    assertThatThrownBy(() -> store.events(ACME, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.events(ACME, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.events(ACME, 0, -5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.events(ACME, 0, ConversationStore.MAX_EVENT_BATCH + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.events(GLOBEX, -1, 10)).as("checked even for an empty tenant")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.events(GLOBEX, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.events(ACME, 0, ConversationStore.MAX_EVENT_BATCH)).hasSize(1);
  }

  @Test
  void aStoredEventNeedsAPositivePosition() {
    DomainEvent event = started(ACME, "a").events().head();
    assertThatThrownBy(() -> new StoredEvent(0, event)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StoredEvent(-1, event)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new StoredEvent(1, event).position()).isEqualTo(1);
  }
}
