package dev.conversation.service;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import java.util.Objects;

/**
 * Where {@link Conversations#receive} put an inbound message. Immutable.
 *
 * @param outcome what was stored: the conversation afterwards and the message (for a
 *     {@link Delivery#DUPLICATE}, the original message and nothing new)
 * @param delivery how the message reached its conversation
 * @param contactId the sender's contact
 * @param contactCreated whether the contact was saved for this message (the address was new)
 */
public record Received(Outcome outcome, Delivery delivery, ContactId contactId, boolean contactCreated) {

  /** Creates the value; every component is required. */
  public Received {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(contactId, "contactId");
  }

  /** Returns the conversation that received the message. */
  public ConversationId conversationId() {
    return outcome.conversation().id();
  }

  /** Returns the stored message (the original one for a duplicate). */
  public Message message() {
    return outcome.messages().head();
  }

  /** How an inbound message reached its conversation. */
  public enum Delivery {
    /** The sender had no conversation on this channel: a new one was created. */
    CREATED,
    /** Appended to the sender's open conversation, whose status did not change by it but for the customer's turn. */
    CONTINUED,
    /** Appended to the sender's RESOLVED conversation, which it reopened. */
    REOPENED,
    /** Appended to the sender's SNOOZED conversation, which it woke. */
    WOKEN,
    /**
     * The sender's latest conversation was CLOSED (or RESOLVED under
     * {@link AfterResolved#FOLLOW_UP}, and closed now): a follow-up linked to it was created.
     */
    FOLLOW_UP,
    /** The provider message id was received before: nothing was stored, the original is returned. */
    DUPLICATE
  }
}
