package dev.conversation.persistence;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A conversation whose timer is due, as {@link ConversationStore#due} finds it. Immutable.
 *
 * @param tenant its tenant
 * @param conversation the conversation as stored
 * @param dueAt when its timer became due, as indexed: its timer instant plus the delay of the
 *     policy it was last written under
 */
public record Due(TenantId tenant, Conversation conversation, Instant dueAt) {

  /** Creates the value; every component is required. */
  public Due {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** Returns where this conversation stands in due order, for the next batch's {@link DueQuery#after}. */
  public Position position() {
    return new Position(dueAt, tenant, conversation.id());
  }

  /**
   * A place in due order: earliest due first, then by tenant and conversation id in code-point order.
   *
   * @param dueAt when the timer became due
   * @param tenant the tenant
   * @param id the conversation
   */
  public record Position(Instant dueAt, TenantId tenant, ConversationId id) implements Comparable<Position> {

    /** Creates the position; every component is required. */
    public Position {
      Objects.requireNonNull(dueAt, "dueAt");
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(id, "id");
    }

    @Override
    public int compareTo(Position other) {
      int c = dueAt.compareTo(other.dueAt);
      if (c == 0) {
        c = Order.compareIds(tenant.value(), other.tenant.value());
      }
      return c != 0 ? c : Order.compareIds(id.value(), other.id.value());
    }
  }
}
