package dev.conversation.domain;

/**
 * Identifies an account: the company or organisation a contact belongs to. Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record AccountId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public AccountId {
    Text.requireId(value, "accountId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static AccountId of(String value) {
    return new AccountId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
