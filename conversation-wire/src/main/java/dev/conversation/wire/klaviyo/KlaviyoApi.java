package dev.conversation.wire.klaviyo;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import dev.conversation.wire.ApiError;
import dev.conversation.wire.internal.Threads;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Klaviyo's "Retrieve Conversation" ({@code GET /api/customer-agent-conversations/{id}}, seed 000)
 * and the two URLs its document links to, over a {@link Conversations} service: the host passes
 * the {@code Authorization} and {@code revision} headers, the query parameters and the path's
 * {@code id}, and writes back the status and JSON:API body returned, with
 * {@link KlaviyoResponse#CONTENT_TYPE}.
 *
 * <ul>
 *   <li>{@link #retrieve} renders the conversation with the identifiers of its last
 *       {@value dev.conversation.wire.internal.Threads#SHOWN} messages (internal notes left out),
 *       so one answer stays bounded however long the thread; the seed's relationship has no
 *       pagination links.</li>
 *   <li>{@link #relationship} ({@code .../{id}/relationships/customer-agent-messages/}) and
 *       {@link #messages} ({@code .../{id}/customer-agent-messages/}) page through the whole
 *       thread, oldest first: {@value #PAGE_SIZE} 1 to 100 (default 20), {@value #PAGE_CURSOR}
 *       from the {@code next} link.</li>
 * </ul>
 *
 * <p>Checks run in this order, and the first failure is answered: the API key (401, so a request
 * without credentials learns nothing else), the revision (400), the sparse fieldset or the page
 * size (400), the id (400 when it can be no conversation's id), the cursor (400 when it is no
 * cursor of ours, whatever the id); then the conversation is read in the key's tenant: 404 when
 * that tenant has none (including another tenant's id), 503 when the store fails (in fixed
 * words). Every error is an
 * {@link dev.conversation.wire.ApiError} answered as a one-entry {@code errors} document with a
 * fresh error id.
 *
 * <p>Immutable and thread-safe if the key function and the error-id supplier are.
 */
public final class KlaviyoApi {

  /** The sparse fieldset's query parameter, {@code fields[customer-agent-conversation]}. */
  public static final String FIELDS = KlaviyoFields.PARAMETER;

  /** The cursor's query parameter, {@code page[cursor]}. */
  public static final String PAGE_CURSOR = KlaviyoMessages.PAGE_CURSOR;

  /** The page size's query parameter, {@code page[size]}. */
  public static final String PAGE_SIZE = KlaviyoMessages.PAGE_SIZE;

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
    return authenticated(authorization).fold(this::error, t -> retrieve(t, revision, fields, id));
  }

  /**
   * Retrieve Conversation, for a host that has authenticated the tenant itself.
   *
   * @return 200 with the document, 400 naming the bad parameter, 404, or 503
   */
  public KlaviyoResponse retrieve(TenantId tenant, Option<String> revision, Option<String> fields, String id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(fields, "fields");
    Either<ApiError, KlaviyoResponse> answer = KlaviyoRevision.fromHeader(Objects.requireNonNull(revision, "revision"))
        .flatMap(r -> KlaviyoFields.parse(fields))
        .flatMap(sparse -> conversationId(id).flatMap(cid -> read(service.get(tenant, cid)
            .flatMap(c -> Threads.last(service, tenant, cid)
                .map(messages -> new KlaviyoResponse(200, resource.document(c, messages, sparse)))), cid)));
    return answer.fold(this::error, ok -> ok);
  }

  /**
   * The conversation's {@code customer-agent-messages} relationship, {@code GET
   * /api/customer-agent-conversations/{id}/relationships/customer-agent-messages/}: a page of the
   * messages' resource identifiers, oldest first, with {@code self}, {@code first}, {@code next}
   * and {@code related} links. Authenticated and checked as {@link #retrieve} is, with
   * {@code page[size]} (1 to 100, default 20) in place of the fieldset and {@code page[cursor]}
   * (the {@code next} link's) after the id (400 naming the parameter).
   *
   * @param authorization the {@code Authorization} header's value, or none
   * @param revision the {@code revision} header's value, or none
   * @param id the path's {@code id}, URL-decoded
   * @param cursor the {@code page[cursor]} parameter, or none for the first page
   * @param size the {@code page[size]} parameter, or none
   */
  public KlaviyoResponse relationship(Option<String> authorization, Option<String> revision, String id, Option<String> cursor,
      Option<String> size) {
    return authenticated(authorization).fold(this::error, t -> relationship(t, revision, id, cursor, size));
  }

  /** The relationship, for a host that has authenticated the tenant itself; see the other overload. */
  public KlaviyoResponse relationship(TenantId tenant, Option<String> revision, String id, Option<String> cursor,
      Option<String> size) {
    return page(tenant, revision, id, cursor, size, false);
  }

  /**
   * The conversation's messages, {@code GET /api/customer-agent-conversations/{id}/customer-agent-messages/}:
   * a page of {@code customer-agent-message} resources (role, content, attachments, created_at),
   * oldest first, with {@code self}, {@code first} and {@code next} links. Checked as
   * {@link #relationship(Option, Option, String, Option, Option)} is.
   */
  public KlaviyoResponse messages(Option<String> authorization, Option<String> revision, String id, Option<String> cursor,
      Option<String> size) {
    return authenticated(authorization).fold(this::error, t -> messages(t, revision, id, cursor, size));
  }

  /** The messages, for a host that has authenticated the tenant itself; see the other overload. */
  public KlaviyoResponse messages(TenantId tenant, Option<String> revision, String id, Option<String> cursor,
      Option<String> size) {
    return page(tenant, revision, id, cursor, size, true);
  }

  private Either<ApiError, TenantId> authenticated(Option<String> authorization) {
    Objects.requireNonNull(authorization, "authorization");
    return KlaviyoApiKey.fromHeader(authorization).flatMap(key -> keys.apply(key).toEither(KlaviyoProblem::invalidApiKey));
  }

  private KlaviyoResponse page(TenantId tenant, Option<String> revision, String id, Option<String> cursor, Option<String> size,
      boolean resources) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(cursor, "cursor");
    Either<ApiError, KlaviyoResponse> answer = KlaviyoRevision.fromHeader(Objects.requireNonNull(revision, "revision"))
        .flatMap(r -> KlaviyoMessages.size(Objects.requireNonNull(size, "size")))
        .flatMap(n -> conversationId(id).flatMap(cid -> read(service.history(tenant, cid, Option.some(n), cursor), cid)
            .map(p -> new KlaviyoResponse(200, resources
                ? KlaviyoMessages.related(resource, cid, p.items(), n, cursor, p.next())
                : KlaviyoMessages.relationship(resource, cid, p.items(), n, cursor, p.next())))));
    return answer.fold(this::error, ok -> ok);
  }

  private static Either<ApiError, ConversationId> conversationId(String id) {
    return ConversationId.parse("id", Objects.requireNonNull(id, "id")).toEither().mapLeft(KlaviyoProblem::invalidId);
  }

  /**
   * A read's problem as Klaviyo words it: not found in its own words (the id quoted, cut to 64
   * code points), a store failure in Django REST framework's fixed words (nothing of the request
   * echoed), the rest by the one mapping.
   */
  private static <T> Either<ApiError, T> read(Either<Problem, T> result, ConversationId id) {
    return result.mapLeft(p -> p instanceof Problem.NotFound ? KlaviyoProblem.notFound(id)
        : p instanceof Problem.Unavailable ? ApiError.of(p).withMessage(KlaviyoError.title(503))
        : ApiError.of(p, KlaviyoApi::parameter));
  }

  /** The service's field names as Klaviyo's parameters. */
  private static String parameter(String field) {
    return switch (field) {
      case "limit" -> KlaviyoMessages.PAGE_SIZE;
      case "cursor" -> KlaviyoMessages.PAGE_CURSOR;
      default -> field;
    };
  }

  private KlaviyoResponse error(ApiError error) {
    return KlaviyoResponse.of(error, errorIds.get());
  }
}
