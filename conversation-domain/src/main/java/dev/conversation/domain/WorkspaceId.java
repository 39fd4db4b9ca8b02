package dev.conversation.domain;

/**
 * Identifies a workspace (an inbox or brand within a tenant). Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record WorkspaceId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public WorkspaceId {
    Text.requireId(value, "workspaceId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static WorkspaceId of(String value) {
    return new WorkspaceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
