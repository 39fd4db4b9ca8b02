package dev.conversation.persistence.jdbc;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.conversation.domain.Limits;
import dev.conversation.testkit.ConversationGenerators;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile but well-formed text: SQL and JSON fragments, quoting and escaping characters of both
 * databases, LIKE wildcards, look-alike quotes, invisible characters and emoji, mixed with random
 * text. None has a NUL character or an unpaired surrogate, which the domain refuses, so every one
 * is a legal id, text or (after {@link #tag}) tag and must be stored and read back exactly.
 */
final class Hostile {

  /** Fragments that would change a statement if they were ever pasted into SQL text. */
  static final List<String> FRAGMENTS = List.of(
      "'", "''", "\"", "\"\"", "\\", "\\\\", "\\'", "`", ";", "--", "/*", "*/", "/**/", "#",
      "%", "_", "%_%", "[a-z]", "*", "?", "?::text", ":id", "$1", "$$", "$tag$", "@p0",
      "'; DROP TABLE conversations; --",
      "' OR '1'='1",
      "\" OR \"\"=\"",
      "' OR 1=1 --",
      "1' AND '1'='2",
      "') OR ('a'='a",
      "' UNION SELECT body FROM contacts --",
      "'; DELETE FROM messages WHERE '1'='1",
      "'; TRUNCATE outbox_positions; --",
      "\\'; DROP TABLE accounts; --",
      "$$; DROP TABLE events; $$",
      "%' OR tenant_id LIKE '%",
      "E'\\\\'", "E'\\x27'", "U&'\\0027'", "CHAR(39)", "0x27", "{fn NOW()}", "{d '2020-01-01'}",
      "\\u0027", "\\\"}", "\"}, \"tenantId\": \"other\", \"x\": \"", "</body>", "${jndi:ldap://x}",
      "\u2018", "\u2019", "\u201C", "\u201D", "\u02BC", "\uFF07", "\uFE68", "\u00A0", "\u200B", "\u200D",
      "\uFEFF", "\u2028", "\u202E", "\uFFFD", "\uFFFF", "\uE000",
      "\uD83D\uDE00", "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD835\uDD18",
      "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
      "\t", "\n", "\r\n", "\u0001", "\u001B[0m", "\u007F", "\u0085", " ", "ß", "İ", "ǅ", "\u00C5", "A\u030A");

  /** What a twin ends with when its variant would leave the string as it was, one per variant. */
  private static final String MARKS = "~^!|\u00A7\u00BF\u00A1\u00A4";

  private Hostile() {}

  /** Hostile strings: one to six pieces, mostly fragments, some random text and punctuation. */
  static Gen<String> values() {
    Gen<String> fragment = Generate.pick(FRAGMENTS);
    Gen<String> text = ConversationGenerators.texts().map(t -> codePoints(t, 12));
    Gen<String> punctuation = strings().betweenCodePoints(0x21, 0x7E).ofLengthBetween(1, 8);
    Gen<String> piece = Generate.frequency(List.of(Pair.of(6, fragment), Pair.of(2, text), Pair.of(2, punctuation)));
    return lists().of(piece).ofSizeBetween(1, 6).zip(integers().between(0, 2),
        (pieces, glue) -> String.join(glue == 0 ? "" : glue == 1 ? " " : "'", pieces));
  }

  /** The first {@code max} code points of {@code s}. */
  static String codePoints(String s, int max) {
    return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
  }

  /** A legal id made of {@code raw}: at most {@value Limits#MAX_ID} code points, not blank. */
  static String id(String raw) {
    String s = codePoints(raw, Limits.MAX_ID);
    return s.isBlank() ? codePoints("x" + s, Limits.MAX_ID) : s;
  }

  /** A legal id made of {@code raw} and a unique number, the number in front or at the end. */
  static String uniqueId(String raw, long serial) {
    String n = Long.toString(serial);
    String s = codePoints(raw, Limits.MAX_ID - n.length() - 1);
    return serial % 2 == 0 ? n + "#" + s : s + "#" + n;
  }

  /** A legal tag made of {@code raw}: no control characters, at most 50 code points, not blank. */
  static String tag(String raw) {
    StringBuilder b = new StringBuilder();
    raw.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(b::appendCodePoint);
    String s = codePoints(b.toString(), Limits.MAX_TAG);
    return s.isBlank() ? codePoints("t" + s, Limits.MAX_TAG) : s;
  }

  /** A legal handle made of {@code raw}: no whitespace, room for one more character. */
  static String handle(String raw) {
    StringBuilder b = new StringBuilder();
    raw.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(b::appendCodePoint);
    String s = codePoints(b.toString(), Limits.MAX_ID - 1);
    return s.isEmpty() ? "@" : s;
  }

  /** Legal required text made of {@code raw}: not blank, at most {@code max} code points. */
  static String text(String raw, int max) {
    String s = codePoints(raw, max);
    return s.isBlank() ? codePoints("x" + s, max) : s;
  }

  /**
   * A different string that a careless store would confuse with {@code s}: padded, in another
   * case, decomposed, with a wildcard or an invisible character added. Never equal to {@code s}.
   */
  static String twin(String s, int variant, int max) {
    String t = switch (Math.floorMod(variant, 8)) {
      case 0 -> s + " ";
      case 1 -> " " + s;
      case 2 -> s.toUpperCase(Locale.ROOT);
      case 3 -> s.toLowerCase(Locale.ROOT);
      case 4 -> Normalizer.normalize(s, Normalizer.Form.NFD);
      case 5 -> s + "%";
      case 6 -> s.replace('\'', '"');
      default -> s + "\u200B";
    };
    t = codePoints(t, max);
    if (t.equals(s) || t.isBlank()) {
      String mark = String.valueOf(MARKS.charAt(Math.floorMod(variant, 8)));
      t = codePoints(s, max - 1) + (s.endsWith(mark) ? "\u00B6" : mark);
    }
    return t;
  }
}
