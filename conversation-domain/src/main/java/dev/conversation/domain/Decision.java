package dev.conversation.domain;

import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * The result of an accepted command: the new conversation, the messages it appended and the
 * events it emitted, to be stored together. Immutable and thread-safe.
 *
 * <p>A decision with no events changed nothing (for example a metadata update that set what was
 * already set): the conversation is the one given, with the same version, and there is nothing
 * to store.
 *
 * @param conversation the conversation after the change
 * @param messages the messages appended, in order
 * @param events the events emitted, in order
 * @param updated messages stored earlier that the decision changed (the delivery status of an
 *     outbound message), as they are now: stores replace them by id
 */
public record Decision(Conversation conversation, Seq<Message> messages, Seq<DomainEvent> events, Seq<Message> updated) {

  /** Creates the decision; every component is required. */
  public Decision {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(updated, "updated");
  }

  /** Creates a decision that changes no stored message. */
  public Decision(Conversation conversation, Seq<Message> messages, Seq<DomainEvent> events) {
    this(conversation, messages, events, io.vavr.collection.List.empty());
  }

  /** Returns whether anything changed, that is, whether there is something to store. */
  public boolean changed() {
    return events.nonEmpty();
  }
}
