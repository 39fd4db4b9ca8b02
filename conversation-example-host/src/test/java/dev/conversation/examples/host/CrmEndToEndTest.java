package dev.conversation.examples.host;

import static dev.conversation.examples.host.RunningHost.ACME_KEY;
import static dev.conversation.examples.host.RunningHost.GLOBEX_KEY;
import static dev.conversation.examples.host.RunningHost.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.examples.host.RunningHost.Answer;
import org.junit.jupiter.api.Test;

/** The CRM agent platform's get by id (seed 003) over HTTP against the running host. */
class CrmEndToEndTest {

  private static final String PATH = "/api/conversations/";

  private final RunningHost host = RunningHost.get();

  private static String error(Answer answer, int status) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonNode json = answer.json();
    assertThat(json.size()).as("the platform's error object has one member: %s", json).isEqualTo(1);
    return json.get("error").textValue();
  }

  @Test
  void theConversationIsEnrichedWithItsContactAccountMessagesAndAttentionItems() {
    String id = host.demo().acmeSms().value();
    Answer ok = host.get(PATH + id, bearer(ACME_KEY));
    assertThat(ok.status()).as("%s", ok).isEqualTo(200);
    JsonNode c = ok.json();
    assertThat(c.get("id").textValue()).isEqualTo(id);
    assertThat(c.get("tenantId").textValue()).isEqualTo("acme");
    assertThat(c.get("status").textValue()).isEqualTo("waiting");
    assertThat(c.get("subject").textValue()).isEqualTo("Delivery time for order #4521");
    assertThat(c.get("summary").textValue()).startsWith("Customer asked when order #4521 arrives");
    assertThat(c.get("outcome").isNull()).isTrue();
    assertThat(c.get("messageCount").intValue()).isEqualTo(2);
    assertThat(c.get("messages")).hasSize(2);
    assertThat(c.at("/contact/name").textValue()).isEqualTo("Maria Lopez");
    assertThat(c.at("/account/name").textValue()).isEqualTo("Lopez Bakery");
    assertThat(c.at("/attentionItems/0/kind").textValue()).isEqualTo("address-change");
    assertThat(c.at("/enrichment/complete").booleanValue()).isTrue();
    assertThat(c.get("createdAt").textValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
  }

  @Test
  void aResolvedConversationShowsItsOutcome() {
    JsonNode c = host.get(PATH + host.demo().acmeEmail().value(), bearer(ACME_KEY)).json();
    assertThat(c.get("status").textValue()).isEqualTo("resolved");
    assertThat(c.get("outcome").textValue()).isEqualTo("Opening hours answered");
  }

  @Test
  void anImpossibleIdIsABadRequestInTheErrorShape() {
    assertThat(error(host.get(PATH + "x".repeat(129), bearer(ACME_KEY)), 400))
        .isEqualTo("id is 129 characters long; the limit is 128");
    assertThat(error(host.get(PATH + "%20", bearer(ACME_KEY)), 400)).isEqualTo("id must not be blank");
  }

  @Test
  void aMissingOrUnknownKeyIsUnauthorizedInTheErrorShape() {
    String id = host.demo().acmeSms().value();
    assertThat(error(host.get(PATH + id), 401)).contains("Authorization header is missing");
    assertThat(error(host.get(PATH + id, bearer("stolen-key")), 401)).isEqualTo("the API key is not valid");
  }

  @Test
  void anotherTenantsConversationIsNotFound() {
    String mine = host.demo().acmeSms().value();
    assertThat(error(host.get(PATH + mine, bearer(GLOBEX_KEY)), 404)).isEqualTo("Conversation not found");
    assertThat(host.get(PATH + host.demo().globexChat().value(), bearer(GLOBEX_KEY)).status()).isEqualTo(200);
  }
}
