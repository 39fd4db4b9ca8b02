package dev.conversation.persistence;

import dev.conversation.domain.TenantId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Which conversations wait for the AI agent, for {@link ConversationStore#turns}: those whose
 * AI turn is indexed ({@link dev.conversation.domain.Lifecycle#aiTurn}) and that no worker holds a
 * live claim on at {@code now}, in one tenant or across all, oldest turn first, after a
 * position, at most {@code limit}. Immutable; start from {@link #at(Instant)}.
 *
 * @param tenant the tenant, or none for every tenant
 * @param now the instant claims are judged at: a claim whose lease ends after it hides its turn
 * @param after the position of the last turn of the previous batch, if any
 * @param limit at most this many, 1 to {@value ConversationStore#MAX_TURN_BATCH}
 */
public record TurnQuery(Option<TenantId> tenant, Instant now, Option<Turn.Position> after, int limit) {

  /**
   * Creates the query.
   *
   * @throws IllegalArgumentException if the limit is out of range
   */
  public TurnQuery {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > ConversationStore.MAX_TURN_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + ConversationStore.MAX_TURN_BATCH + ": " + limit);
    }
  }

  /** Returns the query for the turns waiting at {@code now}, across tenants, first batch of 100. */
  public static TurnQuery at(Instant now) {
    return new TurnQuery(Option.none(), now, Option.none(), 100);
  }

  /** Returns this query in one tenant only. */
  public TurnQuery inTenant(TenantId value) {
    return new TurnQuery(Option.some(Objects.requireNonNull(value, "tenant")), now, after, limit);
  }

  /** Returns this query for the batch after {@code position}. */
  public TurnQuery after(Turn.Position position) {
    return new TurnQuery(tenant, now, Option.some(Objects.requireNonNull(position, "position")), limit);
  }

  /** Returns this query with another batch size. */
  public TurnQuery withLimit(int value) {
    return new TurnQuery(tenant, now, after, value);
  }
}
