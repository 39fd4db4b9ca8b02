package dev.conversation.domain;

import java.util.Objects;

/**
 * One problem with one field of an input: which field, which rule it broke and a message a
 * developer or an end user can act on.
 *
 * @param field the input field, in the caller's terms (for example {@code "content"} or
 *     {@code "tags[2]"})
 * @param rule a stable, machine-readable rule name (for example {@code "max-length"})
 * @param message a sentence saying what is wrong and what is accepted
 */
public record Violation(String field, String rule, String message) {

  /** Creates a violation; every argument is required. */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message + " [" + rule + "]";
  }
}
