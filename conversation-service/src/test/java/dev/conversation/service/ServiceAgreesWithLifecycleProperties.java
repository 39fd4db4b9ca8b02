package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.allMessages;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.testkit.ConversationGenerators;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;

/**
 * Random lives of a conversation played through the service agree, step by step, with the
 * lifecycle deciding the same command on the same conversation at the same time; and after every
 * refused or unchanged step nothing new is stored.
 */
class ServiceAgreesWithLifecycleProperties {

  /** A step: seconds to wait, then a command, or (empty, one step in eight) a timer tick. */
  private static Gen<Pair<Long, Optional<Function<Instant, Command>>>> steps() {
    return longs().between(0, 6 * 3600).zip(ConversationGenerators.commands().toOptionals(12), Pair::of);
  }

  private static NewConversation request(StartConversation s) {
    NewConversation r = new NewConversation(s.workspaceId(), s.channel(), s.customerAddress(), Option.none(),
        s.contactId(), s.accountId(), s.subject(), s.aiAgentId(), Option.none(), Option.none());
    return s.firstMessage().map(m -> r.firstMessage(new NewMessage(m.by(), m.content(), m.citations(), m.idempotencyKey())))
        .getOrElse(r);
  }

  @Test
  void everyStepThroughTheServiceMatchesTheLifecycleAndRefusedStepsStoreNothing() {
    qt().withExamples(200).withShrinkCycles(30)
        .forAll(ConversationGenerators.startRequests(), ConversationGenerators.instants(),
            ConversationGenerators.timerPolicies(), lists().of(steps()).ofSizeBetween(1, 30))
        .checkAssert((start, startedAt, policy, steps) -> play(start, startedAt, policy, steps));
  }

  private static void play(StartConversation start, Instant startedAt, TimerPolicy policy,
      java.util.List<Pair<Long, Optional<Function<Instant, Command>>>> steps) {
    ManualClock clock = new ManualClock(startedAt);
    try (Conversations service = ServiceFixtures.deterministic(clock).timers(policy).build()) {
      Outcome created = right(service.create(ACME, request(start)));
      ConversationId id = created.conversation().id();
      assertThat(created.conversation().version()).isEqualTo(1);
      assertThat(created.conversation().messageCount()).isEqualTo(start.firstMessage().isDefined() ? 1 : 0);

      for (Pair<Long, Optional<Function<Instant, Command>>> step : steps) {
        clock.advance(Duration.ofSeconds(step._1));
        Conversation before = right(service.get(ACME, id));
        Seq<StoredEvent> eventsBefore = allEvents(service, ACME);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (step._2.isPresent()) {
          Command command = step._2.get().apply(now);
          Either<Rejection, Decision> expected = Lifecycle.decide(before, command, now);
          Either<Problem, Outcome> actual = service.execute(ACME, id, command);
          if (expected.isLeft()) {
            Problem problem = actual.swap().getOrElseThrow(() -> new AssertionError("accepted what the lifecycle refused: " + command));
            assertThat(problem).isEqualTo(expected.getLeft() instanceof Rejection.Invalid invalid
                ? new Problem.Invalid(invalid.violations()) : new Problem.Rejected(expected.getLeft()));
            assertUnchanged(service, id, before, eventsBefore);
          } else {
            assertAgrees(service, id, expected.get(), right(actual), before, eventsBefore);
          }
        } else {
          Option<Decision> expected = Lifecycle.tick(before, policy, now);
          Seq<Outcome> ticked = right(service.tick(ACME));
          if (expected.isEmpty()) {
            assertThat(ticked).isEmpty();
            assertUnchanged(service, id, before, eventsBefore);
          } else {
            assertThat(ticked).hasSize(1);
            assertAgrees(service, id, expected.get(), ticked.single(), before, eventsBefore);
          }
        }
      }
      Conversation last = right(service.get(ACME, id));
      assertThat(dev.conversation.domain.Visibility.forCustomer(allMessages(service, ACME, id, 100)))
          .as("the thread holds the counted messages, and the notes besides").hasSize(last.messageCount());
      assertThat(allEvents(service, ACME).last().event().version()).isEqualTo(last.version());
    }
  }

  private static void assertAgrees(Conversations service, ConversationId id, Decision expected, Outcome actual,
      Conversation before, Seq<StoredEvent> eventsBefore) {
    assertThat(actual.replayed()).isFalse();
    assertThat(actual.changed()).isEqualTo(expected.changed());
    if (!expected.changed()) {
      assertThat(actual.conversation()).isEqualTo(before);
      assertUnchanged(service, id, before, eventsBefore);
      return;
    }
    assertThat(actual.conversation()).isEqualTo(expected.conversation());
    assertThat(actual.conversation().version()).isEqualTo(before.version() + 1);
    assertThat(actual.messages()).isEqualTo(expected.messages());
    assertThat(actual.events().map(StoredEvent::event)).isEqualTo(expected.events());
    assertThat(right(service.get(ACME, id))).isEqualTo(expected.conversation());
    assertThat(allEvents(service, ACME)).isEqualTo(eventsBefore.appendAll(actual.events()));
    long last = eventsBefore.isEmpty() ? 0 : eventsBefore.last().position();
    assertThat(actual.events().head().position()).isGreaterThan(last);
  }

  private static void assertUnchanged(Conversations service, ConversationId id, Conversation before, Seq<StoredEvent> eventsBefore) {
    assertThat(right(service.get(ACME, id))).isEqualTo(before);
    assertThat(allEvents(service, ACME)).isEqualTo(eventsBefore);
  }
}
