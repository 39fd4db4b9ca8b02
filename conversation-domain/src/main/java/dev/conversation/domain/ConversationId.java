package dev.conversation.domain;

import io.vavr.control.Validation;

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

  /**
   * Reads an identifier from client input (a path segment, a query parameter), reporting a bad
   * one as a {@link Violation} of {@code field} instead of throwing: rule {@code not-blank},
   * {@code max-length} (more than {@value Limits#MAX_ID} code points) or {@code malformed-text}
   * (a NUL character or an unpaired surrogate).
   *
   * @throws NullPointerException if either argument is null
   */
  public static Validation<Violation, ConversationId> parse(String field, String value) {
    java.util.Objects.requireNonNull(field, "field");
    return Text.required(field, value, Limits.MAX_ID).map(ConversationId::new);
  }

  @Override
  public String toString() {
    return value;
  }
}
