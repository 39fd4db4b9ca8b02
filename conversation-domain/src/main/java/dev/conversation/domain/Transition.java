package dev.conversation.domain;

import io.vavr.collection.Set;
import java.util.Objects;

/**
 * An allowed cell of the {@link TransitionTable}: in state {@code from}, {@code trigger} by one
 * of {@code actors} moves the conversation to {@code target}.
 *
 * @param from the state the rule applies in
 * @param trigger the trigger it applies to
 * @param actors who may issue the trigger in this state
 * @param target where the conversation goes
 * @param rule the rule in words
 */
public record Transition(Status from, Trigger trigger, Set<Actor> actors, Target target, String rule) {

  /** Creates the transition; every argument is required and {@code actors} is not empty. */
  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(actors, "actors");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(rule, "rule");
    if (actors.isEmpty()) {
      throw new IllegalArgumentException("actors must not be empty");
    }
  }

  /** Returns the states this transition can lead to. */
  public Set<Status> targets() {
    return target.possible(from, trigger);
  }
}
