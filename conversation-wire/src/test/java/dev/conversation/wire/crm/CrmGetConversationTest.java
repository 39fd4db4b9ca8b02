package dev.conversation.wire.crm;

import static dev.conversation.wire.FailingStore.failing;
import static dev.conversation.wire.crm.CrmHost.ACME;
import static dev.conversation.wire.crm.CrmHost.GLOBEX;
import static dev.conversation.wire.crm.CrmHost.janeAtAcme;
import static dev.conversation.wire.crm.CrmHost.say;
import static dev.conversation.wire.crm.CrmHost.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoreFailure;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** {@code GET /api/conversations/{id}} from (tenant, path id) to HTTP status and JSON, on every path. */
class CrmGetConversationTest {

  private static final HumanAgent ALICE = new HumanAgent(HumanAgentId.of("agent-alice"), "Alice Meyer",
      Option.some(new EmailAddress("alice@support.example.com")), Option.some("https://cdn.example.com/alice.png"));

  private final CrmHost.ScriptedDirectory directory = new CrmHost.ScriptedDirectory();

  @Test
  void aLinkedConversationIs200WithItsContactAccountHistoryAndTheHumanWhoTookOver() throws Exception {
    try (Conversations service = service(directory).build()) {
      ConversationId id = janeAtAcme(service, directory);
      say(service, id, Participant.customer(), "My parcel is late.");
      say(service, id, Participant.ai(), "Let me check that for you.");
      say(service, id, Participant.human(ALICE), "I have found it; it arrives tomorrow.");

      CrmResponse response = CrmGetConversation.over(service).handle(ACME, id.value());

      assertThat(response.status()).isEqualTo(200);
      JsonNode json = CrmFixtures.JSON.readTree(response.json());
      assertThat(json).as("the text sent is the tree").isEqualTo(response.body());
      assertThat(json.get("id").asText()).isEqualTo(id.value());
      assertThat(json.get("tenantId").asText()).isEqualTo("acme");
      assertThat(json.get("status").asText()).isEqualTo("human_managed");
      assertThat(json.get("channelId").asText()).as("no channel instance: the type's word").isEqualTo("email");
      assertThat(json.get("createdAt").asText()).as("the clock's microseconds cut").isEqualTo("2026-03-24T08:15:00.123Z");
      assertThat(json.get("messageCount").intValue()).isEqualTo(3);
      assertThat(json.at("/contact/name").asText()).isEqualTo("Jane Doe");
      assertThat(json.at("/contact/email").asText()).isEqualTo("jane@example.com");
      assertThat(json.at("/contact/id").asText()).isEqualTo(json.get("contactId").asText());
      assertThat(json.at("/account/name").asText()).isEqualTo("Acme Corp");
      assertThat(json.at("/account/domain").asText()).isEqualTo("acme.example");
      assertThat(List.ofAll(json.get("messages")).map(m -> m.get("role").asText()))
          .containsExactly("customer", "ai_agent", "human_agent");
      assertThat(json.at("/messages/0/author").isNull()).isTrue();
      assertThat(json.at("/messages/2/author")).isEqualTo(CrmFixtures.JSON.readTree(
          "{\"id\":\"agent-alice\",\"name\":\"Alice Meyer\",\"email\":\"alice@support.example.com\","
              + "\"avatar\":\"https://cdn.example.com/alice.png\"}"));
      assertThat(json.get("enrichment")).isEqualTo(CrmFixtures.JSON.readTree("{\"complete\":true,\"problems\":[]}"));
    }
  }

