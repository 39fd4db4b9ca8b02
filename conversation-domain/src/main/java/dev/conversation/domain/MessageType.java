package dev.conversation.domain;

/** The kind of a message's content. Notes and attachments are planned (see the CHANGELOG). */
public enum MessageType {
  /** Plain text visible to both sides. */
  TEXT
}
