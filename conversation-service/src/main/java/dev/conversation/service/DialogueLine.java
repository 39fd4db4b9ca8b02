package dev.conversation.service;

import dev.conversation.domain.Actor;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a conversation's dialogue as a language model sees it ({@link Conversations#dialogue}):
 * who spoke (the customer, the AI agent or a human agent) and the text, attachments named in it.
 *
 * @param id the stored message's id
 * @param speaker {@link Actor#CUSTOMER}, {@link Actor#AI_AGENT} or {@link Actor#HUMAN_AGENT}
 * @param text the message's content, then one {@code [attachment: name (media type): caption]} line
 *     per attachment; never empty
 * @param at when it was written
 */
public record DialogueLine(MessageId id, Actor speaker, String text, Instant at) {

  /** Creates a line; every component is required and the speaker is not the system. */
  public DialogueLine {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
    if (speaker == Actor.SYSTEM) {
      throw new IllegalArgumentException("speaker must be the customer or an agent, was SYSTEM");
    }
  }

  /** Whether the customer said it (else an agent, speaking for the business). */
  public boolean byCustomer() {
    return speaker == Actor.CUSTOMER;
  }

  /** The line a stored message becomes; the message must not be the system's. */
  static DialogueLine of(Message m) {
    StringBuilder out = new StringBuilder(m.content());
    for (Attachment a : m.attachments()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append("[attachment: ").append(a.name()).append(" (").append(a.mediaType()).append(')');
      a.caption().forEach(c -> out.append(": ").append(c));
      out.append(']');
    }
    return new DialogueLine(m.id(), m.author().actor(), out.toString(), m.createdAt());
  }
}
