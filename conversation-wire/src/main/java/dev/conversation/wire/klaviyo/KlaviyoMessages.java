package dev.conversation.wire.klaviyo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Actor;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Visibility;
import dev.conversation.wire.ApiError;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Renders a page of a conversation's messages at the two URLs the conversation document links
 * to: the relationship ({@code .../{id}/relationships/customer-agent-messages/}, resource
 * identifiers only) and the related resources ({@code .../{id}/customer-agent-messages/}, the
 * messages themselves). The seed defines only the links, not these documents; they follow JSON:API
 * and Klaviyo's conventions:
 *
 * <pre>{@code
 * {"data": [{"type": "customer-agent-message", "id": "msg_1",
 *            "attributes": {"role": "customer", "content": "Where is my order?", "attachments": [],
 *                           "created_at": "2026-05-13T12:00:00+00:00"}}],
 *  "links": {"self": ".../customer-agent-messages/?page%5Bsize%5D=20",
 *            "first": ".../customer-agent-messages/?page%5Bsize%5D=20",
 *            "next": ".../customer-agent-messages/?page%5Bsize%5D=20&page%5Bcursor%5D=...", "related": ...}}
 * }</pre>
 *
 * <ul>
 *   <li>Messages come oldest first, {@code page[size]} per page (default {@value #DEFAULT_SIZE},
 *       1 to {@value #MAX_SIZE}); {@code next} is the following page's URL, {@code null} on the
 *       last page. Cursors are opaque and only go forwards: there is no {@code prev} or
 *       {@code last}.</li>
 *   <li>Internal notes are left out (the format faces the customer), so a page may hold fewer
 *       than {@code page[size]} messages, even none, and still have a {@code next}.</li>
 *   <li>{@code role} is {@code customer}, {@code ai-agent}, {@code human-agent} or
 *       {@code system}; {@code content} the message's text (may be empty when it carries only
 *       attachments); {@code attachments} lists each file's {@code name}, {@code media_type},
 *       {@code size} in bytes and {@code caption} (or {@code null}), never where the host keeps
 *       it; {@code created_at} is written as the conversation's timestamps are.</li>
 *   <li>The relationship document's {@code links} also carry {@code related}, the resources'
 *       URL, as JSON:API's relationship links do.</li>
 * </ul>
 */
final class KlaviyoMessages {

  /** The cursor parameter, {@code page[cursor]}. */
  static final String PAGE_CURSOR = "page[cursor]";
  /** The page size parameter, {@code page[size]}. */
  static final String PAGE_SIZE = "page[size]";
  /** Messages per page when {@code page[size]} is not given. */
  static final int DEFAULT_SIZE = 20;
  /** The most messages per page. */
  static final int MAX_SIZE = 100;

  private KlaviyoMessages() {}

  /** Parses {@code page[size]}: digits, 1 to {@value #MAX_SIZE}; {@value #DEFAULT_SIZE} when absent. */
  static Either<ApiError, Integer> size(Option<String> raw) {
    if (raw.isEmpty()) {
      return Either.right(DEFAULT_SIZE);
    }
    String value = raw.get();
    int size = value.matches("[0-9]{1,3}") ? Integer.parseInt(value) : 0;
    if (size < 1 || size > MAX_SIZE) {
      return Either.left(ApiError.badRequest(PAGE_SIZE, "range",
          PAGE_SIZE + " must be a whole number from 1 to " + MAX_SIZE + ", was " + Problems.quote(value)));
    }
    return Either.right(size);
  }

  /** The relationship document: resource identifiers of the page's messages. */
  static ObjectNode relationship(KlaviyoConversationResource resource, ConversationId id, Seq<Message> page, int size,
      Option<String> cursor, Option<String> next) {
    String base = relationshipUrl(resource, id);
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    ArrayNode data = document.putArray("data");
    for (Message message : Visibility.forCustomer(page)) {
      data.addObject().put("type", KlaviyoConversationResource.MESSAGE_TYPE).put("id", message.id().value());
    }
    links(document, base, size, cursor, next).put("related", relatedUrl(resource, id));
    return document;
  }

  /** The related resources document: the page's messages. */
  static ObjectNode related(KlaviyoConversationResource resource, ConversationId id, Seq<Message> page, int size,
      Option<String> cursor, Option<String> next) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    ArrayNode data = document.putArray("data");
    for (Message message : Visibility.forCustomer(page)) {
      ObjectNode item = data.addObject();
      item.put("type", KlaviyoConversationResource.MESSAGE_TYPE);
      item.put("id", message.id().value());
      ObjectNode attributes = item.putObject("attributes");
      attributes.put("role", role(message.author().actor()));
      attributes.put("content", message.content());
      ArrayNode attachments = attributes.putArray("attachments");
      for (Attachment a : message.attachments()) {
        ObjectNode file = attachments.addObject();
        file.put("name", a.name());
        file.put("media_type", a.mediaType());
        file.put("size", a.size());
        file.put("caption", a.caption().getOrNull());
      }
      attributes.put("created_at", Timestamps.format(message.createdAt(), "createdAt"));
    }
    links(document, relatedUrl(resource, id), size, cursor, next);
    return document;
  }

  static String relationshipUrl(KlaviyoConversationResource resource, ConversationId id) {
    return resource.link(id) + "relationships/" + KlaviyoConversationResource.MESSAGES + "/";
  }

  static String relatedUrl(KlaviyoConversationResource resource, ConversationId id) {
    return resource.link(id) + KlaviyoConversationResource.MESSAGES + "/";
  }

  static String role(Actor actor) {
    return switch (actor) {
      case CUSTOMER -> "customer";
      case AI_AGENT -> "ai-agent";
      case HUMAN_AGENT -> "human-agent";
      case SYSTEM -> "system";
    };
  }

  private static ObjectNode links(ObjectNode document, String base, int size, Option<String> cursor, Option<String> next) {
    ObjectNode links = document.putObject("links");
    links.put("self", page(base, size, cursor));
    links.put("first", page(base, size, Option.none()));
    links.put("next", next.map(n -> page(base, size, Option.some(n))).getOrNull());
    return links;
  }

  /** A page's URL; the brackets of the parameter names are percent-encoded, as a query must have them. */
  private static String page(String base, int size, Option<String> cursor) {
    return base + "?page%5Bsize%5D=" + size + cursor.map(c -> "&page%5Bcursor%5D=" + Links.segment(c)).getOrElse("");
  }
}
