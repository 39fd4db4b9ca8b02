package dev.conversation.langchain4j;

import dev.conversation.domain.Citation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Limits;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Claim;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import dev.conversation.service.ReplyPolicy;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;

/**
 * Answers the AI's turn in one call with a LangChain4j {@link ChatModel}: claims the turn, builds
 * the prompt (the system prompt, what a {@link ContentRetriever} found for the customer's last
 * message, and the thread's window from {@link ConversationMemory}), calls the model, and stores
 * the answer on the claim with the retrieved contents as citations. The reply is stored only if
 * the turn still stands when the model is done ({@link Conversations#reply}): a human who took
 * over meanwhile, a resolve, or (by default) a newer customer message refuses it, and nothing is
 * stored. Immutable and thread-safe; start from {@link #builder(Conversations, ChatModel)}.
 *
 * <p>A retrieved content becomes a citation from its text segment's metadata: {@code id} the
 * source id, {@code url} (or {@code link}) the link, {@code type} one of the
 * {@link SourceType} names (else WEBSITE with a link, TEXT without), and the distance
 * {@code 1 - score} (never below 0); at most {@value Limits#MAX_CITATIONS}.
 */
public final class TurnAnswerer {

  private final Conversations conversations;
  private final ChatModel model;
  private final ConversationMemory memory;
  private final String systemPrompt;
  private final Option<ContentRetriever> retriever;
  private final String worker;
  private final Duration lease;
  private final ReplyPolicy policy;

  private TurnAnswerer(Builder b) {
    this.conversations = b.conversations;
    this.model = b.model;
    this.memory = new ConversationMemory(b.conversations, b.window);
    this.systemPrompt = b.systemPrompt;
    this.retriever = b.retriever;
    this.worker = b.worker;
    this.lease = b.lease;
    this.policy = b.policy;
  }

  /** Returns a builder over the service and the model. */
  public static Builder builder(Conversations conversations, ChatModel model) {
    return new Builder(conversations, model);
  }

  /**
   * Claims the AI's turn in the conversation, asks the model and stores its answer on the claim.
   * If the model throws, the claim is released and the exception propagates.
   *
   * @return the stored reply's outcome, or the problem: {@link Problem.TurnLost} when the turn is
   *     not the AI's, is held by another worker, or stopped standing while the model thought
   *     (nothing stored), {@link Problem.NotFound}, {@link Problem.Invalid} for an answer the
   *     library refuses (an empty one), {@link Problem.Unavailable}
   */
  public Either<Problem, Outcome> answer(TenantId tenant, ConversationId conversation) {
    Either<Problem, Claim> claimed = conversations.claim(tenant, conversation, worker, lease);
    if (claimed.isLeft()) {
      return Either.left(claimed.getLeft());
    }
    Claim claim = claimed.get();
    try {
      java.util.List<ChatMessage> history = memory.getMessages(new ConversationMemory.Key(tenant, conversation));
      Seq<Content> found = retriever.map(r -> List.ofAll(r.retrieve(Query.from(lastUserText(history)))))
          .getOrElse(List.empty());
      java.util.List<ChatMessage> prompt = new ArrayList<>();
      prompt.add(SystemMessage.from(system(found)));
      prompt.addAll(history);
      String answer = model.chat(ChatRequest.builder().messages(prompt).build()).aiMessage().text();
      // Keyed by the claim: a retry after an answer whose commit was not confirmed is a replay.
      NewMessage reply = NewMessage.of(Participant.ai(), answer == null ? "" : answer)
          .withCitations(found.take(Limits.MAX_CITATIONS).map(TurnAnswerer::citation))
          .withIdempotencyKey("claim:" + claim.token());
      Either<Problem, Outcome> stored = conversations.reply(claim, reply, policy);
      if (stored.isLeft()) {
        conversations.release(claim);
      }
      return stored;
    } catch (RuntimeException | Error e) {
      conversations.release(claim);
      throw e;
    }
  }

