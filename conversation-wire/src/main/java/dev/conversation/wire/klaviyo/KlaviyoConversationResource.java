package dev.conversation.wire.klaviyo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import io.vavr.collection.HashSet;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import java.util.Objects;

/**
 * Renders a conversation as the JSON:API document Klaviyo's "Retrieve Conversation" answers with
 * ({@code GET /api/customer-agent-conversations/{id}}, revision {@code 2026-04-15.pre}):
 *
 * <pre>{@code
 * {"data": {"type": "customer-agent-conversation", "id": "conv_abc123",
 *           "attributes": {"status": "resolved-by-ai",
 *                          "created_at": "2026-05-13T12:00:00+00:00",
 *                          "updated_at": "2026-05-13T12:05:00+00:00"},
 *           "relationships": {"customer-agent-messages": {
 *               "data": [{"type": "customer-agent-message", "id": "msg_1"}],
 *               "links": {"self": "{base}/api/customer-agent-conversations/conv_abc123/relationships/customer-agent-messages/",
 *                         "related": "{base}/api/customer-agent-conversations/conv_abc123/customer-agent-messages/"}}},
 *           "links": {"self": "{base}/api/customer-agent-conversations/conv_abc123/"}},
 *  "links": {"self": "{base}/api/customer-agent-conversations/conv_abc123/"}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code status} is {@link KlaviyoStatus#of(Conversation)}.</li>
 *   <li>Timestamps are UTC written with a {@code +00:00} offset, as the seed's examples are.
 *       Sub-second precision is kept, not truncated: {@code 12:00:00.25+00:00} when the instant
 *       has a fraction (as many digits as needed, up to nine), none when it has not; the text
 *       always parses back to the same instant. An instant outside the years 0000 to 9999
 *       cannot be written and throws {@link IllegalArgumentException}.</li>
 *   <li>Links end in a slash and sit under the base URL given to {@link #at(String)}, as
 *       Klaviyo's own links do; ids are percent-encoded as path segments. The top-level
 *       {@code links.self} is the resource's canonical URL (no query string), the same as
 *       {@code data.links.self}.</li>
 *   <li>The relationship lists the messages passed in, in the order given (oldest first when they
 *       come from {@code Conversations.history}). Pass all of them: the seed's relationship has
 *       no pagination links.</li>
 *   <li>A {@link KlaviyoFields sparse fieldset} leaves out unrequested attributes, never
 *       {@code type}, {@code id}, {@code relationships} or {@code links}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; each call returns a new tree the caller owns. No annotations on
 * the domain: the document is built with Jackson's tree model, field by field, in the seed's
 * order.
 */
public final class KlaviyoConversationResource {

  /** The resource type, {@code customer-agent-conversation}. */
  public static final String TYPE = "customer-agent-conversation";

  /** The type of the related message resources, {@code customer-agent-message}. */
  public static final String MESSAGE_TYPE = "customer-agent-message";

  /** The relationship's name, {@code customer-agent-messages}. */
  public static final String MESSAGES = "customer-agent-messages";

  private static final String PATH = "/api/customer-agent-conversations/";

  private final String base;

  private KlaviyoConversationResource(String base) {
    this.base = base;
  }

  /**
   * Returns a renderer whose links sit under the given base URL.
   *
   * @param baseUrl an absolute {@code http} or {@code https} URL with a host, such as
   *     {@code https://a.klaviyo.com} or {@code http://localhost:8080/klaviyo}; a trailing slash is
   *     ignored
   * @throws NullPointerException if {@code baseUrl} is null
   * @throws IllegalArgumentException if it is not absolute http(s), has no host, or has user
   *     information, a query or a fragment
   */
  public static KlaviyoConversationResource at(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    return new KlaviyoConversationResource(Links.base(baseUrl));
  }

  /** Returns the normalized base URL: no trailing slash, for example {@code https://a.klaviyo.com}. */
  public String baseUrl() {
    return base;
  }

  /**
   * Returns the resource's canonical URL, {@code {base}/api/customer-agent-conversations/{id}/},
   * the id percent-encoded as a path segment.
   *
   * @throws NullPointerException if {@code id} is null
   */
  public String link(ConversationId id) {
    Objects.requireNonNull(id, "id");
    return base + PATH + Links.segment(id.value()) + "/";
  }

  /**
   * Renders the whole document with every attribute.
   *
   * @see #document(Conversation, Seq, KlaviyoFields)
   */
  ObjectNode document(Conversation conversation, Seq<Message> messages) {
    return document(conversation, messages, KlaviyoFields.all());
  }

  /**
   * Renders the document with the attributes of the sparse fieldset.
   *
   * @param conversation the conversation
   * @param all its messages, every one of them, in the order the relationship lists them (internal
   *     notes are left out: this format faces the customer)
   * @param fields which attributes to render
   * @return a new, mutable JSON tree owned by the caller
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a message belongs to another conversation, a message id
   *     repeats, or a timestamp's year is outside 0000 to 9999
   */
  ObjectNode document(Conversation conversation, Seq<Message> all, KlaviyoFields fields) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(all, "messages");
    Objects.requireNonNull(fields, "fields");
    // Meant for the customer: the one visibility rule drops internal notes.
    Seq<Message> messages = dev.conversation.domain.Visibility.forCustomer(all);
    checkMessages(conversation.id(), messages);
    JsonNodeFactory json = JsonNodeFactory.instance;
    String self = link(conversation.id());

    ObjectNode data = json.objectNode();
    data.put("type", TYPE);
    data.put("id", conversation.id().value());

    ObjectNode attributes = data.putObject("attributes");
    if (fields.includes("status")) {
      attributes.put("status", KlaviyoStatus.of(conversation).wire());
    }
    if (fields.includes("created_at")) {
      attributes.put("created_at", Timestamps.format(conversation.createdAt(), "createdAt"));
    }
    if (fields.includes("updated_at")) {
      attributes.put("updated_at", Timestamps.format(conversation.updatedAt(), "updatedAt"));
    }

    ObjectNode related = data.putObject("relationships").putObject(MESSAGES);
    ArrayNode linkage = related.putArray("data");
    for (Message message : messages) {
      linkage.addObject().put("type", MESSAGE_TYPE).put("id", message.id().value());
    }
    related.putObject("links")
        .put("self", self + "relationships/" + MESSAGES + "/")
        .put("related", self + MESSAGES + "/");
    data.putObject("links").put("self", self);

    ObjectNode document = json.objectNode();
    document.set("data", data);
    document.putObject("links").put("self", self);
    return document;
  }

  private static void checkMessages(ConversationId id, Seq<Message> messages) {
    Set<MessageId> seen = HashSet.empty();
    for (Message message : messages) {
      if (!message.conversationId().equals(id)) {
        throw new IllegalArgumentException("message " + message.id() + " belongs to conversation "
            + message.conversationId() + ", not " + id);
      }
      if (seen.contains(message.id())) {
        throw new IllegalArgumentException("message " + message.id() + " is listed twice");
      }
      seen = seen.add(message.id());
    }
  }

  @Override
  public String toString() {
    return "KlaviyoConversationResource[" + base + "]";
  }
}
