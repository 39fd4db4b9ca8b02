package dev.conversation.langchain4j;

import dev.conversation.domain.Actor;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Visibility;
import dev.conversation.persistence.Page;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} that reads a conversation's thread from the library: the
 * history window a model sees. The memory id is a {@link Key} (tenant and conversation).
 *
 * <p>The customer's messages become {@link UserMessage}s, the AI agent's and human agents'
 * {@link AiMessage}s (both speak for the business), in thread order; internal notes are left out
 * ({@link Visibility#forCustomer}: a model's history is what the customer saw) and so are system
 * messages. A message that is attachments only reads as {@code [attachment: name (media type)]}.
 * Only the last {@code window} messages are returned.
 *
 * <p>The thread is written by the service, never through this store: customer messages by
 * {@code receive} or {@code send}, the AI's reply by {@code reply} on a claim (see
 * {@link TurnAnswerer}). So {@link #updateMessages} and {@link #deleteMessages} change nothing: a
 * LangChain4j {@code ChatMemory} over this store sees the stored thread on its next read. Thread-safe.
 */
public final class ConversationMemory implements ChatMemoryStore {

  /** The page size the thread is read in. */
  private static final int PAGE = 100;

  private final Conversations conversations;
  private final int window;

  /**
   * Creates the store.
   *
   * @param conversations the service to read threads from
   * @param window how many of the last messages a model sees, at least 1
   */
  public ConversationMemory(Conversations conversations, int window) {
    this.conversations = Objects.requireNonNull(conversations, "conversations");
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, was " + window);
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
    ArrayDeque<ChatMessage> last = new ArrayDeque<>();
    Option<String> cursor = Option.none();
    while (true) {
      Either<Problem, Page<Message>> page = conversations.history(key.tenant(), key.conversation(), Option.some(PAGE), cursor);
      if (page.isLeft()) {
        if (page.getLeft() instanceof Problem.NotFound) {
          return List.of();
        }
        throw new IllegalStateException("could not read the thread of " + key.conversation() + ": " + page.getLeft().message());
      }
      for (Message m : Visibility.forCustomer(page.get().items())) {
        toChat(m).forEach(chat -> {
          last.addLast(chat);
          if (last.size() > window) {
            last.removeFirst();
          }
        });
      }
      if (page.get().next().isEmpty()) {
        return new ArrayList<>(last);
      }
      cursor = page.get().next();
    }
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

  /** The chat message a stored message becomes, if the model sees it. */
  static Option<ChatMessage> toChat(Message m) {
    Actor author = m.author().actor();
    if (author == Actor.SYSTEM) {
      return Option.none();
    }
    String text = text(m);
    return Option.some(author == Actor.CUSTOMER ? UserMessage.from(text) : AiMessage.from(text));
  }

  /** The message's text, with its attachments named; an attachments-only message is their names. */
  static String text(Message m) {
    StringBuilder out = new StringBuilder(m.content());
    for (Attachment a : m.attachments()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append("[attachment: ").append(a.name()).append(" (").append(a.mediaType()).append(")");
      a.caption().forEach(c -> out.append(": ").append(c));
      out.append(']');
    }
    return out.toString();
  }

  private static Key key(Object memoryId) {
    if (memoryId instanceof Key key) {
      return key;
    }
    throw new IllegalArgumentException("memoryId must be a ConversationMemory.Key (tenant and conversation), was "
        + (memoryId == null ? "null" : memoryId.getClass().getName()));
  }
}
