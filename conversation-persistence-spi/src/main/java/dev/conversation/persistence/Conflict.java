package dev.conversation.persistence;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import java.util.Objects;

/**
 * Why a {@link ConversationStore#commit commit} wrote nothing. A value, not an exception: a
 * conflict is an expected outcome of optimistic concurrency and of retried requests. It names
 * only the caller's own conversation.
 */
public sealed interface Conflict {

  /** Returns the conversation the commit was for. */
  ConversationId conversationId();

  /** Returns the conflict in words a developer can act on. */
  String message();

  /**
   * The stored version is not the expected one: another writer committed first, the conversation
   * is not there (expected above 0, actual 0), or it already exists (expected 0).
   *
   * @param conversationId the conversation
   * @param expected the version the decision was taken on
   * @param actual the stored version; 0 if the conversation is not there
   */
  record StaleVersion(ConversationId conversationId, long expected, long actual) implements Conflict {

    /** Creates the conflict. */
    public StaleVersion {
      Objects.requireNonNull(conversationId, "conversationId");
    }

    @Override
    public String message() {
      if (actual == 0) {
        return "conversation " + conversationId + " is not there (expected version " + expected + ")";
      }
      if (expected == 0) {
        return "conversation " + conversationId + " already exists (version " + actual + ")";
      }
      return "conversation " + conversationId + " is at version " + actual + ", not " + expected
          + "; load it again and retry";
    }
  }

  /**
   * A message of the commit reuses an idempotency key already used in the conversation: the
   * request is a replay, and {@code original} is what the first request stored.
   *
   * @param conversationId the conversation
   * @param key the reused key
   * @param original the message stored with that key
   */
  record DuplicateKey(ConversationId conversationId, String key, Message original) implements Conflict {

    /** Creates the conflict. */
    public DuplicateKey {
      Objects.requireNonNull(conversationId, "conversationId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(original, "original");
    }

    @Override
    public String message() {
      return "idempotency key '" + key + "' was already used in conversation " + conversationId
          + " by message " + original.id();
    }
  }

  /**
   * A message of the commit has an id already used in the conversation.
   *
   * @param conversationId the conversation
   * @param messageId the reused message id
   */
  record DuplicateMessageId(ConversationId conversationId, MessageId messageId) implements Conflict {

    /** Creates the conflict. */
    public DuplicateMessageId {
      Objects.requireNonNull(conversationId, "conversationId");
      Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public String message() {
      return "message id " + messageId + " is already used in conversation " + conversationId;
    }
  }

  /**
   * The commit {@linkplain ConversationStore#open opens} a conversation on a route that already has
   * an open one: a concurrent inbound message for the same customer won. Route to {@code holder}.
   *
   * @param conversationId the conversation the commit would have created
   * @param route the route
   * @param holder the open conversation on the route
   */
  record RouteTaken(ConversationId conversationId, Route route, ConversationId holder) implements Conflict {

    /** Creates the conflict. */
    public RouteTaken {
      Objects.requireNonNull(conversationId, "conversationId");
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(holder, "holder");
    }

    @Override
    public String message() {
      return "the " + route + " already has open conversation " + holder + "; " + conversationId + " was not created";
    }
  }

  /**
   * The commit binds a channel provider's message id that another message of the tenant already
   * carries ({@link dev.conversation.domain.Delivery#providerMessageId()}): a provider id names
   * one message.
   *
   * @param conversationId the conversation of the commit
   * @param providerMessageId the provider's id
   */
  record ProviderIdTaken(ConversationId conversationId, String providerMessageId) implements Conflict {

    /** Creates the conflict. */
    public ProviderIdTaken {
      Objects.requireNonNull(conversationId, "conversationId");
      Objects.requireNonNull(providerMessageId, "providerMessageId");
    }

    @Override
    public String message() {
      return "provider message id '" + providerMessageId + "' is already bound to another message of the tenant";
    }
  }
}
