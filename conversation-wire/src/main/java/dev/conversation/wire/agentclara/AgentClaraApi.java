package dev.conversation.wire.agentclara;

import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Trigger;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.Page;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import dev.conversation.wire.ApiError;
import dev.conversation.wire.agentclara.AgentClaraRequest.CreateConversation;
import dev.conversation.wire.agentclara.AgentClaraRequest.ListConversations;
import dev.conversation.wire.agentclara.AgentClaraRequest.SendMessage;
import dev.conversation.wire.agentclara.AgentClaraRequest.UpdateConversation;
import dev.conversation.wire.internal.Threads;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * AgentClara's conversation endpoints (seed 001) over a {@link Conversations} service: each
 * method takes what an HTTP host has parsed (the tenant it authenticated, path parameters, the
 * query string or the body) and returns the status and JSON to answer with. The document lost
 * its paths; a host routes, for example:
 *
 * <table>
 *   <caption>endpoints</caption>
 *   <tr><th>endpoint</th><th>method</th><th>success</th></tr>
 *   <tr><td>List Conversations</td><td>{@link #list(TenantId, java.util.Map)}</td><td>200, a listing</td></tr>
 *   <tr><td>Get Single Conversation</td><td>{@link #get}</td><td>200, the conversation with its thread</td></tr>
 *   <tr><td>Create Conversation</td><td>{@link #create(TenantId, String)}</td><td>201, the conversation</td></tr>
 *   <tr><td>Send Message</td><td>{@link #send(TenantId, String, String)}</td><td>201, the message</td></tr>
 *   <tr><td>Update Conversation</td><td>{@link #update(TenantId, String, String)}</td><td>200, the conversation</td></tr>
 *   <tr><td>Close Conversation</td><td>{@link #close}</td><td>200, the conversation</td></tr>
 * </table>
 *
 * <p>Errors are {@link ApiError}s, answered in AgentClara's shape by
 * {@link AgentClaraResponse#of(ApiError)}: 400 {@code bad_request} (a parameter breaks a
 * documented rule, or {@value #CONVERSATION_ID} can be no conversation's id), 401
 * {@code unauthorized} ({@link #unauthorized}, for the host's own authentication), 404
 * {@code not_found} (no such conversation in the tenant, naming {@value #CONVERSATION_ID}), 409
 * {@code conflict} (the lifecycle refuses the change: the message ends with its rule in brackets,
 * and {@code field} names the refused parameter of an update or close; or other writers kept
 * changing the conversation, or an idempotency key was reused) and 503 {@code unavailable} (the
 * store or directory failed). Every service problem is answered through the one mapping,
 * {@link ApiError#of(Problem, UnaryOperator)}, with the service's field names turned into
 * AgentClara's parameters ({@code customer_phone}, {@code tags[1]}, {@code Idempotency-Key},
 * ...).
 *
 * <p>Changes are made as {@linkplain #as(Participant) the caller} (by default
 * {@link Participant#system()}, an API integration); the lifecycle decides what that caller may do
 * (a system caller, for instance, may not resolve a conversation a human has taken over).
 *
 * <p>Immutable and thread-safe; the withers return new instances.
 */
public final class AgentClaraApi {

  /** The outcome a conversation is resolved with when a client sets {@code status} to {@code resolved}. */
  public static final String DEFAULT_OUTCOME = "Resolved through the AgentClara API";

  /** The name of the path parameter that holds the conversation id, as the document spells it. */
  public static final String CONVERSATION_ID = "conversation_id";

  private final Conversations service;
  private final WorkspaceId workspace;
  private final Participant caller;
  private final String outcome;

  private AgentClaraApi(Conversations service, WorkspaceId workspace, Participant caller, String outcome) {
    this.service = Objects.requireNonNull(service, "service");
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    this.caller = Objects.requireNonNull(caller, "caller");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
  }

  /**
   * Returns the endpoints over {@code service}, creating conversations in {@code workspace}, acting
   * as {@link Participant#system()} and resolving with {@link #DEFAULT_OUTCOME}.
   */
  public static AgentClaraApi over(Conversations service, WorkspaceId workspace) {
    return new AgentClaraApi(service, workspace, Participant.system(), DEFAULT_OUTCOME);
  }

  /** Returns these endpoints acting as {@code caller} (for example the human agent who owns the API key). */
  public AgentClaraApi as(Participant caller) {
    return new AgentClaraApi(service, workspace, caller, outcome);
  }

  /** Returns these endpoints resolving conversations with {@code outcome}. */
  public AgentClaraApi resolvingWith(String outcome) {
    return new AgentClaraApi(service, workspace, caller, outcome);
  }

  /**
   * Returns the 401 answer in the error shape, for a host whose authentication refused the
   * request: {@code {"error": "unauthorized", "message": message, "field": null}}.
   *
   * @param message what is missing or wrong, for example {@code "missing API key"}
   * @throws IllegalArgumentException if {@code message} is blank
   */
  public static AgentClaraResponse unauthorized(String message) {
    return AgentClaraResponse.of(ApiError.status(401).withMessage(message));
  }

  // ------------------------------------------------------------------------------------ reads

  /**
   * List Conversations from a decoded query string, keyed by AgentClara's parameter names:
   * {@code limit} (1 to 100, default 25), {@code offset} (default 0), {@code channel}
   * ({@code sms}, {@code email}, {@code instagram}, {@code facebook}, {@code whatsapp},
   * {@code voice}), {@code status} ({@code open}, {@code closed}, {@code resolved}),
   * {@code customer_id} and {@code unread} ({@code true}, {@code false}); other parameters, and null
   * values, are ignored, and a parameter sent empty ({@code ?limit=}) is checked as the empty
   * string. Entries carry no thread ({@code "messages": null}); their contact fields come from the
   * directory, and an entry whose contact lookup fails shows only what the conversation itself
   * knows.
   *
   * @return 200 with the listing, 400 naming the (first) bad parameter, or 503
   */
  public AgentClaraResponse list(TenantId tenant, java.util.Map<String, String> query) {
    return list(tenant, ListConversations.of(query));
  }

  /** List Conversations from parameters already read; see {@link #list(TenantId, java.util.Map)}. */
  AgentClaraResponse list(TenantId tenant, ListConversations request) {
    Objects.requireNonNull(tenant, "tenant");
    Either<ApiError, ConversationQuery> query = AgentClaraVocabulary.query(request);
    return answer(query.flatMap(q -> fail(service.list(tenant, toRequest(q)), PARAMETERS)
        .flatMap(page -> fail(service.count(tenant, q.filter()), PARAMETERS)
            .map(total -> new AgentClaraResponse(200, AgentClaraJson.list(page, q, contacts(tenant, page), Option.some(total)))))));
  }

  /**
   * Get Single Conversation: the conversation, its contact and its thread, oldest first: its last
   * 200 messages (an answer stays bounded; the format does not page a thread).
   *
   * @return 200 with the conversation, 400 for an impossible id, 404, or 503
   */
  public AgentClaraResponse get(TenantId tenant, String conversationId) {
    Objects.requireNonNull(tenant, "tenant");
    return answer(id(conversationId).flatMap(id -> read(tenant, id, 200)));
  }

  // ----------------------------------------------------------------------------------- writes

  /**
   * Create Conversation from a JSON body: starts it in this instance's workspace, saving a
   * contact when {@code customer_name} is given. The body's members are {@code channel}
   * (required), {@code customer_phone} (E.164; required for sms, voice and whatsapp),
   * {@code customer_email} (required for email), {@code customer_name} and {@code message} (the
   * first message, sent by the assistant), each a string.
   *
   * @return 201 with the conversation (and its first message), 400 naming the (first) bad
   *     parameter ({@code body} when the text is not one JSON object), or 503
   */
  public AgentClaraResponse create(TenantId tenant, String body) {
    return create(tenant, body, Option.none());
  }

  /**
   * Create Conversation from a JSON body with the client's {@code Idempotency-Key} header: a
   * retried create with the same key answers the conversation the first one made (with its first
   * message), and a key reused for another conversation is a 400 naming {@code Idempotency-Key}.
   *
   * @param idempotencyKey the header's value, if sent (1 to {@value #IDEMPOTENCY_KEY_MAX} characters)
   */
  public AgentClaraResponse create(TenantId tenant, String body, Option<String> idempotencyKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return answer(key(idempotencyKey).flatMap(key -> AgentClaraJson.read(body)
        .flatMap(AgentClaraJson::createRequest)
        .map(request -> create(tenant, request, key))));
  }

  /** The longest {@code Idempotency-Key} accepted. */
  public static final int IDEMPOTENCY_KEY_MAX = dev.conversation.domain.Limits.MAX_ID;

  /** The header checked: none, or 1 to {@value #IDEMPOTENCY_KEY_MAX} visible characters; a bad one is never echoed. */
  private static Either<ApiError, Option<String>> key(Option<String> header) {
    if (header.isEmpty()) {
      return Either.right(Option.none());
    }
    String key = header.get();
    if (key.isBlank() || key.length() > IDEMPOTENCY_KEY_MAX || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      return Either.left(ApiError.badRequest("Idempotency-Key", "idempotency-key",
          "the Idempotency-Key header must be 1 to " + IDEMPOTENCY_KEY_MAX + " visible ASCII characters"));
    }
    return Either.right(Option.some(key));
  }

  /** Create Conversation from parameters already read; see {@link #create(TenantId, String)}. */
  AgentClaraResponse create(TenantId tenant, CreateConversation request) {
    return create(tenant, request, Option.none());
  }

  private AgentClaraResponse create(TenantId tenant, CreateConversation request, Option<String> idempotencyKey) {
    Objects.requireNonNull(tenant, "tenant");
    Either<ApiError, NewConversation> checked = AgentClaraVocabulary.newConversation(request, workspace);
    return answer(checked.flatMap(requested -> {
      NewConversation created = idempotencyKey.map(requested::idempotencyKey).getOrElse(requested);
      Option<ContactPoint.Kind> kind = created.channel().type().requires();
      return fail(service.create(tenant, created), parameters(kind))
          .map(done -> new AgentClaraResponse(201, AgentClaraJson.conversation(done.conversation(),
              contact(tenant, done.conversation()), Option.some(done.messages()))));
    }));
  }

  /**
   * Send Message from a JSON body: appends the message by its sender. The body's members are
   * {@code content} (required, the message text) and {@code sender} ({@code customer} or
   * {@code assistant}, the AI agent, by default), each a string.
   *
   * @return 201 with the message, 400 naming the (first) bad parameter, 404, 409 when the
   *     lifecycle refuses it (the AI never writes into a human-managed, snoozed, resolved or
   *     closed conversation; nobody writes into a closed one), or 503
   */
  public AgentClaraResponse send(TenantId tenant, String conversationId, String body) {
    return send(tenant, conversationId, body, Option.none());
  }

  /**
   * Send Message from a JSON body with the client's {@code Idempotency-Key} header: a retried send
   * with the same key answers the original message and stores nothing; the key reused for another
   * message is a 409 conflict.
   *
   * @param idempotencyKey the header's value, if sent (1 to {@value #IDEMPOTENCY_KEY_MAX} characters)
   */
  public AgentClaraResponse send(TenantId tenant, String conversationId, String body, Option<String> idempotencyKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return answer(key(idempotencyKey).flatMap(key -> AgentClaraJson.read(body)
        .flatMap(AgentClaraJson::sendRequest)
        .map(request -> send(tenant, conversationId, request, key))));
  }

  /** Send Message from parameters already read; see {@link #send(TenantId, String, String)}. */
  AgentClaraResponse send(TenantId tenant, String conversationId, SendMessage request) {
    return send(tenant, conversationId, request, Option.none());
  }

  private AgentClaraResponse send(TenantId tenant, String conversationId, SendMessage request, Option<String> idempotencyKey) {
    Objects.requireNonNull(tenant, "tenant");
    Either<ApiError, NewMessage> checked = AgentClaraVocabulary.newMessage(request)
        .map(m -> idempotencyKey.map(m::withIdempotencyKey).getOrElse(m));
    return answer(id(conversationId).flatMap(id -> checked.flatMap(message ->
        fail(service.send(tenant, id, message), PARAMETERS)
            .map(done -> new AgentClaraResponse(201, AgentClaraJson.message(done.messages().last()))))));
  }

  /**
   * Update Conversation from a JSON body: {@code status} ({@code open}, {@code closed} or
   * {@code resolved}) and {@code customer_name}, each a string, and {@code tags}, an array of
   * strings (tags to add); each is optional and absent means "leave as it is". It adds the tags,
   * links a contact for the customer's name if the conversation has none, and moves to the status
   * ({@code open} reopens a resolved or closed conversation, {@code resolved} resolves it with the
   * {@linkplain #resolvingWith outcome}, {@code closed} closes it; the word it already has changes
   * nothing), all planned on the conversation as it is when they are decided and stored in one
   * commit: a request the lifecycle refuses in any part (say, a system caller resolving a
   * human-managed conversation) changes nothing, and no concurrent writer can change the
   * conversation between its parts. The name itself lives in the directory and is written after that commit; a
   * directory that fails then answers 503 with the conversation changed, and repeating the
   * request completes it (every part is a no-op the second time).
   *
   * <p>A conversation without a contact is linked to a contact whose id is derived from the
   * conversation's, so a repeated request links and names the same contact.
   *
   * @return 200 with the conversation, 400 naming the (first) bad parameter, 404, 409 naming the
   *     refused parameter ({@code tags}, {@code customer_name} or {@code status}), or 503
   */
  public AgentClaraResponse update(TenantId tenant, String conversationId, String body) {
    Objects.requireNonNull(tenant, "tenant");
    return answer(AgentClaraJson.read(body)
        .flatMap(AgentClaraJson::updateRequest)
        .map(request -> update(tenant, conversationId, request)));
  }

  /** Update Conversation from parameters already read; see {@link #update(TenantId, String, String)}. */
  AgentClaraResponse update(TenantId tenant, String conversationId, UpdateConversation request) {
    Objects.requireNonNull(tenant, "tenant");
    Either<ApiError, UpdateConversation> checked = AgentClaraVocabulary.checkUpdate(request);
    return answer(id(conversationId).flatMap(id -> checked.flatMap(r -> {
      Seq<String> tags = r.tags().getOrElse(List.empty());
      Either<ApiError, ?> done =
          service.execute(tenant, id, current -> plan(current, tags, r.customerName().isDefined(), r.status()))
              .mapLeft(p -> error(p, PARAMETERS, Option.some(refused(p, tags.nonEmpty()))));
      if (done.isRight() && r.customerName().isDefined()) {
        done = fail(service.renameContact(tenant, id, r.customerName().get(), caller), PARAMETERS, Option.some("customer_name"));
      }
      return done.flatMap(ignored -> read(tenant, id, 200));
    })));
  }

  /**
   * Close Conversation: closes it for good (our CLOSED: read-only, a later customer message starts
   * a follow-up). Closing a closed conversation changes nothing.
   *
   * @return 200 with the conversation, 400 for an impossible id, 404, 409 when the lifecycle
   *     refuses it, or 503
   */
  public AgentClaraResponse close(TenantId tenant, String conversationId) {
    Objects.requireNonNull(tenant, "tenant");
    return answer(id(conversationId).flatMap(id -> moveTo(tenant, id, AgentClaraVocabulary.CLOSED)
        .flatMap(ignored -> read(tenant, id, 200))));
  }

  // ---------------------------------------------------------------------------------- helpers

  /**
   * The commands of an update for the conversation as it is; in this order, so closing comes
   * last. The status word was checked with the request ({@link AgentClaraVocabulary#checkUpdate}).
   */
  private Seq<Command> plan(Conversation current, Seq<String> tags, boolean rename, Option<String> status) {
    List<Command> commands = List.empty();
    if (tags.nonEmpty()) {
      commands = commands.append(Command.UpdateMetadata.by(caller).addTags(tags.toJavaArray(String[]::new)));
    }
    if (rename && current.contactId().isEmpty()) {
      commands = commands.append(Command.UpdateMetadata.by(caller).contactId(contactFor(current.id())));
    }
    if (status.isDefined()) {
      commands = commands.appendAll(AgentClaraVocabulary.statusCommand(status.get(), current, caller, outcome)
          .getOrElseThrow(bad -> new IllegalStateException("status was checked with the request: " + bad)));
    }
    return commands;
  }

  /** The contact a named customer of this conversation gets: an id derived from the conversation's, of bounded length. */
  static ContactId contactFor(ConversationId id) {
    return ContactId.of("contact-" + UUID.nameUUIDFromBytes(("agentclara-contact:" + id.value())
        .getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The parameter a refused update names: its status unless the refused command changes metadata
   * (tags first, then the customer's name, in the order they are applied).
   */
  private static String refused(Problem problem, boolean tags) {
    if (problem instanceof Problem.Rejected r) {
      Rejection rejection = r.rejection();
      Option<Trigger> trigger = rejection instanceof Rejection.Denied d ? Option.some(d.denial().trigger())
          : rejection instanceof Rejection.ActorNotAllowed a ? Option.some(a.transition().trigger()) : Option.none();
      if (trigger.contains(Trigger.UPDATE_METADATA)) {
        return tags ? "tags" : "customer_name";
      }
    }
    return "status";
  }

  private Either<ApiError, Outcome> moveTo(TenantId tenant, ConversationId id, String word) {
    return fail(service.get(tenant, id), PARAMETERS).flatMap(current ->
        AgentClaraVocabulary.statusCommand(word, current, caller, outcome)
            .flatMap(command -> command.isEmpty()
                ? Either.right(new Outcome(current, List.empty(), List.empty(), false))
                : fail(service.execute(tenant, id, command.get()), PARAMETERS, Option.some("status"))));
  }

  private Either<ApiError, AgentClaraResponse> read(TenantId tenant, ConversationId id, int status) {
    return fail(service.getEnriched(tenant, id), PARAMETERS).flatMap(enriched ->
        thread(tenant, id).map(messages -> new AgentClaraResponse(status,
            AgentClaraJson.conversation(enriched.conversation(), enriched.contact(), Option.some(messages)))));
  }

  private Either<ApiError, Seq<Message>> thread(TenantId tenant, ConversationId id) {
    return fail(Threads.last(service, tenant, id), PARAMETERS);
  }

  /** The contact of a conversation from the directory; a failing directory leaves it out. */
  private Option<Contact> contact(TenantId tenant, Conversation c) {
    return c.contactId().flatMap(id -> lookup(tenant, id));
  }

  private java.util.function.Function<Conversation, Option<Contact>> contacts(TenantId tenant, Page<Conversation> page) {
    HashMap<ContactId, Option<Contact>> found = HashMap.ofEntries(page.items().flatMap(Conversation::contactId).distinct()
        .map(id -> io.vavr.Tuple.of(id, lookup(tenant, id))));
    return c -> c.contactId().flatMap(id -> found.get(id).getOrElse(Option.none()));
  }

  private Option<Contact> lookup(TenantId tenant, ContactId id) {
    try {
      return service.directory().contact(tenant, id);
    } catch (RuntimeException e) {
      // The directory is the host's CRM: enrichment is best effort, as in Conversations.getEnriched.
      return Option.none();
    }
  }

  /** The service's listing request for a checked query (the service validates raw requests only). */
  static ConversationQuery.Request toRequest(ConversationQuery query) {
    ConversationFilter f = query.filter();
    ConversationQuery.Request r = ConversationQuery.request().limit(query.limit())
        .offset(((ConversationQuery.Paging.Offset) query.paging()).value())
        .statuses(f.statuses().toJavaArray(Status[]::new))
        .channels(f.channels().map(t -> t.name().toLowerCase(Locale.ROOT)).toJavaArray(String[]::new));
    r = f.contactId().map(id -> id.value()).map(r::contactId).getOrElse(r);
    return f.unread().map(r::unread).getOrElse(r);
  }

  private static Either<ApiError, ConversationId> id(String raw) {
    Objects.requireNonNull(raw, CONVERSATION_ID);
    return ConversationId.parse(CONVERSATION_ID, raw).toEither().mapLeft(ApiError::invalid);
  }

  /** AgentClara's parameters for the service's fields, where no customer address is in play. */
  private static final UnaryOperator<String> PARAMETERS = parameters(Option.none());

  /** AgentClara's parameters for the service's fields ({@link AgentClaraVocabulary#parameter}). */
  private static UnaryOperator<String> parameters(Option<ContactPoint.Kind> addressKind) {
    return field -> AgentClaraVocabulary.parameter(field, addressKind);
  }

  private static <T> Either<ApiError, T> fail(Either<Problem, T> result, UnaryOperator<String> parameters) {
    return fail(result, parameters, Option.none());
  }

  private static <T> Either<ApiError, T> fail(Either<Problem, T> result, UnaryOperator<String> parameters,
      Option<String> refused) {
    return result.mapLeft(p -> error(p, parameters, refused));
  }

  /**
   * The error for a service problem: the one mapping, {@link ApiError#of(Problem, UnaryOperator)},
   * naming {@code refused} as the parameter of a change the lifecycle refused (a 409).
   */
  private static ApiError error(Problem problem, UnaryOperator<String> parameters, Option<String> refused) {
    ApiError error = ApiError.of(problem, parameters);
    return problem instanceof Problem.Rejected && error.status() == 409 ? error.withField(refused) : error;
  }

  private static AgentClaraResponse answer(Either<ApiError, AgentClaraResponse> result) {
    return result.fold(AgentClaraResponse::of, ok -> ok);
  }
}
