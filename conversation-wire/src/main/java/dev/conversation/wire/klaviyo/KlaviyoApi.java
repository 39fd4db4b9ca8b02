package dev.conversation.wire.klaviyo;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import dev.conversation.wire.internal.Threads;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Klaviyo's "Retrieve Conversation" ({@code GET /api/customer-agent-conversations/{id}}, seed 000)
 * over a {@link Conversations} service: the host passes the {@code Authorization} and
 * {@code revision} headers, the {@code fields[customer-agent-conversation]} query parameter and
 * the path's {@code id}, and writes back the status and JSON:API body returned, with
 * {@link KlaviyoResponse#CONTENT_TYPE}.
 *
 * <p>Checks run in this order, and the first failure is answered: the API key (401, so a request
 * without credentials learns nothing else), the revision (400), the sparse fieldset (400), the id
 * (400 when it can be no conversation's id); then the conversation is read in the key's tenant
 * (404 when that tenant has none, including another tenant's id; a 503 {@code errors} document when
 * the store fails) and rendered with its every message, oldest first (200). Every error is a
 * one-entry {@code errors} document ({@link KlaviyoProblem}) with a fresh error id.
 *
 * <p>Immutable and thread-safe if the key function and the error-id supplier are.
 */
public final class KlaviyoApi {

  private final Conversations service;
  private final KlaviyoConversationResource resource;
  private final Function<KlaviyoApiKey, Option<TenantId>> keys;
  private final Supplier<String> errorIds;

  private KlaviyoApi(Conversations service, KlaviyoConversationResource resource,
      Function<KlaviyoApiKey, Option<TenantId>> keys, Supplier<String> errorIds) {
    this.service = Objects.requireNonNull(service, "service");
    this.resource = Objects.requireNonNull(resource, "resource");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.errorIds = Objects.requireNonNull(errorIds, "errorIds");
  }

  /**
   * Returns the endpoint over {@code service}, linking resources under {@code resource}'s base URL
   * and drawing error ids from {@link UUID#randomUUID()}.
   *
   * @param keys the host's key check: the tenant (Klaviyo account) a private API key belongs to,
   *     or none to refuse it
   */
  public static KlaviyoApi over(Conversations service, KlaviyoConversationResource resource,
      Function<KlaviyoApiKey, Option<TenantId>> keys) {
    return new KlaviyoApi(service, resource, keys, () -> UUID.randomUUID().toString());
  }

  /** Returns this endpoint drawing error ids from {@code ids} (for example, the host's request id). */
  public KlaviyoApi withErrorIds(Supplier<String> ids) {
    return new KlaviyoApi(service, resource, keys, ids);
  }

  /**
   * Retrieve Conversation, authenticating with the {@code Authorization} header.
   *
   * @param authorization the header's value, or none when the request has none
   * @param revision the {@code revision} header's value, or none
   * @param fields the {@code fields[customer-agent-conversation]} parameter, or none
   * @param id the path's {@code id}, URL-decoded
   */
  public KlaviyoResponse retrieve(Option<String> authorization, Option<String> revision, Option<String> fields, String id) {
    Objects.requireNonNull(authorization, "authorization");
    Either<KlaviyoProblem, TenantId> tenant = KlaviyoApiKey.fromHeader(authorization)
        .flatMap(key -> keys.apply(key).toEither(KlaviyoProblem.InvalidApiKey::new));
    return tenant.fold(this::error, t -> retrieve(t, revision, fields, id));
  }

  /**
   * Retrieve Conversation, for a host that has authenticated the tenant itself.
   *
   * @return 200 with the document, 400 naming the bad parameter, 404, or 503
   */
  public KlaviyoResponse retrieve(TenantId tenant, Option<String> revision, Option<String> fields, String id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(id, "id");
    Either<KlaviyoProblem, KlaviyoFields> sparse = KlaviyoRevision.fromHeader(revision)
        .flatMap(r -> KlaviyoFields.parse(fields));
    if (sparse.isLeft()) {
      return error(sparse.getLeft());
    }
    Either<KlaviyoProblem, ConversationId> conversationId =
        ConversationId.parse("id", id).toEither().mapLeft(KlaviyoProblem.InvalidId::new);
    if (conversationId.isLeft()) {
      return error(conversationId.getLeft());
    }
    ConversationId cid = conversationId.get();
    Either<Problem, KlaviyoResponse> answer = service.get(tenant, cid).flatMap(c -> Threads.last(service, tenant, cid)
        .map(messages -> new KlaviyoResponse(200, resource.document(c, messages, sparse.get()))));
    return answer.fold(p -> p instanceof Problem.NotFound
        ? error(new KlaviyoProblem.NotFound(cid))
        : serverError(p), ok -> ok);
  }

  private KlaviyoResponse error(KlaviyoProblem problem) {
    return KlaviyoResponse.of(problem, errorIds.get());
  }

  private KlaviyoResponse serverError(Problem p) {
    if (!(p instanceof Problem.Unavailable)) {
      // A read meets only NotFound and Unavailable; anything else is a service bug.
      throw new IllegalStateException("a read returned " + p.code() + ": " + p.message());
    }
    return new KlaviyoResponse(503, KlaviyoError.serverError(errorIds.get()).document());
  }
}
