package dev.conversation.wire.crm;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.Page;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * {@code GET /api/conversations/{id}} of the CRM agent platform (seed 003), for a host's HTTP
 * layer to call once it has authenticated the tenant:
 *
 * <pre>{@code
 * CrmGetConversation get = CrmGetConversation.over(conversations);
 * CrmResponse response = get.handle(tenant, pathSegment);   // URL-decoded {id}
 * http.status(response.status()).contentType("application/json").send(response.json());
 * }</pre>
 *
 * <p>It reads the path id (400 if it can be no id: blank, longer than a conversation id may be, or
 * not well-formed text), asks the service for the conversation enriched with its contact and
 * account (looked up in the CRM in parallel, see {@link Conversations#getEnriched}; 404
 * {@code "Conversation not found"} if the tenant has none), then reads the message history oldest
 * first and renders it (200). A store failure is 503 {@code "Service unavailable, try again
 * later"}, which hides the failure; a directory failure is not an error, the answer says the
 * enrichment is incomplete.
 *
 * <p>Every failure is an {@link ApiError}, rendered by {@link CrmResponse#of(ApiError)}: a problem
 * of the service is answered as {@link ApiError#of(Problem)} maps it, in the document's words for
 * the 404 and the 503; a problem a read should not meet (a conflict) is answered as its kind says,
 * for example 409.
 *
 * <p>The history holds the conversation's first {@code min(messageCount, maxMessages)} messages:
 * exactly those counted in the {@code messageCount} that is shown, even when a message arrives
 * between the two reads. A thread longer than {@link #maxMessages()} shows its first messages
 * only; a client sees that {@code messages} is shorter than {@code messageCount}.
 *
 * <p>Immutable and thread-safe; one instance serves every request.
 */
public final class CrmGetConversation {

  /** How many messages are shown at most, by default: {@value}. */
  public static final int DEFAULT_MAX_MESSAGES = 200;

  /** The largest {@link #withMaxMessages(int)} accepted: {@value}. */
  public static final int MAX_MESSAGES = 10_000;

  /** The text of the document's not-found error, exactly: {@value}. */
  static final String NOT_FOUND = "Conversation not found";

  /** The text of a 503, which says nothing of what failed: {@value}. */
  static final String UNAVAILABLE = "Service unavailable, try again later";

  private final Conversations service;
  private final int maxMessages;

  private CrmGetConversation(Conversations service, int maxMessages) {
    this.service = service;
    this.maxMessages = maxMessages;
  }

  /**
   * Returns the endpoint over the service, showing at most {@value #DEFAULT_MAX_MESSAGES} messages.
   *
   * @throws NullPointerException if {@code service} is null
   */
  public static CrmGetConversation over(Conversations service) {
    return new CrmGetConversation(Objects.requireNonNull(service, "service"), DEFAULT_MAX_MESSAGES);
  }

  /**
   * Returns this endpoint showing at most {@code max} messages (0 shows none and skips the history
   * read).
   *
   * @throws IllegalArgumentException if {@code max} is not 0 to {@value #MAX_MESSAGES}
   */
  public CrmGetConversation withMaxMessages(int max) {
    if (max < 0 || max > MAX_MESSAGES) {
      throw new IllegalArgumentException("maxMessages must be 0 to " + MAX_MESSAGES + ", was " + max);
    }
    return new CrmGetConversation(service, max);
  }

  /** Returns how many messages are shown at most. */
  public int maxMessages() {
    return maxMessages;
  }

  /**
   * Answers the request.
   *
   * @param tenant the authenticated tenant; another tenant's conversation is not found
   * @param pathId the URL-decoded {@code {id}} path segment
   * @return 200 and the conversation object; 400, 404 or 503 (or, for a problem a read should not
   *     meet, the status its kind has) and the error object
   * @throws NullPointerException if an argument is null
   */
  public CrmResponse handle(TenantId tenant, String pathId) {
    return answer(tenant, pathId).fold(CrmResponse::of, body -> body);
  }

  /** Answers the request as a value: the error, or the 200 response. {@link #handle} folds it. */
  Either<ApiError, CrmResponse> answer(TenantId tenant, String pathId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(pathId, "pathId");
    return CrmPath.conversationId(pathId)
        .flatMap(found -> service.getEnriched(tenant, found).mapLeft(CrmGetConversation::error))
        .flatMap(enriched -> history(tenant, enriched.conversation())
            .map(messages -> new CrmResponse(200, CrmJson.conversation(enriched, messages))));
  }

  /**
   * Returns the error for a problem the service answered a read with: {@link ApiError#of(Problem)},
   * with the document's {@value #NOT_FOUND} for a 404 and {@value #UNAVAILABLE} for a 503.
   */
  static ApiError error(Problem problem) {
    ApiError error = ApiError.of(problem);
    return switch (error.status()) {
      case 404 -> error.withMessage(NOT_FOUND);
      case 503 -> error.withMessage(UNAVAILABLE);
      default -> error;
    };
  }

  /**
   * Reads the first {@code maxMessages} messages of the thread, page by page: a staff read, so
   * internal notes are in it (rendered with {@code "type": "note"}); they do not count in
   * {@code messageCount}, so the thread is read to its end rather than to that count.
   */
  private Either<ApiError, Seq<Message>> history(TenantId tenant, Conversation c) {
    int wanted = maxMessages;
    List<Message> read = List.empty();
    Option<String> cursor = Option.none();
    while (read.size() < wanted) {
      int limit = Math.min(ConversationQuery.MAX_LIMIT, wanted - read.size());
      Either<Problem, Page<Message>> page = service.history(tenant, c.id(), Option.some(limit), cursor);
      if (page.isLeft()) {
        return Either.left(error(page.getLeft()));
      }
      read = read.appendAll(page.get().items());
      cursor = page.get().next();
      if (cursor.isEmpty() || page.get().items().isEmpty()) {
        break;
      }
    }
    return Either.right(read.take(wanted));
  }
}
