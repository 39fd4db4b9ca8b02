package dev.conversation.persistence;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A conversation waiting for the AI agent's answer, as {@link ConversationStore#turns} finds it.
 * Immutable.
 *
 * @param tenant its tenant
 * @param conversation the conversation as stored
 * @param since when the AI's turn began ({@link Lifecycle#aiTurn}); the customer may have waited
 *     longer (a conversation handed to a human and back begins a new turn)
 */
public record Turn(TenantId tenant, Conversation conversation, Instant since) {

  /** Creates the value; every component is required. */
  public Turn {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(since, "since");
  }

  /** Returns where this turn stands in waiting order, for the next batch's {@link TurnQuery#after}. */
  public Position position() {
    return new Position(since, tenant, conversation.id());
  }

  /**
   * A place in turn order: the oldest turn first, then by tenant and conversation id in
   * code-point order.
   *
   * @param since when the turn began
   * @param tenant the tenant
   * @param id the conversation
   */
  public record Position(Instant since, TenantId tenant, ConversationId id) implements Comparable<Position> {

    /** Creates the position; every component is required. */
    public Position {
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(id, "id");
    }

    @Override
    public int compareTo(Position other) {
      int c = since.compareTo(other.since);
      if (c == 0) {
        c = Order.compareIds(tenant.value(), other.tenant.value());
      }
      return c != 0 ? c : Order.compareIds(id.value(), other.id.value());
    }
  }
}
