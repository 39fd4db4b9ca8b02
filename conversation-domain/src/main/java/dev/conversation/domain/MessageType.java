package dev.conversation.domain;

/**
 * The kind of a message's content, which decides its audience ({@link Visibility}).
 * Attachments are planned (see the CHANGELOG).
 */
public enum MessageType {
  /** Plain text visible to both sides. */
  TEXT,
  /**
   * An internal note: written by a human agent, the AI agent (a suggestion or summary for the
   * human, a "whisper") or the system, for the staff only. It never reaches the customer, and
   * never changes the status, the owner, whose turn it is, the unread state, the message count
   * or the last-message preview.
   */
  NOTE
}
