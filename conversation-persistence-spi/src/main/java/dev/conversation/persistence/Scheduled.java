package dev.conversation.persistence;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A conversation that runs a timer, with the due instant its store indexed, as {@link
 * ConversationStore#scheduled} walks them. Immutable.
 *
 * @param tenant its tenant
 * @param conversation the conversation as stored
 * @param dueAt when its timer falls due under the policy of its last write; none if that policy
 *     sets no delay for its timer
 */
public record Scheduled(TenantId tenant, Conversation conversation, Option<Instant> dueAt) {

  /** Creates the value; every component is required. */
  public Scheduled {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** Returns where this conversation stands in the walk, for the next batch. */
  public Key key() {
    return new Key(tenant, conversation.id());
  }

  /**
   * A place in the walk: by tenant, then conversation id, in code-point order.
   *
   * @param tenant the tenant
   * @param id the conversation
   */
  public record Key(TenantId tenant, ConversationId id) implements Comparable<Key> {

    /** Creates the key; every component is required. */
    public Key {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(id, "id");
    }

    @Override
    public int compareTo(Key other) {
      int c = Order.compareIds(tenant.value(), other.tenant.value());
      return c != 0 ? c : Order.compareIds(id.value(), other.id.value());
    }
  }
}
