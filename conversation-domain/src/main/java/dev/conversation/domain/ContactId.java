package dev.conversation.domain;

/**
 * Identifies a contact: the person on the customer side. Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record ContactId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public ContactId {
    Text.requireId(value, "contactId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static ContactId of(String value) {
    return new ContactId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
