package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.ai;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Assignee;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Participant;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.persistence.ConversationQuery;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every lifecycle operation goes through {@code execute} (or {@code send}) and {@code tick}. */
class LifecycleOperationsTest {

  private final ManualClock clock = new ManualClock(T0);
  private final Conversations service = ServiceFixtures.deterministic(clock).build();

  @AfterEach
  void tearDown() {
    service.close();
  }

  private Outcome execute(ConversationId id, Command command) {
    clock.advance(Duration.ofMinutes(1));
    return right(service.execute(ACME, id, command));
  }

  private Problem refuse(ConversationId id, Command command) {
    clock.advance(Duration.ofMinutes(1));
    return left(service.execute(ACME, id, command));
  }

  @Test
  void aHandOffPutsTheConversationInHumanHandsAndTheAiMayNotReplyThen() {
    ConversationId id = started(service, ACME).id();
    Outcome handed = execute(id, Command.HandOff.toAgent(Participant.system(), ALICE, "customer asked for a human"));
    assertThat(handed.conversation().status()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(handed.conversation().assignee()).contains(Assignee.agent(ALICE));
    assertThat(handed.conversation().version()).isEqualTo(2);
    assertThat(handed.events().map(e -> e.event().change()))
        .contains(new DomainEvent.HandedOff(Assignee.agent(ALICE), "customer asked for a human"));

    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    Problem problem = left(service.send(ACME, id, ai("I can help!")));
    assertThat(problem).isInstanceOf(Problem.Rejected.class);
    Rejection rejection = ((Problem.Rejected) problem).rejection();
    assertThat(rejection.rule()).isEqualTo("ai-never-talks-over-a-human");
    assertThat(problem.message()).endsWith("[ai-never-talks-over-a-human]");
    assertThat(snapshot(service, ACME)).isEqualTo(before);
  }

  @Test
  void aHumanResolvesReopensAndClosesAndAClosedConversationIsReadOnly() {
    ConversationId id = started(service, ACME).id();
    execute(id, Command.HandOff.toAgent(Participant.system(), ALICE, "escalation"));
    assertThat(((Problem.Rejected) refuse(id, new Command.Resolve(Participant.ai(), "done"))).rejection().rule())
        .isEqualTo("only-human-agent-may-resolve-in-human-managed");

    Outcome resolved = execute(id, new Command.Resolve(ALICE_BY, "refund issued"));
    assertThat(resolved.conversation().status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.conversation().resolution().get().outcome()).isEqualTo("refund issued");
    assertThat(resolved.conversation().resolution().get().resolver()).isEqualTo(ALICE_BY);

    Outcome reopened = execute(id, new Command.Reopen(ALICE_BY));
    assertThat(reopened.conversation().status()).as("reopens to its human owner").isEqualTo(Status.HUMAN_MANAGED);
    assertThat(reopened.conversation().resolution()).isEmpty();

    Outcome closed = execute(id, new Command.Close(ALICE_BY));
    assertThat(closed.conversation().status()).isEqualTo(Status.CLOSED);
    assertThat(closed.conversation().version()).isEqualTo(5);

    Problem afterClose = left(service.send(ACME, id, customer("hello?")));
    assertThat(((Problem.Rejected) afterClose).rejection().rule()).isEqualTo("closed-is-read-only");
    assertThat(right(service.get(ACME, id)).version()).isEqualTo(5);
  }

  @Test
  void aSnoozedConversationWakesOnTheTickAtItsTimeAndNotBefore() {
    ConversationId id = started(service, ACME).id();
    right(service.send(ACME, id, customer("question")));
    clock.advance(Duration.ofMinutes(1));
    right(service.send(ACME, id, ai("answer")));
    Instant until = clock.instant().plus(Duration.ofHours(2));
    Outcome snoozed = execute(id, new Command.Snooze(Participant.ai(), until));
    assertThat(snoozed.conversation().status()).isEqualTo(Status.SNOOZED);
    assertThat(snoozed.conversation().snoozedUntil()).contains(until);

    clock.set(until.minusMillis(1));
    assertThat(right(service.tick(ACME))).as("not due a millisecond early").isEmpty();
    assertThat(right(service.get(ACME, id)).status()).isEqualTo(Status.SNOOZED);

    clock.set(until);
    Outcome woke = right(service.tick(ACME)).single();
    assertThat(woke.conversation().id()).isEqualTo(id);
    assertThat(woke.conversation().status()).as("wakes to whose turn it is: the agent spoke last").isEqualTo(Status.WAITING);
    assertThat(woke.conversation().snoozedUntil()).isEmpty();
    assertThat(woke.events().map(e -> e.event().change())).contains(new DomainEvent.Woke());
    assertThat(woke.events().map(e -> e.event().by())).containsOnly(Participant.system());
    assertThat(right(service.tick(ACME))).as("a second tick has nothing to do").isEmpty();
  }

  @Test
  void markingReadClearsUnreadAndMarkingAgainChangesNothing() {
    ConversationId id = started(service, ACME).id();
    right(service.send(ACME, id, customer("anyone there?")));
    assertThat(right(service.get(ACME, id)).unread(ReadSide.AGENTS)).isTrue();
    assertThat(right(service.list(ACME, ConversationQuery.request().unread(true))).items()).hasSize(1);

    Outcome read = execute(id, new Command.MarkRead(ALICE_BY, ReadSide.AGENTS));
    assertThat(read.changed()).isTrue();
    assertThat(read.conversation().unread(ReadSide.AGENTS)).isFalse();
    assertThat(right(service.list(ACME, ConversationQuery.request().unread(true))).items()).isEmpty();
    assertThat(right(service.list(ACME, ConversationQuery.request().unread(false))).items()).hasSize(1);

    Outcome again = execute(id, new Command.MarkRead(ALICE_BY, ReadSide.AGENTS));
    assertThat(again.changed()).isFalse();
    assertThat(again.conversation().version()).isEqualTo(read.conversation().version());
  }

  @Test
  void addedTagsShowUpInAListingFilteredByAnyOfThem() {
    Conversation tagged = started(service, ACME);
    Conversation other = started(service, ACME);
    Outcome outcome = execute(tagged.id(), Command.UpdateMetadata.by(Participant.ai()).addTags("vip", "refund"));
    assertThat(outcome.conversation().tags()).containsExactly(Tag.of("vip"), Tag.of("refund"));
    execute(other.id(), Command.UpdateMetadata.by(Participant.ai()).addTags("billing"));

    assertThat(right(service.list(ACME, ConversationQuery.request().anyTags("vip"))).items())
        .extracting(Conversation::id).containsExactly(tagged.id());
    assertThat(right(service.list(ACME, ConversationQuery.request().anyTags("refund", "billing"))).items())
        .extracting(Conversation::id).containsExactlyInAnyOrder(tagged.id(), other.id());
    assertThat(right(service.list(ACME, ConversationQuery.request().anyTags("spam"))).items()).isEmpty();
  }

  @Test
  void aCommandThatChangesNothingReturnsTheConversationUnchangedAndStoresNothing() {
    ConversationId id = started(service, ACME).id();
    Outcome first = execute(id, Command.UpdateMetadata.by(Participant.ai()).addTags("vip").starred(true));
    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    Outcome noop = execute(id, Command.UpdateMetadata.by(Participant.ai()).addTags("vip").starred(true));
    assertThat(noop.changed()).isFalse();
    assertThat(noop.replayed()).isFalse();
    assertThat(noop.events()).isEmpty();
    assertThat(noop.messages()).isEmpty();
    assertThat(noop.conversation()).isEqualTo(first.conversation());
    assertThat(snapshot(service, ACME)).isEqualTo(before);
    assertThat(allEvents(service, ACME)).hasSize(2);
  }

  @Test
  void theAiReplyMakesItWaitingAndTheCustomerReplyMakesItActive() {
    ConversationId id = started(service, ACME).id();
    assertThat(right(service.send(ACME, id, customer("hi"))).conversation().status()).isEqualTo(Status.NEW);
    clock.advance(Duration.ofSeconds(10));
    Conversation waiting = right(service.send(ACME, id, ai("hello"))).conversation();
    assertThat(waiting.status()).isEqualTo(Status.WAITING);
    assertThat(waiting.waitingSince()).contains(clock.instant());
    clock.advance(Duration.ofSeconds(10));
    assertThat(right(service.send(ACME, id, customer("thanks"))).conversation().status()).isEqualTo(Status.ACTIVE);
  }
}
