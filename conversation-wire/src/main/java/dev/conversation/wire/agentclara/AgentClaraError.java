package dev.conversation.wire.agentclara;

import dev.conversation.domain.Violation;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Why an AgentClara request was not served, with the HTTP status and the error word it is
 * answered with. The document only says {@code 400 - Bad Request}; every error of this API,
 * whatever its status, is rendered in one plain shape by {@link AgentClaraJson#error}:
 *
 * <pre>{"error": "bad_request", "message": "limit must be ...", "field": "limit"}</pre>
 *
 * <p>{@code field} names the offending request parameter in AgentClara's own words
 * ({@code limit}, {@code customer_phone}, {@code tags[1]}, ...) and is {@code null} when no
 * single parameter is at fault. A bad request with several problems lists all of them in
 * {@code message} (separated by {@code "; "}) and names the first in {@code field}.
 *
 * <p>All implementations are immutable records; a {@code null} component throws
 * {@link NullPointerException} naming it.
 */
public sealed interface AgentClaraError {

  /** Returns the HTTP status code: 400, 401, 404, 409 or 503. */
  int httpStatus();

  /** Returns the error word: {@code bad_request}, {@code unauthorized}, {@code not_found}, {@code conflict} or {@code unavailable}. */
  String error();

  /** Returns the error in words a developer can act on. */
  String message();

  /** Returns the request parameter at fault, if one is. */
  Option<String> field();

  /**
   * The request breaks the documented parameter rules (HTTP 400, {@code bad_request}).
   *
   * @param violations every problem found, each naming its parameter; at least one
   */
  record BadRequest(Seq<Violation> violations) implements AgentClaraError {

    /** Creates the error; {@code violations} must not be empty. */
    public BadRequest {
      Objects.requireNonNull(violations, "violations");
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("violations must not be empty");
      }
    }

    /** Returns a bad request with one problem. */
    public static BadRequest of(String field, String rule, String message) {
      return new BadRequest(List.of(new Violation(field, rule, message)));
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public String error() {
      return "bad_request";
    }

    @Override
    public String message() {
      return violations.map(Violation::message).mkString("; ");
    }

    @Override
    public Option<String> field() {
      return Option.some(violations.head().field());
    }
  }

  /**
   * The caller is not authenticated (HTTP 401, {@code unauthorized}). The host checks
   * credentials (the document does not say how AgentClara authenticates) and answers with
   * {@link AgentClaraApi#unauthorized(String)}.
   *
   * @param message what is missing or wrong
   */
  record Unauthorized(String message) implements AgentClaraError {

    /** Creates the error. */
    public Unauthorized {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public int httpStatus() {
      return 401;
    }

    @Override
    public String error() {
      return "unauthorized";
    }

    @Override
    public Option<String> field() {
      return Option.none();
    }
  }

  /**
   * The tenant has no conversation with this id (HTTP 404, {@code not_found}); another tenant's
   * conversation is not found either.
   *
   * @param conversationId the id asked for, as sent
   */
  record NotFound(String conversationId) implements AgentClaraError {

    /** Creates the error. */
    public NotFound {
      Objects.requireNonNull(conversationId, "conversationId");
    }

    @Override
    public int httpStatus() {
      return 404;
    }

    @Override
    public String error() {
      return "not_found";
    }

    @Override
    public String message() {
      return "conversation " + conversationId + " not found";
    }

    @Override
    public Option<String> field() {
      return Option.some("conversation_id");
    }
  }

  /**
   * The conversation's lifecycle refuses the change in its current state, or other writers kept
   * changing it (HTTP 409, {@code conflict}). The message ends with the lifecycle rule in
   * brackets, for example {@code [closed-is-read-only]}.
   *
   * @param rule the rule that refused the change ({@code conflict} when writers contended)
   * @param message what was refused and why
   * @param field the parameter whose change was refused, if one was
   */
  record Conflict(String rule, String message, Option<String> field) implements AgentClaraError {

    /** Creates the error. */
    public Conflict {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(field, "field");
    }

    @Override
    public int httpStatus() {
      return 409;
    }

    @Override
    public String error() {
      return "conflict";
    }
  }

  /**
   * The store or the directory failed (HTTP 503, {@code unavailable}); retrying later is safe.
   *
   * @param message what failed
   */
  record Unavailable(String message) implements AgentClaraError {

    /** Creates the error. */
    public Unavailable {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public int httpStatus() {
      return 503;
    }

    @Override
    public String error() {
      return "unavailable";
    }

    @Override
    public Option<String> field() {
      return Option.none();
    }
  }

  /**
   * Returns the error for a service problem: {@code Invalid} is a bad request (its fields renamed
   * to AgentClara's parameters by {@code rename}), {@code NotFound} not found, {@code Rejected},
   * {@code Contended} and {@code KeyReused} a conflict (naming {@code field} for a rejection),
   * {@code Unavailable} unavailable.
   */
  static AgentClaraError of(Problem problem, java.util.function.UnaryOperator<String> rename, Option<String> field) {
    if (problem instanceof Problem.Invalid invalid) {
      return new BadRequest(invalid.violations().map(v -> renamed(v, rename)));
    }
    if (problem instanceof Problem.NotFound notFound) {
      return new NotFound(notFound.id().value());
    }
    if (problem instanceof Problem.Rejected rejected) {
      return new Conflict(rejected.rejection().rule(), rejected.message(), field);
    }
    if (problem instanceof Problem.Unavailable unavailable) {
      // The cause stays with the host (its logs); a client learns only what failed.
      return new Unavailable(unavailable.what() + " failed; try again later");
    }
    return new Conflict(problem.code(), problem.message(), Option.none());
  }

  /** The violation under AgentClara's parameter name, in its field and in its message. */
  private static Violation renamed(Violation v, java.util.function.UnaryOperator<String> rename) {
    String field = rename.apply(v.field());
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
    return from.isEmpty() ? text : text.replaceAll("(?<![A-Za-z0-9_.\\[])" + java.util.regex.Pattern.quote(from) + "(?![A-Za-z0-9_])",
        java.util.regex.Matcher.quoteReplacement(to));
  }
}
