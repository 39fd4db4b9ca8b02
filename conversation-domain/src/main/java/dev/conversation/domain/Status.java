package dev.conversation.domain;

/** The lifecycle states of a conversation. See {@link TransitionTable} for the moves. */
public enum Status {
  /** Created; no agent reply yet. */
  NEW,
  /** The AI agent owns it and it is the agent's turn. */
  ACTIVE,
  /** An agent replied; awaiting the customer. */
  WAITING,
  /** A human agent or team has taken over; the AI must not reply. */
  HUMAN_MANAGED,
  /** Parked until a time or the customer's next message. */
  SNOOZED,
  /** Resolved with an outcome, by the AI or a human; can reopen. */
  RESOLVED,
  /** Terminal and read-only; a later message starts a follow-up conversation. */
  CLOSED;

  /** Returns whether the conversation is neither resolved nor closed. */
  public boolean isOpen() {
    return this != RESOLVED && this != CLOSED;
  }
}
