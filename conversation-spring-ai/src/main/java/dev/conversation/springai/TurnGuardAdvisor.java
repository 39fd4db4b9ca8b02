package dev.conversation.springai;

import dev.conversation.domain.Citation;
import dev.conversation.domain.Limits;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.persistence.Claim;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import dev.conversation.service.ReplyPolicy;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.document.Document;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * A Spring AI advisor that lets a {@code ChatClient} answer the AI's turn only while the turn
 * stands, and stores the answer on the claim. The claim comes with each call as the advisor
 * parameter {@link #CLAIM}:
 *
 * <pre>{@code
 * chatClient.prompt()
 *     .advisors(a -> a.param(TurnGuardAdvisor.CLAIM, claim))
 *     .call().content();
 * }</pre>
 *
 * <p>The claim names the conversation, so the advisor sets the chat memory's
 * {@code ChatMemory.CONVERSATION_ID} for the advisors inside it (a different one given with the
 * call is refused). Give no user text: the memory's dialogue ends with the customer's message,
 * and user text would put it in the prompt twice.
 *
 * <p>Before the model is asked, the claimed turn is checked ({@link Conversations#stands}): a turn
 * already lost costs no model call. After the model answered, its text is stored as the AI agent's
 * reply on the claim ({@link Conversations#reply(Claim, NewMessage, ReplyPolicy)}), which checks
 * the turn again when it commits. If the turn was lost meanwhile (a human took over, it was
 * resolved, closed or snoozed, or, by default, the customer wrote again), nothing is stored, the
 * claim is released and a {@link TurnLostException} is thrown: the caller must not send the
 * answer. The reply's idempotency key is {@code claim:} and the claim's token, so a retry of an
 * answer whose commit was not confirmed is answered as a replay, not stored twice. On success the
 * stored outcome is in the response context under {@link #OUTCOME}.
 *
 * <p>Documents a retrieval advisor found become the reply's citations: those Spring AI's
 * {@code RetrievalAugmentationAdvisor} and {@code QuestionAnswerAdvisor} leave in the context
 * ({@value #RAG_DOCUMENTS}, {@value #QA_DOCUMENTS}). A document's metadata {@code url} (or
 * {@code link}) is the link, {@code type} one of the {@link SourceType} names (else WEBSITE with a
 * link, TEXT without), its id the source id, and the distance {@code 1 - score} (never below 0);
 * at most {@value Limits#MAX_CITATIONS}.
 *
 * <p>It runs outside the other advisors ({@link #getOrder()}: {@code HIGHEST_PRECEDENCE + 100},
 * before the chat memory advisor), so it sees the final answer. A streamed answer cannot be taken
 * back once its first tokens are out, so streaming is refused with an error; use {@code call()}.
 * A call without a claim is refused too: a guard that passes unguarded calls through would hide
 * the mistake. Immutable and thread-safe.
 */
public final class TurnGuardAdvisor implements CallAdvisor, StreamAdvisor {

  /** The advisor parameter carrying the {@link Claim} the call answers. */
  public static final String CLAIM = "dev.conversation.claim";

  /** The response context key of the stored reply's {@link Outcome}. */
  public static final String OUTCOME = "dev.conversation.outcome";

  /** Where Spring AI's {@code RetrievalAugmentationAdvisor} leaves the documents it retrieved. */
  public static final String RAG_DOCUMENTS = "rag_document_context";

  /** Where Spring AI's {@code QuestionAnswerAdvisor} leaves the documents it retrieved. */
  public static final String QA_DOCUMENTS = "qa_retrieved_documents";

  private final Conversations conversations;
  private final ReplyPolicy policy;

  /** Creates the advisor; a reply is refused if the customer wrote again while the model thought. */
  public TurnGuardAdvisor(Conversations conversations) {
    this(conversations, ReplyPolicy.REFUSE_IF_CUSTOMER_WROTE_AGAIN);
  }

  /** Creates the advisor with what happens when the customer writes again while the model thinks. */
  public TurnGuardAdvisor(Conversations conversations, ReplyPolicy policy) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Checks the claimed turn, lets the model answer, and stores the answer on the claim.
   *
   * @throws TurnLostException if the answer was not stored: the turn was lost, or the service
   *     refused or could not store it ({@link TurnLostException#problem()}); the claim is released
   * @throws IllegalArgumentException if the call carries no {@link Claim} under {@link #CLAIM}, or
   *     a chat memory conversation id that is not the claimed conversation's
   */
  @Override
  public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
    Claim claim = claim(request.context());
    Either<Problem, Outcome> stored;
    ChatClientResponse response;
    try {
      String memory = ConversationChatMemoryRepository.conversationId(claim.tenant(), claim.conversation());
      Object named = request.context().get(ChatMemory.CONVERSATION_ID);
      if (named != null && !memory.equals(named)) {
        throw new IllegalArgumentException("the chat memory's conversation id (" + ConversationChatMemoryRepository.shown(
            named.toString()) + ") is not the claimed conversation's (" + memory + "); leave it out, the claim names it");
      }
      Either<Problem, ?> stands = conversations.stands(claim, policy);
      if (stands.isLeft()) {
        throw new TurnLostException(stands.getLeft());
      }
      response = chain.nextCall(named != null ? request : request.mutate().context(ChatMemory.CONVERSATION_ID, memory).build());
      // Keyed by the claim: a retry after an answer whose commit was not confirmed is a replay.
      NewMessage reply = NewMessage.of(Participant.ai(), text(response.chatResponse())).withCitations(citations(response))
          .withIdempotencyKey("claim:" + claim.token());
      stored = conversations.reply(claim, reply, policy);
    } catch (RuntimeException | Error e) {
      conversations.release(claim);
      throw e;
    }
    if (stored.isLeft()) {
      conversations.release(claim);
      throw new TurnLostException(stored.getLeft());
    }
    return response.mutate().context(OUTCOME, stored.get()).build();
  }

  /**
   * Refuses: a streamed answer cannot be taken back once sent (see the class comment). A claim
   * the call carries is released, so the turn can be answered with {@code call()} at once.
   */
  @Override
  public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
    if (request.context().get(CLAIM) instanceof Claim claim) {
      return Flux.defer(() -> {
        conversations.release(claim);
        return Flux.error(refusedStream());
      });
    }
    return Flux.error(refusedStream());
  }

  private static UnsupportedOperationException refusedStream() {
    return (new UnsupportedOperationException("TurnGuardAdvisor guards call(), not stream(): a streamed answer"
        + " cannot be taken back once its first tokens are out; answer the turn with call()"));
  }

  @Override
  public String getName() {
    return "TurnGuardAdvisor";
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }

  private static Claim claim(Map<String, @Nullable Object> context) {
    Object claim = context.get(CLAIM);
    if (claim instanceof Claim c) {
      return c;
    }
    throw new IllegalArgumentException("TurnGuardAdvisor needs the claimed turn: .advisors(a -> a.param(TurnGuardAdvisor.CLAIM,"
        + " conversations.claim(...))); the parameter was " + (claim == null ? "missing" : "a " + claim.getClass().getName()));
  }

  private static String text(@Nullable ChatResponse response) {
    if (response == null || response.getResult() == null) {
      return "";
    }
    String text = response.getResult().getOutput().getText();
    return text == null ? "" : text;
  }

  /** The documents a retrieval advisor left in the response, as citations. */
  private static Seq<Citation> citations(ChatClientResponse response) {
    List<Document> found = List.empty();
    for (String key : java.util.List.of(RAG_DOCUMENTS, QA_DOCUMENTS)) {
      Object value = response.context().get(key);
      if (value == null && response.chatResponse() != null) {
        value = response.chatResponse().getMetadata().get(key);
      }
      if (value instanceof Iterable<?> documents) {
        for (Object d : documents) {
          if (d instanceof Document document) {
            found = found.append(document);
          }
        }
      }
    }
    // A document whose metadata no citation can hold (a link too long, ...) is left out, not fatal.
    return found.distinctBy(Document::getId).flatMap(d -> Try.of(() -> citation(d)).toOption())
        .take(Limits.MAX_CITATIONS);
  }

  /** A retrieved document as a citation (see the class comment). */
  static Citation citation(Document document) {
    Map<String, Object> meta = document.getMetadata();
    Option<String> id = Option.of(document.getId()).filter(s -> !s.isBlank() && s.length() <= Limits.MAX_ID);
    Option<String> link = string(meta, "url").orElse(string(meta, "link")).filter(s -> s.length() <= 2_048);
    SourceType type = string(meta, "type").flatMap(t -> Try.of(() -> SourceType.valueOf(t.toUpperCase(Locale.ROOT)))
        .toOption()).getOrElse(link.isDefined() ? SourceType.WEBSITE : SourceType.TEXT);
    Double score = document.getScore();
    double distance = score != null && Double.isFinite(score) ? Math.max(0, 1 - score) : 0;
    return new Citation(id, type, link, distance);
  }

  private static Option<String> string(Map<String, Object> meta, String key) {
    return Option.of(meta.get(key)).filter(String.class::isInstance).map(String.class::cast).filter(s -> !s.isBlank());
  }
}
