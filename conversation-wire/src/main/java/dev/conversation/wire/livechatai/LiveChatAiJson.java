package dev.conversation.wire.livechatai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.Message;
import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * LiveChatAI's JSON (seed 002), written with Jackson's tree model: exactly the document's fields,
 * in the document's order. Stateless and thread-safe; every node returned is new and owned by the
 * caller.
 *
 * <pre>
 * {"status": "success", "data": {"id", "contactId", "agentId", "isResolved", "isAgent", "isMuted",
 *   "isStarred", "integrationType", "lastMessageDate", "agent": {"id", "name", "email", "avatar"},
 *   "messages": [{"id", "content", "role", "type", "source": [{"id", "type", "link", "distance"}],
 *   "agent", "createdAt"}], "createdAt", "updatedAt"}}
 * </pre>
 *
 * <ul>
 *   <li>{@code contactId}: the linked contact; {@code agentId}: the AI agent configuration
 *       (LiveChatAI's chatbot); {@code agent}: the assigned human agent. Each is {@code null} when
 *       absent (a team-only assignment has no {@code agent}).
 *   <li>A message's {@code agent} is its author when a human agent wrote it, else {@code null};
 *       its {@code source} is the AI reply's citations (empty for every other author).
 *   <li>Times are UTC in the document's form {@code 2024-01-15T10:30:00Z}: <b>truncated to whole
 *       seconds</b> (the store keeps microseconds), so two messages within a second show the same
 *       time; the array keeps their order.
 *   <li>{@code lastMessageDate} is {@code null} before the first message.
 * </ul>
 */
final class LiveChatAiJson {

  /** The fields of {@code data}, in the document's order. */
  static final Seq<String> CONVERSATION_FIELDS = List.of("id", "contactId", "agentId", "isResolved", "isAgent",
      "isMuted", "isStarred", "integrationType", "lastMessageDate", "agent", "messages", "createdAt", "updatedAt");

  /** The fields of a message, in the document's order. */
  static final Seq<String> MESSAGE_FIELDS = List.of("id", "content", "role", "type", "source", "agent", "createdAt");

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LiveChatAiJson() {}

  /**
   * Returns the success document {@code {"status": "success", "data": conversation}}.
   *
   * @param conversation the conversation
   * @param messages its messages, oldest first (internal notes are left out: this format faces the customer)
   */
  static ObjectNode document(Conversation conversation, Seq<Message> messages) {
    ObjectNode out = NODES.objectNode();
    out.put("status", "success");
    out.set("data", conversation(conversation, messages));
    return out;
  }

  /** Returns the conversation object (the document's {@code data}). */
  static ObjectNode conversation(Conversation conversation, Seq<Message> messages) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(messages, "messages");
    ObjectNode out = NODES.objectNode();
    out.put("id", conversation.id().value());
    text(out, "contactId", conversation.contactId().map(id -> id.value()));
    text(out, "agentId", conversation.aiAgentId().map(id -> id.value()));
    out.put("isResolved", LiveChatAiVocabulary.isResolved(conversation.status()));
    out.put("isAgent", LiveChatAiVocabulary.isAgent(conversation.status()));
    out.put("isMuted", conversation.muted());
    out.put("isStarred", conversation.starred());
    out.put("integrationType", LiveChatAiVocabulary.integrationType(conversation.channel().type()));
    text(out, "lastMessageDate", conversation.lastMessageAt().map(LiveChatAiJson::time));
    out.set("agent", agent(conversation.assignee().flatMap(a -> a.agent())));
    ArrayNode thread = out.putArray("messages");
    // Meant for the customer: the one visibility rule drops internal notes.
    dev.conversation.domain.Visibility.forCustomer(messages).forEach(m -> thread.add(message(m)));
    out.put("createdAt", time(conversation.createdAt()));
    out.put("updatedAt", time(conversation.updatedAt()));
    return out;
  }

  /** Returns a message object. */
  static ObjectNode message(Message message) {
    Objects.requireNonNull(message, "message");
    ObjectNode out = NODES.objectNode();
    out.put("id", message.id().value());
    out.put("content", message.content());
    out.put("role", LiveChatAiVocabulary.role(message.author()));
    out.put("type", LiveChatAiVocabulary.messageType(message));
    ArrayNode sources = out.putArray("source");
    message.citations().forEach(c -> sources.add(source(c)));
    out.set("agent", agent(message.author().human()));
    out.put("createdAt", time(message.createdAt()));
    return out;
  }

  /**
   * Returns the error document {@code {"status": "error", "message": ...}}: the document shows no
   * error body, so errors take the shape of its success envelope. Only the message is shown.
   */
  static ObjectNode error(ApiError error) {
    Objects.requireNonNull(error, "error");
    ObjectNode out = NODES.objectNode();
    out.put("status", "error");
    out.put("message", error.message());
    return out;
  }

  /** Returns a time as the document writes it: UTC, whole seconds, for example {@code 2024-01-15T10:30:00Z}. */
  static String time(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Returns the JSON text of a node. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  private static ObjectNode source(Citation citation) {
    ObjectNode out = NODES.objectNode();
    text(out, "id", citation.sourceId());
    out.put("type", LiveChatAiVocabulary.sourceType(citation.type()));
    text(out, "link", citation.link());
    out.put("distance", citation.distance());
    return out;
  }

  private static JsonNode agent(Option<HumanAgent> agent) {
    if (agent.isEmpty()) {
      return NODES.nullNode();
    }
    ObjectNode out = NODES.objectNode();
    out.put("id", agent.get().id().value());
    out.put("name", agent.get().name());
    text(out, "email", agent.get().email().map(EmailAddress::value));
    text(out, "avatar", agent.get().avatar());
    return out;
  }

  private static void text(ObjectNode out, String field, Option<String> value) {
    if (value.isDefined()) {
      out.put(field, value.get());
    } else {
      out.putNull(field);
    }
  }
}
