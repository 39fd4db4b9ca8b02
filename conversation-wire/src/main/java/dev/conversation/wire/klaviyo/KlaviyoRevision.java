package dev.conversation.wire.klaviyo;

import dev.conversation.wire.ApiError;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value of Klaviyo's required {@code revision} header, {@code YYYY-MM-DD[.suffix]}: the API
 * revision a client was written against, such as the beta revision {@code 2026-04-15.pre}.
 *
 * <p>Well formed means: a four-digit year, two-digit month and day that together are a real
 * calendar date ({@code 2026-02-30} is malformed), optionally followed by a dot and a suffix of
 * 1 to 32 lower-case ASCII letters or digits ({@code pre}). Nothing around it is trimmed except
 * the optional whitespace HTTP allows around a header value.
 *
 * <p>Which revisions are served is a separate question ({@link #fromHeader(Option)}): Retrieve
 * Conversation is a beta endpoint documented for exactly one revision, {@link #SEED}; a general
 * availability revision (no suffix) or another beta revision could promise a different shape,
 * so it is refused rather than answered in the seed's ({@link #fromHeader(Option, Set)} takes
 * another set, for the day a newer revision is checked to render the same shape).
 *
 * <p>Immutable and thread-safe; compared by value, ordered by date, then suffix (none first).
 *
 * @param date the revision's date
 * @param suffix the suffix after the dot, such as {@code pre}, if any
 */
record KlaviyoRevision(LocalDate date, Option<String> suffix) implements Comparable<KlaviyoRevision> {

  /** The header's name, {@code revision}. */
  public static final String HEADER = "revision";

  // Declared before SEED: the constructor SEED runs needs them.
  private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:\\.([a-z0-9]{1,32}))?");

  private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]{1,32}");

  /** The revision the seed documents Retrieve Conversation for: {@code 2026-04-15.pre}. */
  public static final KlaviyoRevision SEED = new KlaviyoRevision(LocalDate.of(2026, 4, 15), Option.some("pre"));

  private static final Set<KlaviyoRevision> SUPPORTED = HashSet.of(SEED);

  /**
   * Creates the revision.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the date's year is outside 0000 to 9999 or the suffix
   *     is not 1 to 32 lower-case ASCII letters and digits
   */
  public KlaviyoRevision {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(suffix, "suffix");
    if (date.getYear() < 0 || date.getYear() > 9999) {
      throw new IllegalArgumentException("date must have a four-digit year, was " + date);
    }
    if (suffix.exists(s -> !SUFFIX.matcher(s).matches())) {
      throw new IllegalArgumentException("suffix must be 1 to 32 lower-case ASCII letters or digits, was " + suffix.get());
    }
  }

  /**
   * Parses a revision without asking whether it is served.
   *
   * @param value the header's value
   * @return the revision, or a 400 naming {@code revision} and the rule broken
   *     ({@code revision-format} or {@code calendar-date})
   * @throws NullPointerException if {@code value} is null
   */
  static Either<ApiError, KlaviyoRevision> parse(String value) {
    Objects.requireNonNull(value, "value");
    Matcher m = FORMAT.matcher(Problems.trimOws(value));
    if (!m.matches()) {
      return Either.left(KlaviyoProblem.malformedRevision(value, KlaviyoProblem.FORMAT));
    }
    LocalDate date;
    try {
      date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      return Either.left(KlaviyoProblem.malformedRevision(value, KlaviyoProblem.CALENDAR_DATE));
    }
    return Either.right(new KlaviyoRevision(date, Option.of(m.group(4))));
  }

  /**
   * Checks the {@code revision} header of a request to the seed's endpoint: present, well formed
   * and {@link #SEED}.
   *
   * @param header the header's value; none (or blank) when the request has none
   * @return the revision, or a 400 naming {@code revision} and the rule broken ({@code required},
   *     {@code revision-format}, {@code calendar-date} or {@code supported-revision})
   */
  static Either<ApiError, KlaviyoRevision> fromHeader(Option<String> header) {
    return fromHeader(header, SUPPORTED);
  }

  /**
   * Checks the {@code revision} header of a request against the revisions the host serves.
   *
   * @param header the header's value; none (or blank) when the request has none
   * @param supported the revisions served; not empty
   * @return the revision, or a 400 as {@link #fromHeader(Option)} answers
   * @throws IllegalArgumentException if {@code supported} is empty
   */
  static Either<ApiError, KlaviyoRevision> fromHeader(Option<String> header, Set<KlaviyoRevision> supported) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(supported, "supported");
    if (supported.isEmpty()) {
      throw new IllegalArgumentException("supported must name at least one revision");
    }
    if (header.forAll(h -> Problems.trimOws(h).isEmpty())) {
      return Either.left(KlaviyoProblem.missingRevision());
    }
    return parse(header.get()).flatMap(revision -> supported.contains(revision)
        ? Either.right(revision)
        : Either.left(KlaviyoProblem.unsupportedRevision(revision, supported)));
  }

  @Override
  public int compareTo(KlaviyoRevision other) {
    int byDate = date.compareTo(other.date);
    if (byDate != 0) {
      return byDate;
    }
    return suffix.getOrElse("").compareTo(other.suffix.getOrElse(""));
  }

  /** Returns the header value, for example {@code 2026-04-15.pre}. */
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth())
        + suffix.map(s -> "." + s).getOrElse("");
  }
}
