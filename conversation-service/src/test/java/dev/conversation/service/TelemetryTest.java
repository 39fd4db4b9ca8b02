package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Command;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TimerKind;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.Trigger;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationStore;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a service reports to its telemetry: each change's kind, result, rule and time; retries; timers fired. */
class TelemetryTest {

  /** A reported change; {@code kind} is the trigger's name, {@code start} for a create, {@code unknown} for none. */
  private record Change(String kind, Telemetry.Result result, Option<String> rule) {}

  private static final class Recording implements Telemetry {
    final List<Change> changes = new CopyOnWriteArrayList<>();
    final List<Option<Trigger>> retries = new CopyOnWriteArrayList<>();
    final List<TimerKind> timers = new CopyOnWriteArrayList<>();
    final List<Duration> took = new CopyOnWriteArrayList<>();

    @Override
    public void changed(Option<Trigger> trigger, Result result, Option<String> rule, Duration duration) {
      changes.add(new Change(trigger.map(Trigger::name).getOrElse("unknown"), result, rule));
      took.add(duration);
    }

    @Override
    public void created(Result result, Option<String> rule, Duration duration) {
      changes.add(new Change("start", result, rule));
      took.add(duration);
    }

    @Override
    public void retried(Option<Trigger> trigger) {
      retries.add(trigger);
    }

    @Override
    public void timerFired(TimerKind kind) {
      timers.add(kind);
    }
  }

  private final ManualClock clock = new ManualClock(T0);
  private final Recording recorded = new Recording();

  @Test
  void everyChangeIsReportedWithItsKindResultAndRule() {
    try (Conversations service = ServiceFixtures.deterministic(clock).telemetry(recorded).build()) {
      ConversationId id = right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("Hi")))).conversation().id();
      right(service.create(ACME, ServiceFixtures.webChat().idempotencyKey("c1").firstMessage(customer("Once"))));
      right(service.create(ACME, ServiceFixtures.webChat().idempotencyKey("c1").firstMessage(customer("Once"))));
      left(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("  "))));
      right(service.send(ACME, id, customer("More").withIdempotencyKey("k1")));
      right(service.send(ACME, id, customer("More").withIdempotencyKey("k1")));
      right(service.execute(ACME, id, Command.HandOff.toTeam(Participant.system(), TeamId.of("t"), "escalated")));
      right(service.execute(ACME, id, Command.HandOff.toTeam(Participant.system(), TeamId.of("t"), "again")));
      left(service.send(ACME, id, NewMessage.of(Participant.ai(), "AI talks over a human")));
      left(service.send(ACME, id, customer("  ")));
      left(service.send(ACME, ConversationId.of("missing"), customer("Hello?")));
      assertThat(recorded.changes).containsExactly(
          new Change("start", Telemetry.Result.ACCEPTED, Option.none()),
          new Change("start", Telemetry.Result.ACCEPTED, Option.none()),
          new Change("start", Telemetry.Result.UNCHANGED, Option.none()),
          new Change("start", Telemetry.Result.INVALID, Option.none()),
          new Change("CUSTOMER_MESSAGE", Telemetry.Result.ACCEPTED, Option.none()),
          new Change("CUSTOMER_MESSAGE", Telemetry.Result.UNCHANGED, Option.none()),
          new Change("HAND_OFF", Telemetry.Result.ACCEPTED, Option.none()),
          new Change("HAND_OFF", Telemetry.Result.UNCHANGED, Option.none()),
          new Change("AI_REPLY", Telemetry.Result.REJECTED, Option.some("ai-never-talks-over-a-human")),
          new Change("CUSTOMER_MESSAGE", Telemetry.Result.INVALID, Option.none()),
          new Change("unknown", Telemetry.Result.NOT_FOUND, Option.none()));
      assertThat(recorded.took).allMatch(d -> !d.isNegative());
    }
  }

  @Test
  void retriesContentionAndUnavailabilityAreReported() {
    DelegatingStore store = new DelegatingStore(ConversationStore.inMemory());
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).attempts(3).backOff(a -> 0)
        .telemetry(recorded).build()) {
      ConversationId id = ServiceFixtures.started(service, ACME).id();
      store.script((n, tenant, expected, decision) ->
          Option.some(Either.left(new Conflict.StaleVersion(id, expected, expected + 1))));
      assertThat(left(service.send(ACME, id, customer("hello")))).isInstanceOf(Problem.Contended.class);
      assertThat(recorded.retries).containsExactly(Option.some(Trigger.CUSTOMER_MESSAGE), Option.some(Trigger.CUSTOMER_MESSAGE));
      store.script((n, tenant, expected, decision) -> {
        throw new dev.conversation.persistence.StoreFailure("down");
      });
      assertThat(left(service.send(ACME, id, customer("hello")))).isInstanceOf(Problem.Unavailable.class);
      assertThat(recorded.changes.subList(recorded.changes.size() - 2, recorded.changes.size()))
          .extracting(Change::result).containsExactly(Telemetry.Result.CONTENDED, Telemetry.Result.UNAVAILABLE);
    }
  }

  @Test
  void firedTimersAreReportedByKindAndATelemetryThatThrowsFailsNothing() {
    Telemetry throwing = new Telemetry() {
      @Override
      public void changed(Option<Trigger> trigger, Result result, Option<String> rule, Duration took) {
        throw new IllegalStateException("metrics down");
      }

      @Override
      public void timerFired(TimerKind kind) {
        recorded.timerFired(kind);
        throw new IllegalStateException("metrics down");
      }
    };
    try (Conversations service = ServiceFixtures.deterministic(clock).telemetry(throwing)
        .timers(TimerPolicy.wakeOnly().withFirstReplyWithin(Duration.ofMinutes(5))).build()) {
      ConversationId id = right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("Hi")))).conversation().id();
      clock.advance(Duration.ofMinutes(6));
      assertThat(right(service.tick(ACME))).hasSize(1);
      assertThat(recorded.timers).containsExactly(TimerKind.FIRST_REPLY);
      right(service.execute(ACME, id, new Command.Resolve(ALICE_BY, "done")));
    }
  }
}
