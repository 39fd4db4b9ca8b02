package dev.conversation.wire;

import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The thread every format's message-kinds test renders (each in its API's package, since the JSON
 * writers are package-private): a customer's photo with a caption and no text, then the AI's reply
 * with an invoice, delivered, with the provider's id {@code SM42}.
 *
 * @param conversation the conversation after the delivery
 * @param thread its two messages, the reply as updated by the delivery
 */
public record MessageKinds(Conversation conversation, Seq<Message> thread) {

  private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
  private static final Attachment PHOTO =
      Attachment.of("box.jpg", "image/jpeg", 734_112, "https://files.example.com/box.jpg").withCaption("Damaged box");
  private static final Attachment INVOICE = Attachment.of("invoice.pdf", "application/pdf", 48_213, "s3://acme/invoice.pdf");

  /** Plays the thread through the lifecycle. */
  public static MessageKinds played() {
    Decision started = Lifecycle.start(StartConversation.of(ConversationId.of("c-1"), TenantId.of("acme"), WorkspaceId.of("w"),
        Channel.of(ChannelType.WEB_CHAT)).firstMessage(Command.AppendMessage.of(MessageId.of("m-1"), Participant.customer(), "")
            .withAttachments(List.of(PHOTO))), T).get();
    Decision replied = Lifecycle.decide(started.conversation(), Command.AppendMessage.of(MessageId.of("m-2"), Participant.ai(),
        "Sorry! Here is your refund invoice.").withAttachments(List.of(INVOICE)), T.plusSeconds(1)).get();
    Decision sent = Lifecycle.decide(replied.conversation(), new Command.RecordDelivery(Participant.system(),
        replied.messages().head(), DeliveryStatus.DELIVERED, Option.some("SM42"), Option.none()), T.plusSeconds(2)).get();
    return new MessageKinds(sent.conversation(), started.messages().append(sent.updated().head()));
  }
}
