package dev.conversation.wire.crm;

import dev.conversation.domain.ConversationId;
import dev.conversation.service.Problem;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * Why a CRM request was not answered with a conversation: each kind has the HTTP status the host
 * sends and the message that goes into the document's error object, {@code {"error": message}}
 * (see {@link CrmJson#error(CrmError)}).
 *
 * <p>Messages shown to clients never carry a stack trace, an exception or the text of a store
 * failure; {@link Unavailable#detail()} and {@link Unexpected#problem()} keep those for the host's
 * logs. Immutable and thread-safe.
 */
public sealed interface CrmError {

  /** The text of the document's not-found error, exactly. */
  String NOT_FOUND = "Conversation not found";

  /** Returns the HTTP status code the host answers with. */
  int httpStatus();

  /** Returns the client-facing message: the value of {@code "error"} in the error object. */
  String message();

  /**
   * Returns the error for a problem the service answered a read with: {@link Problem.NotFound} is
   * {@link NotFound} (404), {@link Problem.Unavailable} is {@link Unavailable} (503), and any other
   * kind, which a read never returns, is {@link Unexpected} (500).
   *
   * @throws NullPointerException if {@code problem} is null
   */
  static CrmError of(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    if (problem instanceof Problem.NotFound notFound) {
      return new NotFound(notFound.id());
    }
    if (problem instanceof Problem.Unavailable) {
      return new Unavailable(problem.message());
    }
    return new Unexpected(problem);
  }

  /**
   * The tenant has no conversation with this id (another tenant's conversation is not found
   * either): 404, {@value CrmError#NOT_FOUND}.
   *
   * @param id the id asked for
   */
  record NotFound(ConversationId id) implements CrmError {

    /** Creates the error. */
    public NotFound {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public int httpStatus() {
      return 404;
    }

    @Override
    public String message() {
      return NOT_FOUND;
    }
  }

  /**
   * A path or query id that can be no id of ours (blank, too long, not well-formed text): 400.
   *
   * @param field the parameter, for example {@code "id"}
   * @param rule a stable, machine-readable rule name: {@code not-blank}, {@code max-length} or
   *     {@code malformed-text}
   * @param message what is wrong and what is accepted, naming the field
   */
  record InvalidId(String field, String rule, String message) implements CrmError {

    /** Creates the error; every argument is required. */
    public InvalidId {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public int httpStatus() {
      return 400;
    }
  }

  /**
   * A status word that is none of the document's five: 400.
   *
   * @param field the parameter the word came from, for example {@code "status"}
   * @param word the word as sent
   */
  record UnknownStatus(String field, String word) implements CrmError {

    /** Creates the error; both arguments are required. */
    public UnknownStatus {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(word, "word");
    }

    /** Returns the words that are accepted, in the document's order. */
    public Seq<String> allowed() {
      return CrmStatus.words();
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    /** Returns, for example, {@code status must be one of new, active, ...; was 'open'}. */
    @Override
    public String message() {
      return field + " must be one of " + allowed().mkString(", ") + "; was '" + CrmPath.excerpt(word) + "'";
    }
  }

  /**
   * The store failed (a lost connection, a full disk): 503. Retrying later is safe; the request
   * only reads.
   *
   * @param detail what failed, for the host's logs only; never shown to the client
   */
  record Unavailable(String detail) implements CrmError {

    /** Creates the error. */
    public Unavailable {
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public int httpStatus() {
      return 503;
    }

    @Override
    public String message() {
      return "Service unavailable, try again later";
    }
  }

  /**
   * A problem a read should never meet (a rejected command, a conflict): a bug, 500.
   *
   * @param problem the service's problem, for the host's logs only; never shown to the client
   */
  record Unexpected(Problem problem) implements CrmError {

    /** Creates the error. */
    public Unexpected {
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public int httpStatus() {
      return 500;
    }

    @Override
    public String message() {
      return "Internal server error";
    }
  }
}
