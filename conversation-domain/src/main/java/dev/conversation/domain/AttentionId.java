package dev.conversation.domain;

/**
 * Identifies an attention item on a conversation. Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record AttentionId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public AttentionId {
    Text.requireId(value, "attentionId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static AttentionId of(String value) {
    return new AttentionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
