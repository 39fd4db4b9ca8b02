package dev.conversation.domain;

import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When time alone moves a conversation, every duration optional: how long a {@link Status#WAITING}
 * conversation may stay silent before it is resolved, how long a {@link Status#RESOLVED} one stays
 * reopenable before it is closed, how long a {@link Status#HUMAN_MANAGED} one may stay untouched
 * before it is resolved, and how soon a customer must get a first and a next reply before an
 * attention item says the target was missed. Snoozed conversations always wake at their time.
 * Immutable; start from {@link #wakeOnly()} or {@link #of} and add with the {@code with...} methods.
 *
 * @param autoResolveAfter silence after which WAITING resolves; none to never auto-resolve
 * @param autoCloseAfter grace period after which RESOLVED closes; none to never auto-close
 * @param resolveIdleHumanAfter time without any change after which HUMAN_MANAGED resolves, unless
 *     the customer is waiting for a reply; none (the default) to leave human-managed conversations
 *     to their humans
 * @param firstReplyWithin how soon the first agent reply is due; none for no target
 * @param nextReplyWithin how soon every later agent reply is due; none for no target
 */
public record TimerPolicy(
    Option<Duration> autoResolveAfter,
    Option<Duration> autoCloseAfter,
    Option<Duration> resolveIdleHumanAfter,
    Option<Duration> firstReplyWithin,
    Option<Duration> nextReplyWithin) {

  /**
   * Creates the policy.
   *
   * @throws IllegalArgumentException if a duration is zero or negative, naming it
   */
  public TimerPolicy {
    positive("autoResolveAfter", autoResolveAfter);
    positive("autoCloseAfter", autoCloseAfter);
    positive("resolveIdleHumanAfter", resolveIdleHumanAfter);
    positive("firstReplyWithin", firstReplyWithin);
    positive("nextReplyWithin", nextReplyWithin);
  }

  /** Creates a policy with the two lifecycle timers and nothing else. */
  public TimerPolicy(Option<Duration> autoResolveAfter, Option<Duration> autoCloseAfter) {
    this(autoResolveAfter, autoCloseAfter, Option.none(), Option.none(), Option.none());
  }

  private static void positive(String name, Option<Duration> value) {
    Objects.requireNonNull(value, name);
    if (value.exists(d -> d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + value.get());
    }
  }

  /** Returns a policy with both lifecycle timers set. */
  public static TimerPolicy of(Duration autoResolveAfter, Duration autoCloseAfter) {
    return new TimerPolicy(Option.some(autoResolveAfter), Option.some(autoCloseAfter));
  }

  /** Returns this policy resolving HUMAN_MANAGED conversations untouched for {@code value}. */
  public TimerPolicy withResolveIdleHumanAfter(Duration value) {
    return new TimerPolicy(autoResolveAfter, autoCloseAfter, Option.some(value), firstReplyWithin, nextReplyWithin);
  }

  /** Returns this policy with a first-reply target of {@code value}. */
  public TimerPolicy withFirstReplyWithin(Duration value) {
    return new TimerPolicy(autoResolveAfter, autoCloseAfter, resolveIdleHumanAfter, Option.some(value), nextReplyWithin);
  }

  /** Returns this policy with a next-reply target of {@code value}. */
  public TimerPolicy withNextReplyWithin(Duration value) {
    return new TimerPolicy(autoResolveAfter, autoCloseAfter, resolveIdleHumanAfter, firstReplyWithin, Option.some(value));
  }

  /**
   * Returns how long after the instant {@link Lifecycle#timer} gives this timer is due: zero for
   * {@link TimerKind#WAKE} (a snoozed conversation wakes at its time), otherwise the matching
   * duration of this policy; none where this policy sets none.
   */
  public Option<Duration> delay(TimerKind kind) {
    Objects.requireNonNull(kind, "kind");
    return switch (kind) {
      case WAKE -> Option.some(Duration.ZERO);
      case AUTO_RESOLVE -> autoResolveAfter;
      case AUTO_CLOSE -> autoCloseAfter;
      case IDLE_RESOLVE -> resolveIdleHumanAfter;
      case FIRST_REPLY -> firstReplyWithin;
      case NEXT_REPLY -> nextReplyWithin;
    };
  }

  /**
   * Returns the latest instant a timer of this kind may count from and be due at {@code now}:
   * {@code now} minus {@link #delay}; none where this policy sets no delay or the delay reaches
   * before the earliest instant.
   */
  public Option<Instant> cutoff(TimerKind kind, Instant now) {
    Objects.requireNonNull(now, "now");
    return minus(now, delay(kind));
  }

  private static Option<Instant> minus(Instant now, Option<Duration> delay) {
    return delay.flatMap(d -> {
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
