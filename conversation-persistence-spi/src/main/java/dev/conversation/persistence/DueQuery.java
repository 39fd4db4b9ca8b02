package dev.conversation.persistence;

import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.TenantId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Which conversations' timers are due, for {@link ConversationStore#due}: those whose due instant,
 * indexed under the policy of their last write ({@link Lifecycle#dueAt}), is at or before {@code
 * now}, in one tenant or across all, in due order, after a position, at most {@code limit}.
 * Immutable; start from {@link #at(Instant)}.
 *
 * @param tenant the tenant, or none for every tenant (a runner needs no list of tenants)
 * @param now the instant the timers are due at
 * @param after the position of the last conversation of the previous batch, if any
 * @param limit at most this many, 1 to {@value ConversationStore#MAX_DUE_BATCH}
 */
public record DueQuery(Option<TenantId> tenant, Instant now, Option<Due.Position> after, int limit) {

  /**
   * Creates the query.
   *
   * @throws IllegalArgumentException if the limit is out of range
   */
  public DueQuery {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > ConversationStore.MAX_DUE_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + ConversationStore.MAX_DUE_BATCH + ": " + limit);
    }
  }

  /** Returns the query for what is due at {@code now}, across tenants, first batch of the most. */
  public static DueQuery at(Instant now) {
    return new DueQuery(Option.none(), now, Option.none(), ConversationStore.MAX_DUE_BATCH);
  }

  /** Returns this query in one tenant only. */
  public DueQuery inTenant(TenantId value) {
    return new DueQuery(Option.some(Objects.requireNonNull(value, "tenant")), now, after, limit);
  }

  /** Returns this query for the batch after {@code position}. */
  public DueQuery after(Due.Position position) {
    return new DueQuery(tenant, now, Option.some(Objects.requireNonNull(position, "position")), limit);
  }

  /** Returns this query with another batch size. */
  public DueQuery withLimit(int value) {
    return new DueQuery(tenant, now, after, value);
  }
}
