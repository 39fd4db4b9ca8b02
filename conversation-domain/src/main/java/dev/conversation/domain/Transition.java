package dev.conversation.domain;

import io.vavr.collection.Set;
import java.util.Objects;

/**
 * An allowed cell of the {@link TransitionTable}: in state {@code from}, {@code trigger} by one
 * of {@code actors} moves the conversation to {@code target}. While a human owns the
 * conversation (it has an assignee), only {@code humanOwnedActors} may.
 *
 * @param from the state the rule applies in
 * @param trigger the trigger it applies to
 * @param actors who may issue the trigger in this state
 * @param humanOwnedActors who may issue it while a human owns the conversation; a subset of
 *     {@code actors}
 * @param target where the conversation goes
 * @param rule the rule in words
 */
public record Transition(
    Status from, Trigger trigger, Set<Actor> actors, Set<Actor> humanOwnedActors, Target target, String rule) {

  /** Creates the transition; every argument is required and the actor sets are not empty. */
  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(actors, "actors");
    Objects.requireNonNull(humanOwnedActors, "humanOwnedActors");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(rule, "rule");
    if (actors.isEmpty() || humanOwnedActors.isEmpty() || !actors.containsAll(humanOwnedActors)) {
      throw new IllegalArgumentException("actors must not be empty and must include humanOwnedActors");
    }
  }

  /** Returns who may issue the trigger given who owns the conversation. */
  public Set<Actor> actorsFor(Actor owner) {
    return owner == Actor.HUMAN_AGENT ? humanOwnedActors : actors;
  }

  /** Returns the states this transition can lead to. */
  public Set<Status> targets() {
    return target.possible(from, trigger);
  }
}
