package dev.conversation.domain;

/** How urgent a conversation is for the human team. */
public enum Priority {
  /** Can wait. */
  LOW,
  /** The default. */
  NORMAL,
  /** Should be looked at soon. */
  HIGH,
  /** Needs attention now. */
  URGENT
}
