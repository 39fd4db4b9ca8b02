package dev.conversation.wire.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Page;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A person's data as one JSON document (GDPR art. 15 and 20): the contact as the directory holds
 * it, and every conversation linked to it with every message, oldest first. Written as it is read,
 * a conversation and a page of 100 messages at a time, so a long history never sits in memory.
 *
 * <pre>{@code
 * {"schema": 1, "tenant_id": "acme", "contact_id": "contact-1", "exported_at": "2026-...Z",
 *  "contact": {"name": "...", "email": "...", "phone": "...", "handles": {"instagram": "..."}} | null,
 *  "conversations": [
 *    {"id": "...", "workspace_id": "...", "channel": "whatsapp", "channel_instance": "...", "status": "resolved",
 *     "customer_address": "...", "subject": "...", "summary": "...", "tags": ["..."], "created_at": "...",
 *     "updated_at": "...", "resolution": {"outcome": "...", "resolved_at": "..."},
 *     "messages": [{"id": "...", "author": "customer", "type": "text", "content": "...", "created_at": "...",
 *                   "attachments": [{"name", "media_type", "size", "location", "caption"}],
 *                   "citations": [{"source_id", "type", "link"}], "delivery": {"status", "updated_at"}}]}],
 *  "complete": true}
 * }</pre>
 *
 * <p>A document cut short (the store failed part-way) is left unclosed, so it does not parse, and
 * it never ends with {@code "complete": true}.
 *
 * <p>Internal notes are staff data about the person and are included, marked {@code "type":
 * "note"}; absent optional values are left out. Stateless and thread-safe.
 */
public final class ContactExport {

  /** The version of the document's fields. */
  public static final int SCHEMA = 1;

  private static final JsonFactory JSON = new JsonFactory();
  private static final int PAGE = 100;

  private ContactExport() {}

