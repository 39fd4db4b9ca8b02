package dev.conversation.langchain4j;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import dev.conversation.service.Conversations;
import dev.conversation.service.DialogueLine;
import dev.conversation.service.Problem;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} that reads a conversation's thread from the library: the
 * history window a model sees. The memory id is a {@link Key} (tenant and conversation).
 *
 * <p>The history is the conversation's {@linkplain Conversations#dialogue dialogue}: the
 * customer's messages become {@link UserMessage}s, the AI agent's and human agents'
 * {@link AiMessage}s (both speak for the business), in thread order; internal notes and system
 * messages are left out (a model's history is what the customer saw). Attachments are named in the
 * text, e.g. {@code [attachment: name (media type)]}. Only the last {@code window} messages are
 * returned, read backwards from the thread's end.
 *
 * <p>The thread is written by the service, never through this store: customer messages by
 * {@code receive} or {@code send}, the AI's reply by {@code reply} on a claim (see
 * {@link TurnAnswerer}). So {@link #updateMessages} and {@link #deleteMessages} change nothing: a
 * LangChain4j {@code ChatMemory} over this store sees the stored thread on its next read. Thread-safe.
 */
public final class ConversationMemory implements ChatMemoryStore {

  private final Conversations conversations;
  private final int window;

  /**
   * Creates the store.
   *
   * @param conversations the service to read threads from
   * @param window how many of the last messages a model sees, 1 to
   *     {@value Conversations#MAX_DIALOGUE_WINDOW}
   */
  public ConversationMemory(Conversations conversations, int window) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    if (window < 1 || window > Conversations.MAX_DIALOGUE_WINDOW) {
      throw new IllegalArgumentException("window must be 1 to " + Conversations.MAX_DIALOGUE_WINDOW + ", was " + window);
    }
    this.window = window;
  }

  /**
   * A memory id: the conversation's tenant and id.
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
  }

  /**
   * Returns the last {@code window} messages of the conversation as chat messages; none for a
   * conversation that is not there.
   *
   * @throws IllegalArgumentException if {@code memoryId} is not a {@link Key}
   * @throws IllegalStateException if the store is unavailable
   */
  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    Key key = key(memoryId);
    Either<Problem, Seq<DialogueLine>> lines = conversations.dialogue(key.tenant(), key.conversation(), window);
    if (lines.isLeft()) {
      if (lines.getLeft() instanceof Problem.NotFound) {
        return List.of();
      }
      throw new IllegalStateException("could not read the thread of " + key.conversation() + ": " + lines.getLeft().message());
    }
    return new ArrayList<>(lines.get().map(ConversationMemory::toChat).asJava());
  }

  /** Changes nothing: the thread is written by the service (see the class comment). */
  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    key(memoryId);
    Objects.requireNonNull(messages, "messages");
  }

  /** Changes nothing: a conversation's messages are kept by the library. */
  @Override
  public void deleteMessages(Object memoryId) {
    key(memoryId);
  }

  /** The chat message a line of the dialogue becomes. */
  static ChatMessage toChat(DialogueLine line) {
    return line.byCustomer() ? UserMessage.from(line.text()) : AiMessage.from(line.text());
  }

  private static Key key(Object memoryId) {
    if (memoryId instanceof Key key) {
      return key;
    }
    throw new IllegalArgumentException("memoryId must be a ConversationMemory.Key (tenant and conversation), was "
        + (memoryId == null ? "null" : memoryId.getClass().getName()));
  }
}
