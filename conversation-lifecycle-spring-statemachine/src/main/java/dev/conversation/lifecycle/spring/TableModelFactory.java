package dev.conversation.lifecycle.spring;

import dev.conversation.domain.Status;
import dev.conversation.domain.Transition;
import dev.conversation.domain.TransitionTable;
import dev.conversation.domain.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.config.model.DefaultStateMachineModel;
import org.springframework.statemachine.config.model.StateData;
import org.springframework.statemachine.config.model.StateMachineModel;
import org.springframework.statemachine.config.model.StateMachineModelFactory;
import org.springframework.statemachine.config.model.StatesData;
import org.springframework.statemachine.config.model.TransitionData;
import org.springframework.statemachine.config.model.TransitionsData;
import org.springframework.statemachine.transition.TransitionKind;
import reactor.core.publisher.Mono;

/**
 * A Spring Statemachine model built from a {@link TransitionTable}: one state per
 * {@link Status} ({@link Status#NEW} initial; none final, since a closed conversation still takes
 * channel receipts, which Spring would refuse in a final state), and for every allowed
 * cell one transition per state it can lead to. A transition that stays in its state is
 * {@link TransitionKind#INTERNAL} (no exit or entry). Denied cells have no transition, so Spring
 * denies them itself.
 *
 * <p>Every transition is guarded by the domain: it passes exactly when
 * {@link dev.conversation.domain.Lifecycle#decide} accepts the event's command and lands in that
 * transition's target. The guard reads the decision from the event's headers, which
 * {@link LifecycleBridge} sets; an event sent without them is refused by every guard.
 *
 * <p>Immutable and thread-safe; {@link #build()} returns a new model each time.
 */
public final class TableModelFactory implements StateMachineModelFactory<Status, Trigger> {

  private final TransitionTable table;

  /** Creates a factory for the given table. */
  public TableModelFactory(TransitionTable table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  /** Returns a factory for {@link TransitionTable#standard()}. */
  public static TableModelFactory standard() {
    return new TableModelFactory(TransitionTable.standard());
  }

  @Override
  public StateMachineModel<Status, Trigger> build() {
    List<StateData<Status, Trigger>> states = new ArrayList<>();
    for (Status status : Status.values()) {
      states.add(new StateData<>(status, status == Status.NEW));
    }
    List<TransitionData<Status, Trigger>> transitions = new ArrayList<>();
    for (Transition t : table.transitions()) {
      for (Status to : t.targets()) {
        transitions.add(new TransitionData<>(t.from(), to, t.trigger(), List.of(Call::record), guard(to),
            to == t.from() ? TransitionKind.INTERNAL : TransitionKind.EXTERNAL,
            TransitionTable.label(t, to)));
      }
    }
    return new DefaultStateMachineModel<>(null, new StatesData<>(states), new TransitionsData<>(transitions));
  }

  @Override
  public StateMachineModel<Status, Trigger> build(String machineId) {
    return build();
  }

  private static Function<StateContext<Status, Trigger>, Mono<Boolean>> guard(Status to) {
    return context -> Mono.fromSupplier(() -> Call.of(context).map(call -> call.allows(to)).orElse(false));
  }
}
