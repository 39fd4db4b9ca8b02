package dev.conversation.service;

import dev.conversation.domain.Attachment;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Participant;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A message to send; the service gives it its id and time. Immutable.
 *
 * @param author who writes it
 * @param content the text (checked by the lifecycle: not blank, bounded)
 * @param citations sources of an AI reply
 * @param idempotencyKey the client's key: a retried request with the same key is answered with
 *     the original message and stores nothing
 * @param attachments files sent with it (metadata only; checked by the lifecycle against
 *     {@link Attachment}'s limits); with at least one, {@code content} may be empty
 */
public record NewMessage(
    Participant author, String content, Seq<Citation> citations, Option<String> idempotencyKey, Seq<Attachment> attachments) {

  /** Creates the message; every component is required. */
  public NewMessage {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(citations, "citations");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(attachments, "attachments");
  }

  /** Creates a message without attachments. */
  public NewMessage(Participant author, String content, Seq<Citation> citations, Option<String> idempotencyKey) {
    this(author, content, citations, idempotencyKey, List.empty());
  }

  /** Returns a plain text message by {@code author}. */
  public static NewMessage of(Participant author, String content) {
    return new NewMessage(author, content, List.empty(), Option.none());
  }

  /** Returns this message with an idempotency key. */
  public NewMessage withIdempotencyKey(String key) {
    return new NewMessage(author, content, citations, Option.some(key), attachments);
  }

  /** Returns this message with attachments. */
  public NewMessage withAttachments(Seq<Attachment> files) {
    return new NewMessage(author, content, citations, idempotencyKey, files);
  }

  /** Returns this message with citations. */
  public NewMessage withCitations(Seq<Citation> sources) {
    return new NewMessage(author, content, sources, idempotencyKey, attachments);
  }
}
