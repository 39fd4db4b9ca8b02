package dev.conversation.domain;

import java.util.Objects;

/**
 * A denied cell of the {@link TransitionTable}: in state {@code from}, {@code trigger} is
 * rejected by {@code rule}.
 *
 * @param from the state
 * @param trigger the trigger
 * @param rule a stable, machine-readable rule name (for example {@code ai-never-talks-over-a-human})
 * @param reason why, and what to do instead, in words a developer can act on
 */
public record Denial(Status from, Trigger trigger, String rule, String reason) {

  /** Creates the denial; every argument is required. */
  public Denial {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }
}
