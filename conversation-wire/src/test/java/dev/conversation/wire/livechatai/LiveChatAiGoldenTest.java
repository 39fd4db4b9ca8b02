package dev.conversation.wire.livechatai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.AiAgentId;
import dev.conversation.domain.Assignee;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Golden tests from LiveChatAI's example response ({@code get-conversation.json}: the document's
 * example with its scraped e-mail address replaced by {@code jane@example.com}).
 */
class LiveChatAiGoldenTest {

  static final HumanAgent JANE = new HumanAgent(HumanAgentId.of("agent_1234567890"), "Jane Smith",
      Option.some(new EmailAddress("jane@example.com")), Option.some("https://example.com/avatar.jpg"));

  /**
   * The example's conversation. It is not resolved, not human-managed, yet has an agent: in our
   * domain that is a snoozed conversation a human owns (isAgent is true only while HUMAN_MANAGED).
   */
  static final Conversation EXAMPLE = Conversation.builder()
      .id(ConversationId.of("chat_1234567890"))
      .tenantId(TenantId.of("tenant-1"))
      .workspaceId(WorkspaceId.of("ws-1"))
      .channel(Channel.of(ChannelType.WHATSAPP))
      .customerAddress(Option.some(new PhoneNumber("+4915112345678")))
      .contactId(Option.some(ContactId.of("contact_1234567890")))
      .aiAgentId(Option.some(AiAgentId.of("clx1234567890abcdef")))
      .status(Status.SNOOZED)
      .snoozedUntil(Option.some(Instant.parse("2024-01-21T09:00:00Z")))
      .assignee(Option.some(Assignee.agent(JANE)))
      // The example shows the first message of a thread whose latest is at 14:45.
      .messageCount(2)
      .lastMessageAt(Option.some(Instant.parse("2024-01-20T14:45:00Z")))
      .lastMessagePreview(Option.some("We open at nine."))
      .createdAt(Instant.parse("2024-01-15T10:30:00Z"))
      .updatedAt(Instant.parse("2024-01-20T14:45:00Z"))
      .version(7)
      .build();

  static final Message FIRST = Message.builder()
      .id(MessageId.of("msg_1234567890"))
      .conversationId(EXAMPLE.id())
      .author(Participant.ai(AiAgentId.of("clx1234567890abcdef")))
      .content("What are your business hours?")
      .citations(List.of(new Citation(Option.some("src_1234567890"), SourceType.WEBSITE, Option.some("https://example.com/page"), 0.85)))
      .createdAt(Instant.parse("2024-01-15T10:30:00Z"))
      .build();

  static JsonNode example() {
    try (InputStream in = LiveChatAiGoldenTest.class.getResourceAsStream("get-conversation.json")) {
      assertThat(in).isNotNull();
      return LiveChatAiJson.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theRenderedExampleIsTheDocumentsExampleSaveForTheOneMessageOurDomainCannotHold() {
    JsonNode expected = example();
    // The document's message is by the user yet cites a source and names an agent. Only AI
    // replies cite sources here, and a message names an agent only when a human wrote it; the
    // nearest message we can hold is the AI reply with its source: role assistant, no agent.
    ObjectNode message = (ObjectNode) expected.get("data").get("messages").get(0);
    message.put("role", "assistant");
    message.putNull("agent");
    JsonNode rendered = LiveChatAiJson.document(EXAMPLE, List.of(FIRST));
    assertThat(rendered).isEqualTo(expected);
  }

  @Test
  void everyObjectHasTheDocumentsFieldsInTheDocumentsOrder() {
    JsonNode expected = example();
    JsonNode rendered = LiveChatAiJson.document(EXAMPLE, List.of(FIRST));
    for (String path : List.of("", "/data", "/data/agent", "/data/messages/0", "/data/messages/0/source/0")) {
      assertThat(List.ofAll(rendered.at(path)::fieldNames)).as(path).containsExactlyElementsOf(List.ofAll(expected.at(path)::fieldNames));
    }
    assertThat(List.ofAll(rendered.get("data")::fieldNames)).containsExactlyElementsOf(LiveChatAiJson.CONVERSATION_FIELDS);
    assertThat(List.ofAll(rendered.at("/data/messages/0")::fieldNames)).containsExactlyElementsOf(LiveChatAiJson.MESSAGE_FIELDS);
  }

  @Test
  void aHumanAgentsMessageCarriesTheDocumentsAgentObjectAndAUsersMessageNone() {
    JsonNode documentAgent = example().at("/data/messages/0/agent");
    Message byJane = Message.builder().id(MessageId.of("msg_2")).conversationId(EXAMPLE.id()).author(Participant.human(JANE))
        .content("We open at nine.").createdAt(Instant.parse("2024-01-20T14:45:00.987654Z")).build();
    JsonNode human = LiveChatAiJson.message(byJane);
    assertThat(human.get("agent")).isEqualTo(documentAgent);
    assertThat(human.get("role").textValue()).isEqualTo("assistant");
    assertThat(human.get("source")).isEmpty();
    assertThat(human.get("createdAt").textValue()).as("whole seconds").isEqualTo("2024-01-20T14:45:00Z");
    Message byUser = Message.builder().from(byJane).id(MessageId.of("msg_3")).author(Participant.customer()).build();
    assertThat(LiveChatAiJson.message(byUser).get("agent").isNull()).isTrue();
    assertThat(LiveChatAiJson.message(byUser).get("role").textValue()).isEqualTo("user");
  }

  @Test
  void theDocumentsUserMessageWithASourceCannotBeBuiltInOurDomain() {
    assertThatThrownBy(() -> Message.builder().from(FIRST).author(Participant.customer()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only AI agent messages carry citations");
  }
}
