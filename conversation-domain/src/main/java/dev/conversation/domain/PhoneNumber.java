package dev.conversation.domain;

import io.vavr.control.Validation;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form: a plus sign, a country code not starting with zero, and at
 * most 15 digits in all (for example {@code +4915112345678}). No spaces or punctuation.
 *
 * @param value the number in E.164 form
 */
public record PhoneNumber(String value) implements ContactPoint {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  /**
   * Creates the number.
   *
   * @throws IllegalArgumentException if {@code value} is not E.164; use {@link #parse} for input
   */
  public PhoneNumber {
    Objects.requireNonNull(value, "value");
    if (!E164.matcher(value).matches()) {
      throw new IllegalArgumentException(message("phone", value));
    }
  }

  /** Checks user input, naming {@code field} in the violation if it is not E.164. */
  public static Validation<Violation, PhoneNumber> parse(String field, String value) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, field);
    return E164.matcher(value).matches()
        ? Validation.valid(new PhoneNumber(value))
        : Validation.invalid(new Violation(field, "e164", message(field, value)));
  }

  private static String message(String field, String value) {
    return field
        + " must be an E.164 phone number such as +4915112345678 (plus sign, country code,"
        + " up to 15 digits, no spaces), was '"
        + value
        + "'";
  }

  @Override
  public Kind kind() {
    return Kind.PHONE;
  }
}
