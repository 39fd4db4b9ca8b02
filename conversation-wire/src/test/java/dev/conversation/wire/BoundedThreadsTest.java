package dev.conversation.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.wire.agentclara.AgentClaraApi;
import dev.conversation.wire.livechatai.LiveChatAiApi;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** A single GET of a long thread stays bounded: AgentClara and LiveChatAI show its last 200 messages. */
class BoundedThreadsTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLongThreadShowsItsLast200MessagesOldestFirst() throws Exception {
    try (Conversations service = Conversations.inMemory()) {
      ConversationId id = service.create(ACME, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
          .firstMessage(NewMessage.of(Participant.customer(), "turn 0"))).get().conversation().id();
      for (int i = 1; i < 1_000; i++) {
        service.send(ACME, id, NewMessage.of(i % 2 == 0 ? Participant.customer() : Participant.ai(), "turn " + i)).get();
      }
      JsonNode agentClara = JSON.readTree(AgentClaraApi.over(service, WorkspaceId.of("support")).get(ACME, id.value()).body());
      JsonNode thread = agentClara.get("messages");
      assertThat(thread).hasSize(200);
      assertThat(thread.get(0).get("content").asText()).isEqualTo("turn 800");
      assertThat(thread.get(199).get("content").asText()).isEqualTo("turn 999");

      JsonNode liveChat = JSON.readTree(LiveChatAiApi.over(service, token -> Option.some(ACME))
          .get(ACME, id.value()).body());
      JsonNode messages = liveChat.at("/data/messages");
      assertThat(messages).hasSize(200);
      assertThat(messages.get(0).get("content").asText()).isEqualTo("turn 800");
      assertThat(messages.get(199).get("content").asText()).isEqualTo("turn 999");
    }
  }
}
