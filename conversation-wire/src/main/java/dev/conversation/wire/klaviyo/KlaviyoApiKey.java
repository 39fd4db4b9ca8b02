package dev.conversation.wire.klaviyo;

import dev.conversation.wire.ApiError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A private API key taken from an {@code Authorization: Klaviyo-API-Key <key>} header.
 *
 * <p>Parsing checks the header's shape only; whether the key is known, and what it may read, is
 * the host's decision ({@code KlaviyoProblem.invalidApiKey()} when it is not). The scheme is
 * matched case-insensitively, as HTTP authentication schemes are; one or more spaces separate it
 * from the key; the key is one or more visible ASCII characters (no spaces, no control
 * characters). Its format ({@code pk_...}) is not checked, so test and legacy keys pass.
 *
 * <p>{@link #toString()} never shows the key, and no error repeats the header.
 * Immutable and thread-safe; compared by value.
 *
 * @param value the key
 */
public record KlaviyoApiKey(String value) {

  /** The header's name, {@code Authorization}. */
  public static final String HEADER = "Authorization";

  /** The authentication scheme, {@code Klaviyo-API-Key}. */
  public static final String SCHEME = "Klaviyo-API-Key";

  /**
   * Creates the key.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty or holds a character outside
   *     visible ASCII (spaces included)
   */
  public KlaviyoApiKey {
    Objects.requireNonNull(value, "value");
    if (!visibleAscii(value)) {
      throw new IllegalArgumentException("value must be one or more visible ASCII characters");
    }
  }

  /**
   * Reads the key from a request's {@code Authorization} header.
   *
   * @param header the header's value; none (or blank) when the request has none
   * @return the key, or a 401 naming {@code Authorization} and the rule broken
   *     ({@code required}, {@code scheme}, {@code key-required}, {@code key-characters})
   */
  static Either<ApiError, KlaviyoApiKey> fromHeader(Option<String> header) {
    Objects.requireNonNull(header, "header");
    String value = Problems.trimOws(header.getOrElse(""));
    if (value.isEmpty()) {
      return Either.left(KlaviyoProblem.missingApiKey());
    }
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.equalsIgnoreCase(SCHEME)) {
      return Either.left(KlaviyoProblem.malformedAuthorization(KlaviyoProblem.SCHEME));
    }
    String key = space < 0 ? "" : value.substring(space).replaceFirst("^ +", "");
    if (key.isEmpty()) {
      return Either.left(KlaviyoProblem.malformedAuthorization(KlaviyoProblem.KEY_REQUIRED));
    }
    if (!visibleAscii(key)) {
      return Either.left(KlaviyoProblem.malformedAuthorization(KlaviyoProblem.KEY_CHARACTERS));
    }
    return Either.right(new KlaviyoApiKey(key));
  }

  private static boolean visibleAscii(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** Returns a description that hides the key. */
  @Override
  public String toString() {
    return "KlaviyoApiKey[****]";
  }
}
