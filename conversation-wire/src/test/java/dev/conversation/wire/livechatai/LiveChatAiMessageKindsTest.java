package dev.conversation.wire.livechatai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import dev.conversation.wire.MessageKinds;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.Test;

/**
 * Attachments and delivery statuses in LiveChatAI's format, on the {@link MessageKinds} thread
 * every format's test renders: it has a place only for the kind of a message's first file.
 */
class LiveChatAiMessageKindsTest {

  private final MessageKinds kinds = MessageKinds.played();
  private final Conversation conversation = kinds.conversation();
  private final Seq<Message> thread = kinds.thread();

  @Test
  void liveChatAiKeepsOnlyTheKindOfTheFirstFile() {
    JsonNode out = LiveChatAiJson.conversation(conversation, thread);
    assertThat(out.get("messages").get(0).get("type").textValue()).isEqualTo("IMAGE");
    assertThat(out.get("messages").get(1).get("type").textValue()).isEqualTo("PDF");
    assertThat(out.toString()).doesNotContain("box.jpg").doesNotContain("invoice.pdf");
  }
}
