package dev.conversation.domain;

/**
 * Identifies a conversation. Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record ConversationId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public ConversationId {
    Text.requireId(value, "conversationId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static ConversationId of(String value) {
    return new ConversationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
