package dev.conversation.domain;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * When time alone moves a conversation: how long a {@link Status#WAITING} conversation may stay
 * silent before it is resolved, and how long a {@link Status#RESOLVED} one stays reopenable
 * before it is closed. Snoozed conversations always wake at their time.
 *
 * @param autoResolveAfter silence after which WAITING resolves; none to never auto-resolve
 * @param autoCloseAfter grace period after which RESOLVED closes; none to never auto-close
 */
public record TimerPolicy(Option<Duration> autoResolveAfter, Option<Duration> autoCloseAfter) {

  /**
   * Creates the policy.
   *
   * @throws IllegalArgumentException if a duration is zero or negative
   */
  public TimerPolicy {
    Objects.requireNonNull(autoResolveAfter, "autoResolveAfter");
    Objects.requireNonNull(autoCloseAfter, "autoCloseAfter");
    if (autoResolveAfter.exists(d -> d.isNegative() || d.isZero())
        || autoCloseAfter.exists(d -> d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("timer durations must be positive");
    }
  }

  /** Returns a policy with both timers set. */
  public static TimerPolicy of(Duration autoResolveAfter, Duration autoCloseAfter) {
    return new TimerPolicy(Option.some(autoResolveAfter), Option.some(autoCloseAfter));
  }

  /** Returns a policy that only wakes snoozed conversations. */
  public static TimerPolicy wakeOnly() {
    return new TimerPolicy(Option.none(), Option.none());
  }
}
