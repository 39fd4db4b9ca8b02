package dev.conversation.domain;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
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

  /**
   * Returns how long after {@link Lifecycle#timerSince} a conversation in this status is due:
   * zero for SNOOZED (it wakes at its time), {@link #autoResolveAfter} for WAITING,
   * {@link #autoCloseAfter} for RESOLVED; none where this policy sets no timer.
   */
  public Option<Duration> delay(Status status) {
    Objects.requireNonNull(status, "status");
    return switch (status) {
      case SNOOZED -> Option.some(Duration.ZERO);
      case WAITING -> autoResolveAfter;
      case RESOLVED -> autoCloseAfter;
      default -> Option.none();
    };
  }

  /**
   * Returns the latest {@link Lifecycle#timerSince} at which a conversation in this status is due
   * at {@code now}: {@code now} minus {@link #delay}; none where this policy sets no timer or the
   * delay reaches before the earliest instant.
   */
  public Option<Instant> cutoff(Status status, Instant now) {
    Objects.requireNonNull(now, "now");
    return delay(status).flatMap(d -> {
      try {
        return Option.some(now.minus(d));
      } catch (java.time.DateTimeException | ArithmeticException e) {
        return Option.none();
      }
    });
  }

  /** Returns a policy that only wakes snoozed conversations. */
  public static TimerPolicy wakeOnly() {
    return new TimerPolicy(Option.none(), Option.none());
  }
}
