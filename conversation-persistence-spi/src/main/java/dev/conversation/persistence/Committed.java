package dev.conversation.persistence;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * What a {@link ConversationStore#commit commit} stored: the conversation as it now is, the
 * messages appended, and the events with their outbox positions. Immutable.
 *
 * @param conversation the stored conversation header
 * @param messages the messages appended by the commit, in order
 * @param events the events of the commit with their positions, in order
 */
public record Committed(Conversation conversation, Seq<Message> messages, Seq<StoredEvent> events) {

  /** Creates the value; every component is required. */
  public Committed {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(events, "events");
  }
}
