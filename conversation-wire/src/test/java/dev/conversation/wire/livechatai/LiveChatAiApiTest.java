package dev.conversation.wire.livechatai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoreFailure;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.wire.ApiError;
import dev.conversation.wire.FailingStore;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint end to end over an in-memory service, and every error path. */
class LiveChatAiApiTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final Instant T0 = Instant.parse("2026-03-24T08:15:00.123456Z");
  private static final Map<String, TenantId> TOKENS = Map.of("acme-token", ACME, "globex-token", GLOBEX);

  private final AtomicLong ids = new AtomicLong();
  private final Conversations service = Conversations.builder().clock(Clock.fixed(T0, ZoneOffset.UTC))
      .ids(() -> "id-" + ids.incrementAndGet()).build();
  private final LiveChatAiApi api = LiveChatAiApi.over(service, token -> Option.of(TOKENS.get(token)));

  @AfterEach
  void tearDown() {
    service.close();
  }

  private Conversation whatsapp(TenantId tenant) {
    return service.create(tenant, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WHATSAPP))
        .customerAddress("+4915112345678").customerName("Sam")
        .firstMessage(NewMessage.of(Participant.customer(), "What are your business hours?"))).get().conversation();
  }

  @Test
  void aConversationWithItsWholeThreadInTheSuccessEnvelope() {
    Conversation c = whatsapp(ACME);
    service.send(ACME, c.id(), NewMessage.of(Participant.ai(), "Nine to five.")
        .withCitations(List.of(Citation.of(SourceType.QA, "https://kb.example.com/hours", 0.12))));
    HumanAgent jane = HumanAgent.of(HumanAgentId.of("agent-jane"), "Jane");
    service.send(ACME, c.id(), NewMessage.of(Participant.human(jane), "Anything else?"));
    service.execute(ACME, c.id(), Command.UpdateMetadata.by(Participant.human(jane)).starred(true).muted(true));

    LiveChatAiResponse response = api.get(Option.some("Bearer acme-token"), c.id().value());
    assertThat(response.status()).isEqualTo(200);
    JsonNode data = response.json().get("data");
    assertThat(response.json().get("status").textValue()).isEqualTo("success");
    assertThat(data.get("contactId").textValue()).isEqualTo(c.contactId().get().value());
    assertThat(data.get("agentId").isNull()).isTrue();
    assertThat(data.get("isAgent").booleanValue()).isTrue();
    assertThat(data.get("isResolved").booleanValue()).isFalse();
    assertThat(data.get("isStarred").booleanValue()).isTrue();
    assertThat(data.get("isMuted").booleanValue()).isTrue();
    assertThat(data.get("integrationType").textValue()).isEqualTo("WHATSAPP");
    assertThat(data.get("agent").get("name").textValue()).isEqualTo("Jane");
    assertThat(List.ofAll(data.get("messages")).map(m -> m.get("role").textValue())).containsExactly("user", "assistant", "assistant");
    assertThat(data.at("/messages/1/source/0/type").textValue()).isEqualTo("QA");
    assertThat(data.at("/messages/1/source/0/id").isNull()).isTrue();
    assertThat(data.at("/messages/2/agent/id").textValue()).isEqualTo("agent-jane");
    assertThat(data.get("createdAt").textValue()).as("sub-second precision is dropped").isEqualTo("2026-03-24T08:15:00Z");
    assertThat(data.get("lastMessageDate").textValue()).isEqualTo("2026-03-24T08:15:00Z");
    assertThat(response.body()).startsWith("{\"status\":\"success\",\"data\":{\"id\":\"" + c.id() + "\"");
  }

  @Test
  void aMissingMalformedOrRefusedTokenIs401InTheErrorShape() {
    String id = whatsapp(ACME).id().value();
    assertThat(api.get(Option.none(), id).json()).isEqualTo(LiveChatAiJson.MAPPER.createObjectNode()
        .put("status", "error").put("message", "the Authorization header is missing; send 'Authorization: Bearer <token>'"));
    LiveChatAiResponse basic = api.get(Option.some("Basic YWNtZTpzZWNyZXQ="), id);
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.json().get("message").textValue()).isEqualTo("the Authorization header must be 'Bearer <token>': the scheme must be Bearer");
    LiveChatAiResponse unknown = api.get(Option.some("Bearer stolen-token"), id);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo("{\"status\":\"error\",\"message\":\"the bearer token is not valid\"}");
  }

  @Test
  void impossibleIdsAre400NamingTheParameterAndTheRule() {
    LiveChatAiResponse blank = api.get(Option.some("Bearer acme-token"), " ");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body()).isEqualTo(
        "{\"status\":\"error\",\"message\":\"conversationId must not be blank (not-blank)\"}");
    LiveChatAiResponse long_ = api.get(Option.some("Bearer acme-token"), "x".repeat(129));
    assertThat(long_.status()).isEqualTo(400);
    assertThat(long_.json().get("message").textValue())
        .isEqualTo("conversationId is 129 characters long; the limit is 128 (max-length)");
    assertThat(api.get(Option.some("Bearer acme-token"), "chat\u0000").json().get("message").textValue())
        .endsWith("(malformed-text)");
    assertThat(api.get(Option.none(), " ").status()).as("credentials are checked first").isEqualTo(401);
  }

  @Test
  void unknownAndForeignIdsAre404AndAFailedStoreIs503() {
    String theirs = whatsapp(GLOBEX).id().value();
    for (String id : List.of("chat_missing", theirs)) {
      LiveChatAiResponse response = api.get(Option.some("Bearer acme-token"), id);
      assertThat(response.status()).as(id).isEqualTo(404);
      assertThat(response.json().get("status").textValue()).isEqualTo("error");
    }
    assertThat(api.get(Option.some("Bearer acme-token"), "chat_missing").json().get("message").textValue())
        .isEqualTo("conversation chat_missing not found");
    assertThat(api.get(Option.some("Bearer globex-token"), theirs).status()).isEqualTo(200);
    LiveChatAiResponse down = LiveChatAiResponse.of(ApiError.unavailable("reading conversation chat_1"));
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.body()).isEqualTo("{\"status\":\"error\",\"message\":\"reading conversation chat_1 failed; try again later\"}");
  }

  @Test
  void aStoreThatFailsIsA503ThatSaysOnlyWhatFailed() {
    ConversationStore failing = FailingStore.failing(ConversationStore.inMemory(), "find", () -> new StoreFailure("password=secret"));
    try (Conversations down = Conversations.builder().store(failing).build()) {
      LiveChatAiResponse response = LiveChatAiApi.over(down, token -> Option.of(TOKENS.get(token)))
          .get(Option.some("Bearer acme-token"), "chat_1");
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"reading conversation chat_1 failed; try again later\"}");
    }
  }

  @Test
  void everyErrorIsRenderedAsItsStatusAndOnlyItsMessage() {
    ApiError notFound = new ApiError(404, "exists", "conversation chat_1 not found", Option.some("conversationId"));
    LiveChatAiResponse response = LiveChatAiResponse.of(notFound);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"conversation chat_1 not found\"}");
    LiveChatAiResponse conflict = LiveChatAiResponse.of(ApiError.status(409));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(List.ofAll(conflict.json()::fieldNames)).containsExactly("status", "message");
  }
}
