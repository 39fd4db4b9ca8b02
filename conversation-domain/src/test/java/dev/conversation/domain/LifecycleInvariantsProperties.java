package dev.conversation.domain;

import static dev.conversation.testkit.ConversationGenerators.scenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.conversation.testkit.Scenario;
import io.vavr.collection.Seq;
import java.util.EnumSet;
import java.util.Set;
import io.vavr.control.Option;
import java.time.Instant;
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

  /**
   * A rejection is a value with no decision in it, so "rejected commands change nothing" holds by
   * type; what can still go wrong is a rejection that depends on something a store does not keep,
   * or one the rules do not explain. Every step is decided again on the conversation as a store
   * would rebuild it, and every rejection is traced to its rule.
   */
  @Test
  void rejectedCommandsChangeNothingAndAreExplainedByTheRules() {
    TransitionTable table = TransitionTable.standard();
    theory().forAll(scenarios()).checkAssert(scenario -> {
      for (Scenario.Outcome o : scenario.play().outcomes()) {
        Conversation reloaded = Conversation.builder().from(o.before()).build();
        if (o.step() instanceof Scenario.Do d) {
          assertThat(Lifecycle.decide(reloaded, d.command(), d.at())).as("same result on a reloaded copy").isEqualTo(o.result());
          if (o.result().isLeft()) {
            Rejection r = o.result().getLeft();
            var cell = table.lookup(o.before().status(), d.command().trigger());
            if (cell.isLeft()) {
              assertThat(r).isEqualTo(new Rejection.Denied(cell.getLeft()));
            } else if (!cell.get().actorsFor(o.before().owner()).contains(d.command().by().actor())) {
              assertThat(r).isInstanceOf(Rejection.ActorNotAllowed.class);
            } else {
              assertThat(r).isInstanceOfSatisfying(Rejection.Invalid.class, i -> assertThat(i.violations()).isNotEmpty());
            }
            assertThat(o.after()).isSameAs(o.before());
          }
        }
      }
    });
  }

  @Test
  void theAisTurnHoldsExactlyWhileTheAiOwnsAWaitingCustomerAndItsStartMovesOnlyWhenATurnBegins() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      Conversation previous = trace.started().conversation();
      for (Scenario.Outcome o : trace.outcomes()) {
        Conversation c = o.after();
        boolean turn = c.owner() == Actor.AI_AGENT && (c.status() == Status.NEW || c.status() == Status.ACTIVE)
            && c.awaitingReplySince().isDefined();
        assertThat(Lifecycle.aiTurn(c).isDefined()).as("the AI's turn: owner AI, NEW or ACTIVE, a customer waits").isEqualTo(turn);
        if (turn && o.changed()) {
          Option<Instant> before = Lifecycle.aiTurn(previous);
          assertThat(Lifecycle.aiTurn(c).get()).as("a turn goes on from where it began, or begins now")
              .isEqualTo(before.getOrElse(c.updatedAt()));
        }
        previous = c;
      }
    });
  }

  @Test
  void closedIsAbsorbing() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      boolean closed = false;
      for (Scenario.Outcome o : scenario.play().outcomes()) {
        if (closed) {
          if (o.step() instanceof Scenario.Receipt && o.changed()) {
            // A receipt for a reply sent just before the close: the message's status moves, nothing else.
            assertThat(o.result().get().events().map(e -> e.change().type())).containsOnly(DomainEvent.Type.DELIVERY_CHANGED);
            assertThat(o.after().openAttention()).isEmpty();
          } else {
            assertThat(o.changed()).as("nothing but a receipt changes a closed conversation: %s", o.step()).isFalse();
          }
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
        // A reply, not a note: the AI may whisper to the staff in any open state.
        boolean aiPosted = o.result().exists(d -> Visibility.forCustomer(d.messages()).exists(m -> m.author().actor() == Actor.AI_AGENT));
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
  void messageCountAndLastMessageTimeMatchTheStoredMessagesNotesAside() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      Conversation last = trace.last();
      io.vavr.collection.Seq<Message> thread = Visibility.forCustomer(trace.messages());
      assertThat(last.messageCount()).as("notes do not count").isEqualTo(thread.size());
      assertThat(last.lastMessageAt()).isEqualTo(thread.map(Message::createdAt).max());
      assertThat(last.lastMessagePreview()).as("a note never becomes the preview")
          .isEqualTo(thread.lastOption().map(Message::preview));
      assertThat(trace.messages().filter(m -> m.type() == MessageType.NOTE))
          .as("a note is never the customer's").allMatch(m -> m.author().actor() != Actor.CUSTOMER);
      trace.messages().map(Message::createdAt).sliding(2).filter(p -> p.size() == 2)
          .forEach(p -> assertThat(p.get(1)).as("messages are strictly ordered in time").isAfter(p.get(0)));
      assertThat(trace.messages().forAll(m -> m.conversationId().equals(last.id()))).isTrue();
    });
  }

  @Test
  void theWaitForAReplyStartsAtTheOldestUnansweredCustomerMessage() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      Option<Instant> expected = Option.none();
      for (Message m : Visibility.forCustomer(trace.messages())) {
        Actor a = m.author().actor();
        if (a == Actor.CUSTOMER && expected.isEmpty()) {
          expected = Option.some(m.createdAt());
        } else if (a == Actor.AI_AGENT || a == Actor.HUMAN_AGENT) {
          expected = Option.none();
        }
      }
      assertThat(trace.last().awaitingReplySince()).isEqualTo(expected);
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
          if (pair.get(1).version() > pair.get(0).version()) {
            assertThat(pair.get(1).updatedAt()).as("every change is strictly later").isAfter(pair.get(0).updatedAt());
          } else {
            assertThat(pair.get(1).updatedAt()).isEqualTo(pair.get(0).updatedAt());
          }
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
            assertThat(cell.get().actorsFor(o.before().owner())).contains(d.command().by().actor());
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
            .isEqualTo(o.result().map(d -> Visibility.forCustomer(d.messages()).size()).getOrElse(0));
        assertThat(changes.count(c -> c instanceof DomainEvent.NoteAdded))
            .as("a note's event is note-added, never message-appended")
            .isEqualTo(o.result().map(d -> d.messages().size() - Visibility.forCustomer(d.messages()).size()).getOrElse(0));
      }
    });
  }

  @Test
  void unreadFollowsTheMessagesAndTheReadMarkers() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      boolean agentsUnread = trace.started().messages().exists(m -> m.author().actor() == Actor.CUSTOMER);
      boolean customerUnread = trace.started().messages().exists(m -> isAgent(m.author().actor()));
      for (Scenario.Outcome o : trace.outcomes()) {
        if (o.changed()) {
          Decision d = o.result().get();
          for (Message m : Visibility.forCustomer(d.messages())) {
            agentsUnread |= m.author().actor() == Actor.CUSTOMER;
            customerUnread |= isAgent(m.author().actor());
          }
          if (o.step() instanceof Scenario.Do s && s.command() instanceof Command.MarkRead r) {
            agentsUnread &= r.side() != ReadSide.AGENTS;
            customerUnread &= r.side() != ReadSide.CUSTOMER;
          }
          agentsUnread &= d.conversation().status() != Status.CLOSED;
        }
        assertThat(o.after().unread(ReadSide.AGENTS)).as("agents' unread after %s", o.step()).isEqualTo(agentsUnread);
        assertThat(o.after().unread(ReadSide.CUSTOMER)).as("customer's unread after %s", o.step()).isEqualTo(customerUnread);
      }
    });
  }

  @Test
  void openAttentionIsWhatWasRaisedAndNotYetCleared() {
    theory().forAll(scenarios()).checkAssert(scenario -> {
      java.util.Set<AttentionId> open = new java.util.LinkedHashSet<>();
      java.util.Set<AttentionId> all = new java.util.LinkedHashSet<>();
      for (Scenario.Outcome o : scenario.play().outcomes()) {
        if (o.changed() && o.step() instanceof Scenario.Do s) {
          if (s.command() instanceof Command.RaiseAttention r) {
            open.add(r.id());
            all.add(r.id());
          } else if (s.command() instanceof Command.ClearAttention r) {
            assertThat(open.remove(r.id())).as("only an open item clears").isTrue();
          }
        } else if (o.changed()) {
          // A timer raises an item when a reply target is missed; a failed delivery raises one.
          o.result().get().events().map(DomainEvent::change).forEach(change -> {
            if (change instanceof DomainEvent.AttentionRaised r) {
              assertThat(r.item().kind()).isEqualTo(o.step() instanceof Scenario.Receipt
                  ? Command.RecordDelivery.DELIVERY_FAILED : TimerKind.SLA_BREACHED);
              open.add(r.item().id());
              all.add(r.item().id());
            }
          });
        }
        if (o.changed() && o.after().status() == Status.CLOSED) {
          open.clear(); // by a command or by the auto-close timer
        }
        assertThat(o.after().openAttention().map(AttentionItem::id)).containsExactlyElementsOf(open);
        assertThat(o.after().attention().map(AttentionItem::id)).as("items are never lost").containsExactlyElementsOf(all);
      }
    });
  }

  private static boolean isAgent(Actor actor) {
    return actor == Actor.AI_AGENT || actor == Actor.HUMAN_AGENT;
  }

  @Test
  void scenariosReachEveryState() {
    Set<Status> reached = EnumSet.noneOf(Status.class);
    theory().forAll(scenarios()).checkAssert(scenario -> scenario.play().states().forEach(c -> reached.add(c.status())));
    assertThat(reached).as("the generators reach every state").containsExactlyInAnyOrder(Status.values());
  }
}
