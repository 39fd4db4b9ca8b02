package dev.conversation.wire.klaviyo;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Violation;
import dev.conversation.wire.ApiError;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import java.util.Objects;

/**
 * Why a Klaviyo request cannot be answered with its document, in Klaviyo's words: each factory
 * returns the {@link ApiError} naming the request field at fault and the rule it broke, which
 * {@link KlaviyoError} renders with Klaviyo's code, title and source.
 *
 * <table>
 *   <caption>problems and their errors</caption>
 *   <tr><th>problem</th><th>status</th><th>rule</th><th>field</th></tr>
 *   <tr><td>{@link #missingRevision()}</td><td>400</td><td>{@code required}</td><td>{@code revision}</td></tr>
 *   <tr><td>{@link #malformedRevision}</td><td>400</td><td>{@value #FORMAT} or {@value #CALENDAR_DATE}</td>
 *       <td>{@code revision}</td></tr>
 *   <tr><td>{@link #unsupportedRevision}</td><td>400</td><td>{@code supported-revision}</td><td>{@code revision}</td></tr>
 *   <tr><td>{@link #unknownFields}</td><td>400</td><td>{@code allowed-values}</td>
 *       <td>{@code fields[customer-agent-conversation]}</td></tr>
 *   <tr><td>{@link #missingApiKey()}</td><td>401</td><td>{@code required}</td><td>{@code Authorization}</td></tr>
 *   <tr><td>{@link #malformedAuthorization}</td><td>401</td><td>{@value #SCHEME}, {@value #KEY_REQUIRED} or
 *       {@value #KEY_CHARACTERS}</td><td>{@code Authorization}</td></tr>
 *   <tr><td>{@link #invalidApiKey()}</td><td>401</td><td>{@code known-key}</td><td>{@code Authorization}</td></tr>
 *   <tr><td>{@link #notFound}</td><td>404</td><td>{@code exists}</td><td>{@code id}</td></tr>
 * </table>
 *
 * <p>No message repeats an API key or an {@code Authorization} header; client input is quoted cut
 * to {@value Problems#ECHO} code points. Stateless.
 */
final class KlaviyoProblem {

  /** The rule broken by a revision that does not have the {@code YYYY-MM-DD[.suffix]} shape. */
  static final String FORMAT = "revision-format";
  /** The rule broken by a well-shaped revision whose date does not exist. */
  static final String CALENDAR_DATE = "calendar-date";
  /** The rule broken by an {@code Authorization} header with another scheme. */
  static final String SCHEME = "scheme";
  /** The rule broken by the scheme without a key. */
  static final String KEY_REQUIRED = "key-required";
  /** The rule broken by a key with whitespace or characters outside visible ASCII. */
  static final String KEY_CHARACTERS = "key-characters";

  private static final String SEND_KEY = "; send Authorization: Klaviyo-API-Key your-private-api-key";

  private KlaviyoProblem() {}

  /** The {@code revision} header is absent or empty. */
  static ApiError missingRevision() {
    return ApiError.badRequest(KlaviyoRevision.HEADER, "required",
        "the revision header is required; send revision: " + KlaviyoRevision.SEED);
  }

  /**
   * The {@code revision} header is not {@code YYYY-MM-DD[.suffix]} ({@value #FORMAT}), or its date
   * is not a calendar date such as {@code 2026-02-30} ({@value #CALENDAR_DATE}).
   *
   * @throws IllegalArgumentException if {@code rule} is neither
   */
  static ApiError malformedRevision(String value, String rule) {
    Objects.requireNonNull(value, "value");
    String message = switch (rule) {
      case FORMAT -> "revision " + Problems.quote(value) + " must have the format YYYY-MM-DD or YYYY-MM-DD.suffix, for example "
          + KlaviyoRevision.SEED;
      case CALENDAR_DATE -> "revision " + Problems.quote(value) + " is not a calendar date; send a real date in the format "
          + "YYYY-MM-DD[.suffix], for example " + KlaviyoRevision.SEED;
      default -> throw new IllegalArgumentException("rule must be " + FORMAT + " or " + CALENDAR_DATE + ", was " + rule);
    };
    return ApiError.badRequest(KlaviyoRevision.HEADER, rule, message);
  }

  /** The {@code revision} header is well formed but names a revision this endpoint does not serve. */
  static ApiError unsupportedRevision(KlaviyoRevision revision, Set<KlaviyoRevision> supported) {
    return ApiError.badRequest(KlaviyoRevision.HEADER, "supported-revision", "revision " + revision
        + " is not available for this beta endpoint; use " + supported.map(KlaviyoRevision::toString).toSortedSet().mkString(" or "));
  }

  /**
   * The sparse fieldset names fields the resource does not have.
   *
   * @param unknown the unknown names, in the order given, at least one
   */
  static ApiError unknownFields(Seq<String> unknown) {
    if (unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown must not be empty");
    }
    return ApiError.badRequest(KlaviyoFields.PARAMETER, "allowed-values", KlaviyoFields.PARAMETER + " names "
        + (unknown.size() == 1 ? "an unknown field " : "unknown fields ") + unknown.map(Problems::quote).mkString(", ")
        + "; allowed values are " + KlaviyoFields.ALLOWED.mkString(", "));
  }

  /** The {@code Authorization} header is absent or empty. */
  static ApiError missingApiKey() {
    return ApiError.unauthorized(KlaviyoApiKey.HEADER, "required", "missing Authorization header" + SEND_KEY);
  }

  /**
   * The {@code Authorization} header is present but is not {@code Klaviyo-API-Key <key>}: another
   * scheme ({@value #SCHEME}), the scheme without a key ({@value #KEY_REQUIRED}), or a key with
   * spaces or control characters ({@value #KEY_CHARACTERS}).
   *
   * @throws IllegalArgumentException if {@code rule} is none of the three
   */
  static ApiError malformedAuthorization(String rule) {
    String what = switch (rule) {
      case SCHEME -> "missing or invalid authorization scheme";
      case KEY_REQUIRED -> "the Klaviyo-API-Key scheme needs a key after it";
      case KEY_CHARACTERS -> "the API key may hold only visible ASCII characters and no spaces";
      default -> throw new IllegalArgumentException("rule must be " + SCHEME + ", " + KEY_REQUIRED + " or " + KEY_CHARACTERS
          + ", was " + rule);
    };
    return ApiError.unauthorized(KlaviyoApiKey.HEADER, rule, what + SEND_KEY);
  }

  /** The API key is well formed but the host does not know it (or it was revoked). */
  static ApiError invalidApiKey() {
    return ApiError.unauthorized(KlaviyoApiKey.HEADER, "known-key", "the private API key is not valid; check it, or create a new one");
  }

  /** The path's {@code id} can be no conversation's id: blank, too long, or not well-formed text. */
  static ApiError invalidId(Violation violation) {
    return ApiError.invalid(violation);
  }

  /** There is no conversation with this id for the caller's account. */
  static ApiError notFound(ConversationId id) {
    return ApiError.notFound("id", "a " + KlaviyoConversationResource.TYPE + " with id " + Problems.quote(id.value())
        + " does not exist");
  }
}
