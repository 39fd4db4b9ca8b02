package dev.conversation.wire.klaviyo;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Violation;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Why a "Retrieve Conversation" request cannot be answered with the conversation: a value, one
 * record per kind, each naming the request field at fault, the rule it broke, and its Klaviyo
 * error (HTTP status, {@code code}, {@code title}, {@code source}).
 *
 * <table>
 *   <caption>problems and their errors</caption>
 *   <tr><th>problem</th><th>status</th><th>code</th><th>source</th></tr>
 *   <tr><td>{@link MissingRevision}, {@link MalformedRevision}, {@link UnsupportedRevision}</td>
 *       <td>400</td><td>{@code invalid}</td><td>parameter {@code revision}</td></tr>
 *   <tr><td>{@link UnknownFields}</td><td>400</td><td>{@code invalid}</td>
 *       <td>parameter {@code fields[customer-agent-conversation]}</td></tr>
 *   <tr><td>{@link InvalidId}</td><td>400</td><td>{@code invalid}</td><td>parameter {@code id}</td></tr>
 *   <tr><td>{@link MissingApiKey}, {@link MalformedAuthorization}, {@link InvalidApiKey}</td>
 *       <td>401</td><td>{@code not_authenticated}</td><td>pointer {@code /data/}</td></tr>
 *   <tr><td>{@link NotFound}</td><td>404</td><td>{@code not_found}</td><td>pointer {@code /data/}</td></tr>
 * </table>
 *
 * <p>The codes and titles are the ones Klaviyo's API answers with ({@code invalid} /
 * "Invalid input.", {@code not_authenticated} / "Authentication credentials were not provided.",
 * {@code not_found} / "Not found."). The revision is a header, yet its source is
 * {@code {"parameter":"revision"}}: the seed's error schema knows only {@code pointer} and
 * {@code parameter} (JSON:API 1.1's {@code header} member is not in it). Klaviyo points errors
 * without a better place at {@code /data/}; the 401 and 404 errors do the same.
 *
 * <p>No detail repeats an API key or an {@code Authorization} header. Immutable and thread-safe.
 */
public sealed interface KlaviyoProblem {

  /** Returns the request field at fault: a header, query parameter or path parameter name. */
  String field();

  /** Returns the stable, machine-readable name of the rule that was broken, for example {@code required}. */
  String rule();

  /** Returns what is wrong and what is accepted, in words a developer can act on. */
  String message();

  /** Returns the HTTP status to answer with: 400, 401 or 404. */
  int status();

  /** Returns Klaviyo's error code: {@code invalid}, {@code not_authenticated} or {@code not_found}. */
  default String code() {
    return switch (status()) {
      case 401 -> "not_authenticated";
      case 404 -> "not_found";
      default -> "invalid";
    };
  }

  /** Returns Klaviyo's fixed title for {@link #code()}. */
  default String title() {
    return switch (status()) {
      case 401 -> "Authentication credentials were not provided.";
      case 404 -> "Not found.";
      default -> "Invalid input.";
    };
  }

  /** Returns the error's {@code source}: the parameter for a 400, the pointer {@code /data/} otherwise. */
  default Option<KlaviyoError.Source> source() {
    return status() == 400
        ? Option.some(new KlaviyoError.Source.Parameter(field()))
        : Option.some(new KlaviyoError.Source.Pointer("/data/"));
  }

  /**
   * Returns this problem as one entry of the errors document.
   *
   * @param id the error's identifier, for example a random UUID drawn by the caller; not blank
   * @throws IllegalArgumentException if {@code id} is blank
   */
  default KlaviyoError error(String id) {
    return new KlaviyoError(id, code(), title(), message(), source());
  }

  /** The {@code revision} header is absent or empty. */
  record MissingRevision() implements KlaviyoProblem {
    @Override
    public String field() {
      return KlaviyoRevision.HEADER;
    }

    @Override
    public String rule() {
      return "required";
    }

    @Override
    public String message() {
      return "the revision header is required; send revision: " + KlaviyoRevision.SEED;
    }

    @Override
    public int status() {
      return 400;
    }
  }

  /**
   * The {@code revision} header is not {@code YYYY-MM-DD[.suffix]} (rule {@code revision-format}),
   * or its date is not a calendar date such as {@code 2026-02-30} (rule {@code calendar-date}).
   *
   * @param value the header's value
   * @param rule {@code revision-format} or {@code calendar-date}
   */
  record MalformedRevision(String value, String rule) implements KlaviyoProblem {

    /** The rule broken by a value that does not have the {@code YYYY-MM-DD[.suffix]} shape. */
    public static final String FORMAT = "revision-format";
    /** The rule broken by a well-shaped value whose date does not exist. */
    public static final String CALENDAR_DATE = "calendar-date";

    /**
     * Creates the problem.
     *
     * @throws IllegalArgumentException if {@code rule} is neither {@link #FORMAT} nor {@link #CALENDAR_DATE}
     */
    public MalformedRevision {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(rule, "rule");
      if (!rule.equals(FORMAT) && !rule.equals(CALENDAR_DATE)) {
        throw new IllegalArgumentException("rule must be " + FORMAT + " or " + CALENDAR_DATE + ", was " + rule);
      }
    }

    @Override
    public String field() {
      return KlaviyoRevision.HEADER;
    }

    @Override
    public String message() {
      return rule.equals(FORMAT)
          ? "revision " + Problems.quote(value) + " must have the format YYYY-MM-DD or YYYY-MM-DD.suffix, for example "
              + KlaviyoRevision.SEED
          : "revision " + Problems.quote(value) + " is not a calendar date; send a real date in the format "
              + "YYYY-MM-DD[.suffix], for example " + KlaviyoRevision.SEED;
    }

    @Override
    public int status() {
      return 400;
    }
  }

  /**
   * The {@code revision} header is well formed but names a revision this endpoint does not serve.
   *
   * @param revision the revision asked for
   * @param supported the revisions served
   */
  record UnsupportedRevision(KlaviyoRevision revision, Set<KlaviyoRevision> supported) implements KlaviyoProblem {

    /** Creates the problem. */
    public UnsupportedRevision {
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(supported, "supported");
    }

    @Override
    public String field() {
      return KlaviyoRevision.HEADER;
    }

    @Override
    public String rule() {
      return "supported-revision";
    }

    @Override
    public String message() {
      return "revision " + revision + " is not available for this beta endpoint; use "
          + supported.map(KlaviyoRevision::toString).toSortedSet().mkString(" or ");
    }

    @Override
    public int status() {
      return 400;
    }
  }

  /**
   * The sparse fieldset names fields the resource does not have.
   *
   * @param unknown the unknown names, in the order given, at least one
   */
  record UnknownFields(Seq<String> unknown) implements KlaviyoProblem {

    /**
     * Creates the problem.
     *
     * @throws IllegalArgumentException if {@code unknown} is empty
     */
    public UnknownFields {
      Objects.requireNonNull(unknown, "unknown");
      if (unknown.isEmpty()) {
        throw new IllegalArgumentException("unknown must not be empty");
      }
    }

    @Override
    public String field() {
      return KlaviyoFields.PARAMETER;
    }

    @Override
    public String rule() {
      return "allowed-values";
    }

    @Override
    public String message() {
      return KlaviyoFields.PARAMETER + " names " + (unknown.size() == 1 ? "an unknown field " : "unknown fields ")
          + unknown.map(Problems::quote).mkString(", ") + "; allowed values are "
          + KlaviyoFields.ALLOWED.mkString(", ");
    }

    @Override
    public int status() {
      return 400;
    }
  }

  /** The {@code Authorization} header is absent or empty. */
  record MissingApiKey() implements KlaviyoProblem {
    @Override
    public String field() {
      return KlaviyoApiKey.HEADER;
    }

    @Override
    public String rule() {
      return "required";
    }

    @Override
    public String message() {
      return "missing Authorization header; send Authorization: Klaviyo-API-Key your-private-api-key";
    }

    @Override
    public int status() {
      return 401;
    }
  }

  /**
   * The {@code Authorization} header is present but is not {@code Klaviyo-API-Key <key>}.
   *
   * @param rule {@code scheme} (another scheme, such as {@code Bearer}), {@code key-required}
   *     (the scheme without a key) or {@code key-characters} (a key with spaces or control
   *     characters)
   */
  record MalformedAuthorization(String rule) implements KlaviyoProblem {

    /** The rule broken by a header with another scheme. */
    public static final String SCHEME = "scheme";
    /** The rule broken by the scheme without a key. */
    public static final String KEY_REQUIRED = "key-required";
    /** The rule broken by a key with whitespace or characters outside visible ASCII. */
    public static final String KEY_CHARACTERS = "key-characters";

    /**
     * Creates the problem.
     *
     * @throws IllegalArgumentException if {@code rule} is not one of the three rules
     */
    public MalformedAuthorization {
      Objects.requireNonNull(rule, "rule");
      if (!rule.equals(SCHEME) && !rule.equals(KEY_REQUIRED) && !rule.equals(KEY_CHARACTERS)) {
        throw new IllegalArgumentException("rule must be " + SCHEME + ", " + KEY_REQUIRED + " or " + KEY_CHARACTERS
            + ", was " + rule);
      }
    }

    @Override
    public String field() {
      return KlaviyoApiKey.HEADER;
    }

    @Override
    public String message() {
      String what = switch (rule) {
        case SCHEME -> "missing or invalid authorization scheme";
        case KEY_REQUIRED -> "the Klaviyo-API-Key scheme needs a key after it";
        default -> "the API key may hold only visible ASCII characters and no spaces";
      };
      return what + "; send Authorization: Klaviyo-API-Key your-private-api-key";
    }

    @Override
    public int status() {
      return 401;
    }
  }

  /** The API key is well formed but the host does not know it (or it was revoked). */
  record InvalidApiKey() implements KlaviyoProblem {
    @Override
    public String field() {
      return KlaviyoApiKey.HEADER;
    }

    @Override
    public String rule() {
      return "known-key";
    }

    @Override
    public String message() {
      return "the private API key is not valid; check it, or create a new one";
    }

    @Override
    public int status() {
      return 401;
    }
  }

  /**
   * The path's {@code id} can be no conversation's id: blank, longer than the id limit, or not
   * well-formed text.
   *
   * @param violation the rule the id breaks, for field {@code id}
   */
  record InvalidId(Violation violation) implements KlaviyoProblem {

    /** Creates the problem. */
    public InvalidId {
      Objects.requireNonNull(violation, "violation");
    }

    @Override
    public String field() {
      return violation.field();
    }

    @Override
    public String rule() {
      return violation.rule();
    }

    @Override
    public String message() {
      return violation.message();
    }

    @Override
    public int status() {
      return 400;
    }
  }

  /**
   * There is no conversation with this id (for the caller's account).
   *
   * @param id the id asked for
   */
  record NotFound(ConversationId id) implements KlaviyoProblem {

    /** Creates the problem. */
    public NotFound {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String field() {
      return "id";
    }

    @Override
    public String rule() {
      return "exists";
    }

    @Override
    public String message() {
      return "a " + KlaviyoConversationResource.TYPE + " with id " + Problems.quote(id.value()) + " does not exist";
    }

    @Override
    public int status() {
      return 404;
    }
  }
}
