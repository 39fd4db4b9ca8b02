package dev.conversation.lifecycle.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.Status;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TransitionTable;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.Message;
import dev.conversation.domain.Trigger;
import dev.conversation.domain.WorkspaceId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.model.StateMachineModel;
import org.springframework.statemachine.listener.StateMachineListenerAdapter;
import org.springframework.statemachine.state.State;

class LifecycleBridgeTest {

  private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
  private static final Participant JANE = Participant.human(HumanAgent.of(HumanAgentId.of("jane"), "Jane"));

  /** Records every state change a Spring listener sees. */
  static final class Recorder extends StateMachineListenerAdapter<Status, Trigger> {
    final List<String> changes = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(State<Status, Trigger> from, State<Status, Trigger> to) {
      if (from != null && to != null && from.getId() != to.getId()) {
        changes.add(from.getId() + "->" + to.getId());
      }
    }
  }

  private static Conversation active(String id) {
    Conversation c = Lifecycle.start(StartConversation.of(ConversationId.of(id), TenantId.of("t"), WorkspaceId.of("w"),
        Channel.of(ChannelType.WEB_CHAT)), T0).get().conversation();
    c = Lifecycle.decide(c, Command.AppendMessage.of(MessageId.of(id + "-1"), Participant.ai(), "Hi!"), T0).get().conversation();
    return Lifecycle.decide(c, Command.AppendMessage.of(MessageId.of(id + "-2"), Participant.customer(), "A person please"), T0)
        .get().conversation();
  }

  private static Conversation humanManaged(String id) {
    return Lifecycle.decide(active(id), Command.HandOff.toTeam(Participant.ai(), TeamId.of("support"), "asked for a person"), T0)
        .get().conversation();
  }

