package dev.conversation.persistence.jdbc;

import dev.conversation.domain.DomainEvent;
import java.util.Objects;

/**
 * The JSON document of a {@link DomainEvent}: what the JDBC store keeps in its outbox and what
 * the relay sends as a CloudEvent's data. One versioned schema ({@link DomainEvent#SCHEMA}):
 * {@code schema}, {@code type} (the stable {@linkplain DomainEvent.Type#wireName() wire name}),
 * {@code conversationId}, {@code tenantId}, {@code version}, {@code at}, {@code by} and the
 * type's {@code data}. Stateless and thread-safe.
 */
public final class EventDocuments {

  private EventDocuments() {}

  /** Returns the event's document, as the store writes it. */
  public static String write(DomainEvent event) {
    return Codec.event(Objects.requireNonNull(event, "event"));
  }

  /**
   * Reads an event document of any schema this library ever wrote.
   *
   * @throws IllegalArgumentException if the text is not such a document
   */
  public static DomainEvent read(String document) {
    Objects.requireNonNull(document, "document");
    try {
      return Codec.event(document);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an event document: " + e.getMessage(), e);
    }
  }
}
