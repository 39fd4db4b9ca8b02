package dev.conversation.domain;

import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Objects;

/**
 * A user's handle or platform id on a social or workspace channel (Instagram, Facebook,
 * Slack): 1 to {@value Limits#MAX_ID} characters without whitespace.
 *
 * @param value the handle
 */
public record Handle(String value) implements ContactPoint {

  /**
   * Creates the handle.
   *
   * @throws IllegalArgumentException if {@code value} is empty, too long or has whitespace
   */
  public Handle {
    Objects.requireNonNull(value, "value");
    Option<Violation> problem = problem("handle", value);
    if (problem.isDefined()) {
      throw new IllegalArgumentException(problem.get().message());
    }
  }

  /** Checks user input, naming {@code field} in the violation if it is not a valid handle. */
  public static Validation<Violation, Handle> parse(String field, String value) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, field);
    return problem(field, value)
        .<Validation<Violation, Handle>>map(Validation::invalid)
        .getOrElse(() -> Validation.valid(new Handle(value)));
  }

  private static Option<Violation> problem(String field, String value) {
    if (value.isEmpty() || value.codePoints().anyMatch(Character::isWhitespace)) {
      return Option.some(
          new Violation(
              field, "handle", field + " must be a handle without whitespace, was '" + value + "'"));
    }
    return Text.bounded(field, value, Limits.MAX_ID).swap().toOption();
  }

  @Override
  public Kind kind() {
    return Kind.HANDLE;
  }
}
