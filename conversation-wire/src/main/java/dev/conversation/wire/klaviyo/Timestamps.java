package dev.conversation.wire.klaviyo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Klaviyo's timestamp form, {@code 2026-05-13T12:00:00+00:00}: UTC with the offset written
 * {@code +00:00}. Sub-second precision is kept, never rounded: a fraction is written when the
 * instant has one, with as many digits as it needs (up to nine, trailing zeros dropped), so that
 * the text parses back to the very same instant.
 */
final class Timestamps {

  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .appendOffset("+HH:MM", "+00:00")
      .toFormatter(Locale.ROOT);

  private static final Instant MIN = LocalDate.of(0, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
  private static final Instant MAX = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private Timestamps() {}

  /**
   * Formats the instant.
   *
   * @throws IllegalArgumentException if its year is outside 0000 to 9999, which RFC 3339's
   *     four-digit year cannot write
   */
  static String format(Instant instant, String field) {
    if (instant.isBefore(MIN) || !instant.isBefore(MAX)) {
      throw new IllegalArgumentException(field + " " + instant + " has a year outside 0000 to 9999; RFC 3339 cannot write it");
    }
    return FORMAT.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
  }
}