  /**
   * Writes the contact's data to {@code out} (UTF-8), which is flushed and left open.
   *
   * @return how many conversations were written, or {@link Problem.ContactNotFound} when neither
   *     the directory nor any conversation knows the contact (nothing written), or
   *     {@link Problem.Unavailable} (the document written so far is cut short and does not parse:
   *     discard it)
   * @throws UncheckedIOException if {@code out} fails
   */
  public static Either<Problem, Long> write(Conversations service, TenantId tenant, ContactId contact, OutputStream out) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(out, "out");
    Option<Contact> known;
    try {
      known = service.directory().contact(tenant, contact);
    } catch (RuntimeException e) {
      return Either.left(new Problem.Unavailable("read contact " + contact.value() + " from the directory", e));
    }
    Either<Problem, Seq<ConversationId>> first = service.conversationsOf(tenant, contact, Option.none(), PAGE);
    if (first.isLeft()) {
      return Either.left(first.getLeft());
    }
    if (known.isEmpty() && first.get().isEmpty()) {
      return Either.left(new Problem.ContactNotFound(contact));
    }
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      // A document cut short by a failure must not be closed into one that looks complete.
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT, false);
      json.writeStartObject();
      json.writeNumberField("schema", SCHEMA);
      json.writeStringField("tenant_id", tenant.value());
      json.writeStringField("contact_id", contact.value());
      json.writeStringField("exported_at", Instant.now().toString());
      json.writeFieldName("contact");
      if (known.isDefined()) {
        contact(json, known.get());
      } else {
        json.writeNull();
      }
      json.writeArrayFieldStart("conversations");
      long written = 0;
      Seq<ConversationId> batch = first.get();
      while (true) {
        for (ConversationId id : batch) {
          Either<Problem, Boolean> one = conversation(json, service, tenant, id);
          if (one.isLeft()) {
            return Either.left(one.getLeft());
          }
          if (one.get()) {
            written++;
          }
          json.flush();
        }
        if (batch.size() < PAGE) {
          break;
        }
        Either<Problem, Seq<ConversationId>> next = service.conversationsOf(tenant, contact, batch.lastOption(), PAGE);
        if (next.isLeft()) {
          return Either.left(next.getLeft());
        }
        batch = next.get();
      }
      json.writeEndArray();
      json.writeBooleanField("complete", true);
      json.writeEndObject();
      json.flush();
      return Either.right(written);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the export of contact " + contact.value(), e);
    }
  }

  private static void contact(JsonGenerator json, Contact c) throws IOException {
    json.writeStartObject();
    optional(json, "name", c.name());
    optional(json, "email", c.email().map(e -> e.value()));
    optional(json, "phone", c.phone().map(p -> p.value()));
    if (!c.handles().isEmpty()) {
      json.writeObjectFieldStart("handles");
      for (var h : c.handles()) {
        json.writeStringField(wire(h._1.name()), h._2.value());
      }
      json.writeEndObject();
    }
    optional(json, "account_id", c.accountId().map(a -> a.value()));
    json.writeEndObject();
  }

  /** Writes one conversation with its messages; false if it is gone (deleted meanwhile). */
  private static Either<Problem, Boolean> conversation(JsonGenerator json, Conversations service, TenantId tenant,
      ConversationId id) throws IOException {
    Either<Problem, Conversation> found = service.get(tenant, id);
    if (found.isLeft()) {
      return found.getLeft() instanceof Problem.NotFound ? Either.right(false) : Either.left(found.getLeft());
    }
    Conversation c = found.get();
    json.writeStartObject();
    json.writeStringField("id", c.id().value());
    json.writeStringField("workspace_id", c.workspaceId().value());
    json.writeStringField("channel", wire(c.channel().type().name()));
    optional(json, "channel_instance", c.channel().instance().map(i -> i.value()));
    json.writeStringField("status", wire(c.status().name()));
    optional(json, "customer_address", c.customerAddress().map(a -> a.value()));
    optional(json, "subject", c.subject());
    optional(json, "summary", c.summary());
    json.writeArrayFieldStart("tags");
    for (var tag : c.tags()) {
      json.writeString(tag.value());
    }
    json.writeEndArray();
    json.writeStringField("created_at", c.createdAt().toString());
    json.writeStringField("updated_at", c.updatedAt().toString());
    if (c.resolution().isDefined()) {
      json.writeObjectFieldStart("resolution");
      json.writeStringField("outcome", c.resolution().get().outcome());
      json.writeStringField("resolved_at", c.resolution().get().resolvedAt().toString());
      json.writeEndObject();
    }
    json.writeArrayFieldStart("messages");
    Option<String> cursor = Option.none();
    do {
      Either<Problem, Page<Message>> page = service.history(tenant, id, Option.some(PAGE), cursor);
      if (page.isLeft()) {
        return page.getLeft() instanceof Problem.NotFound ? Either.right(false) : Either.left(page.getLeft());
      }
      for (Message m : page.get().items()) {
        message(json, m);
      }
      cursor = page.get().next();
      json.flush();
    } while (cursor.isDefined());
    json.writeEndArray();
    json.writeEndObject();
    return Either.right(true);
  }

  private static void message(JsonGenerator json, Message m) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", m.id().value());
    json.writeStringField("author", wire(m.author().actor().name()));
    optional(json, "author_name", m.author().human().map(h -> h.name()));
    json.writeStringField("type", wire(m.type().name()));
    json.writeStringField("content", m.content());
    json.writeStringField("created_at", m.createdAt().toString());
    if (m.attachments().nonEmpty()) {
      json.writeArrayFieldStart("attachments");
      for (Attachment a : m.attachments()) {
        json.writeStartObject();
        json.writeStringField("name", a.name());
        json.writeStringField("media_type", a.mediaType());
        json.writeNumberField("size", a.size());
        json.writeStringField("location", a.location());
        optional(json, "caption", a.caption());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    if (m.citations().nonEmpty()) {
      json.writeArrayFieldStart("citations");
      for (Citation c : m.citations()) {
        json.writeStartObject();
        optional(json, "source_id", c.sourceId());
        json.writeStringField("type", wire(c.type().name()));
        optional(json, "link", c.link());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    if (m.delivery().isDefined()) {
      json.writeObjectFieldStart("delivery");
      json.writeStringField("status", wire(m.delivery().get().status().name()));
      json.writeStringField("updated_at", m.delivery().get().updatedAt().toString());
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void optional(JsonGenerator json, String field, Option<String> value) throws IOException {
    if (value.isDefined()) {
      json.writeStringField(field, value.get());
    }
  }

  private static String wire(String enumName) {
    return enumName.toLowerCase(java.util.Locale.ROOT);
  }
}
