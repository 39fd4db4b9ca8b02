package dev.conversation.persistence;

import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerKind;
import dev.conversation.domain.TimerPolicy;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which conversations' timers are due, for {@link ConversationStore#due}: those whose
 * {@linkplain Lifecycle#timer timer} is of a kind with a delay here and whose instant plus that
 * delay is at or before {@code now}, in one tenant or across all, in due order, after a position,
 * at most {@code limit}. Immutable; start from {@link #of(TimerPolicy, Instant)}.
 *
 * @param tenant the tenant, or none for every tenant (a runner needs no list of tenants)
 * @param delays the delay per timer kind; a kind without one is never due
 * @param now the instant the timers are due at
 * @param after the position of the last conversation of the previous batch, if any
 * @param limit at most this many, 1 to {@value ConversationStore#MAX_DUE_BATCH}
 */
public record DueQuery(Option<TenantId> tenant, Map<TimerKind, Duration> delays, Instant now, Option<Due.Position> after, int limit) {

  /**
   * Creates the query.
   *
   * @throws IllegalArgumentException if a delay is negative, or the limit is out of range
   */
  public DueQuery {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(delays, "delays");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(after, "after");
    delays.forEach((kind, delay) -> {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delays: the delay of " + kind + " must not be negative: " + delay);
      }
    });
    if (limit < 1 || limit > ConversationStore.MAX_DUE_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + ConversationStore.MAX_DUE_BATCH + ": " + limit);
    }
  }

  /** Returns the query for what {@code policy} makes due at {@code now}, across tenants, first batch of the most. */
  public static DueQuery of(TimerPolicy policy, Instant now) {
    Objects.requireNonNull(policy, "policy");
    Map<TimerKind, Duration> delays = LinkedHashMap.empty();
    for (TimerKind kind : TimerKind.values()) {
      Option<Duration> delay = policy.delay(kind);
      if (delay.isDefined()) {
        delays = delays.put(kind, delay.get());
      }
    }
    return of(delays, now);
  }

  /** Returns the query for these delays at {@code now}, across tenants, first batch of the most. */
  public static DueQuery of(Map<TimerKind, Duration> delays, Instant now) {
    return new DueQuery(Option.none(), delays, now, Option.none(), ConversationStore.MAX_DUE_BATCH);
  }

  /** Returns this query in one tenant only. */
  public DueQuery inTenant(TenantId value) {
    return new DueQuery(Option.some(Objects.requireNonNull(value, "tenant")), delays, now, after, limit);
  }

  /** Returns this query for the batch after {@code position}. */
  public DueQuery after(Due.Position position) {
    return new DueQuery(tenant, delays, now, Option.some(Objects.requireNonNull(position, "position")), limit);
  }

  /** Returns this query with another batch size. */
  public DueQuery withLimit(int value) {
    return new DueQuery(tenant, delays, now, after, value);
  }

  /**
   * Returns the latest instant a timer of this kind may count from and be due ({@code now} minus
   * its delay), or none if the kind has no delay here or the delay reaches before the earliest
   * instant.
   */
  public Option<Instant> cutoff(TimerKind kind) {
    return delays.get(kind).flatMap(d -> {
      try {
        return Option.some(now.minus(d));
      } catch (java.time.DateTimeException | ArithmeticException e) {
        return Option.none();
      }
    });
  }
}
