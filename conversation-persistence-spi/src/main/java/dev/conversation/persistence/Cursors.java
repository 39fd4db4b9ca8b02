package dev.conversation.persistence;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Violation;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes the opaque keyset cursors of listings. A cursor carries the order, the
 * position of the last item of a page and a fingerprint of the filter, so it cannot silently be
 * used with another query. The format is private to this library and may change between
 * versions; clients pass cursors back verbatim.
 */
final class Cursors {

  private static final String CONVERSATIONS = "c1.";
  private static final String MESSAGES = "m1.";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Cursors() {}

  static String conversations(Order order, Order.Position position, ConversationFilter filter) {
    String body = order.name() + "|" + position.at().getEpochSecond() + "|" + position.at().getNano() + "|"
        + fingerprint(filter) + "|" + position.id().value();
    return CONVERSATIONS + ENCODER.encodeToString(body.getBytes(StandardCharsets.UTF_8));
  }

  static Validation<Violation, Order.Position> conversations(String cursor, Order order, ConversationFilter filter) {
    Decoded decoded = decode(cursor);
    if (decoded == null) {
      return malformed();
    }
    if (decoded.order != order || !decoded.fingerprint.equals(fingerprint(filter))) {
      return Validation.invalid(new Violation("cursor", "cursor-does-not-match-query",
          "the cursor belongs to a listing with another filter or order; start again from the first page"));
    }
    return Validation.valid(decoded.position);
  }

  /** Returns whether a cursor has the shape of a conversation cursor this library issues. */
  static boolean wellFormed(String cursor) {
    return decode(cursor) != null;
  }

  private record Decoded(Order order, String fingerprint, Order.Position position) {}

  /** Returns the parts of a conversation cursor, or null if it is not one this library issued. */
  private static @Nullable Decoded decode(String cursor) {
    if (!cursor.startsWith(CONVERSATIONS)) {
      return null;
    }
    try {
      String[] parts = new String(DECODER.decode(cursor.substring(CONVERSATIONS.length())), StandardCharsets.UTF_8)
          .split("\\|", 5);
      if (parts.length != 5) {
        return null;
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      return new Decoded(Order.valueOf(parts[0]), parts[3], new Order.Position(at, ConversationId.of(parts[4])));
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String messages(long after) {
    return MESSAGES + ENCODER.encodeToString(Long.toString(after).getBytes(StandardCharsets.UTF_8));
  }

  static Validation<Violation, Long> messages(String cursor) {
    if (!cursor.startsWith(MESSAGES)) {
      return malformed();
    }
    try {
      long after = Long.parseLong(new String(DECODER.decode(cursor.substring(MESSAGES.length())), StandardCharsets.UTF_8));
      return after < 0 ? malformed() : Validation.valid(after);
    } catch (IllegalArgumentException e) {
      return malformed();
    }
  }

  private static <T> Validation<Violation, T> malformed() {
    return Validation.invalid(new Violation("cursor", "malformed-cursor",
        "the cursor is not one this library issued; pass back the 'next' value of a page verbatim"));
  }

  /**
   * Returns a digest of the filter's canonical form: every criterion by name, every value
   * length-prefixed, so that no two different filters share a form (a tag may contain any
   * separator).
   */
  private static String fingerprint(ConversationFilter filter) {
    StringBuilder form = new StringBuilder();
    canonical(form, "statuses", filter.statuses().map(Enum::name));
    canonical(form, "channels", filter.channels().map(Enum::name));
    canonical(form, "contact", filter.contactId().map(Object::toString));
    canonical(form, "unread", filter.unread().map(Object::toString));
    canonical(form, "anyTags", filter.anyTags().map(t -> t.value()));
    canonical(form, "allTags", filter.allTags().map(t -> t.value()));
    canonical(form, "agent", filter.agent().map(Object::toString));
    canonical(form, "team", filter.team().map(Object::toString));
    canonical(form, "starred", filter.starred().map(Object::toString));
    canonical(form, "updatedSince", filter.updatedSince().map(Object::toString));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(form.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void canonical(StringBuilder form, String name, Iterable<String> values) {
    form.append(name).append('[');
    for (String v : values) {
      form.append(v.length()).append(':').append(v);
    }
    form.append(']');
  }
}
