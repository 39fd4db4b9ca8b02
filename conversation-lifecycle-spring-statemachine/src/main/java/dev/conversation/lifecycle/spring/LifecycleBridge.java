package dev.conversation.lifecycle.spring;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Status;
import dev.conversation.domain.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.listener.StateMachineListener;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * Runs a conversation's event through a Spring state machine built from the lifecycle table, so
 * a host's Spring listeners see the same transitions the domain decides.
 *
 * <p>Each call loads a machine with the conversation's state (a reset, so no entry actions run)
 * and sends the command's {@link Trigger}. Guards ask the domain; the outcome reports Spring's
 * own result next to the bridge's verdict, which says {@link Outcome.Verdict#DENIED} with the
 * domain's rule when a guard said no (Spring reports that as ACCEPTED). An exception thrown by a
 * host guard is rethrown, not swallowed.
 *
 * <p>Thread-safe: a Spring machine is not, so each thread uses its own, reset on every call;
 * no machine is kept per conversation. The bridge stores nothing: persist the
 * {@link dev.conversation.domain.Decision} in {@link Outcome#domain()} as usual.
 */
public final class LifecycleBridge {

  /** The rule {@link Outcome#rule()} names when the host's own guard said no. */
  public static final String HOST_GUARD_RULE = "host-guard";

  private final StateMachineFactory<Status, Trigger> factory;
  private final List<StateMachineListener<Status, Trigger>> listeners;
  private final BiPredicate<Conversation, Command> hostGuard;
  private final ThreadLocal<Slot> machines = ThreadLocal.withInitial(Slot::new);

  private LifecycleBridge(List<StateMachineListener<Status, Trigger>> listeners, BiPredicate<Conversation, Command> hostGuard) {
    this.factory = factory();
    this.listeners = List.copyOf(listeners);
    this.hostGuard = hostGuard;
  }

  /** Returns a bridge with no listeners and no host guard. */
  public static LifecycleBridge create() {
    return builder().build();
  }

  /** Returns a builder for a bridge with listeners and a host guard. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a Spring {@link StateMachineFactory} over {@link TableModelFactory#standard()}, for
   * hosts that wire machines themselves. Its guards refuse events sent without the bridge's
   * headers; use {@link #fire} to send conversation events.
   */
  public static StateMachineFactory<Status, Trigger> factory() {
    StateMachineBuilder.Builder<Status, Trigger> builder = StateMachineBuilder.builder();
    try {
      builder.configureConfiguration().withConfiguration().autoStartup(false);
      builder.configureModel().withModel().factory(TableModelFactory.standard());
    } catch (Exception e) {
      throw new IllegalStateException("could not configure the Spring state machine", e);
    }
    return builder.createFactory();
  }

  /**
   * Runs {@code command} on {@code conversation} at {@code now} through a Spring machine.
   *
   * @return the outcome: Spring's result, the bridge's verdict, the machine's state afterwards
   *     and the domain's decision
   * @throws RuntimeException whatever the host guard threw
   */
  public Outcome fire(Conversation conversation, Command command, Instant now) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(now, "now");
    Slot slot = machines.get();
    StateMachine<Status, Trigger> machine = slot.busy ? newMachine() : slot.machine();
    boolean own = !slot.busy;
    slot.busy = true;
    try {
      load(machine, conversation.status());
      Call call = new Call(conversation, command, now, hostGuard);
      List<StateMachineEventResult<Status, Trigger>> results = machine
          .sendEvent(Mono.just(MessageBuilder.withPayload(command.trigger()).setHeader(Call.HEADER, call).build()))
          .collectList().block();
      if (call.failure != null) {
        throw call.failure;
      }
      StateMachineEventResult.ResultType spring =
          results == null || results.isEmpty() ? StateMachineEventResult.ResultType.DENIED : results.get(0).getResultType();
      boolean fired = call.result().isRight() && !call.hostDenied() && spring == StateMachineEventResult.ResultType.ACCEPTED;
      return new Outcome(fired ? Outcome.Verdict.ACCEPTED : Outcome.Verdict.DENIED, spring,
          machine.getState().getId(), call.result());
    } finally {
      if (own) {
        slot.busy = false;
        if (machine.isComplete() || machine.hasStateMachineError()) {
          slot.machine = null; // a machine that reached its final state does not run again
        }
      }
    }
  }

  private void load(StateMachine<Status, Trigger> machine, Status status) {
    machine.stopReactively().block();
    machine.getStateMachineAccessor().doWithAllRegions(access ->
        access.resetStateMachineReactively(new DefaultStateMachineContext<>(status, null, null, null)).block());
    machine.startReactively().block();
  }

  private StateMachine<Status, Trigger> newMachine() {
    StateMachine<Status, Trigger> machine = factory.getStateMachine();
    listeners.forEach(machine::addStateListener);
    return machine;
  }

  private final class Slot {
    private @Nullable StateMachine<Status, Trigger> machine;
    private boolean busy;

    StateMachine<Status, Trigger> machine() {
      if (machine == null) {
        machine = newMachine();
      }
      return machine;
    }
  }

  /** Builds a {@link LifecycleBridge}. Not thread-safe; the bridge it builds is. */
  public static final class Builder {
    private final List<StateMachineListener<Status, Trigger>> listeners = new ArrayList<>();
    private BiPredicate<Conversation, Command> hostGuard = (conversation, command) -> true;

    private Builder() {}

    /** Adds a listener every machine of the bridge notifies. */
    public Builder listener(StateMachineListener<Status, Trigger> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets an extra guard of the host's, asked after the domain accepted; when it says no the
     * event is denied with rule {@value LifecycleBridge#HOST_GUARD_RULE}, and what it throws is rethrown.
     */
    public Builder hostGuard(BiPredicate<Conversation, Command> guard) {
      this.hostGuard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /** Returns the bridge. */
    public LifecycleBridge build() {
      return new LifecycleBridge(listeners, hostGuard);
    }
  }
}
