package dev.conversation.wire.livechatai;

import dev.conversation.domain.Actor;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.MessageType;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.Status;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * LiveChatAI's words (seed 002), outbound only: the API is read-only. Pure functions; no JSON,
 * no I/O; thread-safe.
 *
 * <table>
 *   <caption>status to flags</caption>
 *   <tr><th>status</th><th>isResolved</th><th>isAgent</th></tr>
 *   <tr><td>NEW, ACTIVE, WAITING, SNOOZED</td><td>false</td><td>false</td></tr>
 *   <tr><td>HUMAN_MANAGED</td><td>false</td><td>true</td></tr>
 *   <tr><td>RESOLVED, CLOSED</td><td>true</td><td>false</td></tr>
 * </table>
 *
 * <p><b>Lost:</b> NEW, ACTIVE, WAITING and SNOOZED look the same (whose turn it is, and the
 * snooze); RESOLVED and CLOSED look the same (whether it can still reopen), as do who resolved it
 * and how. {@code isAgent} is true only while a human has the conversation (HUMAN_MANAGED), so a
 * snoozed or resolved conversation a human still owns shows {@code isAgent: false} with its
 * {@code agent}.
 *
 * <p>{@code integrationType} is the channel type's name: the documented {@code WHATSAPP} and
 * {@code SLACK}, and (our choice, undocumented) {@code SMS}, {@code VOICE}, {@code EMAIL},
 * {@code INSTAGRAM}, {@code FACEBOOK}, {@code WEB_CHAT}. Nothing is lost; a client that knows only
 * the documented two sees words it may not know.
 *
 * <p>{@code role} is {@code user} for the customer and {@code assistant} for everyone else: the
 * AI agent, a human agent (the message then carries its {@code agent}) and the system.
 * <b>Lost:</b> an automated system notice looks like an AI reply.
 */
final class LiveChatAiVocabulary {

  /** The documented integration types. */
  static final Seq<String> DOCUMENTED_INTEGRATION_TYPES = List.of("WHATSAPP", "SLACK");

  /** The documented roles. */
  static final Seq<String> ROLES = List.of("user", "assistant");

  /** The documented source types. */
  static final Seq<String> SOURCE_TYPES = List.of("WEBSITE", "TEXT", "QA", "PDF", "YOUTUBE", "DOCX", "IMAGE", "NOTION");

  private LiveChatAiVocabulary() {}

  /** Returns {@code isResolved}: whether the status is RESOLVED or CLOSED. */
  static boolean isResolved(Status status) {
    Objects.requireNonNull(status, "status");
    return status == Status.RESOLVED || status == Status.CLOSED;
  }

  /** Returns {@code isAgent}: whether a human agent has taken the conversation over (HUMAN_MANAGED). */
  static boolean isAgent(Status status) {
    Objects.requireNonNull(status, "status");
    return status == Status.HUMAN_MANAGED;
  }

  /** Returns {@code integrationType}: the channel type's name, for example {@code WHATSAPP}. */
  static String integrationType(ChannelType type) {
    Objects.requireNonNull(type, "type");
    return type.name();
  }

  /** Returns a message's {@code role}: {@code user} for the customer, {@code assistant} for every other author. */
  static String role(Participant author) {
    Objects.requireNonNull(author, "author");
    return author.actor() == Actor.CUSTOMER ? "user" : "assistant";
  }

  /** Returns a message's {@code type}: {@code TEXT} for text. */
  static String messageType(MessageType type) {
    Objects.requireNonNull(type, "type");
    return type.name();
  }

  /**
   * Returns a message's {@code type} with its attachments: the kind of its first attachment in the
   * document's own words ({@code IMAGE} for {@code image/*}, {@code PDF}, {@code DOCX}), else
   * {@link #messageType(MessageType)}. The format has no place for the files themselves.
   */
  static String messageType(dev.conversation.domain.Message message) {
    Objects.requireNonNull(message, "message");
    if (message.attachments().isEmpty()) {
      return messageType(message.type());
    }
    dev.conversation.domain.Attachment first = message.attachments().head();
    if (first.isImage()) {
      return "IMAGE";
    }
    return switch (first.mediaType().toLowerCase(java.util.Locale.ROOT)) {
      case "application/pdf" -> "PDF";
      case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "DOCX";
      default -> messageType(message.type());
    };
  }

  /** Returns a source's {@code type}: the source type's name, one of the documented eight. */
  static String sourceType(SourceType type) {
    Objects.requireNonNull(type, "type");
    return type.name();
  }
}
