package dev.conversation.service;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * What a command did. Immutable.
 *
 * @param conversation the conversation afterwards
 * @param messages the messages the command stored; for a replay, the original message
 * @param events the events the command stored, with their outbox positions (none for a replay or a no-op)
 * @param replayed whether the request repeated an earlier one (same idempotency key) and nothing new was stored
 */
public record Outcome(Conversation conversation, Seq<Message> messages, Seq<StoredEvent> events, boolean replayed) {

  /** Creates the outcome; every component is required. */
  public Outcome {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(events, "events");
  }

  /** Returns whether the command stored anything. */
  public boolean changed() {
    return events.nonEmpty();
  }
}
