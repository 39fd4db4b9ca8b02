package dev.conversation.springai;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Turn;
import dev.conversation.service.Conversations;
import dev.conversation.service.DialogueLine;
import dev.conversation.service.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * A Spring AI {@link ChatMemoryRepository} that reads a conversation's
 * {@linkplain Conversations#dialogue dialogue}: the history a model sees. Give it to a
 * {@code MessageWindowChatMemory} behind a {@code MessageChatMemoryAdvisor}.
 *
 * <p>Spring AI names a memory by one string; here it is {@link #conversationId(TenantId,
 * ConversationId)}: the tenant and the conversation form-encoded ({@link URLEncoder}, UTF-8) and
 * joined by {@code /}. {@link #key} accepts only that spelling. {@link TurnGuardAdvisor} sets it
 * from the claim, so a caller rarely spells it.
 *
 * <p>The customer's messages become {@link UserMessage}s, the AI agent's and human agents'
 * {@link AssistantMessage}s (both speak for the business), in thread order; internal notes and
 * system messages are left out (a model's history is what the customer saw), and attachments are
 * named in the text. At most the last {@code window} messages are returned.
 *
 * <p>The thread is written by the service, never through this repository: customer messages by
 * {@code receive} or {@code send}, the AI's reply on a claim ({@link TurnGuardAdvisor}). So
 * {@link #saveAll} and {@link #deleteByConversationId} change nothing, and a chat memory over this
 * repository sees the stored thread on its next read. Thread-safe.
 */
public final class ConversationChatMemoryRepository implements ChatMemoryRepository {

  /** How many conversation ids {@link #findConversationIds()} returns at most. */
  public static final int MAX_LISTED = ConversationStore.MAX_TURN_BATCH;

  private final Conversations conversations;
  private final int window;

  /**
   * Creates the repository.
   *
   * @param conversations the service to read dialogues from
   * @param window how many of the last messages a model sees, 1 to
   *     {@value Conversations#MAX_DIALOGUE_WINDOW}
   */
  public ConversationChatMemoryRepository(Conversations conversations, int window) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    if (window < 1 || window > Conversations.MAX_DIALOGUE_WINDOW) {
      throw new IllegalArgumentException("window must be 1 to " + Conversations.MAX_DIALOGUE_WINDOW + ", was " + window);
    }
    this.window = window;
  }

  /** Returns the memory's conversation id for a tenant's conversation. */
  public static String conversationId(TenantId tenant, ConversationId conversation) {
    return encode(Objects.requireNonNull(tenant, "tenant").value()) + "/"
        + encode(Objects.requireNonNull(conversation, "conversation").value());
  }

  /**
   * Returns the tenant and conversation a memory's conversation id names.
   *
   * @throws IllegalArgumentException if it was not made by {@link #conversationId(TenantId, ConversationId)}
   */
  public static Key key(String conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    int slash = conversationId.indexOf('/');
    if (slash <= 0 || slash == conversationId.length() - 1 || conversationId.indexOf('/', slash + 1) >= 0) {
      throw malformed(conversationId);
    }
    Key key;
    try {
      key = new Key(TenantId.of(decode(conversationId.substring(0, slash))),
          ConversationId.of(decode(conversationId.substring(slash + 1))));
    } catch (IllegalArgumentException e) {
      throw malformed(conversationId);
    }
    // One spelling per key: "c+1" and "c%201" would otherwise both name conversation "c 1".
    if (!key.conversationId().equals(conversationId)) {
      throw malformed(conversationId);
    }
    return key;
  }

  /**
   * A tenant's conversation, as a memory's conversation id names it.
   *
   * @param tenant the tenant
   * @param conversation the conversation
   */
  public record Key(TenantId tenant, ConversationId conversation) {

    /** Creates the key; both components are required. */
    public Key {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(conversation, "conversation");
    }

    /** Returns the memory's conversation id for this key. */
    public String conversationId() {
      return ConversationChatMemoryRepository.conversationId(tenant, conversation);
    }
  }

  /**
   * Returns the conversations a model has something to answer in: those where it is the AI's turn
   * and no worker holds a claim, oldest turn first, at most {@value #MAX_LISTED}, across every
   * tenant (do not hand the list to one tenant's users). Every conversation ever stored is not a
   * useful list to give a model framework.
   *
   * @throws IllegalStateException if the store is unavailable
   */
  @Override
  public List<String> findConversationIds() {
    Either<Problem, Seq<Turn>> turns = conversations.turns(Option.none(), Option.none(), MAX_LISTED);
    if (turns.isLeft()) {
      throw new IllegalStateException("could not list the AI's turns: " + turns.getLeft().message());
    }
    return new ArrayList<>(turns.get().map(t -> conversationId(t.tenant(), t.conversation().id())).asJava());
  }

  /**
   * Returns the last {@code window} messages of the conversation; none for a conversation that is
   * not there.
   *
   * @throws IllegalArgumentException if the id was not made by {@link #conversationId}
   * @throws IllegalStateException if the store is unavailable
   */
  @Override
  public List<Message> findByConversationId(String conversationId) {
    Key key = key(conversationId);
    Either<Problem, Seq<DialogueLine>> lines = conversations.dialogue(key.tenant(), key.conversation(), window);
    if (lines.isLeft()) {
      if (lines.getLeft() instanceof Problem.NotFound) {
        return new ArrayList<>();
      }
      throw new IllegalStateException("could not read the dialogue of " + key.conversation() + ": "
          + lines.getLeft().message());
    }
    return new ArrayList<>(lines.get().map(ConversationChatMemoryRepository::toMessage).asJava());
  }

  /** Changes nothing: the thread is written by the service (see the class comment). */
  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    key(conversationId);
    Objects.requireNonNull(messages, "messages");
  }

  /** Changes nothing: a conversation's messages are kept by the library. */
  @Override
  public void deleteByConversationId(String conversationId) {
    key(conversationId);
  }

  /** The Spring AI message a line of the dialogue becomes. */
  static Message toMessage(DialogueLine line) {
    return line.byCustomer() ? new UserMessage(line.text()) : new AssistantMessage(line.text());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException malformed(String conversationId) {
    return new IllegalArgumentException("conversationId must be ConversationChatMemoryRepository.conversationId(tenant,"
        + " conversation): the tenant and the conversation form-encoded, joined by '/'; was '" + shown(conversationId) + "'");
  }

  /** The id as an error message shows it: at most 80 characters. */
  static String shown(String conversationId) {
    return conversationId.length() > 80 ? conversationId.substring(0, 80) + "..." : conversationId;
  }
}