  @Test
  void anUnknownIdAndAnotherTenantsConversationAreBoth404WithTheDocumentsError() {
    try (Conversations service = service(directory).build()) {
      ConversationId id = janeAtAcme(service, directory);
      CrmGetConversation get = CrmGetConversation.over(service);

      for (CrmResponse response : List.of(get.handle(ACME, "c1a2b3c4-5678-9abc-def0-1234567890ab"), get.handle(GLOBEX, id.value()))) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).isEqualTo("{\"error\":\"Conversation not found\"}");
      }
      assertThat(get.answer(GLOBEX, id.value()).getLeft())
          .isEqualTo(new ApiError(404, "exists", CrmGetConversation.NOT_FOUND, Option.some("id")));
    }
  }

  @Test
  void aPathIdThatCanBeNoIdIs400NamingTheRuleAndTheStoreIsNeverAsked() {
    ConversationStore untouchable = failing(ConversationStore.inMemory(), "find",
        () -> new AssertionError("an invalid id must not reach the store"));
    try (Conversations service = service(directory).store(untouchable).build()) {
      CrmGetConversation get = CrmGetConversation.over(service);

      assertThat(get.handle(ACME, "").json()).isEqualTo("{\"error\":\"id must not be blank\"}");
      assertThat(get.handle(ACME, "   ").status()).isEqualTo(400);
      assertThat(get.handle(ACME, "x".repeat(129)).json())
          .isEqualTo("{\"error\":\"id is 129 characters long; the limit is 128\"}");
      assertThat(get.answer(ACME, "c1a2\ud800b3c4").getLeft())
          .isEqualTo(ApiError.badRequest("id", "malformed-text",
              "id must be well-formed Unicode text: no NUL character and no unpaired surrogate"));
      assertThat(get.handle(ACME, "bad\u0000id").status()).isEqualTo(400);
    }
  }

  @Test
  void aStoreFailureIs503WhetherReadingTheConversationOrItsHistoryAndTheClientSeesNoDetail() {
    ConversationStore store = ConversationStore.inMemory();
    String secret = "connection to db-7.internal:5432 refused";
    for (String method : List.of("find", "messages")) {
      try (Conversations working = service(directory).store(store).build();
          Conversations broken = service(directory).store(failing(store, method, () -> new StoreFailure(secret))).build()) {
        ConversationId id = janeAtAcme(working, directory);
        say(working, id, Participant.customer(), "Hello?");

        CrmResponse response = CrmGetConversation.over(broken).handle(ACME, id.value());

        assertThat(response.status()).as("failing %s", method).isEqualTo(503);
        assertThat(response.json()).isEqualTo("{\"error\":\"Service unavailable, try again later\"}");
        ApiError error = CrmGetConversation.over(broken).answer(ACME, id.value()).getLeft();
        assertThat(error).isEqualTo(new ApiError(503, "unavailable", CrmGetConversation.UNAVAILABLE, Option.none()));
        assertThat(error.toString()).as("the error value holds no detail either").doesNotContain(secret);
      }
    }
  }

  @Test
  void everyProblemIsAnsweredAsTheOneMappingSaysInTheDocumentsWordsForTheNotFoundAndTheUnavailable() {
    ConversationId id = ConversationId.of("c-1");
    assertThat(CrmGetConversation.error(new Problem.NotFound(id)))
        .isEqualTo(ApiError.of(new Problem.NotFound(id)).withMessage("Conversation not found"));
    assertThat(CrmGetConversation.error(new Problem.Unavailable("the store", new StoreFailure("db-7.internal down"))))
        .isEqualTo(new ApiError(503, "unavailable", "Service unavailable, try again later", Option.none()));
    ApiError conflict = CrmGetConversation.error(new Problem.Contended(id, 64));
    assertThat(conflict).as("a problem a read should not meet, answered as its kind says")
        .isEqualTo(ApiError.of(new Problem.Contended(id, 64)));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(CrmResponse.of(conflict).status()).isEqualTo(409);
    assertThat(CrmResponse.of(conflict).body().get("error").asText()).isEqualTo(conflict.message());
  }

  @Test
  void theHistoryIsTheFirstMessagesCountedInMessageCountUpToMaxMessagesReadPageByPage() {
    try (Conversations service = service(directory).build()) {
      ConversationId id = janeAtAcme(service, directory);
      for (int i = 1; i <= 130; i++) {
        say(service, id, Participant.customer(), "message " + i);
      }
      CrmGetConversation get = CrmGetConversation.over(service);

      JsonNode all = get.handle(ACME, id.value()).body();
      assertThat(all.get("messageCount").intValue()).isEqualTo(130);
      assertThat(List.ofAll(all.get("messages")).map(m -> m.get("content").asText()))
          .as("two pages of the store, in order").isEqualTo(List.rangeClosed(1, 130).map(i -> "message " + i));

      JsonNode three = get.withMaxMessages(3).handle(ACME, id.value()).body();
      assertThat(three.get("messageCount").intValue()).isEqualTo(130);
      assertThat(List.ofAll(three.get("messages")).map(m -> m.get("content").asText()))
          .containsExactly("message 1", "message 2", "message 3");
      assertThatThrownBy(() -> get.withMaxMessages(10_001))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessages must be 0 to 10000");
    }
    try (Conversations noHistory = service(directory)
        .store(failing(ConversationStore.inMemory(), "messages", () -> new AssertionError("no history read for max 0")))
        .build()) {
      ConversationId id = janeAtAcme(noHistory, directory);
      say(noHistory, id, Participant.customer(), "Hi");
      CrmResponse response = CrmGetConversation.over(noHistory).withMaxMessages(0).handle(ACME, id.value());
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().get("messages")).isEmpty();
      assertThat(response.body().get("messageCount").intValue()).isEqualTo(1);
    }
  }
}
