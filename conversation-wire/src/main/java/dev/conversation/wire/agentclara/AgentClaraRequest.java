package dev.conversation.wire.agentclara;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The parameters of AgentClara's conversation endpoints as the client sent them: raw text, not
 * yet checked against the documented words and limits. {@link AgentClaraJson} reads them from a
 * JSON body or a query string (checking JSON types); {@link AgentClaraVocabulary} checks them and
 * turns them into the service's inputs.
 *
 * <p>All implementations are immutable records; a {@code null} component throws
 * {@link NullPointerException} naming it (use {@link Option#none()} for a parameter not sent).
 *
 * <p>Package-private: a host passes {@link AgentClaraApi} the query string as a map or the body as
 * text.
 */
sealed interface AgentClaraRequest {

  /**
   * List Conversations: the query parameters.
   *
   * @param limit {@code limit}: max results, default 25, 1 to 100
   * @param offset {@code offset}: skip the first N results, default 0
   * @param channel {@code channel}: sms, email, instagram, facebook, whatsapp or voice
   * @param status {@code status}: open, closed or resolved
   * @param customerId {@code customer_id}: the customer (contact) id
   * @param unread {@code unread}: true or false; not in the parameter table, but the document's
   *     example "Get Unread Conversations" implies it
   */
  record ListConversations(
      Option<String> limit,
      Option<String> offset,
      Option<String> channel,
      Option<String> status,
      Option<String> customerId,
      Option<String> unread)
      implements AgentClaraRequest {

    /** Creates the request. */
    public ListConversations {
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(offset, "offset");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(unread, "unread");
    }

    /**
     * Returns the request for a decoded query string, keyed by AgentClara's parameter names
     * ({@code limit}, {@code offset}, {@code channel}, {@code status}, {@code customer_id},
     * {@code unread}); other parameters, and null values, are ignored. A parameter sent empty
     * ({@code ?limit=}) is sent, and checked as the empty string.
     */
    static ListConversations of(java.util.Map<String, String> query) {
      Map<String, String> q = HashMap.ofAll(Objects.requireNonNull(query, "query")).filterValues(Objects::nonNull);
      return new ListConversations(q.get("limit"), q.get("offset"), q.get("channel"), q.get("status"),
          q.get("customer_id"), q.get("unread"));
    }
  }

  /**
   * Create Conversation: the body parameters.
   *
   * @param customerPhone {@code customer_phone}: required for sms, voice and whatsapp
   * @param customerEmail {@code customer_email}: required for email
   * @param customerName {@code customer_name}: the customer's name; saves a contact
   * @param channel {@code channel}: required; sms, email, instagram, facebook, whatsapp or voice
   * @param message {@code message}: the initial message, sent by the assistant (an outbound first
   *     message, as Send Message sends by default)
   */
  record CreateConversation(
      Option<String> customerPhone,
      Option<String> customerEmail,
      Option<String> customerName,
      Option<String> channel,
      Option<String> message)
      implements AgentClaraRequest {

    /** Creates the request. */
    public CreateConversation {
      Objects.requireNonNull(customerPhone, "customerPhone");
      Objects.requireNonNull(customerEmail, "customerEmail");
      Objects.requireNonNull(customerName, "customerName");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Send Message: the body parameters.
   *
   * @param content {@code content}: required, the message text
   * @param sender {@code sender}: customer or assistant, default assistant
   */
  record SendMessage(Option<String> content, Option<String> sender) implements AgentClaraRequest {

    /** Creates the request. */
    public SendMessage {
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(sender, "sender");
    }
  }

  /**
   * Update Conversation: the body parameters; each is optional and absent means "leave as it is".
   *
   * @param status {@code status}: open, closed or resolved
   * @param customerName {@code customer_name}: the customer's new name
   * @param tags {@code tags}: tags to add
   */
  record UpdateConversation(Option<String> status, Option<String> customerName, Option<Seq<String>> tags)
      implements AgentClaraRequest {

    /** Creates the request. */
    public UpdateConversation {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(customerName, "customerName");
      Objects.requireNonNull(tags, "tags");
    }
  }
}
