package dev.conversation.wire.agentclara;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.Message;
import dev.conversation.wire.MessageKinds;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Attachments and delivery statuses in AgentClara's JSON, on the {@link MessageKinds} thread every
 * format's test renders: the files and the delivery status are rendered, the provider's id is not.
 */
class AgentClaraMessageKindsTest {

  private final MessageKinds kinds = MessageKinds.played();
  private final Conversation conversation = kinds.conversation();
  private final Seq<Message> thread = kinds.thread();

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
