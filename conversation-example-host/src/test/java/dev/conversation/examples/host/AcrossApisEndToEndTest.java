package dev.conversation.examples.host;

import static dev.conversation.examples.host.RunningHost.ACME_KEY;
import static dev.conversation.examples.host.RunningHost.GLOBEX_KEY;
import static dev.conversation.examples.host.RunningHost.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.examples.host.RunningHost.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One library instance behind the four APIs: a change through one is what the others show. */
class AcrossApisEndToEndTest {

  private final RunningHost host = RunningHost.get();

  private JsonNode klaviyo(String id) {
    return host.get("/api/customer-agent-conversations/" + id,
        "Authorization", "Klaviyo-API-Key " + ACME_KEY, "revision", "2026-04-15.pre").json();
  }

  private JsonNode liveChatAi(String id) {
    return host.get("/api/v2/conversations/" + id, bearer(ACME_KEY)).json().get("data");
  }

  private JsonNode crm(String id) {
    return host.get("/api/conversations/" + id, bearer(ACME_KEY)).json();
  }

  @Test
  void aConversationCreatedAndChangedThroughAgentClaraReadsTheSameEverywhere() {
    Answer created = host.post("/agentclara/conversations",
        "{\"channel\": \"whatsapp\", \"customer_phone\": \"+15555550177\", \"message\": \"Your table is booked.\"}",
        bearer(ACME_KEY));
    String id = created.json().get("id").textValue();
    host.post("/agentclara/conversations/" + id + "/messages",
        "{\"content\": \"Can I bring a dog?\", \"sender\": \"customer\"}", bearer(ACME_KEY));

    assertThat(klaviyo(id).at("/data/attributes/status").textValue()).isEqualTo("open");
    assertThat(klaviyo(id).at("/data/relationships/customer-agent-messages/data")).hasSize(2);
    assertThat(liveChatAi(id).get("isResolved").booleanValue()).isFalse();
    assertThat(liveChatAi(id).get("integrationType").textValue()).isEqualTo("WHATSAPP");
    assertThat(crm(id).get("status").textValue()).isEqualTo("active");
    assertThat(crm(id).get("messageCount").intValue()).isEqualTo(2);

    host.patch("/agentclara/conversations/" + id, "{\"status\": \"resolved\"}", bearer(ACME_KEY));
    assertThat(liveChatAi(id).get("isResolved").booleanValue()).isTrue();
    assertThat(crm(id).get("status").textValue()).isEqualTo("resolved");
    assertThat(crm(id).get("outcome").textValue()).isEqualTo("Resolved through the AgentClara API");
    assertThat(klaviyo(id).at("/data/attributes/status").textValue()).as("resolved by the API, not the AI").isEqualTo("closed");

    host.post("/agentclara/conversations/" + id + "/close", "", bearer(ACME_KEY));
    assertThat(klaviyo(id).at("/data/attributes/status").textValue()).isEqualTo("closed");
    assertThat(crm(id).get("status").textValue()).isEqualTo("resolved");
    assertThat(host.get("/agentclara/conversations/" + id, bearer(ACME_KEY)).json().get("status").textValue())
        .isEqualTo("closed");
  }

  @Test
  void noApiShowsOneTenantsConversationsToAnotherTenantsKey() {
    List<String> acme = List.of(host.demo().acmeSms().value(), host.demo().acmeWhatsApp().value(),
        host.demo().acmeEmail().value());
    for (String id : acme) {
      assertThat(host.get("/agentclara/conversations/" + id, bearer(GLOBEX_KEY)).status()).as(id).isEqualTo(404);
      assertThat(host.get("/api/v2/conversations/" + id, bearer(GLOBEX_KEY)).status()).as(id).isEqualTo(404);
      assertThat(host.get("/api/conversations/" + id, bearer(GLOBEX_KEY)).status()).as(id).isEqualTo(404);
      assertThat(host.get("/api/customer-agent-conversations/" + id,
          "Authorization", "Klaviyo-API-Key " + GLOBEX_KEY, "revision", "2026-04-15.pre").status()).as(id).isEqualTo(404);
    }
    JsonNode listed = host.get("/agentclara/conversations?limit=100", bearer(GLOBEX_KEY)).json().get("conversations");
    List<String> globex = new ArrayList<>();
    listed.forEach(c -> globex.add(c.get("id").textValue()));
    assertThat(globex).contains(host.demo().globexChat().value()).doesNotContainAnyElementsOf(acme);
  }

  @Test
  void aBrowsersAcceptGetsTheApisAnswerAndOneThatExcludesJsonIsA406InTheApisShape() {
    String id = host.demo().acmeSms().value();
    String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    String[] fromBrowser = {"Authorization", "Bearer " + ACME_KEY, "Accept", browser};
    assertThat(host.get("/agentclara/conversations/" + id, fromBrowser).status()).isEqualTo(200);
    assertThat(host.get("/api/v2/conversations/" + id, fromBrowser).status()).isEqualTo(200);
    Answer crm = host.get("/api/conversations/" + id, fromBrowser);
    assertThat(crm.status()).isEqualTo(200);
    assertThat(crm.contentType()).startsWith("application/json");
    Answer klaviyo = host.get("/api/customer-agent-conversations/" + id,
        "Authorization", "Klaviyo-API-Key " + ACME_KEY, "revision", "2026-04-15.pre", "Accept", "application/json");
    assertThat(klaviyo.status()).as("JSON:API is JSON").isEqualTo(200);
    assertThat(klaviyo.contentType()).isEqualTo("application/vnd.api+json");
    Answer htmlOnly = host.get("/api/conversations/" + id, "Authorization", "Bearer " + ACME_KEY, "Accept", "text/html");
    assertThat(htmlOnly.status()).isEqualTo(406);
    assertThat(htmlOnly.json().get("error").textValue()).isEqualTo("the response is JSON; the Accept header does not allow it");
  }

  @Test
  void concurrentSendsOverHttpAreAllKept() throws Exception {
    String id = host.post("/agentclara/conversations", "{\"channel\": \"sms\", \"customer_phone\": \"+15555550199\"}",
        bearer(ACME_KEY)).json().get("id").textValue();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> sends = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String body = "{\"content\": \"message " + i + "\", \"sender\": \"customer\"}";
        sends.add(() -> host.post("/agentclara/conversations/" + id + "/messages", body, bearer(ACME_KEY)).status());
      }
      for (Future<Integer> status : pool.invokeAll(sends)) {
        assertThat(status.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(crm(id).get("messageCount").intValue()).isEqualTo(40);
    assertThat(liveChatAi(id).get("messages")).hasSize(40);
  }
}
