package dev.conversation.wire.klaviyo;

/** Text helpers shared by the problems and parsers of this package. */
final class Problems {

  /** How many code points of a client's input an error message repeats. */
  static final int ECHO = 64;

  private Problems() {}

  /**
   * Quotes a client's input for an error message, cut to {@value #ECHO} code points so that a
   * huge header does not become a huge error.
   */
  static String quote(String input) {
    if (input.codePointCount(0, input.length()) <= ECHO) {
      return "'" + input + "'";
    }
    return "'" + input.substring(0, input.offsetByCodePoints(0, ECHO)) + "…'";
  }

  /** Removes the optional whitespace (spaces and horizontal tabs) HTTP allows around a header value. */
  static String trimOws(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isOws(value.charAt(start))) {
      start++;
    }
    while (end > start && isOws(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }
}
