package dev.conversation.domain;

import io.vavr.control.Validation;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An e-mail address: a local part, {@code @}, and a domain with at least one dot; no spaces;
 * at most 254 characters. This is the pragmatic subset real mail providers accept, not the
 * whole of RFC 5322 (quoted local parts and address literals are rejected).
 *
 * @param value the address
 */
public record EmailAddress(String value) implements ContactPoint {

  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  private static final int MAX = 254;

  /**
   * Creates the address.
   *
   * @throws IllegalArgumentException if {@code value} is malformed; use {@link #parse} for input
   */
  public EmailAddress {
    Objects.requireNonNull(value, "value");
    if (!valid(value)) {
      throw new IllegalArgumentException(message("email", value));
    }
  }

  /** Checks user input, naming {@code field} in the violation if it is malformed. */
  public static Validation<Violation, EmailAddress> parse(String field, String value) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, field);
    return valid(value)
        ? Validation.valid(new EmailAddress(value))
        : Validation.invalid(new Violation(field, "email", message(field, value)));
  }

  private static boolean valid(String value) {
    return value.length() <= MAX && ADDRESS.matcher(value).matches();
  }

  private static String message(String field, String value) {
    return field
        + " must be an e-mail address such as jane@example.com (at most "
        + MAX
        + " characters), was '"
        + value
        + "'";
  }

  @Override
  public Kind kind() {
    return Kind.EMAIL;
  }
}
