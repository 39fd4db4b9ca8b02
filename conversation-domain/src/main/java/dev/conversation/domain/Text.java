package dev.conversation.domain;

import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Objects;

/** Field checks shared by every input in this package. */
final class Text {

  private Text() {}

  static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  /** Required, non-blank text of at most {@code max} characters. */
  static Validation<Violation, String> required(String field, String value, int max) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      return Validation.invalid(new Violation(field, "not-blank", field + " must not be blank"));
    }
    return bounded(field, value, max);
  }

  /** Optional text: absent is fine; present must be non-blank and at most {@code max}. */
  static Validation<Violation, Option<String>> optional(
      String field, Option<String> value, int max) {
    Objects.requireNonNull(value, field);
    return value.isEmpty()
        ? Validation.valid(Option.none())
        : required(field, value.get(), max).map(Option::some);
  }

  static Validation<Violation, String> bounded(String field, String value, int max) {
    if (!wellFormed(value)) {
      return Validation.invalid(new Violation(field, "malformed-text", field + " " + WELL_FORMED));
    }
    int length = length(value); // constant time for text that is Latin-1 only
    return length <= max
        ? Validation.valid(value)
        : Validation.invalid(
            new Violation(
                field,
                "max-length",
                field + " is " + length + " characters long; the limit is " + max));
  }

  private static final String WELL_FORMED =
      "must be well-formed Unicode text: no NUL character and no unpaired surrogate";

  /**
   * Whether {@code value} is text every store and wire format can keep exactly: no U+0000 (which
   * PostgreSQL's text type refuses) and no unpaired UTF-16 surrogate (which UTF-8 cannot encode).
   */
  static boolean wellFormed(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000' || Character.isLowSurrogate(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /** Whether {@link #required} accepts {@code value}; allocates nothing (commands check this first). */
  static boolean isRequired(String value, int max) {
    return !value.isBlank() && wellFormed(value) && length(value) <= max;
  }

  /**
   * Throws {@link IllegalArgumentException} with {@link #required}'s message unless {@code value}
   * is valid required text; allocates nothing when it is (structural checks run on every decision).
   */
  static void requireText(String field, String value, int max) {
    if (!isRequired(value, max)) {
      throw new IllegalArgumentException(required(field, value, max).getError().message());
    }
  }

  /** Returns the valid value, or throws {@link IllegalArgumentException} with its message. */
  static <T> T orThrow(Validation<Violation, T> validation) {
    if (validation.isInvalid()) {
      throw new IllegalArgumentException(validation.getError().message());
    }
    return validation.get();
  }

  /** Throws for a programming error: a blank or oversized identifier. */
  static void requireId(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank() || length(value) > Limits.MAX_ID) {
      throw new IllegalArgumentException(
          name + " must be 1 to " + Limits.MAX_ID + " non-blank characters, was '" + value + "'");
    }
    if (!wellFormed(value)) {
      throw new IllegalArgumentException(name + " " + WELL_FORMED);
    }
  }

  /** The first {@link Limits#PREVIEW} code points of {@code content}. */
  static String preview(String content) {
    if (length(content) <= Limits.PREVIEW) {
      return content;
    }
    return content.substring(0, content.offsetByCodePoints(0, Limits.PREVIEW - 1)) + "…";
  }
}
