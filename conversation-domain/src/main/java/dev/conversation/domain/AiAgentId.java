package dev.conversation.domain;

/**
 * Identifies an AI agent configuration. Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record AiAgentId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public AiAgentId {
    Text.requireId(value, "aiAgentId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static AiAgentId of(String value) {
    return new AiAgentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
