package dev.conversation.wire;

import dev.conversation.domain.Violation;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a request to one of the seed APIs was not served: one value for the four APIs and for a
 * host's own errors, which each API renders in its own shape (AgentClara
 * {@code {"error","message","field"}}, LiveChatAI {@code {"status":"error","message"}}, the CRM
 * {@code {"error": message}}, Klaviyo a JSON:API errors document) through its response type's
 * {@code of(ApiError)}.
 *
 * <p>{@link #of(Problem)} is the one mapping from the service's {@link Problem} to an HTTP answer,
 * used by every API for reads and writes alike:
 *
 * <table>
 *   <caption>problems and their errors</caption>
 *   <tr><th>problem</th><th>status</th><th>rule</th><th>field</th></tr>
 *   <tr><td>{@code Invalid}</td><td>400</td><td>the first violation's</td><td>the first violation's</td></tr>
 *   <tr><td>{@code NotFound}</td><td>404</td><td>{@code exists}</td><td>{@code id}</td></tr>
 *   <tr><td>{@code ContactNotFound}</td><td>404</td><td>{@code exists}</td><td>{@code contact}</td></tr>
 *   <tr><td>{@code Rejected} for invalid input</td><td>400</td><td>as {@code Invalid}</td><td>as {@code Invalid}</td></tr>
 *   <tr><td>{@code Rejected}</td><td>409</td><td>the lifecycle rule</td><td>none</td></tr>
 *   <tr><td>{@code Contended}, {@code KeyReused}, {@code AlreadyOpen}, {@code TurnLost}</td><td>409</td>
 *       <td>the problem's code</td><td>none</td></tr>
 *   <tr><td>{@code Unavailable}</td><td>503</td><td>{@code unavailable}</td><td>none</td></tr>
 * </table>
 *
 * <p>The mapping is total, so there is no "unexpected" problem: a problem an endpoint should not
 * meet (a conflict on a read) is answered as its kind says, never with an exception or a 500. A
 * 500 is left to the host, for an exception (a bug); {@link #status(int)} words it. Messages never
 * carry a stack trace, an exception's text or a store's failure: {@code Unavailable} says only
 * what failed.
 *
 * <p>Immutable and thread-safe; the canonical constructor checks every component. The factories
 * take a blank field (a query parameter sent without a name) as naming none.
 *
 * @param status the HTTP status, 400 to 599
 * @param rule the stable, machine-readable name of the rule broken, for example {@code max-length}
 * @param message what is wrong and what is accepted, in words a developer can act on; not blank
 * @param field the request parameter (query, path, header or body member) at fault, if one is
 */
public record ApiError(int status, String rule, String message, Option<String> field) {

  /**
   * Creates the error.
   *
   * @throws IllegalArgumentException if {@code status} is not 400 to 599, or {@code rule},
   *     {@code message} or the field is blank
   * @throws NullPointerException if an argument is null
   */
  public ApiError {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP error status 400 to 599, was " + status);
    }
    requireText(rule, "rule");
    requireText(message, "message");
    Objects.requireNonNull(field, "field");
    field.forEach(f -> requireText(f, "field"));
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** Returns a 400: the parameter {@code field} breaks {@code rule} (a blank field names none). */
  public static ApiError badRequest(String field, String rule, String message) {
    return new ApiError(400, rule, message, named(field));
  }

  /**
   * Returns a 400 for one or more violations: their messages joined by {@code "; "}, the first
   * one's field and rule.
   *
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public static ApiError invalid(Seq<Violation> violations) {
    Objects.requireNonNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations must not be empty");
    }
    Violation first = violations.head();
    String message = violations.map(Violation::message).filter(m -> !m.isBlank()).mkString("; ");
    // A violation may have a blank rule or message; an answer may not.
    return new ApiError(400, first.rule().isBlank() ? "invalid" : first.rule(), message.isEmpty() ? "the input is invalid" : message,
        named(first.field()));
  }

  /** Returns a 400 for one violation. */
  public static ApiError invalid(Violation violation) {
    return invalid(List.of(violation));
  }

  /** Returns a 401: the credentials in {@code field} (a header) break {@code rule}. */
  public static ApiError unauthorized(String field, String rule, String message) {
    return new ApiError(401, rule, message, named(field));
  }

  /** Returns a 404: nothing the caller may see has the id in {@code field}. */
  public static ApiError notFound(String field, String message) {
    return new ApiError(404, "exists", message, named(field));
  }

  /** Returns a 503 saying only what failed ({@code "the store"}): retrying later is safe. */
  public static ApiError unavailable(String what) {
    return new ApiError(503, "unavailable", what + " failed; try again later", Option.none());
  }

  /**
   * Returns the error for the service's problem, with the domain's field names; see the table
   * above.
   */
  public static ApiError of(Problem problem) {
    return of(problem, UnaryOperator.identity());
  }

  /**
   * Returns the error for the service's problem, naming fields as the API does: {@code parameters}
   * turns a domain field ({@code contact.phone}, {@code tags[1]}, {@code id}) into the API's
   * parameter ({@code customer_phone}, ...), in the field and, as a word, in the message.
   */
  public static ApiError of(Problem problem, UnaryOperator<String> parameters) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(parameters, "parameters");
    if (problem instanceof Problem.Invalid invalid) {
      return invalid(invalid.violations().map(v -> renamed(v, parameters)));
    }
    if (problem instanceof Problem.NotFound notFound) {
      return notFound(parameters.apply("id"), "conversation " + notFound.id().value() + " not found");
    }
    if (problem instanceof Problem.ContactNotFound) {
      return notFound(parameters.apply("contact"), problem.message());
    }
    if (problem instanceof Problem.Rejected rejected
        && rejected.rejection() instanceof dev.conversation.domain.Rejection.Invalid invalid) {
      return invalid(invalid.violations().map(v -> renamed(v, parameters)));
    }
    if (problem instanceof Problem.Rejected rejected) {
      return new ApiError(409, rejected.rejection().rule(), rejected.message(), Option.none());
    }
    if (problem instanceof Problem.Unavailable unavailable) {
      return unavailable(unavailable.what());
    }
    // Contended, KeyReused, AlreadyOpen, TurnLost: the request conflicts with the conversation's state.
    return new ApiError(409, problem.code(), problem.message(), Option.none());
  }

  /** Returns this error with {@code field} as the parameter at fault. */
  public ApiError withField(Option<String> field) {
    return new ApiError(status, rule, message, field);
  }

  /** Returns this error with other words. */
  public ApiError withMessage(String message) {
    return new ApiError(status, rule, message, field);
  }

  /**
   * Returns a host's own error for {@code status} in fixed words, echoing nothing the client sent:
   * a path or method not served (404, 405), an unacceptable {@code Accept} (406), a body too slow
   * or too large (408, 413), a malformed request the container refused (400, 414, 431, 501, 505),
   * or an exception (500). The rule is the {@link #code()}.
   *
   * @throws IllegalArgumentException if {@code status} is not 400 to 599
   */
  public static ApiError status(int status) {
    String message = switch (status) {
      case 400 -> "the request is malformed (its path, query or headers could not be read)";
      case 401 -> "valid credentials are required";
      case 404 -> "no such endpoint or resource";
      case 405 -> "this method is not served on this path";
      case 406 -> "the response is JSON; the Accept header does not allow it";
      case 408 -> "the request did not arrive in time";
      case 413 -> "the request body is too large";
      case 414 -> "the request line is too long";
      case 415 -> "the request body must be JSON (Content-Type application/json)";
      case 431 -> "the request headers are too large";
      case 501 -> "the request uses a feature this server does not implement (a Transfer-Encoding, a method)";
      case 503 -> "the service is unavailable; try again later";
      case 505 -> "this HTTP version is not supported";
      default -> status >= 500 ? "an unexpected error occurred; it has been logged" : "the request was refused";
    };
    return new ApiError(status, code(status), message, Option.none());
  }

  /**
   * Returns the error word for the status, as AgentClara's {@code error} member carries it:
   * {@code bad_request}, {@code unauthorized}, {@code not_found}, {@code method_not_allowed},
   * {@code not_acceptable}, {@code request_timeout}, {@code conflict}, {@code payload_too_large},
   * {@code uri_too_long}, {@code unsupported_media_type}, {@code headers_too_large},
   * {@code server_error}, {@code not_implemented}, {@code unavailable},
   * {@code http_version_not_supported}; any other 4XX is {@code error}, any other 5XX
   * {@code server_error}.
   */
  public String code() {
    return code(status);
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 408 -> "request_timeout";
      case 409 -> "conflict";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      case 501 -> "not_implemented";
      case 503 -> "unavailable";
      case 505 -> "http_version_not_supported";
      default -> status >= 500 ? "server_error" : "error";
    };
  }

  /** A field as named by a factory: a blank one (a query parameter without a name) names none. */
  private static Option<String> named(String field) {
    return Option.of(field).filter(f -> !f.isBlank());
  }

  /** The violation under the API's parameter name, in its field and in its message. */
  private static Violation renamed(Violation v, UnaryOperator<String> parameters) {
    String field = parameters.apply(v.field());
    if (field.equals(v.field())) {
      return v;
    }
    String message = word(v.message(), v.field(), field);
    String stem = stem(v.field());
    String renamedStem = stem(field);
    return new Violation(field, v.rule(), stem.equals(renamedStem) ? message : word(message, stem, renamedStem));
  }

  /** The field without a {@code firstMessage.} style prefix and without an {@code [i]} index. */
  private static String stem(String field) {
    String last = field.substring(field.lastIndexOf('.') + 1);
    int index = last.indexOf('[');
    return index < 0 ? last : last.substring(0, index);
  }

  private static String word(String text, String from, String to) {
    return from.isEmpty() ? text : text.replaceAll("(?<![A-Za-z0-9_.\\[])" + Pattern.quote(from) + "(?![A-Za-z0-9_])",
        Matcher.quoteReplacement(to));
  }
}
