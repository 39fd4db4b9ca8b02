package dev.conversation.domain;

import static dev.conversation.testkit.ConversationGenerators.scenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.conversation.testkit.Scenario;
import io.vavr.collection.Seq;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * The invariants of DESIGN.md section 3, checked after every step of 1,000 random scenarios of
 * up to 50 steps each (commands of every kind by every actor, invalid input, timer ticks, a
 * clock that sometimes steps back).
 */
class LifecycleInvariantsProperties {

  static final int SCENARIOS = 1_000;

  static QuickTheory theory() {
    return qt().withExamples(SCENARIOS).withShrinkCycles(200);
  }

  @Test
  void rejectedCommandsChangeNothing() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      for (Scenario.Outcome o : trace.outcomes()) {
        if (o.result().isLeft()) {
          Scenario.Step step = o.step();
          // Deciding again gives the same rejection: nothing was consumed or half-applied.
          assertThat(Lifecycle.decide(o.before(), ((Scenario.Do) step).command(), step.at()))
              .as("rejections are pure").isEqualTo(o.result());
        }
      }
      // Dropping every rejected step from the scenario ends in the very same conversation.
      Seq<Scenario.Step> accepted = trace.outcomes().filter(o -> o.result().isRight()).map(Scenario.Outcome::step);
      assertThat(scenario.withSteps(accepted).play().last()).isEqualTo(trace.last());
    });
  }

  @Test
  void closedIsAbsorbing() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      boolean closed = false;
      for (Scenario.Outcome o : scenario.play().outcomes()) {
        if (closed) {
          assertThat(o.changed()).as("nothing changes a closed conversation: %s", o.step()).isFalse();
          assertThat(o.after().status()).isEqualTo(Status.CLOSED);
        }
        closed = o.after().status() == Status.CLOSED;
      }
    });
  }

  @Test
  void statusAndItsFieldsAgree() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      for (Conversation c : scenario.play().states()) {
        Status s = c.status();
        assertThat(s == Status.RESOLVED).as("RESOLVED <=> resolution while not closed: %s", c)
            .isEqualTo(c.resolution().isDefined() && s != Status.CLOSED);
        assertThat(c.resolution().forAll(r -> !r.outcome().isBlank())).isTrue();
        assertThat(s != Status.HUMAN_MANAGED || c.assignee().isDefined()).as("HUMAN_MANAGED => assignee").isTrue();
        assertThat(s == Status.SNOOZED).as("SNOOZED <=> snoozedUntil").isEqualTo(c.snoozedUntil().isDefined());
        assertThat(s == Status.WAITING).as("WAITING <=> waitingSince").isEqualTo(c.waitingSince().isDefined());
        assertThat(c.owner() == Actor.AI_AGENT || !(s == Status.NEW || s == Status.ACTIVE || s == Status.WAITING))
            .as("an AI-managed state has no human owner").isTrue();
      }
    });
  }

  @Test
  void theAiNeverPostsOutsideNewActiveOrWaiting() {
    Set<Status> aiStates = EnumSet.of(Status.NEW, Status.ACTIVE, Status.WAITING);
    theory().forAll(scenarios()).checkAssert(scenario -> {
      for (Scenario.Outcome o : scenario.play().outcomes()) {
        boolean aiPosted = o.result().exists(d -> d.messages().exists(m -> m.author().actor() == Actor.AI_AGENT));
        if (aiPosted) {
          assertThat(aiStates).as("AI posted in %s", o.before().status()).contains(o.before().status());
        }
        if (o.step() instanceof Scenario.Do d && d.command().trigger() == Trigger.AI_REPLY
            && !aiStates.contains(o.before().status())) {
          assertThat(o.result().isLeft()).as("AI reply in %s must be rejected", o.before().status()).isTrue();
        }
      }
    });
  }

  @Test
  void messageCountAndLastMessageTimeMatchTheStoredMessages() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      Conversation last = trace.last();
      assertThat(last.messageCount()).isEqualTo(trace.messages().size());
      assertThat(last.lastMessageAt()).isEqualTo(trace.messages().map(Message::createdAt).max());
      assertThat(last.lastMessagePreview()).isEqualTo(trace.messages().lastOption().map(m -> Text.preview(m.content())));
      assertThat(trace.messages().map(Message::createdAt).toJavaList()).as("messages never go back in time").isSorted();
      assertThat(trace.messages().forAll(m -> m.conversationId().equals(last.id()))).isTrue();
    });
  }

  @Test
  void versionRisesByExactlyOnePerAcceptedChange() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      assertThat(trace.started().conversation().version()).isEqualTo(1);
      long accepted = 0;
      for (Scenario.Outcome o : trace.outcomes()) {
        long expected = o.before().version() + (o.changed() ? 1 : 0);
        assertThat(o.after().version()).as("after %s", o.step()).isEqualTo(expected);
        o.result().forEach(d -> assertThat(d.events().map(DomainEvent::version).distinct())
            .as("every event of a decision carries its version").allMatch(v -> v == d.conversation().version()));
        accepted += o.changed() ? 1 : 0;
      }
      assertThat(trace.last().version()).isEqualTo(1 + accepted);
    });
  }

  @Test
  void updatedAtNeverGoesBackwards() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      Seq<Conversation> states = scenario.play().states();
      states.sliding(2).forEach(pair -> {
        if (pair.size() == 2) {
          assertThat(pair.get(1).updatedAt()).isAfterOrEqualTo(pair.get(0).updatedAt());
        }
      });
      assertThat(states.forAll(c -> !c.updatedAt().isBefore(c.createdAt()))).isTrue();
    });
  }

  @Test
  void everyAcceptedMoveIsOneTheTableAllows() {
    TransitionTable table = TransitionTable.standard();
    theory().forAll(scenarios()).checkAssert(scenario -> {
      for (Scenario.Outcome o : scenario.play().outcomes()) {
        if (o.step() instanceof Scenario.Do d) {
          Trigger trigger = d.command().trigger();
          var cell = table.lookup(o.before().status(), trigger);
          if (o.changed()) {
            assertThat(cell.isRight()).as("accepted %s in %s", trigger, o.before().status()).isTrue();
            assertThat(cell.get().actors()).contains(d.command().by().actor());
            assertThat(cell.get().targets()).contains(o.after().status());
          }
          if (cell.isLeft()) {
            assertThat(o.result().getLeft().rule()).isEqualTo(cell.getLeft().rule());
          }
        }
      }
    });
  }

  @Test
  void eventsTellTheStatusStory() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      for (Scenario.Outcome o : scenario.play().outcomes()) {
        Status from = o.before().status();
        Status to = o.after().status();
        Seq<DomainEvent.Change> changes = o.result().map(d -> d.events().map(DomainEvent::change)).getOrElse(io.vavr.collection.List.empty());
        assertThat(changes.contains(new DomainEvent.StatusChanged(from, to))).isEqualTo(from != to);
        assertThat(changes.exists(c -> c instanceof DomainEvent.Closed)).isEqualTo(from != to && to == Status.CLOSED);
        assertThat(changes.exists(c -> c instanceof DomainEvent.Reopened)).isEqualTo(from == Status.RESOLVED && to.isOpen());
        assertThat(changes.exists(c -> c instanceof DomainEvent.Resolved)).isEqualTo(from != to && to == Status.RESOLVED);
        assertThat(changes.count(c -> c instanceof DomainEvent.MessageAppended))
            .isEqualTo(o.result().map(d -> d.messages().size()).getOrElse(0));
      }
    });
  }

  @Test
  void scenariosReachEveryState() {
    Set<Status> reached = EnumSet.noneOf(Status.class);
    theory().forAll(scenarios()).checkAssert(scenario -> scenario.play().states().forEach(c -> reached.add(c.status())));
    assertThat(reached).as("the generators reach every state").containsExactlyInAnyOrder(Status.values());
  }
}
