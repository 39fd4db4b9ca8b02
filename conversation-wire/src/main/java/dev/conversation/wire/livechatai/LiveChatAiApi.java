package dev.conversation.wire.livechatai;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.TenantId;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import dev.conversation.wire.internal.Threads;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.Function;

/**
 * LiveChatAI's read-only endpoint {@code GET /api/v2/conversations/{conversationId}} (seed 002)
 * over a {@link Conversations} service: the host passes the Authorization header and the path
 * parameter and writes back the status and JSON returned.
 *
 * <p>Answers 200 with {@link LiveChatAiJson#document} (the conversation and its thread's last 200
 * messages, an answer bounded since the format does not page a thread,
 * oldest first), 400 for a {@code conversationId} no conversation can have (blank, too long, not
 * well-formed text), 401 for a missing, malformed or refused bearer token, 404 when the token's
 * tenant has no such conversation, 503 when the store fails; errors in
 * {@link LiveChatAiJson#error}'s shape. The token is checked first, so a request without
 * credentials learns nothing about ids.
 *
 * <p>Immutable and thread-safe if the token function is.
 */
public final class LiveChatAiApi {

  /** The path parameter's name, as the document spells it. */
  public static final String CONVERSATION_ID = "conversationId";

  private final Conversations service;
  private final Function<String, Option<TenantId>> tokens;

  private LiveChatAiApi(Conversations service, Function<String, Option<TenantId>> tokens) {
    this.service = Objects.requireNonNull(service, "service");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /**
   * Returns the endpoint over {@code service}.
   *
   * @param tokens the host's token check: the tenant a bearer token belongs to, or none to refuse it
   */
  public static LiveChatAiApi over(Conversations service, Function<String, Option<TenantId>> tokens) {
    return new LiveChatAiApi(service, tokens);
  }

  /**
   * Get conversation by id, authenticating with the Authorization header.
   *
   * @param authorization the header's value, or none when the request has none
   * @param conversationId the path parameter
   */
  public LiveChatAiResponse get(Option<String> authorization, String conversationId) {
    Either<LiveChatAiError, TenantId> tenant = BearerToken.parse(authorization)
        .flatMap(token -> tokens.apply(token).toEither(LiveChatAiError.InvalidToken::new));
    return tenant.fold(LiveChatAiResponse::of, t -> get(t, conversationId));
  }

  /**
   * Get conversation by id, for a host that has authenticated the tenant itself.
   *
   * @return 200 with the document, 400 for an impossible id, 404, or 503
   */
  public LiveChatAiResponse get(TenantId tenant, String conversationId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(conversationId, "conversationId");
    Either<LiveChatAiError, ConversationId> id =
        ConversationId.parse(CONVERSATION_ID, conversationId).toEither().mapLeft(LiveChatAiError.InvalidId::new);
    return id.flatMap(i -> fail(service.get(tenant, i)).flatMap(c -> thread(tenant, c)
            .map(messages -> new LiveChatAiResponse(200, LiveChatAiJson.document(c, messages)))))
        .fold(LiveChatAiResponse::of, ok -> ok);
  }

  private Either<LiveChatAiError, Seq<Message>> thread(TenantId tenant, Conversation c) {
    return fail(Threads.last(service, tenant, c.id()));
  }

  private static <T> Either<LiveChatAiError, T> fail(Either<Problem, T> result) {
    return result.mapLeft(p -> p instanceof Problem.NotFound nf
        ? new LiveChatAiError.NotFound(nf.id().value())
        : p instanceof Problem.Unavailable u
            ? new LiveChatAiError.Unavailable(u.what())
            // A read meets only NotFound and Unavailable; anything else is a service bug.
            : unexpected(p));
  }

  private static LiveChatAiError unexpected(Problem p) {
    throw new IllegalStateException("a read returned " + p.code() + ": " + p.message());
  }
}
