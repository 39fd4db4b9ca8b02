package dev.conversation.wire.agentclara;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Message;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.Page;
import dev.conversation.wire.ApiError;
import dev.conversation.wire.agentclara.AgentClaraRequest.CreateConversation;
import dev.conversation.wire.agentclara.AgentClaraRequest.ListConversations;
import dev.conversation.wire.agentclara.AgentClaraRequest.SendMessage;
import dev.conversation.wire.agentclara.AgentClaraRequest.UpdateConversation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * AgentClara's JSON (seed 001), written and read with Jackson's tree model: no annotations on
 * the domain. Stateless and thread-safe; every node returned is new and owned by the caller.
 *
 * <h2>The conversation object</h2>
 *
 * <p>Exactly the documented fields, in the document's order; an absent value is JSON
 * {@code null}, never a missing field:
 *
 * <table>
 *   <caption>conversation fields</caption>
 *   <tr><th>field</th><th>from</th></tr>
 *   <tr><td>id</td><td>the conversation id</td></tr>
 *   <tr><td>customer_id</td><td>the linked contact id, or null</td></tr>
 *   <tr><td>customer_name</td><td>the contact's name, or null (needs the contact)</td></tr>
 *   <tr><td>customer_email</td><td>the conversation's address if it is an e-mail address, else the contact's e-mail, or null</td></tr>
 *   <tr><td>customer_phone</td><td>the conversation's address if it is a phone number, else the contact's phone, or null</td></tr>
 *   <tr><td>channel</td><td>{@link AgentClaraVocabulary#channelWord}</td></tr>
 *   <tr><td>status</td><td>{@link AgentClaraVocabulary#statusWord}</td></tr>
 *   <tr><td>subject</td><td>the subject, or null</td></tr>
 *   <tr><td>last_message</td><td>the last message's preview (its first 140 characters), or null</td></tr>
 *   <tr><td>timestamp</td><td>when the conversation was created, ISO 8601 in UTC with the stored
 *       precision ({@code 2026-03-24T08:15:00Z}, {@code 2026-03-24T08:15:00.123456Z})</td></tr>
 *   <tr><td>unread</td><td>whether the agents' side has unread customer messages</td></tr>
 *   <tr><td>tags</td><td>the tags, in the order they were added</td></tr>
 *   <tr><td>messages</td><td>the message thread, oldest first, or null where the response does
 *       not include it (list entries)</td></tr>
 * </table>
 *
 * <h2>Choices where the document is silent</h2>
 *
 * <ul>
 *   <li>A message is {@code {"id", "content", "sender", "timestamp", "attachments",
 *       "delivery_status"}}: sender is {@link AgentClaraVocabulary#senderWord}, timestamp when it
 *       was written; attachments (an empty array when none) are {@code {"name", "media_type",
 *       "size", "url", "caption"}} ({@code url} is the attachment's location: a URL or the host's
 *       storage key; {@code caption} null when none); delivery_status is {@code queued},
 *       {@code sent}, {@code delivered}, {@code failed} or {@code read} for an outbound message
 *       (the AI's or a human's), null for the others. Provider ids and failure reasons are
 *       staff-only and not shown.
 *   <li>A listing is {@code {"conversations": [...], "limit": 25, "offset": 0, "has_more": false,
 *       "total": 1}}; {@code total} counts every conversation the filter matches.
 *   <li>Every error is an {@link ApiError}, rendered {@code {"error", "message", "field"}} by
 *       {@link #error}.
 *   <li>Request bodies are JSON objects; unknown members are ignored; a JSON {@code null} is the
 *       same as a member not sent; duplicate members and trailing content are refused.
 * </ul>
 *
 * <p>Package-private: a host gets this JSON through {@link AgentClaraApi} and
 * {@link AgentClaraResponse}.
 */
final class AgentClaraJson {

  /** The documented fields of the conversation object, in the document's order. */
  static final Seq<String> CONVERSATION_FIELDS = List.of("id", "customer_id", "customer_name", "customer_email",
      "customer_phone", "channel", "status", "subject", "last_message", "timestamp", "unread", "tags", "messages");

  /** The fields of the message object (not documented by AgentClara; chosen here). */
  static final Seq<String> MESSAGE_FIELDS =
      List.of("id", "content", "sender", "timestamp", "attachments", "delivery_status");

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AgentClaraJson() {}

  // ------------------------------------------------------------------------------ rendering

  /**
   * Returns the conversation object.
   *
   * @param conversation the conversation
   * @param contact its contact, if looked up (name, and addresses other than the channel's)
   * @param messages its thread, oldest first, if this response includes it; none renders {@code null}
   *     (internal notes are left out: this format faces the customer)
   */
  static ObjectNode conversation(Conversation conversation, Option<Contact> contact, Option<Seq<Message>> messages) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(messages, "messages");
    Option<ContactPoint> address = conversation.customerAddress();
    ObjectNode out = NODES.objectNode();
    out.put("id", conversation.id().value());
    text(out, "customer_id", conversation.contactId().map(id -> id.value()));
    text(out, "customer_name", contact.flatMap(Contact::name));
    text(out, "customer_email", address.filter(a -> a instanceof EmailAddress)
        .orElse(() -> contact.flatMap(Contact::email)).map(ContactPoint::value));
    text(out, "customer_phone", address.filter(a -> a instanceof PhoneNumber)
        .orElse(() -> contact.flatMap(Contact::phone)).map(ContactPoint::value));
    out.put("channel", AgentClaraVocabulary.channelWord(conversation.channel().type()));
    out.put("status", AgentClaraVocabulary.statusWord(conversation.status()));
    text(out, "subject", conversation.subject());
    text(out, "last_message", conversation.lastMessagePreview());
    out.put("timestamp", time(conversation.createdAt()));
    out.put("unread", conversation.unread(ReadSide.AGENTS));
    ArrayNode tags = out.putArray("tags");
    conversation.tags().forEach(t -> tags.add(t.value()));
    if (messages.isDefined()) {
      ArrayNode thread = out.putArray("messages");
      // Meant for the customer: the one visibility rule drops internal notes.
      dev.conversation.domain.Visibility.forCustomer(messages.get()).forEach(m -> thread.add(message(m)));
    } else {
      out.putNull("messages");
    }
    return out;
  }

  /** Returns the message object {@code {"id", "content", "sender", "timestamp", "attachments", "delivery_status"}}. */
  static ObjectNode message(Message message) {
    Objects.requireNonNull(message, "message");
    ObjectNode out = NODES.objectNode();
    out.put("id", message.id().value());
    out.put("content", message.content());
    out.put("sender", AgentClaraVocabulary.senderWord(message.author()));
    out.put("timestamp", time(message.createdAt()));
    ArrayNode files = out.putArray("attachments");
    for (dev.conversation.domain.Attachment a : message.attachments()) {
      ObjectNode file = files.addObject();
      file.put("name", a.name());
      file.put("media_type", a.mediaType());
      file.put("size", Math.toIntExact(a.size())); // within the 100 MiB limit; an int node reads back equal
      file.put("url", a.location());
      text(file, "caption", a.caption());
    }
    text(out, "delivery_status", message.delivery().map(d -> d.status().name().toLowerCase(java.util.Locale.ROOT)));
    return out;
  }

  /**
   * Returns the listing {@code {"conversations": [...], "limit", "offset", "has_more"}}; each entry
   * is a conversation object without its thread ({@code "messages": null}).
   *
   * @param page the page the service listed
   * @param query the query it was listed with (its offset paging gives {@code offset})
   * @param contacts the contact of each entry, if known
   */
  static ObjectNode list(Page<Conversation> page, ConversationQuery query, Function<Conversation, Option<Contact>> contacts) {
    return list(page, query, contacts, Option.none());
  }

  /**
   * Returns the listing with {@code "total"}, how many conversations match the filter over all
   * pages, when it is known.
   */
  static ObjectNode list(Page<Conversation> page, ConversationQuery query, Function<Conversation, Option<Contact>> contacts,
      Option<Long> total) {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(contacts, "contacts");
    ObjectNode out = NODES.objectNode();
    ArrayNode items = out.putArray("conversations");
    page.items().forEach(c -> items.add(conversation(c, contacts.apply(c), Option.none())));
    out.put("limit", query.limit());
    out.put("offset", query.paging() instanceof ConversationQuery.Paging.Offset o ? o.value() : 0);
    out.put("has_more", page.next().isDefined());
    total.forEach(t -> out.put("total", t));
    return out;
  }

  /** The most code points an error's message carries; a client's input quoted in it is cut to fit. */
  static final int MAX_ERROR_MESSAGE = 500;

  /**
   * Returns the error object {@code {"error", "message", "field"}}: {@code error} is the error's
   * {@linkplain ApiError#code() code} ({@code bad_request}, {@code unauthorized},
   * {@code not_found}, {@code conflict}, {@code unavailable}, ...), {@code field} its parameter, or
   * null when no parameter is at fault; its rule is not shown. The message is cut to
   * {@value #MAX_ERROR_MESSAGE} code points (ending in {@code …}), so an error never echoes a huge
   * input back; a field name is at most {@value #MAX_ERROR_FIELD}.
   */
  static ObjectNode error(ApiError error) {
    Objects.requireNonNull(error, "error");
    ObjectNode out = NODES.objectNode();
    out.put("error", error.code());
    out.put("message", cut(error.message(), MAX_ERROR_MESSAGE));
    text(out, "field", error.field().map(f -> cut(f, MAX_ERROR_FIELD)));
    return out;
  }

  /** The most code points of an error's field name. */
  static final int MAX_ERROR_FIELD = 100;

  private static String cut(String text, int codePoints) {
    if (text.codePointCount(0, text.length()) <= codePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, codePoints - 1)) + "…";
  }

  /** Returns the JSON text of a node. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  // -------------------------------------------------------------------------------- reading

  /**
   * Reads a request body.
   *
   * @return the JSON object, or a bad request naming {@code body} if the text is not one JSON
   *     object (malformed, empty, another JSON type, duplicate members, trailing content)
   */
  static Either<ApiError, ObjectNode> read(String body) {
    Objects.requireNonNull(body, "body");
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode object) {
        return Either.right(object);
      }
      return Either.left(ApiError.badRequest("body", "not-an-object", "the request body must be a JSON object"));
    } catch (JacksonException e) {
      return Either.left(ApiError.badRequest("body", "malformed-json", "the request body must be a JSON object; " + malformed(e)));
    }
  }

  /**
   * What is wrong with a body the parser refused, in the API's words and with the place: never the
   * parser's own message, which names its classes and settings.
   */
  static String malformed(JacksonException e) {
    String original = String.valueOf(e.getOriginalMessage());
    String what;
    if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
      what = "it is nested too deeply, or a number, name or string in it is too long";
    } else if (original.startsWith("Duplicate field")) {
      what = "a member name appears twice in one object";
    } else if (original.startsWith("Trailing token")) {
      what = "there is more after the JSON value";
    } else if (original.startsWith("No content to map") || original.contains("end-of-input")) {
      what = "it ends before the JSON value does";
    } else {
      what = "it is not well-formed JSON";
    }
    com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1 ? what : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /**
   * Reads List Conversations' parameters from a JSON object (for hosts that take them as JSON;
   * a query string is read by {@link ListConversations#of(java.util.Map)}): {@code limit} and
   * {@code offset} are numbers (or their digits as strings), {@code unread} a boolean (or its word).
   *
   * @return the request, or a bad request naming every member of the wrong type
   */
  static Either<ApiError, ListConversations> listRequest(JsonNode body) {
    Members m = new Members(body);
    ListConversations request = new ListConversations(m.number("limit"), m.number("offset"), m.text("channel"),
        m.text("status"), m.text("customer_id"), m.bool("unread"));
    return m.result(request);
  }

  /**
   * Reads Create Conversation's body: {@code customer_phone}, {@code customer_email},
   * {@code customer_name}, {@code channel} and {@code message}, each a string.
   *
   * @return the request, or a bad request naming every member that is not a string
   */
  static Either<ApiError, CreateConversation> createRequest(JsonNode body) {
    Members m = new Members(body);
    CreateConversation request = new CreateConversation(m.text("customer_phone"), m.text("customer_email"),
        m.text("customer_name"), m.text("channel"), m.text("message"));
    return m.result(request);
  }

  /**
   * Reads Send Message's body: {@code content} and {@code sender}, each a string.
   *
   * @return the request, or a bad request naming every member that is not a string
   */
  static Either<ApiError, SendMessage> sendRequest(JsonNode body) {
    Members m = new Members(body);
    SendMessage request = new SendMessage(m.text("content"), m.text("sender"));
    return m.result(request);
  }

  /**
   * Reads Update Conversation's body: {@code status} and {@code customer_name}, each a string,
   * and {@code tags}, an array of strings.
   *
   * @return the request, or a bad request naming every member of the wrong type ({@code tags[i]}
   *     for an element that is not a string)
   */
  static Either<ApiError, UpdateConversation> updateRequest(JsonNode body) {
    Members m = new Members(body);
    UpdateConversation request = new UpdateConversation(m.text("status"), m.text("customer_name"), m.texts("tags"));
    return m.result(request);
  }

  // ---------------------------------------------------------------------------------- helpers

  private static void text(ObjectNode out, String field, Option<String> value) {
    if (value.isDefined()) {
      out.put(field, value.get());
    } else {
      out.putNull(field);
    }
  }

  /**
   * ISO 8601 in UTC with exactly six fractional digits, so every timestamp has the same length
   * and string order is time order ({@code Instant.toString} drops trailing zero digits).
   */
  private static final java.time.format.DateTimeFormatter TIME =
      new java.time.format.DateTimeFormatterBuilder().appendInstant(6).toFormatter(java.util.Locale.ROOT);

  static String time(Instant at) {
    return TIME.format(at);
  }

  /** Reads the members of one body, collecting type problems. */
  private static final class Members {
    private final JsonNode body;
    private List<Violation> problems = List.empty();

    Members(JsonNode body) {
      this.body = Objects.requireNonNull(body, "body");
      if (!body.isObject()) {
        problems = problems.append(new Violation("body", "not-an-object", "the request body must be a JSON object"));
      }
    }

    private Option<JsonNode> member(String name) {
      JsonNode value = body.isObject() ? body.get(name) : null;
      return value == null || value.isNull() ? Option.none() : Option.some(value);
    }

    Option<String> text(String name) {
      Option<JsonNode> value = member(name);
      if (value.isDefined() && !value.get().isTextual()) {
        wrongType(name, value.get(), "a string");
        return Option.none();
      }
      return value.map(JsonNode::textValue);
    }

    Option<String> number(String name) {
      Option<JsonNode> value = member(name);
      if (value.isDefined() && value.get().isIntegralNumber()) {
        return Option.some(value.get().bigIntegerValue().toString());
      }
      if (value.isDefined() && !value.get().isTextual()) {
        wrongType(name, value.get(), "a whole number");
        return Option.none();
      }
      return value.map(JsonNode::textValue);
    }

    Option<String> bool(String name) {
      Option<JsonNode> value = member(name);
      if (value.isDefined() && value.get().isBoolean()) {
        return Option.some(Boolean.toString(value.get().booleanValue()));
      }
      if (value.isDefined() && !value.get().isTextual()) {
        wrongType(name, value.get(), "true or false");
        return Option.none();
      }
      return value.map(JsonNode::textValue);
    }

    Option<Seq<String>> texts(String name) {
      Option<JsonNode> value = member(name);
      if (value.isEmpty()) {
        return Option.none();
      }
      if (!value.get().isArray()) {
        wrongType(name, value.get(), "an array of strings, such as [\"important\", \"vip\"]");
        return Option.none();
      }
      List<String> out = List.empty();
      for (int i = 0; i < value.get().size(); i++) {
        JsonNode element = value.get().get(i);
        if (element.isTextual()) {
          out = out.append(element.textValue());
        } else {
          wrongType(name + "[" + i + "]", element, "a string");
        }
      }
      return Option.some(out);
    }

    private void wrongType(String name, JsonNode value, String expected) {
      String actual = value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      problems = problems.append(new Violation(name, "wrong-type", name + " must be " + expected + ", was " + actual));
    }

    <T> Either<ApiError, T> result(T request) {
      return problems.isEmpty() ? Either.right(request) : Either.left(ApiError.invalid(problems));
    }
  }
}
