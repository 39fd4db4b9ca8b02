package dev.conversation.wire.livechatai;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.TenantId;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import dev.conversation.wire.ApiError;
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
 * <p>Answers 200 with {@code {"status": "success", "data": conversation}} (the conversation and
 * its thread's last 200 messages, an answer bounded since the format does not page a thread,
 * oldest first), or an {@link ApiError} in the shape {@code {"status": "error", "message"}}:
 *
 * <table>
 *   <caption>errors</caption>
 *   <tr><th>when</th><th>status</th><th>rule</th><th>field</th></tr>
 *   <tr><td>a missing or malformed bearer token</td><td>401</td><td>as {@link BearerToken#parse}</td>
 *       <td>{@code Authorization}</td></tr>
 *   <tr><td>a well-formed token the host refuses</td><td>401</td><td>{@code known-token}</td>
 *       <td>{@code Authorization}</td></tr>
 *   <tr><td>a {@code conversationId} no conversation can have (blank, too long, not well-formed
 *       text); the message ends with the rule in parentheses</td><td>400</td><td>the id's rule</td>
 *       <td>{@code conversationId}</td></tr>
 *   <tr><td>no such conversation for the token's tenant</td><td>404</td><td>{@code exists}</td>
 *       <td>{@code conversationId}</td></tr>
 *   <tr><td>any other problem of the read</td><td colspan="3">as {@link ApiError#of(Problem)}: 503
 *       {@code unavailable} when the store fails</td></tr>
 * </table>
 *
 * <p>The token is checked first, so a request without credentials learns nothing about ids.
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
    Either<ApiError, TenantId> tenant = BearerToken.parse(authorization)
        .flatMap(token -> tokens.apply(token).toEither(() -> ApiError.unauthorized(BearerToken.AUTHORIZATION, "known-token",
            "the bearer token is not valid")));
    return tenant.fold(LiveChatAiResponse::of, t -> get(t, conversationId));
  }

  /**
   * Get conversation by id, for a host that has authenticated the tenant itself.
   *
   * @return 200 with the document, 400 for an impossible id, 404, or another status as
   *     {@link ApiError#of(Problem)} maps the read's problem (503 when the store fails)
   */
  public LiveChatAiResponse get(TenantId tenant, String conversationId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(conversationId, "conversationId");
    Either<ApiError, ConversationId> id = ConversationId.parse(CONVERSATION_ID, conversationId).toEither()
        .mapLeft(v -> ApiError.badRequest(v.field(), v.rule(), v.message() + " (" + v.rule() + ")"));
    return id.flatMap(i -> fail(service.get(tenant, i)).flatMap(c -> thread(tenant, c)
            .map(messages -> new LiveChatAiResponse(200, LiveChatAiJson.document(c, messages)))))
        .fold(LiveChatAiResponse::of, ok -> ok);
  }

  private Either<ApiError, Seq<Message>> thread(TenantId tenant, Conversation c) {
    return fail(Threads.last(service, tenant, c.id()));
  }

  /** The one mapping, naming the domain's {@code id} as the path parameter. */
  private static <T> Either<ApiError, T> fail(Either<Problem, T> result) {
    return result.mapLeft(p -> ApiError.of(p, f -> f.equals("id") ? CONVERSATION_ID : f));
  }
}
