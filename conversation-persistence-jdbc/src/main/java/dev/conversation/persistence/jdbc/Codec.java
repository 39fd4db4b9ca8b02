package dev.conversation.persistence.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.Actor;
import dev.conversation.domain.AiAgentId;
import dev.conversation.domain.Assignee;
import dev.conversation.domain.AttentionId;
import dev.conversation.domain.AttentionItem;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Handle;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Delivery;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.MessageType;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Priority;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Resolution;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * The stored form of the domain's values: a JSON document per conversation header, message,
 * event, contact and account, written beside the indexed columns that listings filter and sort
 * on. The document is the value; the columns are derived from it in the same statement.
 *
 * <p>Every non-ASCII character is written as a {@code \}{@code uXXXX} escape, so the stored text
 * is ASCII whatever the database's encoding, and reads back exactly. Instants are kept to the
 * microsecond, the precision of the indexed timestamp columns, so a keyset cursor taken from a
 * read value always matches its row. Stateless and thread-safe.
 */
final class Codec {

  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Codec() {}

  /** The instant as the store keeps it: truncated to the microsecond. */
  static Instant stored(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** Whether the instant is a whole microsecond, kept exactly. */
  private static boolean exact(Instant at) {
    return at.getNano() % 1000 == 0;
  }

  private static boolean exact(Option<Instant> at) {
    return at.forAll(Codec::exact);
  }

  /** Whether every instant of the conversation is kept exactly, so its stored form equals it. */
  static boolean exact(Conversation c) {
    return exact(c.createdAt()) && exact(c.updatedAt()) && exact(c.agentsReadUpTo()) && exact(c.customerReadUpTo())
        && exact(c.lastCustomerMessageAt()) && exact(c.lastAgentMessageAt()) && exact(c.lastMessageAt())
        && exact(c.firstReplyAt()) && exact(c.awaitingReplySince()) && exact(c.aiTurnSince()) && exact(c.waitingSince())
        && exact(c.snoozedUntil())
        && c.resolution().forAll(r -> exact(r.resolvedAt()))
        && c.attention().forAll(a -> exact(a.raisedAt()) && exact(a.clearedAt()));
  }

  /** Whether the message's instant is kept exactly. */
  static boolean exact(Message m) {
    return exact(m.createdAt()) && m.delivery().forAll(d -> exact(d.updatedAt()));
  }

  /** Whether every instant of the event is kept exactly. */
  static boolean exact(DomainEvent e) {
    DomainEvent.Change change = e.change();
    return exact(e.at())
        && (!(change instanceof DomainEvent.Snoozed s) || exact(s.until()))
        && (!(change instanceof DomainEvent.DeliveryChanged d) || exact(d.delivery().updatedAt()))
        && (!(change instanceof DomainEvent.MarkedRead r) || exact(r.upTo()))
        && (!(change instanceof DomainEvent.Resolved r2) || exact(r2.resolution().resolvedAt()))
        && (!(change instanceof DomainEvent.AttentionRaised a) || (exact(a.item().raisedAt()) && exact(a.item().clearedAt())));
  }

  // ---------------------------------------------------------------- conversation

  static String conversation(Conversation c) {
    ObjectNode n = NODES.objectNode();
    n.put("id", c.id().value());
    n.put("tenantId", c.tenantId().value());
    n.put("workspaceId", c.workspaceId().value());
    n.put("channel", c.channel().type().name());
    c.channel().instance().forEach(i -> n.put("channelInstance", i.value()));
    c.customerAddress().forEach(a -> n.set("customerAddress", contactPoint(a)));
    c.contactId().forEach(id -> n.put("contactId", id.value()));
    c.accountId().forEach(id -> n.put("accountId", id.value()));
    n.put("status", c.status().name());
    c.subject().forEach(s -> n.put("subject", s));
    c.summary().forEach(s -> n.put("summary", s));
    c.resolution().forEach(r -> n.set("resolution", resolution(r)));
    c.assignee().forEach(a -> n.set("assignee", assignee(a)));
    c.aiAgentId().forEach(id -> n.put("aiAgentId", id.value()));
    ArrayNode tags = n.putArray("tags");
    c.tags().forEach(t -> tags.add(t.value()));
    n.put("priority", c.priority().name());
    n.put("starred", c.starred());
    n.put("muted", c.muted());
    putInstant(n, "agentsReadUpTo", c.agentsReadUpTo());
    putInstant(n, "customerReadUpTo", c.customerReadUpTo());
    putInstant(n, "lastCustomerMessageAt", c.lastCustomerMessageAt());
    putInstant(n, "lastAgentMessageAt", c.lastAgentMessageAt());
    n.put("messageCount", c.messageCount());
    c.lastMessagePreview().forEach(p -> n.put("lastMessagePreview", p));
    putInstant(n, "lastMessageAt", c.lastMessageAt());
    putInstant(n, "firstReplyAt", c.firstReplyAt());
    // Written even when none (as null), so a document from before this field is told apart and derived.
    n.put("awaitingReplySince", c.awaitingReplySince().map(Codec::instant).getOrNull());
    n.put("aiTurnSince", c.aiTurnSince().map(Codec::instant).getOrNull());
    putInstant(n, "waitingSince", c.waitingSince());
    putInstant(n, "snoozedUntil", c.snoozedUntil());
    ArrayNode attention = n.putArray("attention");
    c.attention().forEach(a -> attention.add(attentionItem(a)));
    c.followUpOf().forEach(id -> n.put("followUpOf", id.value()));
    n.put("createdAt", instant(c.createdAt()));
    n.put("updatedAt", instant(c.updatedAt()));
    n.put("version", c.version());
    return write(n);
  }

  static Conversation conversation(String text) {
    JsonNode n = read(text);
    Conversation.Builder b = Conversation.builder()
        .id(ConversationId.of(n.get("id").textValue()))
        .tenantId(TenantId.of(n.get("tenantId").textValue()))
        .workspaceId(WorkspaceId.of(n.get("workspaceId").textValue()))
        .channel(Channel.of(ChannelType.valueOf(n.get("channel").textValue()), text(n, "channelInstance").map(ChannelId::of)))
        .customerAddress(node(n, "customerAddress").map(Codec::contactPoint))
        .contactId(text(n, "contactId").map(ContactId::of))
        .accountId(text(n, "accountId").map(AccountId::of))
        .status(Status.valueOf(n.get("status").textValue()))
        .subject(text(n, "subject"))
        .summary(text(n, "summary"))
        .resolution(node(n, "resolution").map(Codec::resolution))
        .assignee(node(n, "assignee").map(Codec::assignee))
        .aiAgentId(text(n, "aiAgentId").map(AiAgentId::of))
        .tags(LinkedHashSet.ofAll(list(n.get("tags"), t -> Tag.of(t.textValue()))))
        .priority(Priority.valueOf(n.get("priority").textValue()))
        .starred(n.get("starred").booleanValue())
        .muted(n.get("muted").booleanValue())
        .agentsReadUpTo(instant(n, "agentsReadUpTo"))
        .customerReadUpTo(instant(n, "customerReadUpTo"))
        .lastCustomerMessageAt(instant(n, "lastCustomerMessageAt"))
        .lastAgentMessageAt(instant(n, "lastAgentMessageAt"))
        .messageCount(n.get("messageCount").intValue())
        .lastMessagePreview(text(n, "lastMessagePreview"))
        .lastMessageAt(instant(n, "lastMessageAt"))
        .firstReplyAt(instant(n, "firstReplyAt"))
        .waitingSince(instant(n, "waitingSince"))
        .snoozedUntil(instant(n, "snoozedUntil"))
        .attention(list(n.get("attention"), Codec::attentionItem))
        .followUpOf(text(n, "followUpOf").map(ConversationId::of))
        .createdAt(Instant.parse(n.get("createdAt").textValue()))
        .updatedAt(Instant.parse(n.get("updatedAt").textValue()))
        .version(n.get("version").longValue());
    if (n.has("awaitingReplySince")) {
      b.awaitingReplySince(instant(n, "awaitingReplySince"));
    }
    if (n.has("aiTurnSince")) {
      b.aiTurnSince(instant(n, "aiTurnSince"));
    }
    return b.build();
  }

  /** The canonical text of a tag set, to tell whether a commit changed the tags. */
  static String tagsKey(Set<Tag> tags) {
    ArrayNode a = NODES.arrayNode();
    tags.map(Tag::value).toSortedSet().forEach(a::add);
    return write(a);
  }

  // ---------------------------------------------------------------- message

  static String message(Message m) {
    ObjectNode n = NODES.objectNode();
    n.put("id", m.id().value());
    n.put("conversationId", m.conversationId().value());
    n.set("author", participant(m.author()));
    n.put("content", m.content());
    n.put("type", m.type().name());
    ArrayNode citations = n.putArray("citations");
    m.citations().forEach(c -> citations.add(citation(c)));
    if (m.attachments().nonEmpty()) {
      ArrayNode attachments = n.putArray("attachments");
      m.attachments().forEach(a -> attachments.add(attachment(a)));
    }
    m.delivery().forEach(d -> n.set("delivery", delivery(d)));
    n.put("createdAt", instant(m.createdAt()));
    m.idempotencyKey().forEach(k -> n.put("idempotencyKey", k));
    return write(n);
  }

  private static ObjectNode attachment(Attachment a) {
    ObjectNode n = NODES.objectNode();
    n.put("name", a.name());
    n.put("mediaType", a.mediaType());
    n.put("size", a.size());
    n.put("location", a.location());
    a.caption().forEach(c -> n.put("caption", c));
    return n;
  }

  private static Attachment attachment(JsonNode n) {
    return new Attachment(n.get("name").textValue(), n.get("mediaType").textValue(), n.get("size").longValue(),
        n.get("location").textValue(), text(n, "caption"));
  }

  private static ObjectNode delivery(Delivery d) {
    ObjectNode n = NODES.objectNode();
    n.put("status", d.status().name());
    d.providerMessageId().forEach(v -> n.put("providerMessageId", v));
    d.failureReason().forEach(v -> n.put("failureReason", v));
    n.put("updatedAt", instant(d.updatedAt()));
    return n;
  }

  private static Delivery delivery(JsonNode n) {
    return new Delivery(DeliveryStatus.valueOf(n.get("status").textValue()), text(n, "providerMessageId"),
        text(n, "failureReason"), Instant.parse(n.get("updatedAt").textValue()));
  }

  static Message message(String text) {
    JsonNode n = read(text);
    return Message.builder()
        .id(MessageId.of(n.get("id").textValue()))
        .conversationId(ConversationId.of(n.get("conversationId").textValue()))
        .author(participant(n.get("author")))
        .content(n.get("content").textValue())
        .type(MessageType.valueOf(n.get("type").textValue()))
        .citations(list(n.get("citations"), Codec::citation))
        .attachments(node(n, "attachments").map(a -> list(a, Codec::attachment)).getOrElse(List.empty()))
        .delivery(node(n, "delivery").map(Codec::delivery))
        .createdAt(Instant.parse(n.get("createdAt").textValue()))
        .idempotencyKey(text(n, "idempotencyKey"))
        .build();
  }

  // ---------------------------------------------------------------- event

  /**
   * Writes an event in the current schema ({@link DomainEvent#SCHEMA}): the envelope, the
   * event's stable {@link DomainEvent.Type#wireName() name} under {@code type}, and its fields
   * under {@code data}. No class name is stored, so renaming a record breaks nothing.
   */
  static String event(DomainEvent e) {
    ObjectNode n = NODES.objectNode();
    n.put("schema", DomainEvent.SCHEMA);
    n.put("type", e.type().wireName());
    n.put("conversationId", e.conversationId().value());
    n.put("tenantId", e.tenantId().value());
    n.put("version", e.version());
    n.put("at", instant(e.at()));
    n.set("by", participant(e.by()));
    n.set("data", data(e.change()));
    return write(n);
  }

  /**
   * Reads an event of any schema: the current one, and schema 1 (the first release), which
   * named the kind by its record's simple class name under {@code change.kind}.
   */
  static DomainEvent event(String text) {
    JsonNode n = read(text);
    DomainEvent.Type type;
    JsonNode data;
    if (n.has("schema")) {
      String name = n.get("type").textValue();
      type = DomainEvent.Type.ofWireName(name)
          .getOrElseThrow(() -> new IllegalStateException("stored event has an unknown type: " + name));
      data = n.get("data");
    } else {
      data = n.get("change");
      type = schemaOneType(data.get("kind").textValue());
    }
    return new DomainEvent(
        ConversationId.of(n.get("conversationId").textValue()),
        TenantId.of(n.get("tenantId").textValue()),
        n.get("version").longValue(),
        Instant.parse(n.get("at").textValue()),
        participant(n.get("by")),
        change(type, data));
  }

  /** Schema 1 stored the record's simple name; these are frozen, whatever the records are called now. */
  private static DomainEvent.Type schemaOneType(String kind) {
    return switch (kind) {
      case "Started" -> DomainEvent.Type.STARTED;
      case "MessageAppended" -> DomainEvent.Type.MESSAGE_APPENDED;
      case "StatusChanged" -> DomainEvent.Type.STATUS_CHANGED;
      case "HandedOff" -> DomainEvent.Type.HANDED_OFF;
      case "ReturnedToAi" -> DomainEvent.Type.RETURNED_TO_AI;
      case "Resolved" -> DomainEvent.Type.RESOLVED;
      case "Reopened" -> DomainEvent.Type.REOPENED;
      case "Closed" -> DomainEvent.Type.CLOSED;
      case "Snoozed" -> DomainEvent.Type.SNOOZED;
      case "Woke" -> DomainEvent.Type.WOKE;
      case "AttentionRaised" -> DomainEvent.Type.ATTENTION_RAISED;
      case "AttentionCleared" -> DomainEvent.Type.ATTENTION_CLEARED;
      case "MetadataChanged" -> DomainEvent.Type.METADATA_CHANGED;
      case "MarkedRead" -> DomainEvent.Type.MARKED_READ;
      default -> throw new IllegalStateException("stored event has an unknown change kind: " + kind);
    };
  }

  private static ObjectNode data(DomainEvent.Change change) {
    ObjectNode n = NODES.objectNode();
    switch (change.type()) {
      case STARTED -> {
        DomainEvent.Started s = (DomainEvent.Started) change;
        n.put("status", s.status().name());
        s.followUpOf().forEach(id -> n.put("followUpOf", id.value()));
      }
      case MESSAGE_APPENDED -> {
        DomainEvent.MessageAppended m = (DomainEvent.MessageAppended) change;
        n.put("messageId", m.messageId().value());
        n.put("author", m.author().name());
        m.preview().forEach(p -> n.put("preview", p));
      }
      case NOTE_ADDED -> {
        DomainEvent.NoteAdded m = (DomainEvent.NoteAdded) change;
        n.put("messageId", m.messageId().value());
        n.put("author", m.author().name());
        n.put("preview", m.preview());
      }
      case DELIVERY_CHANGED -> {
        DomainEvent.DeliveryChanged d = (DomainEvent.DeliveryChanged) change;
        n.put("messageId", d.messageId().value());
        n.set("delivery", delivery(d.delivery()));
      }
      case STATUS_CHANGED -> {
        DomainEvent.StatusChanged s = (DomainEvent.StatusChanged) change;
        n.put("from", s.from().name());
        n.put("to", s.to().name());
      }
      case HANDED_OFF -> {
        DomainEvent.HandedOff h = (DomainEvent.HandedOff) change;
        n.set("assignee", assignee(h.assignee()));
        n.put("reason", h.reason());
      }
      case RESOLVED -> n.set("resolution", resolution(((DomainEvent.Resolved) change).resolution()));
      case SNOOZED -> n.put("until", instant(((DomainEvent.Snoozed) change).until()));
      case ATTENTION_RAISED -> n.set("item", attentionItem(((DomainEvent.AttentionRaised) change).item()));
      case ATTENTION_CLEARED -> n.put("id", ((DomainEvent.AttentionCleared) change).id().value());
      case METADATA_CHANGED -> {
        DomainEvent.MetadataChanged m = (DomainEvent.MetadataChanged) change;
        ArrayNode fields = n.putArray("fields");
        m.fields().forEach(fields::add);
        m.subject().forEach(v -> n.put("subject", v));
        m.summary().forEach(v -> n.put("summary", v));
        m.tags().forEach(tags -> {
          ArrayNode array = n.putArray("tags");
          tags.forEach(t -> array.add(t.value()));
        });
        m.priority().forEach(v -> n.put("priority", v.name()));
        m.starred().forEach(v -> n.put("starred", v));
        m.muted().forEach(v -> n.put("muted", v));
        m.contactId().forEach(v -> n.put("contactId", v.value()));
        m.accountId().forEach(v -> n.put("accountId", v.value()));
      }
      case MARKED_READ -> {
        DomainEvent.MarkedRead r = (DomainEvent.MarkedRead) change;
        n.put("side", r.side().name());
        n.put("upTo", instant(r.upTo()));
      }
      case RETURNED_TO_AI, REOPENED, CLOSED, WOKE, ERASED -> { } // the type says it all
    }
    return n;
  }

  /** Reads an event's fields; schema 1 stored the same names, without the ones schema 2 added. */
  private static DomainEvent.Change change(DomainEvent.Type type, JsonNode n) {
    return switch (type) {
      case STARTED -> new DomainEvent.Started(Status.valueOf(n.get("status").textValue()),
          text(n, "followUpOf").map(ConversationId::of));
      case MESSAGE_APPENDED -> new DomainEvent.MessageAppended(MessageId.of(n.get("messageId").textValue()),
          Actor.valueOf(n.get("author").textValue()), text(n, "preview"));
      case NOTE_ADDED -> new DomainEvent.NoteAdded(MessageId.of(n.get("messageId").textValue()),
          Actor.valueOf(n.get("author").textValue()), n.get("preview").textValue());
      case DELIVERY_CHANGED -> new DomainEvent.DeliveryChanged(MessageId.of(n.get("messageId").textValue()),
          delivery(n.get("delivery")));
      case STATUS_CHANGED -> new DomainEvent.StatusChanged(Status.valueOf(n.get("from").textValue()),
          Status.valueOf(n.get("to").textValue()));
      case HANDED_OFF -> new DomainEvent.HandedOff(assignee(n.get("assignee")), n.get("reason").textValue());
      case RETURNED_TO_AI -> new DomainEvent.ReturnedToAi();
      case RESOLVED -> new DomainEvent.Resolved(resolution(n.get("resolution")));
      case REOPENED -> new DomainEvent.Reopened();
      case CLOSED -> new DomainEvent.Closed();
      case ERASED -> new DomainEvent.Erased();
      case SNOOZED -> new DomainEvent.Snoozed(Instant.parse(n.get("until").textValue()));
      case WOKE -> new DomainEvent.Woke();
      case ATTENTION_RAISED -> new DomainEvent.AttentionRaised(attentionItem(n.get("item")));
      case ATTENTION_CLEARED -> new DomainEvent.AttentionCleared(AttentionId.of(n.get("id").textValue()));
      case METADATA_CHANGED -> new DomainEvent.MetadataChanged(
          LinkedHashSet.ofAll(list(n.get("fields"), JsonNode::textValue)),
          text(n, "subject"),
          text(n, "summary"),
          node(n, "tags").map(array -> (Set<Tag>) LinkedHashSet.ofAll(list(array, t -> Tag.of(t.textValue())))),
          text(n, "priority").map(Priority::valueOf),
          node(n, "starred").map(JsonNode::booleanValue),
          node(n, "muted").map(JsonNode::booleanValue),
          text(n, "contactId").map(ContactId::of),
          text(n, "accountId").map(AccountId::of));
      case MARKED_READ -> new DomainEvent.MarkedRead(ReadSide.valueOf(n.get("side").textValue()),
          Instant.parse(n.get("upTo").textValue()));
    };
  }

  // ---------------------------------------------------------------- directory

  static String contact(Contact c) {
    ObjectNode n = NODES.objectNode();
    n.put("id", c.id().value());
    c.name().forEach(v -> n.put("name", v));
    c.email().forEach(v -> n.put("email", v.value()));
    c.phone().forEach(v -> n.put("phone", v.value()));
    ObjectNode handles = n.putObject("handles");
    c.handles().toSortedMap(Function.identity()).forEach((type, handle) -> handles.put(type.name(), handle.value()));
    c.accountId().forEach(v -> n.put("accountId", v.value()));
    return write(n);
  }

  static Contact contact(String text) {
    JsonNode n = read(text);
    HashMap<ChannelType, Handle> handles = HashMap.empty();
    var fields = n.get("handles").fields();
    while (fields.hasNext()) {
      var f = fields.next();
      handles = handles.put(ChannelType.valueOf(f.getKey()), new Handle(f.getValue().textValue()));
    }
    return Contact.builder()
        .id(ContactId.of(n.get("id").textValue()))
        .name(text(n, "name"))
        .email(text(n, "email").map(EmailAddress::new))
        .phone(text(n, "phone").map(PhoneNumber::new))
        .handles(handles)
        .accountId(text(n, "accountId").map(AccountId::of))
        .build();
  }

  static String account(Account a) {
    ObjectNode n = NODES.objectNode();
    n.put("id", a.id().value());
    n.put("name", a.name());
    a.domain().forEach(v -> n.put("domain", v));
    return write(n);
  }

  static Account account(String text) {
    JsonNode n = read(text);
    return new Account(AccountId.of(n.get("id").textValue()), n.get("name").textValue(), text(n, "domain"));
  }

  // ---------------------------------------------------------------- parts

  private static ObjectNode contactPoint(ContactPoint p) {
    ObjectNode n = NODES.objectNode();
    n.put("kind", p.kind().name());
    n.put("value", p instanceof PhoneNumber phone ? phone.value()
        : p instanceof EmailAddress email ? email.value()
        : ((Handle) p).value());
    return n;
  }

  private static ContactPoint contactPoint(JsonNode n) {
    String value = n.get("value").textValue();
    return switch (ContactPoint.Kind.valueOf(n.get("kind").textValue())) {
      case PHONE -> new PhoneNumber(value);
      case EMAIL -> new EmailAddress(value);
      case HANDLE -> new Handle(value);
    };
  }

  private static ObjectNode participant(Participant p) {
    ObjectNode n = NODES.objectNode();
    n.put("actor", p.actor().name());
    p.human().forEach(h -> n.set("human", humanAgent(h)));
    p.aiAgent().forEach(a -> n.put("aiAgent", a.value()));
    return n;
  }

  private static Participant participant(JsonNode n) {
    return new Participant(Actor.valueOf(n.get("actor").textValue()),
        node(n, "human").map(Codec::humanAgent), text(n, "aiAgent").map(AiAgentId::of));
  }

  private static ObjectNode humanAgent(HumanAgent h) {
    ObjectNode n = NODES.objectNode();
    n.put("id", h.id().value());
    n.put("name", h.name());
    h.email().forEach(e -> n.put("email", e.value()));
    h.avatar().forEach(a -> n.put("avatar", a));
    return n;
  }

  private static HumanAgent humanAgent(JsonNode n) {
    return new HumanAgent(HumanAgentId.of(n.get("id").textValue()), n.get("name").textValue(),
        text(n, "email").map(EmailAddress::new), text(n, "avatar"));
  }

  private static ObjectNode assignee(Assignee a) {
    ObjectNode n = NODES.objectNode();
    a.agent().forEach(h -> n.set("agent", humanAgent(h)));
    a.team().forEach(t -> n.put("team", t.value()));
    return n;
  }

  private static Assignee assignee(JsonNode n) {
    return new Assignee(node(n, "agent").map(Codec::humanAgent), text(n, "team").map(TeamId::of));
  }

  private static ObjectNode resolution(Resolution r) {
    ObjectNode n = NODES.objectNode();
    n.put("outcome", r.outcome());
    n.set("resolver", participant(r.resolver()));
    n.put("resolvedAt", instant(r.resolvedAt()));
    return n;
  }

  private static Resolution resolution(JsonNode n) {
    return new Resolution(n.get("outcome").textValue(), participant(n.get("resolver")),
        Instant.parse(n.get("resolvedAt").textValue()));
  }

  private static ObjectNode attentionItem(AttentionItem a) {
    ObjectNode n = NODES.objectNode();
    n.put("id", a.id().value());
    n.put("kind", a.kind());
    n.put("note", a.note());
    n.put("raisedBy", a.raisedBy().name());
    n.put("raisedAt", instant(a.raisedAt()));
    putInstant(n, "clearedAt", a.clearedAt());
    return n;
  }

  private static AttentionItem attentionItem(JsonNode n) {
    return new AttentionItem(AttentionId.of(n.get("id").textValue()), n.get("kind").textValue(),
        n.get("note").textValue(), Actor.valueOf(n.get("raisedBy").textValue()),
        Instant.parse(n.get("raisedAt").textValue()), instant(n, "clearedAt"));
  }

  private static ObjectNode citation(Citation c) {
    ObjectNode n = NODES.objectNode();
    c.sourceId().forEach(s -> n.put("sourceId", s));
    n.put("type", c.type().name());
    c.link().forEach(l -> n.put("link", l));
    n.put("distance", c.distance());
    return n;
  }

  private static Citation citation(JsonNode n) {
    return new Citation(text(n, "sourceId"), SourceType.valueOf(n.get("type").textValue()), text(n, "link"),
        n.get("distance").doubleValue());
  }

  // ---------------------------------------------------------------- plumbing

  private static String instant(Instant at) {
    return stored(at).toString();
  }

  private static void putInstant(ObjectNode n, String field, Option<Instant> at) {
    at.forEach(v -> n.put(field, instant(v)));
  }

  private static Option<Instant> instant(JsonNode n, String field) {
    return text(n, field).map(Instant::parse);
  }

  private static Option<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Option.none() : Option.some(v.textValue());
  }

  private static Option<JsonNode> node(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Option.none() : Option.some(v);
  }

  private static <T> Seq<T> list(JsonNode array, Function<JsonNode, T> element) {
    List<T> out = List.empty();
    for (int i = array.size() - 1; i >= 0; i--) {
      out = out.prepend(element.apply(array.get(i)));
    }
    return out;
  }

  private static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a stored document", e);
    }
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored document is not valid JSON", e);
    }
  }
}
