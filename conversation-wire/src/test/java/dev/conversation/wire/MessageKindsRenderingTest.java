package dev.conversation.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.conversation.wire.crm.CrmJson;
import dev.conversation.wire.livechatai.LiveChatAiJson;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Attachments and delivery statuses in each wire format: where a format has a place for them
 * they are rendered; what it has no place for is lost (as the README's table says). AgentClara's
 * JSON is package-private: its case is {@code agentclara.AgentClaraMessageKindsTest}.
 */
class MessageKindsRenderingTest {

  private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
  private static final Attachment PHOTO =
      Attachment.of("box.jpg", "image/jpeg", 734_112, "https://files.example.com/box.jpg").withCaption("Damaged box");
  private static final Attachment INVOICE = Attachment.of("invoice.pdf", "application/pdf", 48_213, "s3://acme/invoice.pdf");

  private final Conversation conversation;
  private final Seq<Message> thread;

  MessageKindsRenderingTest() {
    Decision started = Lifecycle.start(StartConversation.of(ConversationId.of("c-1"), TenantId.of("acme"), WorkspaceId.of("w"),
        Channel.of(ChannelType.WEB_CHAT)).firstMessage(Command.AppendMessage.of(MessageId.of("m-1"), Participant.customer(), "")
            .withAttachments(List.of(PHOTO))), T).get();
    Decision replied = Lifecycle.decide(started.conversation(), Command.AppendMessage.of(MessageId.of("m-2"), Participant.ai(),
        "Sorry! Here is your refund invoice.").withAttachments(List.of(INVOICE)), T.plusSeconds(1)).get();
    Decision sent = Lifecycle.decide(replied.conversation(), new Command.RecordDelivery(Participant.system(),
        replied.messages().head(), DeliveryStatus.DELIVERED, Option.some("SM42"), Option.none()), T.plusSeconds(2)).get();
    conversation = sent.conversation();
    thread = started.messages().append(sent.updated().head());
  }

  @Test
  void liveChatAiKeepsOnlyTheKindOfTheFirstFile() {
    JsonNode out = LiveChatAiJson.conversation(conversation, thread);
    assertThat(out.get("messages").get(0).get("type").textValue()).isEqualTo("IMAGE");
    assertThat(out.get("messages").get(1).get("type").textValue()).isEqualTo("PDF");
    assertThat(out.toString()).doesNotContain("box.jpg").doesNotContain("invoice.pdf");
  }

  @Test
  void theCrmStaffReadShowsEverything() {
    JsonNode out = CrmJson.conversation(new dev.conversation.service.Enriched(conversation, Option.none(), Option.none(), true, List.empty()), thread);
    JsonNode reply = out.get("messages").get(1);
    assertThat(reply.get("attachments").get(0).get("location").textValue()).isEqualTo("s3://acme/invoice.pdf");
    assertThat(reply.get("attachments").get(0).get("caption").isNull()).isTrue();
    assertThat(reply.get("delivery").get("status").textValue()).isEqualTo("delivered");
    assertThat(reply.get("delivery").get("providerMessageId").textValue()).isEqualTo("SM42");
    assertThat(out.get("messages").get(0).get("delivery").isNull()).isTrue();
  }
}
