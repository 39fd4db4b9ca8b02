package dev.conversation.examples.host;

import static dev.conversation.examples.host.RunningHost.ACME_KEY;
import static dev.conversation.examples.host.RunningHost.GLOBEX_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.examples.host.RunningHost.Answer;
import dev.conversation.wire.klaviyo.KlaviyoApi;
import dev.conversation.wire.klaviyo.SeedSchemas;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Klaviyo's Retrieve Conversation (seed 000) over HTTP against the running host; every answer,
 * success or error, is validated against the schemas in the seed's own OpenAPI document.
 */
class KlaviyoEndToEndTest {

  private static final String PATH = "/api/customer-agent-conversations/";
  private static final String REVISION = "2026-04-15.pre";
  private static final String FIELDS = URLEncoder.encode(KlaviyoApi.FIELDS, StandardCharsets.UTF_8);

  private final RunningHost host = RunningHost.get();

  private Answer retrieve(String id, String query, String... headers) {
    return host.get(PATH + id + query, headers);
  }

  private static String[] key(String key) {
    return new String[] {"Authorization", "Klaviyo-API-Key " + key, "revision", REVISION};
  }

  private static JsonNode clientError(Answer answer, int status, String code) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo("application/vnd.api+json");
    JsonNode json = answer.json();
    assertThat(SeedSchemas.violations(SeedSchemas.clientError(), json)).as("%s", json).isEmpty();
    assertThat(json.get("errors")).hasSize(1);
    assertThat(json.at("/errors/0/code").textValue()).isEqualTo(code);
    return json.at("/errors/0");
  }

  @Test
  void aResolvedByAiConversationConformsToTheSeedSchema() {
    String id = host.demo().acmeEmail().value();
    Answer ok = retrieve(id, "", key(ACME_KEY));
    assertThat(ok.status()).as("%s", ok).isEqualTo(200);
    assertThat(ok.contentType()).isEqualTo("application/vnd.api+json");
    JsonNode json = ok.json();
    assertThat(SeedSchemas.violations(SeedSchemas.response(), json)).as("%s", json).isEmpty();
    assertThat(json.at("/data/type").textValue()).isEqualTo("customer-agent-conversation");
    assertThat(json.at("/data/id").textValue()).isEqualTo(id);
    assertThat(json.at("/data/attributes/status").textValue()).isEqualTo("resolved-by-ai");
    assertThat(json.at("/data/relationships/customer-agent-messages/data")).hasSize(2);
    assertThat(json.at("/data/links/self").textValue()).isEqualTo(host.base() + PATH + id + "/");
    Answer self = retrieve(id + "/", "", key(ACME_KEY));
    assertThat(self.status()).as("the self link is served: %s", self).isEqualTo(200);
    assertThat(self.json()).isEqualTo(json);
  }

  @Test
  void everyDemoStateConformsAndMapsToItsWord() {
    assertThat(status(host.demo().acmeSms().value())).isEqualTo("open");
    assertThat(status(host.demo().acmeWhatsApp().value())).isEqualTo("routed-to-team");
    assertThat(status(host.demo().acmeEmail().value())).isEqualTo("resolved-by-ai");
  }

  private String status(String id) {
    JsonNode json = retrieve(id, "", key(ACME_KEY)).json();
    assertThat(SeedSchemas.violations(SeedSchemas.response(), json)).as("%s", json).isEmpty();
    return json.at("/data/attributes/status").textValue();
  }

  @Test
  void aSparseFieldsetKeepsOnlyTheAttributesAskedFor() {
    String id = host.demo().acmeSms().value();
    Answer sparse = retrieve(id, "?" + FIELDS + "=status,updated_at", key(ACME_KEY));
    assertThat(sparse.status()).as("%s", sparse).isEqualTo(200);
    JsonNode json = sparse.json();
    assertThat(SeedSchemas.violations(SeedSchemas.response("status,updated_at"), json)).as("%s", json).isEmpty();
    assertThat(json.at("/data/attributes").size()).isEqualTo(2);
    assertThat(json.at("/data/attributes/created_at").isMissingNode()).isTrue();
  }

  @Test
  void theRevisionHeaderIsRequiredAndValidated() {
    String id = host.demo().acmeSms().value();
    String[] noRevision = {"Authorization", "Klaviyo-API-Key " + ACME_KEY};
    assertThat(clientError(retrieve(id, "", noRevision), 400, "invalid").at("/source/parameter").textValue())
        .isEqualTo("revision");
    for (String bad : new String[] {"yesterday", "2026-02-30.pre", "2020-01-01"}) {
      JsonNode error = clientError(retrieve(id, "", "Authorization", "Klaviyo-API-Key " + ACME_KEY, "revision", bad),
          400, "invalid");
      assertThat(error.at("/source/parameter").textValue()).as(bad).isEqualTo("revision");
      assertThat(error.get("detail").textValue()).as(bad).isNotBlank();
    }
  }

  @Test
  void anUnknownFieldOrAnImpossibleIdIsABadRequestNamingTheParameter() {
    String id = host.demo().acmeSms().value();
    assertThat(clientError(retrieve(id, "?" + FIELDS + "=status,subject", key(ACME_KEY)), 400, "invalid")
        .at("/source/parameter").textValue()).isEqualTo(KlaviyoApi.FIELDS);
    assertThat(clientError(retrieve("x".repeat(129), "", key(ACME_KEY)), 400, "invalid")
        .at("/source/parameter").textValue()).isEqualTo("id");
  }

  @Test
  void aMissingMalformedOrUnknownKeyIsNotAuthenticated() {
    String id = host.demo().acmeSms().value();
    clientError(retrieve(id, "", "revision", REVISION), 401, "not_authenticated");
    clientError(retrieve(id, "", "Authorization", "Bearer " + ACME_KEY, "revision", REVISION), 401, "not_authenticated");
    JsonNode unknown = clientError(retrieve(id, "", key("stolen-key")), 401, "not_authenticated");
    assertThat(unknown.toString()).doesNotContain("stolen-key");
    clientError(retrieve(id, "", "Authorization", "Klaviyo-API-Key " + ACME_KEY), 400, "invalid");
  }

  @Test
  void anotherAccountsConversationIsNotFound() {
    String theirs = host.demo().globexChat().value();
    JsonNode error = clientError(retrieve(theirs, "", key(ACME_KEY)), 404, "not_found");
    assertThat(error.get("detail").textValue()).contains(theirs);
    assertThat(retrieve(theirs, "", key(GLOBEX_KEY)).status()).isEqualTo(200);
  }

  @Test
  void theRelationshipLinksAreServedAndPageTheThread() {
    String id = host.demo().acmeEmail().value();
    JsonNode links = retrieve(id, "", key(ACME_KEY)).json().at("/data/relationships/customer-agent-messages/links");
    for (String link : new String[] {links.get("self").textValue(), links.get("related").textValue()}) {
      boolean related = link.equals(links.get("related").textValue());
      Answer first = host.get(link.substring(host.base().length()) + "?page%5Bsize%5D=1", key(ACME_KEY));
      assertThat(first.status()).as("%s: %s", link, first).isEqualTo(200);
      assertThat(first.contentType()).isEqualTo("application/vnd.api+json");
      JsonNode page = first.json();
      assertThat(SeedSchemas.violations(related ? SeedSchemas.messages() : SeedSchemas.relationship(), page)).as("%s", page).isEmpty();
      assertThat(page.get("data")).hasSize(1);
      String next = page.at("/links/next").textValue();
      Answer second = host.get(next.substring(host.base().length()), key(ACME_KEY));
      assertThat(second.status()).as("%s", second).isEqualTo(200);
      assertThat(second.json().get("data")).hasSize(1);
      assertThat(second.json().at("/data/0/id")).isNotEqualTo(page.at("/data/0/id"));
    }
    String path = PATH + id + "/customer-agent-messages/";
    assertThat(clientError(host.get(path + "?page%5Bsize%5D=500", key(ACME_KEY)), 400, "invalid")
        .at("/source/parameter").textValue()).isEqualTo("page[size]");
    assertThat(clientError(host.get(path + "?page%5Bcursor%5D=nope", key(ACME_KEY)), 400, "invalid")
        .at("/source/parameter").textValue()).isEqualTo("page[cursor]");
    clientError(host.get(PATH + host.demo().globexChat().value() + "/customer-agent-messages/", key(ACME_KEY)), 404, "not_found");
    clientError(host.get(path, "revision", REVISION), 401, "not_authenticated");
  }
}
