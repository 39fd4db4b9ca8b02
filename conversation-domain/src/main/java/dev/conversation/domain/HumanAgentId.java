package dev.conversation.domain;

/**
 * Identifies a human agent. Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record HumanAgentId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public HumanAgentId {
    Text.requireId(value, "humanAgentId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static HumanAgentId of(String value) {
    return new HumanAgentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
