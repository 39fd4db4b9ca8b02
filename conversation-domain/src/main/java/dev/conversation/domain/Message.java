package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One message in a conversation. Immutable and thread-safe. A message is never edited; only the
 * {@link #delivery()} status of an outbound message moves on, by channel receipts.
 *
 * <p>Created by {@link Lifecycle} when it accepts an {@link Command.AppendMessage}; the
 * {@link #builder()} exists for stores that rebuild a message from storage.
 */
@Value.Immutable
public abstract class Message {

  Message() {}

  /** Returns a builder for rebuilding a stored message. */
  public static Builder builder() {
    return ImmutableMessage.builder();
  }

  /** Returns the message's identifier. */
  public abstract MessageId id();

  /** Returns the conversation it belongs to. */
  public abstract ConversationId conversationId();

  /** Returns who wrote it. */
  public abstract Participant author();

  /**
   * Returns its text: 1 to {@value Limits#MAX_CONTENT} characters, not blank; or empty for a
   * message that is attachments only.
   */
  public abstract String content();

  /**
   * Returns the files sent with it (metadata only), at most {@value Limits#MAX_ATTACHMENTS}; on
   * customer, AI agent and human agent messages, never on notes or system messages.
   */
  @Value.Default
  public Seq<Attachment> attachments() {
    return List.empty();
  }

  /**
   * Returns how far it got to the customer: for outbound messages (text written by the AI agent
   * or a human agent), which the lifecycle stores {@link DeliveryStatus#QUEUED}; none for the
   * customer's messages, system messages and notes (and for outbound messages stored before
   * delivery statuses existed, which receipts treat as queued).
   */
  @Value.Default
  public Option<Delivery> delivery() {
    return Option.none();
  }

  /**
   * Returns the preview a conversation shows of it: its text's first {@value Limits#PREVIEW}
   * characters or, for attachments only, the first attachment's caption or else its name.
   */
  public String preview() {
    if (!content().isEmpty() || attachments().isEmpty()) {
      return Text.preview(content());
    }
    Attachment first = attachments().head();
    return Text.preview(first.caption().getOrElse(first.name()));
  }

  /** Returns whether the message goes out to the customer through the channel: an AI or human agent's text. */
  public boolean isOutbound() {
    return isOutbound(author().actor(), type());
  }

  static boolean isOutbound(Actor author, MessageType type) {
    return type != MessageType.NOTE && (author == Actor.AI_AGENT || author == Actor.HUMAN_AGENT);
  }

  /** Returns the kind of content. */
  @Value.Default
  public MessageType type() {
    return MessageType.TEXT;
  }

  /** Returns the sources an AI reply drew on; empty for every other author. */
  @Value.Default
  public Seq<Citation> citations() {
    return List.empty();
  }

  /** Returns when it was written (never before the previous message of its conversation). */
  public abstract Instant createdAt();

  /** Returns the client's idempotency key, if the client sent one. */
  @Value.Default
  public Option<String> idempotencyKey() {
    return Option.none();
  }

  @Value.Check
  final void check() {
    if (!(content().isEmpty() && attachments().nonEmpty())) {
      Text.orThrow(Text.required("content", content(), Limits.MAX_CONTENT));
    }
    Seq<Violation> attached = Attachment.problems(attachments());
    if (attached.nonEmpty()) {
      throw new IllegalArgumentException(attached.head().message());
    }
    if (attachments().nonEmpty() && (type() == MessageType.NOTE || author().actor() == Actor.SYSTEM)) {
      throw new IllegalArgumentException("attachments come with customer, AI agent and human agent messages only");
    }
    if (delivery().isDefined() && !isOutbound()) {
      throw new IllegalArgumentException("a delivery status is kept for outbound messages only (an AI or human"
          + " agent's text); this is a " + author().actor() + " " + type());
    }
    Text.orThrow(Text.optional("idempotencyKey", idempotencyKey(), Limits.MAX_ID));
    if (citations().nonEmpty() && author().actor() != Actor.AI_AGENT) {
      throw new IllegalArgumentException("only AI agent messages carry citations");
    }
    if (citations().size() > Limits.MAX_CITATIONS) {
      throw new IllegalArgumentException("at most " + Limits.MAX_CITATIONS + " citations");
    }
    if (type() == MessageType.NOTE && author().actor() == Actor.CUSTOMER) {
      throw new IllegalArgumentException("an internal note is written by the staff, never by the customer");
    }
  }

  /**
   * Builds a {@link Message}. {@code build()} throws {@link IllegalStateException} naming
   * missing attributes (a setter given {@code null} throws {@link NullPointerException} naming
   * it) and {@link IllegalArgumentException} naming a broken rule.
   */
  public interface Builder {
    /** Copies every attribute of {@code instance}. */
    Builder from(Message instance);

    /** Sets the attribute of the same name. */
    Builder id(MessageId id);

    /** Sets the attribute of the same name. */
    Builder conversationId(ConversationId conversationId);

    /** Sets the attribute of the same name. */
    Builder author(Participant author);

    /** Sets the attribute of the same name. */
    Builder content(String content);

    /** Sets the attribute of the same name. */
    Builder type(MessageType type);

    /** Sets the attribute of the same name. */
    Builder citations(Seq<Citation> citations);

    /** Sets the attribute of the same name. */
    Builder attachments(Seq<Attachment> attachments);

    /** Sets the attribute of the same name. */
    Builder delivery(Option<Delivery> delivery);

    /** Sets the attribute of the same name. */
    Builder createdAt(Instant createdAt);

    /** Sets the attribute of the same name. */
    Builder idempotencyKey(Option<String> idempotencyKey);

    /** Returns the message; throws as described on {@link Builder}. */
    Message build();
  }
}
