package dev.conversation.service;

import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A customer's message as a channel delivered it (a provider's webhook, a mail drop, a chat
 * widget), for {@link Conversations#receive}. Immutable; start from
 * {@link #of(WorkspaceId, Channel, String, String, String)}.
 *
 * @param workspace the workspace a new conversation is created in
 * @param channel the channel type and instance the message came in on
 * @param from the sender's address as the channel gives it: an E.164 phone number (SMS, voice,
 *     WhatsApp), an e-mail address, a handle (Instagram, Facebook, Slack), or on web chat the
 *     visitor or session id
 * @param senderName the sender's name, if the channel gives one: a new contact is saved with it
 * @param content the text; may be empty when the message has attachments
 * @param providerMessageId the provider's id of the message (a Twilio SID, an e-mail
 *     {@code Message-ID}): required, it is the idempotency key, so a redelivered webhook stores nothing
 * @param replyTo a thread hint, if the host has one: the conversation the message answers (for
 *     e-mail, parsed from {@code In-Reply-To}/{@code References}). Used when that conversation is
 *     the sender's, on this channel, and not closed; otherwise routing goes by the sender
 * @param attachments the files the customer sent (metadata only: the host keeps the files)
 */
public record InboundMessage(
    WorkspaceId workspace,
    Channel channel,
    String from,
    Option<String> senderName,
    String content,
    String providerMessageId,
    Option<ConversationId> replyTo,
    Seq<Attachment> attachments) {

  /** Creates the message; every component is required (use {@link Option#none()} for none). */
  public InboundMessage {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(senderName, "senderName");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    Objects.requireNonNull(replyTo, "replyTo");
    Objects.requireNonNull(attachments, "attachments");
  }

  /** Creates a message without attachments. */
  public InboundMessage(WorkspaceId workspace, Channel channel, String from, Option<String> senderName, String content,
      String providerMessageId, Option<ConversationId> replyTo) {
    this(workspace, channel, from, senderName, content, providerMessageId, replyTo, List.empty());
  }

  /** Returns a message with the required parts; the service checks their values. */
  public static InboundMessage of(WorkspaceId workspace, Channel channel, String from, String content, String providerMessageId) {
    return new InboundMessage(workspace, channel, from, Option.none(), content, providerMessageId, Option.none());
  }

  /** Returns this message with the sender's name. */
  public InboundMessage senderName(String value) {
    return new InboundMessage(workspace, channel, from, Option.some(value), content, providerMessageId, replyTo, attachments);
  }

  /** Returns this message with a thread hint. */
  public InboundMessage replyTo(ConversationId value) {
    return new InboundMessage(workspace, channel, from, senderName, content, providerMessageId, Option.some(value), attachments);
  }

  /** Returns this message with the files the customer sent. */
  public InboundMessage attachments(Seq<Attachment> value) {
    return new InboundMessage(workspace, channel, from, senderName, content, providerMessageId, replyTo, value);
  }
}
