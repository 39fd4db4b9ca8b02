package dev.conversation.domain;

import static dev.conversation.testkit.ConversationGenerators.conversations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.conversation.testkit.ConversationGenerators;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the transition table as data, and of the engine's obedience to it. */
class TransitionTableProperties {

  private static final TransitionTable TABLE = TransitionTable.standard();

  private static Gen<Status> statuses() {
    return Generate.enumValues(Status.class);
  }

  private static Gen<Trigger> triggers() {
    return Generate.enumValues(Trigger.class);
  }

  @Test
  void everyStateAndTriggerHasADefinedOutcome() {
    qt().forAll(statuses(), triggers()).checkAssert((status, trigger) -> {
      Either<Denial, Transition> cell = TABLE.lookup(status, trigger);
      assertThat(cell).isNotNull();
      cell.peek(t -> {
        assertThat(t.from()).isEqualTo(status);
        assertThat(t.trigger()).isEqualTo(trigger);
        assertThat(t.targets()).isNotEmpty();
        assertThat(t.actors()).isNotEmpty();
        assertThat(t.rule()).isNotBlank();
      }).peekLeft(d -> {
        assertThat(d.from()).isEqualTo(status);
        assertThat(d.trigger()).isEqualTo(trigger);
        assertThat(d.rule()).matches("[a-z]+(-[a-z]+)*");
        assertThat(d.reason()).isNotBlank();
      });
    });
    assertThat(TABLE.transitions().size() + TABLE.denials().size())
        .isEqualTo(Status.values().length * Trigger.values().length);
  }

  @Test
  void theMermaidExportListsEveryTransition() {
    String mermaid = TABLE.toMermaid();
    qt().forAll(Generate.pick(TABLE.transitions().toJavaList())).checkAssert(t -> {
      for (Status to : t.targets()) {
        String edge = "    " + t.from() + " --> " + to + " : ";
        assertThat(mermaid.lines().filter(line -> line.startsWith(edge)))
            .as("edge %s --> %s", t.from(), to)
            .singleElement()
            .satisfies(line -> assertThat(line.substring(edge.length()).split(", (?![^(]*\\))"))
                .contains(TransitionTable.label(t, to)));
      }
    });
  }

  @Test
  void theMermaidExportDrawsNoEdgeTheTableLacks() {
    TABLE.toMermaid().lines().filter(line -> line.contains(" --> ") && !line.contains("[*]")).forEach(line -> {
      String[] parts = line.trim().split(" --> | : ");
      Status from = Status.valueOf(parts[0]);
      Status to = Status.valueOf(parts[1]);
      assertThat(TABLE.transitions().exists(t -> t.from() == from && t.targets().contains(to)))
          .as("edge %s", line).isTrue();
    });
  }

  @Test
  void theEngineRejectsExactlyWhatTheTableDenies() {
    Gen<Function<Instant, Command>> commands = ConversationGenerators.commands();
    qt().withExamples(1_000).forAll(conversations(), commands).checkAssert((c, command) -> {
      Instant now = c.updatedAt().plusSeconds(60);
      Command cmd = command.apply(now);
      Either<Rejection, Decision> result = Lifecycle.decide(c, cmd, now);
      Either<Denial, Transition> cell = TABLE.lookup(c.status(), cmd.trigger());
      if (cell.isLeft()) {
        assertThat(result.getLeft()).isEqualTo(new Rejection.Denied(cell.getLeft()));
      } else if (!cell.get().actorsFor(c.owner()).contains(cmd.by().actor())) {
        assertThat(result.getLeft()).isEqualTo(new Rejection.ActorNotAllowed(cell.get(), c.owner(), cmd.by().actor()));
      } else {
        assertThat(result.isRight() || result.getLeft() instanceof Rejection.Invalid)
            .as("an allowed trigger by an allowed actor fails only on input: %s", result).isTrue();
      }
    });
  }

  @Test
  void everyRejectionNamesItsRuleAndSaysWhy() {
    Gen<Function<Instant, Command>> commands = ConversationGenerators.commands();
    qt().withExamples(1_000).forAll(conversations(), commands).checkAssert((c, command) -> {
      Instant now = c.updatedAt();
      Lifecycle.decide(c, command.apply(now), now).peekLeft(r -> {
        assertThat(r.rule()).matches("[a-z]+(-[a-z]+)*");
        assertThat(r.message()).isNotBlank();
        if (r instanceof Rejection.Invalid invalid) {
          invalid.violations().forEach(v -> assertThat(r.message()).contains(v.field()).contains(v.rule()));
        }
      });
    });
  }

  @Test
  void timersArePureAndOnlyFireWhenDue() {
    qt().withExamples(1_000).forAll(conversations(), ConversationGenerators.timerPolicies(),
        Generate.longRange(0, 20L * 24 * 3600)).checkAssert((c, policy, seconds) -> {
          Instant now = c.updatedAt().plusSeconds(seconds);
          Lifecycle.tick(c, policy, now).forEach(d -> {
            Status to = d.conversation().status();
            if (Lifecycle.due(c, policy, now).get() instanceof Command.RaiseAttention raised) {
              // A missed reply target: recorded once, nothing else moves.
              io.vavr.Tuple2<TimerKind, Instant> timer = Lifecycle.timer(c).get();
              assertThat(now).isAfterOrEqualTo(timer._2.plus(policy.delay(timer._1).get()));
              assertThat(raised.kind()).isEqualTo(TimerKind.SLA_BREACHED);
              assertThat(raised.id()).isEqualTo(timer._1.breachId(timer._2));
              assertThat(to).isEqualTo(c.status());
              assertThat(d.conversation().owner()).isEqualTo(c.owner());
              assertThat(Lifecycle.timer(d.conversation()).map(t -> t._1)).as("a miss is raised once per wait").isEmpty();
              assertThat(Lifecycle.due(d.conversation(), policy, now).map(Command::trigger))
                  .doesNotContain(Trigger.RAISE_ATTENTION);
              return;
            }
            switch (c.status()) {
              case SNOOZED -> {
                assertThat(now).isAfterOrEqualTo(c.snoozedUntil().get());
                Status owners = c.assignee().isDefined() ? Status.HUMAN_MANAGED : c.agentsTurn() ? Status.ACTIVE : Status.WAITING;
                assertThat(to).as("a snoozed conversation wakes to its owner's state").isEqualTo(owners);
              }
              case WAITING -> {
                assertThat(to).isEqualTo(Status.RESOLVED);
                assertThat(now).isAfterOrEqualTo(c.waitingSince().get().plus(policy.autoResolveAfter().get()));
                assertThat(d.conversation().resolution().get().resolver()).isEqualTo(Participant.system());
              }
              case RESOLVED -> assertThat(to).isEqualTo(Status.CLOSED);
              case HUMAN_MANAGED -> {
                assertThat(to).isEqualTo(Status.RESOLVED);
                assertThat(c.awaitingReplySince()).as("never resolves a customer waiting for an answer").isEmpty();
                assertThat(now).isAfterOrEqualTo(c.updatedAt().plus(policy.resolveIdleHumanAfter().get()));
              }
              default -> throw new AssertionError("a timer fired in " + c.status());
            }
            assertThat(Lifecycle.due(d.conversation(), policy, now).map(Command::trigger))
                .as("a tick never leaves the same timer due").doesNotContain(Lifecycle.due(c, policy, now).get().trigger());
          });
          if (c.status() == Status.SNOOZED && now.isBefore(c.snoozedUntil().get())) {
            assertThat(Lifecycle.tick(c, policy, now)).isEmpty();
          }
        });
  }
}
