package dev.conversation.domain;

import io.vavr.control.Validation;
import java.util.Objects;

/**
 * A label on a conversation ("vip", "refund"): 1 to {@value Limits#MAX_TAG} characters, not
 * blank, no control characters. Tags are compared exactly (case-sensitive).
 *
 * @param value the tag text
 */
public record Tag(String value) implements Comparable<Tag> {

  /**
   * Creates the tag.
   *
   * @throws IllegalArgumentException if the value breaks a rule; use {@link #parse} for input
   */
  public Tag {
    Objects.requireNonNull(value, "value");
    Text.orThrow(check("tag", value));
  }

  /** Returns the tag with the given value; see the constructor for the rules. */
  public static Tag of(String value) {
    return new Tag(value);
  }

  /** Checks user input, naming {@code field} in the violation if the tag breaks a rule. */
  public static Validation<Violation, Tag> parse(String field, String value) {
    Objects.requireNonNull(field, "field");
    return check(field, value).map(Tag::new);
  }

  private static Validation<Violation, String> check(String field, String value) {
    return Text.required(field, value, Limits.MAX_TAG)
        .flatMap(
            ok ->
                ok.codePoints().anyMatch(Character::isISOControl)
                    ? Validation.invalid(
                        new Violation(field, "no-control-characters", field + " must not contain control characters"))
                    : Validation.valid(ok));
  }

  @Override
  public int compareTo(Tag other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