  /** The system prompt with the retrieved contents, numbered. */
  private String system(Seq<Content> found) {
    if (found.isEmpty()) {
      return systemPrompt;
    }
    StringBuilder out = new StringBuilder(systemPrompt).append("\n\nAnswer from these sources:");
    int i = 1;
    for (Content c : found) {
      out.append("\n[").append(i++).append("] ").append(c.textSegment().text());
    }
    return out.toString();
  }

  private static String lastUserText(java.util.List<ChatMessage> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i) instanceof UserMessage user && user.hasSingleText()) {
        return user.singleText();
      }
    }
    return "";
  }

  /** A retrieved content as a citation (see the class comment). */
  static Citation citation(Content content) {
    dev.langchain4j.data.document.Metadata meta = content.textSegment().metadata();
    Option<String> id = Option.of(meta.getString("id")).filter(s -> !s.isBlank() && s.length() <= Limits.MAX_ID);
    Option<String> link = Option.of(meta.getString("url")).orElse(Option.of(meta.getString("link")))
        .filter(s -> !s.isBlank() && s.length() <= 2_048);
    SourceType type = Option.of(meta.getString("type")).flatMap(t -> io.vavr.control.Try.of(
        () -> SourceType.valueOf(t.toUpperCase(Locale.ROOT))).toOption())
        .getOrElse(link.isDefined() ? SourceType.WEBSITE : SourceType.TEXT);
    Object score = content.metadata().get(ContentMetadata.SCORE);
    double distance = score instanceof Number n && Double.isFinite(n.doubleValue()) ? Math.max(0, 1 - n.doubleValue()) : 0;
    return new Citation(id, type, link, distance);
  }

  /** Builds a {@link TurnAnswerer}. Not thread-safe. */
  public static final class Builder {
    private final Conversations conversations;
    private final ChatModel model;
    private String systemPrompt = "You are a helpful customer support agent. Answer the customer's last message.";
    private Option<ContentRetriever> retriever = Option.none();
    private int window = 20;
    private String worker = "langchain4j";
    private Duration lease = Duration.ofMinutes(2);
    private ReplyPolicy policy = ReplyPolicy.REFUSE_IF_CUSTOMER_WROTE_AGAIN;

    private Builder(Conversations conversations, ChatModel model) {
      this.conversations = Objects.requireNonNull(conversations, "conversations");
      this.model = Objects.requireNonNull(model, "model");
    }

    /** Sets the system prompt. */
    public Builder systemPrompt(String value) {
      this.systemPrompt = Objects.requireNonNull(value, "systemPrompt");
      return this;
    }

    /** Sets where sources come from; their contents go into the prompt and become citations. */
    public Builder contentRetriever(ContentRetriever value) {
      this.retriever = Option.some(Objects.requireNonNull(value, "contentRetriever"));
      return this;
    }

    /**
     * Sets how many of the thread's last messages the model sees (default 20), 1 to
     * {@value Conversations#MAX_DIALOGUE_WINDOW}.
     */
    public Builder window(int value) {
      if (value < 1 || value > Conversations.MAX_DIALOGUE_WINDOW) {
        throw new IllegalArgumentException("window must be 1 to " + Conversations.MAX_DIALOGUE_WINDOW + ", was " + value);
      }
      this.window = value;
      return this;
    }

    /** Sets the worker name claims are taken under (default {@code langchain4j}). */
    public Builder worker(String value) {
      this.worker = Objects.requireNonNull(value, "worker");
      return this;
    }

    /** Sets the claim's lease: longer than the model takes (default two minutes). */
    public Builder lease(Duration value) {
      this.lease = Objects.requireNonNull(value, "lease");
      return this;
    }

    /** Sets what happens when the customer writes again while the model thinks (default: refuse). */
    public Builder policy(ReplyPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /** Returns the answerer. */
    public TurnAnswerer build() {
      return new TurnAnswerer(this);
    }
  }
}