  @Test
  void listenersSeeAHandOff() {
    Recorder recorder = new Recorder();
    LifecycleBridge bridge = LifecycleBridge.builder().listener(recorder).build();
    Outcome outcome = bridge.fire(active("c-1"), Command.HandOff.toTeam(Participant.ai(), TeamId.of("support"), "asked"), T0);
    assertThat(outcome.verdict()).isEqualTo(Outcome.Verdict.ACCEPTED);
    assertThat(outcome.state()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(recorder.changes).containsExactly("ACTIVE->HUMAN_MANAGED");
  }

  @Test
  void listenersSeeAResolve() {
    Recorder recorder = new Recorder();
    LifecycleBridge bridge = LifecycleBridge.builder().listener(recorder).build();
    Outcome outcome = bridge.fire(humanManaged("c-1"), new Command.Resolve(JANE, "Refund issued"), T0);
    assertThat(outcome.state()).isEqualTo(Status.RESOLVED);
    assertThat(outcome.domain().get().conversation().resolution().get().outcome()).isEqualTo("Refund issued");
    assertThat(recorder.changes).containsExactly("HUMAN_MANAGED->RESOLVED");
  }

  @Test
  void aGuardThatSaysNoIsReportedAsDeniedWithTheDomainsRule() {
    Recorder recorder = new Recorder();
    LifecycleBridge bridge = LifecycleBridge.builder().listener(recorder).build();
    Outcome outcome = bridge.fire(humanManaged("c-1"), new Command.Resolve(Participant.ai(), "done"), T0);
    assertThat(outcome.spring()).as("Spring's own answer").isEqualTo(StateMachineEventResult.ResultType.ACCEPTED);
    assertThat(outcome.verdict()).isEqualTo(Outcome.Verdict.DENIED);
    assertThat(outcome.rule()).isEqualTo("only-human-agent-may-resolve-in-human-managed");
    assertThat(outcome.state()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(recorder.changes).isEmpty();
  }

  @Test
  void aClosedConversationStillTakesAReceiptAndNothingElse() {
    Conversation active = active("c-9");
    Conversation closed = Lifecycle.decide(active, new Command.Close(Participant.system()), T0).get().conversation();
    Message reply = Message.builder().id(MessageId.of("c-9-1")).conversationId(closed.id()).author(Participant.ai()).content("Hi!")
        .createdAt(T0).build();
    Outcome receipt = LifecycleBridge.create().fire(closed,
        new Command.RecordDelivery(Participant.system(), reply, DeliveryStatus.READ, Option.none(), Option.none()), T0);
    assertThat(receipt.spring()).isEqualTo(StateMachineEventResult.ResultType.ACCEPTED);
    assertThat(receipt.verdict()).isEqualTo(Outcome.Verdict.ACCEPTED);
    assertThat(receipt.state()).isEqualTo(Status.CLOSED);
    Outcome note = LifecycleBridge.create().fire(closed, Command.AppendMessage.note(MessageId.of("n"), Participant.ai(), "x"), T0);
    assertThat(note.spring()).isEqualTo(StateMachineEventResult.ResultType.DENIED);
    assertThat(note.rule()).isEqualTo("closed-is-read-only");
  }

  @Test
  void aCellTheTableDeniesHasNoSpringTransition() {
    Outcome outcome = LifecycleBridge.create().fire(humanManaged("c-1"),
        Command.AppendMessage.of(MessageId.of("x"), Participant.ai(), "I can help"), T0);
    assertThat(outcome.spring()).isEqualTo(StateMachineEventResult.ResultType.DENIED);
    assertThat(outcome.rule()).isEqualTo("ai-never-talks-over-a-human");
  }

  @Test
  void aHostGuardCanSayNoAndItsExceptionsAreNotSwallowed() {
    LifecycleBridge strict = LifecycleBridge.builder().hostGuard((c, cmd) -> cmd.trigger() != Trigger.HAND_OFF).build();
    Outcome outcome = strict.fire(active("c-1"), Command.HandOff.toTeam(Participant.ai(), TeamId.of("s"), "asked"), T0);
    assertThat(outcome.verdict()).isEqualTo(Outcome.Verdict.DENIED);
    assertThat(outcome.rule()).isEqualTo(LifecycleBridge.HOST_GUARD_RULE);
    assertThat(outcome.state()).isEqualTo(Status.ACTIVE);

    LifecycleBridge failing = LifecycleBridge.builder().hostGuard((c, cmd) -> {
      throw new IllegalStateException("CRM unreachable");
    }).build();
    assertThatThrownBy(() -> failing.fire(active("c-1"), new Command.Resolve(Participant.ai(), "done"), T0))
        .isInstanceOf(IllegalStateException.class).hasMessage("CRM unreachable");
  }

  @Test
  void theModelHasTheTablesStatesAndOneTransitionPerTarget() {
    StateMachineModel<Status, Trigger> model = TableModelFactory.standard().build();
    assertThat(model.getStatesData().getStateData()).hasSize(Status.values().length);
    assertThat(model.getStatesData().getStateData()).filteredOn(s -> s.isInitial()).singleElement()
        .satisfies(s -> assertThat(s.getState()).isEqualTo(Status.NEW));
    assertThat(model.getStatesData().getStateData()).as("a closed conversation still takes receipts: no final state")
        .noneMatch(s -> s.isEnd());
    int targets = TransitionTable.standard().transitions().map(t -> t.targets().size()).sum().intValue();
    assertThat(model.getTransitionsData().getTransitions()).hasSize(targets);
    assertThat(model.getTransitionsData().getTransitions()).filteredOn(t -> t.getSource() == Status.CLOSED)
        .singleElement().satisfies(t -> {
          assertThat(t.getEvent()).isEqualTo(Trigger.RECORD_DELIVERY);
          assertThat(t.getTarget()).isEqualTo(Status.CLOSED);
        });
  }

  @Test
  void oneBridgeServesManyThreadsAndAgreesWithTheDomain() throws Exception {
    LifecycleBridge bridge = LifecycleBridge.create();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int n = thread;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            Conversation c = (i % 2 == 0) ? active("c-" + n + "-" + i) : humanManaged("c-" + n + "-" + i);
            Command command = new Command.Resolve(i % 3 == 0 ? JANE : Participant.ai(), "done");
            Outcome outcome = bridge.fire(c, command, T0);
            Status expected = Lifecycle.decide(c, command, T0).map(d -> d.conversation().status()).getOrElse(c.status());
            if (outcome.state() != expected) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
