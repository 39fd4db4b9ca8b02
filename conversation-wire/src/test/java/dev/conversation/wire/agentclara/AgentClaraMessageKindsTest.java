package dev.conversation.wire.agentclara;

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
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Attachments and delivery statuses in AgentClara's JSON (the other formats are in
 * {@code MessageKindsRenderingTest}, over the same thread): the files and the delivery status are
 * rendered, the provider's id is not.
 */
class AgentClaraMessageKindsTest {

  private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
  private static final Attachment PHOTO =
      Attachment.of("box.jpg", "image/jpeg", 734_112, "https://files.example.com/box.jpg").withCaption("Damaged box");
  private static final Attachment INVOICE = Attachment.of("invoice.pdf", "application/pdf", 48_213, "s3://acme/invoice.pdf");

  private final Conversation conversation;
  private final Seq<Message> thread;

  AgentClaraMessageKindsTest() {
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
  void agentClaraShowsTheFilesAndTheDeliveryStatusButNotTheProvidersId() {
    JsonNode out = AgentClaraJson.conversation(conversation, Option.none(), Option.some(thread));
    JsonNode photo = out.get("messages").get(0);
    assertThat(photo.get("content").textValue()).isEmpty();
    assertThat(photo.get("attachments").get(0).toString()).isEqualTo(
        "{\"name\":\"box.jpg\",\"media_type\":\"image/jpeg\",\"size\":734112,\"url\":\"https://files.example.com/box.jpg\","
            + "\"caption\":\"Damaged box\"}");
    assertThat(photo.get("delivery_status").isNull()).isTrue();
    JsonNode reply = out.get("messages").get(1);
    assertThat(reply.get("delivery_status").textValue()).isEqualTo("delivered");
    assertThat(reply.toString()).doesNotContain("SM42");
    assertThat(out.get("last_message").textValue()).as("the preview of a reply with text is its text").startsWith("Sorry!");
  }
}
