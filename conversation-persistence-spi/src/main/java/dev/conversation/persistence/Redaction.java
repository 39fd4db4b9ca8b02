package dev.conversation.persistence;

import dev.conversation.domain.Conversation;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What {@link ConversationStore#erase} rewrote in one conversation. Immutable.
 *
 * @param conversation the conversation as stored after it
 * @param messages how many messages held personal data and were rewritten
 * @param events how many of its events held personal data and were rewritten
 * @param erased the {@code Erased} event appended, none if the conversation held nothing to erase
 */
public record Redaction(Conversation conversation, long messages, long events, Option<StoredEvent> erased) {

  /** Creates the value; every component is required and the counts are not negative. */
  public Redaction {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(erased, "erased");
    if (messages < 0 || events < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + messages + ", " + events);
    }
  }

  /** Whether anything was rewritten: false for a conversation erased before. */
  public boolean changed() {
    return erased.isDefined();
  }
}
