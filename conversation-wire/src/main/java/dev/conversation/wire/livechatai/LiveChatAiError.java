package dev.conversation.wire.livechatai;

import dev.conversation.domain.Violation;
import java.util.Objects;

/**
 * Why a LiveChatAI request was not served, with the HTTP status it is answered with. The
 * document shows no error body; every error is rendered by {@link LiveChatAiJson#error} in the
 * shape of its success envelope:
 *
 * <pre>{"status": "error", "message": "conversation chat_1 not found"}</pre>
 *
 * <p>Messages never repeat the Authorization header or the token. All implementations are
 * immutable records; a {@code null} component throws {@link NullPointerException} naming it.
 */
public sealed interface LiveChatAiError {

  /** Returns the HTTP status code: 400, 401, 404 or 503. */
  int httpStatus();

  /** Returns the error in words a developer can act on. */
  String message();

  /** No Authorization header, or a blank one (HTTP 401). */
  record MissingToken() implements LiveChatAiError {

    @Override
    public int httpStatus() {
      return 401;
    }

    @Override
    public String message() {
      return "the Authorization header is missing; send 'Authorization: Bearer <token>'";
    }
  }

  /**
   * An Authorization header that is not {@code Bearer <token>}: another scheme, no token, or a
   * token with characters RFC 6750 does not allow (HTTP 401).
   *
   * @param problem what is wrong, without the header's value
   */
  record MalformedToken(String problem) implements LiveChatAiError {

    /** Creates the error. */
    public MalformedToken {
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public int httpStatus() {
      return 401;
    }

    @Override
    public String message() {
      return "the Authorization header must be 'Bearer <token>': " + problem;
    }
  }

  /** A well-formed bearer token the host does not accept (HTTP 401). */
  record InvalidToken() implements LiveChatAiError {

    @Override
    public int httpStatus() {
      return 401;
    }

    @Override
    public String message() {
      return "the bearer token is not valid";
    }
  }

  /**
   * The path's {@code conversationId} can be no conversation's id (HTTP 400): blank, longer than
   * the id limit, or not well-formed text. The message names the parameter and the rule.
   *
   * @param violation the rule the id breaks, for field {@value LiveChatAiApi#CONVERSATION_ID}
   */
  record InvalidId(Violation violation) implements LiveChatAiError {

    /** Creates the error. */
    public InvalidId {
      Objects.requireNonNull(violation, "violation");
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public String message() {
      return violation.message() + " (" + violation.rule() + ")";
    }
  }

  /**
   * The tenant has no conversation with this id (HTTP 404); another tenant's is not found either.
   *
   * @param conversationId the id asked for, as sent
   */
  record NotFound(String conversationId) implements LiveChatAiError {

    /** Creates the error. */
    public NotFound {
      Objects.requireNonNull(conversationId, "conversationId");
    }

    @Override
    public int httpStatus() {
      return 404;
    }

    @Override
    public String message() {
      return "conversation " + conversationId + " not found";
    }
  }

  /**
   * The store failed (HTTP 503); retrying later is safe.
   *
   * @param what what failed
   */
  record Unavailable(String what) implements LiveChatAiError {

    /** Creates the error. */
    public Unavailable {
      Objects.requireNonNull(what, "what");
    }

    @Override
    public int httpStatus() {
      return 503;
    }

    @Override
    public String message() {
      return what + " failed; try again later";
    }
  }
}
