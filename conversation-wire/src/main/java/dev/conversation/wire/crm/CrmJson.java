package dev.conversation.wire.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Account;
import dev.conversation.domain.Actor;
import dev.conversation.domain.AttentionItem;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Resolution;
import dev.conversation.service.Enriched;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * The CRM agent platform's JSON (seed 003), written with Jackson's tree model: the conversation
 * object and the error object.
 *
 * <h2>The conversation object</h2>
 *
 * <p>First the document's fields, in its order and camelCase: {@code id}, {@code tenantId},
 * {@code workspaceId}, {@code channelId}, {@code contactId} (null while unresolved),
 * {@code accountId} (null for B2C or unresolved), {@code status} (a {@link CrmStatus} word),
 * {@code summary}, {@code subject}, {@code outcome} (each null when absent), {@code messageCount},
 * {@code lastMessageAt} (null before the first message), {@code createdAt}, {@code updatedAt}.
 * Then the objects the document's description promises ("the linked contact and account
 * information, message history, and attention items") but its field table does not show; their
 * shape is <em>our design</em>, in the same style:
 *
 * <ul>
 *   <li>{@code contact}: {@code {id, name, email, phone, handles, accountId}} or null;
 *       {@code handles} maps a channel word ({@code instagram}, {@code facebook}, {@code slack})
 *       to the handle;
 *   <li>{@code account}: {@code {id, name, domain}} or null;
 *   <li>{@code messages}: oldest first, each {@code {id, role, author, content, type, citations,
 *       attachments, delivery, createdAt}}; {@code attachments} is {@code [{name, mediaType, size,
 *       location, caption}]}; {@code delivery} is {@code {status, providerMessageId, failureReason,
 *       updatedAt}} for an outbound message (status {@code queued}, {@code sent},
 *       {@code delivered}, {@code failed} or {@code read}), null otherwise; {@code role} is {@code customer}, {@code ai_agent}, {@code human_agent} or
 *       {@code system}; {@code author} is {@code {id, name, email, avatar}} for a human agent,
 *       {@code {id, name: null, email: null, avatar: null}} for an AI agent with an id, and null
 *       otherwise; {@code type} is {@code text} or {@code note}; {@code citations} lists an AI reply's sources as
 *       {@code {sourceId, type, link, distance}} ({@code type} one of {@code website}, {@code text},
 *       {@code qa}, {@code pdf}, {@code youtube}, {@code docx}, {@code image}, {@code notion});
 *   <li>{@code attentionItems}: every item ever raised, oldest first, each {@code {id, kind, note,
 *       raisedBy, raisedAt, clearedAt}} ({@code raisedBy} a role word, {@code clearedAt} null
 *       while open);
 *   <li>{@code enrichment}: always present, {@code {complete, problems}}. When the CRM lookup
 *       failed or timed out ({@link Enriched#complete()} false), {@code complete} is false,
 *       {@code contact} and/or {@code account} is null although its id is set, and
 *       {@code problems} says which lookup and how, cut before the first colon
 *       ({@code "contact lookup failed"}, {@code "account lookup timed out after PT2S"}) so that no
 *       exception text reaches the client. A null {@code contact} with a {@code contactId} and
 *       {@code complete: true} means the CRM has no such contact.
 * </ul>
 *
 * <p>Where our model and the document differ: {@code channelId} is required in the document but
 * a channel instance is optional in ours; without one, {@code channelId} is the channel type's word
 * ({@code email}, {@code whatsapp}, {@code web_chat}, ...), so it stays a non-null string. Ids are
 * written as they are; the document's {@code format: uuid} is not enforced (its own examples are not
 * UUIDs). {@code outcome} comes from the resolution, which our model keeps only while resolved (and
 * after closing a resolved conversation): a reopened conversation shows null.
 *
 * <h2>Timestamps</h2>
 *
 * <p>As in the document, {@code 2026-03-25T11:42:00.000Z}: UTC, {@code Z}, always exactly three
 * fraction digits. Sub-millisecond precision (our stores keep microseconds) is dropped by
 * truncation, never rounded, so a written time is never later than the real one. Years after 9999
 * would be written with a sign ({@code +10000-...}), as {@link DateTimeFormatter#ISO_INSTANT} does.
 *
 * <p>Every method returns a new tree the caller owns. Stateless and thread-safe.
 */
final class CrmJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter MILLIS =
      new DateTimeFormatterBuilder().appendInstant(3).toFormatter(Locale.ROOT);

  private CrmJson() {}

  /**
   * Returns the conversation object for {@code GET /api/conversations/{id}}.
   *
   * @param enriched the conversation with its contact and account, as the service's
   *     {@code getEnriched} returned it
   * @param messages the messages to show, oldest first, as the service's {@code history} returned
   *     them (possibly only the first part of a long thread); may be empty
   * @return a new object; see the class documentation for its fields
   * @throws IllegalArgumentException if a message belongs to another conversation
   * @throws NullPointerException if an argument is null
   */
  static ObjectNode conversation(Enriched enriched, Seq<Message> messages) {
    Objects.requireNonNull(enriched, "enriched");
    Objects.requireNonNull(messages, "messages");
    Conversation c = enriched.conversation();
    for (Message m : messages) {
      if (!m.conversationId().equals(c.id())) {
        throw new IllegalArgumentException(
            "message " + m.id() + " belongs to conversation " + m.conversationId() + ", not " + c.id());
      }
    }
    ObjectNode out = NODES.objectNode();
    out.put("id", c.id().value());
    out.put("tenantId", c.tenantId().value());
    out.put("workspaceId", c.workspaceId().value());
    out.put("channelId", c.channel().instance().map(i -> i.value()).getOrElse(() -> word(c.channel().type())));
    putText(out, "contactId", c.contactId().map(id -> id.value()));
    putText(out, "accountId", c.accountId().map(id -> id.value()));
    out.put("status", CrmStatus.of(c.status()).word());
    putText(out, "summary", c.summary());
    putText(out, "subject", c.subject());
    putText(out, "outcome", c.resolution().map(Resolution::outcome));
    out.put("messageCount", c.messageCount());
    putTime(out, "lastMessageAt", c.lastMessageAt());
    out.put("createdAt", timestamp(c.createdAt()));
    out.put("updatedAt", timestamp(c.updatedAt()));
    out.set("contact", enriched.contact().<JsonNode>map(CrmJson::contact).getOrElse(NODES::nullNode));
    out.set("account", enriched.account().<JsonNode>map(CrmJson::account).getOrElse(NODES::nullNode));
    ArrayNode list = out.putArray("messages");
    messages.forEach(m -> list.add(message(m)));
    ArrayNode items = out.putArray("attentionItems");
    c.attention().forEach(a -> items.add(attention(a)));
    ObjectNode enrichment = out.putObject("enrichment");
    enrichment.put("complete", enriched.complete());
    ArrayNode problems = enrichment.putArray("problems");
    enriched.problems().forEach(p -> problems.add(shown(p)));
    return out;
  }

  /**
   * Returns the document's error object, {@code {"error": message}}: the only member is the
   * message; an {@link dev.conversation.wire.ApiError}'s status, rule and field are not shown.
   *
   * @throws NullPointerException if {@code message} is null
   */
  static ObjectNode error(String message) {
    Objects.requireNonNull(message, "message");
    ObjectNode out = NODES.objectNode();
    out.put("error", message);
    return out;
  }

  /**
   * Returns an instant in the document's form, {@code 2026-03-25T11:42:00.000Z}: UTC, exactly
   * three fraction digits, anything finer truncated.
   *
   * @throws NullPointerException if {@code instant} is null
   */
  static String timestamp(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Returns the tree as compact JSON text (UTF-8 safe; non-ASCII characters are kept as they are).
   *
   * @throws NullPointerException if {@code tree} is null
   */
  static String write(JsonNode tree) {
    Objects.requireNonNull(tree, "tree");
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      // A tree of strings, numbers and booleans always serialises.
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode contact(Contact contact) {
    ObjectNode out = NODES.objectNode();
    out.put("id", contact.id().value());
    putText(out, "name", contact.name());
    putText(out, "email", contact.email().map(ContactPoint::value));
    putText(out, "phone", contact.phone().map(ContactPoint::value));
    ObjectNode handles = out.putObject("handles");
    for (ChannelType type : ChannelType.values()) {
      contact.handles().get(type).forEach(h -> handles.put(word(type), h.value()));
    }
    putText(out, "accountId", contact.accountId().map(id -> id.value()));
    return out;
  }

  private static ObjectNode account(Account account) {
    ObjectNode out = NODES.objectNode();
    out.put("id", account.id().value());
    out.put("name", account.name());
    putText(out, "domain", account.domain());
    return out;
  }

  private static ObjectNode message(Message m) {
    ObjectNode out = NODES.objectNode();
    out.put("id", m.id().value());
    out.put("role", word(m.author().actor()));
    out.set("author", author(m.author()));
    out.put("content", m.content());
    out.put("type", m.type().name().toLowerCase(Locale.ROOT));
    ArrayNode citations = out.putArray("citations");
    m.citations().forEach(c -> citations.add(citation(c)));
    ArrayNode files = out.putArray("attachments");
    for (dev.conversation.domain.Attachment a : m.attachments()) {
      ObjectNode file = files.addObject();
      file.put("name", a.name());
      file.put("mediaType", a.mediaType());
      file.put("size", Math.toIntExact(a.size())); // within the 100 MiB limit; an int node reads back equal
      file.put("location", a.location());
      putText(file, "caption", a.caption());
    }
    if (m.delivery().isDefined()) {
      dev.conversation.domain.Delivery d = m.delivery().get();
      ObjectNode delivery = out.putObject("delivery");
      delivery.put("status", d.status().name().toLowerCase(Locale.ROOT));
      putText(delivery, "providerMessageId", d.providerMessageId());
      putText(delivery, "failureReason", d.failureReason());
      delivery.put("updatedAt", timestamp(d.updatedAt()));
    } else {
      out.putNull("delivery");
    }
    out.put("createdAt", timestamp(m.createdAt()));
    return out;
  }

  private static JsonNode author(Participant p) {
    if (p.human().isDefined()) {
      HumanAgent h = p.human().get();
      ObjectNode out = NODES.objectNode();
      out.put("id", h.id().value());
      out.put("name", h.name());
      putText(out, "email", h.email().map(ContactPoint::value));
      putText(out, "avatar", h.avatar());
      return out;
    }
    if (p.aiAgent().isDefined()) {
      ObjectNode out = NODES.objectNode();
      out.put("id", p.aiAgent().get().value());
      out.putNull("name");
      out.putNull("email");
      out.putNull("avatar");
      return out;
    }
    return NODES.nullNode();
  }

  private static ObjectNode citation(Citation c) {
    ObjectNode out = NODES.objectNode();
    putText(out, "sourceId", c.sourceId());
    out.put("type", c.type().name().toLowerCase(Locale.ROOT));
    putText(out, "link", c.link());
    out.put("distance", c.distance());
    return out;
  }

  private static ObjectNode attention(AttentionItem a) {
    ObjectNode out = NODES.objectNode();
    out.put("id", a.id().value());
    out.put("kind", a.kind());
    out.put("note", a.note());
    out.put("raisedBy", word(a.raisedBy()));
    out.put("raisedAt", timestamp(a.raisedAt()));
    putTime(out, "clearedAt", a.clearedAt());
    return out;
  }

  /** The service's problem text up to its first colon: which lookup, and how it went wrong. */
  static String shown(String problem) {
    int colon = problem.indexOf(':');
    return (colon < 0 ? problem : problem.substring(0, colon)).strip();
  }

  static String word(Actor actor) {
    return actor.name().toLowerCase(Locale.ROOT);
  }

  static String word(ChannelType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  private static void putText(ObjectNode out, String field, Option<String> value) {
    if (value.isDefined()) {
      out.put(field, value.get());
    } else {
      out.putNull(field);
    }
  }

  private static void putTime(ObjectNode out, String field, Option<Instant> value) {
    putText(out, field, value.map(CrmJson::timestamp));
  }
}
