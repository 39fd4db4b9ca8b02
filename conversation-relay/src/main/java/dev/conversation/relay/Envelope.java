package dev.conversation.relay;

import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.jdbc.EventDocuments;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The CloudEvents 1.0 envelope of a stored event, as the relay delivers it:
 * <ul>
 *   <li>{@code id}: {@code <tenant>/<position>}, the same at every delivery of the event, so a
 *       consumer deduplicates on it;
 *   <li>{@code source}: the relay's source URI; {@code type}: {@code dev.} plus the event's stable
 *       wire name ({@code dev.conversation.resolved});
 *   <li>{@code subject}: the conversation id; {@code time}: when the change happened;
 *   <li>extensions {@code tenant} (the tenant id), {@code conversationversion} (the conversation's
 *       version after the change) and {@code position} (the outbox position);
 *   <li>{@code datacontenttype} {@code application/json}, and the data: the event's document
 *       ({@link EventDocuments}: schema, type, conversation, tenant, version, time, author, the
 *       type's fields).
 * </ul>
 * Stateless and thread-safe.
 */
public final class Envelope {

  /** The prefix of every event type. */
  public static final String TYPE_PREFIX = "dev.";

  private static final EventFormat JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

  private Envelope() {}

  /** Returns the envelope of the tenant's stored event. */
  public static CloudEvent of(URI source, TenantId tenant, StoredEvent stored) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(stored, "stored");
    DomainEvent e = stored.event();
    return CloudEventBuilder.v1()
        .withId(id(tenant, stored.position()))
        .withSource(source)
        .withType(TYPE_PREFIX + e.type().wireName())
        .withSubject(e.conversationId().value())
        .withTime(e.at().atOffset(ZoneOffset.UTC))
        .withExtension("tenant", tenant.value())
        .withExtension("conversationversion", e.version())
        .withExtension("position", stored.position())
        .withDataContentType("application/json")
        .withData(EventDocuments.write(e).getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /** Returns the id of the tenant's event at this outbox position. */
  public static String id(TenantId tenant, long position) {
    return Objects.requireNonNull(tenant, "tenant").value() + "/" + position;
  }

  /** Returns the event in CloudEvents' structured JSON mode ({@code application/cloudevents+json}). */
  public static byte[] json(CloudEvent event) {
    return JSON.serialize(Objects.requireNonNull(event, "event"));
  }

  /** Reads an event in structured JSON mode. */
  public static CloudEvent fromJson(byte[] json) {
    return JSON.deserialize(Objects.requireNonNull(json, "json"));
  }
}
