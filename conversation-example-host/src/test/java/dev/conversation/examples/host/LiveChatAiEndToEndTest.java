package dev.conversation.examples.host;

import static dev.conversation.examples.host.RunningHost.ACME_KEY;
import static dev.conversation.examples.host.RunningHost.GLOBEX_KEY;
import static dev.conversation.examples.host.RunningHost.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.examples.host.RunningHost.Answer;
import org.junit.jupiter.api.Test;

/** LiveChatAI's get by id (seed 002) over HTTP against the running host. */
class LiveChatAiEndToEndTest {

  private static final String PATH = "/api/v2/conversations/";

  private final RunningHost host = RunningHost.get();

  private static JsonNode error(Answer answer, int status) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonNode json = answer.json();
    assertThat(json.get("status").textValue()).isEqualTo("error");
    assertThat(json.get("message").textValue()).isNotBlank();
    assertThat(json.size()).as("only status and message").isEqualTo(2);
    return json;
  }

  @Test
  void aHumanManagedConversationInTheSuccessEnvelope() {
    String id = host.demo().acmeWhatsApp().value();
    Answer ok = host.get(PATH + id, bearer(ACME_KEY));
    assertThat(ok.status()).as("%s", ok).isEqualTo(200);
    JsonNode json = ok.json();
    assertThat(json.get("status").textValue()).isEqualTo("success");
    JsonNode data = json.get("data");
    assertThat(data.get("id").textValue()).isEqualTo(id);
    assertThat(data.get("isResolved").booleanValue()).isFalse();
    assertThat(data.get("isAgent").booleanValue()).isTrue();
    assertThat(data.get("integrationType").textValue()).isEqualTo("WHATSAPP");
    assertThat(data.at("/agent/name").textValue()).isEqualTo("Jane Smith");
    assertThat(data.get("messages")).hasSize(3);
    assertThat(data.at("/messages/0/role").textValue()).isEqualTo("user");
    assertThat(data.at("/messages/2/role").textValue()).isEqualTo("assistant");
    assertThat(data.at("/messages/2/agent/id").textValue()).isEqualTo("agent-jane");
    assertThat(data.get("createdAt").textValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  }

  @Test
  void aResolvedConversationIsResolvedAndItsSourcesAreShown() {
    JsonNode resolved = host.get(PATH + host.demo().acmeEmail().value(), bearer(ACME_KEY)).json().get("data");
    assertThat(resolved.get("isResolved").booleanValue()).isTrue();
    JsonNode sms = host.get(PATH + host.demo().acmeSms().value(), bearer(ACME_KEY)).json().get("data");
    assertThat(sms.at("/messages/1/source/0/link").textValue()).isEqualTo("https://help.example.com/shipping");
    assertThat(sms.at("/messages/1/source/0/type").textValue()).isEqualTo("WEBSITE");
  }

  @Test
  void anImpossibleIdIsABadRequestNamingTheParameter() {
    JsonNode json = error(host.get(PATH + "x".repeat(129), bearer(ACME_KEY)), 400);
    assertThat(json.get("message").textValue()).startsWith("conversationId is 129 characters long");
  }

  @Test
  void aMissingMalformedOrUnknownTokenIsUnauthorized() {
    String id = host.demo().acmeWhatsApp().value();
    error(host.get(PATH + id), 401);
    error(host.get(PATH + id, "Authorization", "Token " + ACME_KEY), 401);
    JsonNode unknown = error(host.get(PATH + id, bearer("stolen-key")), 401);
    assertThat(unknown.toString()).doesNotContain("stolen-key");
  }

  @Test
  void anotherTenantsConversationIsNotFound() {
    String theirs = host.demo().globexChat().value();
    assertThat(error(host.get(PATH + theirs, bearer(ACME_KEY)), 404).get("message").textValue()).contains(theirs);
    assertThat(host.get(PATH + theirs, bearer(GLOBEX_KEY)).status()).isEqualTo(200);
    error(host.get(PATH + "chat_missing", bearer(ACME_KEY)), 404);
  }
}
