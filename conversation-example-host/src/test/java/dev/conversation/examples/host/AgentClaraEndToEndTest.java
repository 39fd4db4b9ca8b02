package dev.conversation.examples.host;

import static dev.conversation.examples.host.RunningHost.ACME_KEY;
import static dev.conversation.examples.host.RunningHost.GLOBEX_KEY;
import static dev.conversation.examples.host.RunningHost.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Status;
import dev.conversation.examples.host.RunningHost.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AgentClara's six endpoints (seed 001) over HTTP against the running host. */
class AgentClaraEndToEndTest {

  private static final String PATH = "/agentclara/conversations";

  private final RunningHost host = RunningHost.get();

  private String create(String key, String body) {
    Answer created = host.post(PATH, body, bearer(key));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").textValue();
  }

  private String sms(String key) {
    return create(key, "{\"channel\": \"sms\", \"customer_phone\": \"+15555550142\", \"customer_name\": \"Ann\","
        + " \"message\": \"Is my order on its way?\"}");
  }

  private static void assertBadRequest(Answer answer, String field) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonNode json = answer.json();
    assertThat(json.get("error").textValue()).isEqualTo("bad_request");
    assertThat(json.get("field").textValue()).isEqualTo(field);
    assertThat(json.get("message").textValue()).isNotBlank();
  }

  private static void assertUnauthorized(Answer answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(401);
    assertThat(answer.json().get("error").textValue()).isEqualTo("unauthorized");
    assertThat(answer.json().get("message").textValue()).isNotBlank();
    assertThat(answer.body()).doesNotContain("stolen");
  }

  private static void assertNotFound(Answer answer, String id) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(404);
    assertThat(answer.json().get("error").textValue()).isEqualTo("not_found");
    assertThat(answer.json().get("message").textValue()).contains(id);
  }

  // ------------------------------------------------------------------------------------- list

  @Test
  void listShowsTheKeysTenantOnlyAndFilters() {
    String mine = sms(ACME_KEY);
    String theirs = sms(GLOBEX_KEY);
    Answer all = host.get(PATH + "?limit=100", bearer(ACME_KEY));
    assertThat(all.status()).isEqualTo(200);
    List<String> ids = ids(all.json().get("conversations"));
    assertThat(ids).contains(mine, host.demo().acmeSms().value()).doesNotContain(theirs, host.demo().globexChat().value());
    assertThat(all.json().get("limit").intValue()).isEqualTo(100);
    assertThat(all.json().get("offset").intValue()).isZero();
    if (!all.json().get("has_more").booleanValue()) {
      assertThat(all.json().get("total").longValue()).as("the tenant's total").isEqualTo(ids.size());
    }
    Answer one = host.get(PATH + "?limit=1", bearer(ACME_KEY));
    assertThat(one.json().get("total").longValue()).as("the total counts every page").isEqualTo(all.json().get("total").longValue());

    Answer emails = host.get(PATH + "?channel=email&status=resolved&limit=100", bearer(ACME_KEY));
    assertThat(emails.status()).isEqualTo(200);
    assertThat(ids(emails.json().get("conversations"))).contains(host.demo().acmeEmail().value()).doesNotContain(mine);
    for (JsonNode c : emails.json().get("conversations")) {
      assertThat(c.get("channel").textValue()).isEqualTo("email");
      assertThat(c.get("status").textValue()).isEqualTo("resolved");
    }

    Answer maria = host.get(PATH + "?customer_id=5f0c8a52-3c1e-4c7e-9a51-2b8f1d6e4a10", bearer(ACME_KEY));
    assertThat(ids(maria.json().get("conversations"))).containsExactly(host.demo().acmeSms().value());
    Answer unread = host.get(PATH + "?unread=true&limit=100", bearer(ACME_KEY));
    unread.json().get("conversations").forEach(c -> assertThat(c.get("unread").booleanValue()).isTrue());
    assertThat(ids(unread.json().get("conversations"))).contains(host.demo().acmeWhatsApp().value()).doesNotContain(mine);

    Answer page = host.get(PATH + "?limit=1&offset=1", bearer(ACME_KEY));
    assertThat(page.json().get("conversations")).hasSize(1);
    assertThat(page.json().get("has_more").booleanValue()).isTrue();
  }

  @Test
  void listRefusesBadParametersNamingThem() {
    assertBadRequest(host.get(PATH + "?status=pending", bearer(ACME_KEY)), "status");
    assertBadRequest(host.get(PATH + "?limit=101", bearer(ACME_KEY)), "limit");
    assertBadRequest(host.get(PATH + "?channel=pigeon", bearer(ACME_KEY)), "channel");
    Answer twice = host.get(PATH + "?status=open&status=closed", bearer(ACME_KEY));
    assertBadRequest(twice, "status");
    assertThat(twice.json().get("message").textValue()).isEqualTo("status must be given at most once; it was given 2 times");
    for (String nameless : new String[] {"?=a&=b", "?status=open&=x&=y"}) {
      Answer answer = host.get(PATH + nameless, bearer(ACME_KEY));
      assertThat(answer.status()).as("a parameter without a name %s: %s", nameless, answer).isEqualTo(400);
      assertThat(answer.json().get("field").isNull()).as("no blank field is named").isTrue();
    }
  }

  @Test
  void aHugeBadValueIsNotEchoedBackAndTimestampsHaveOneWidth() {
    String huge = "q".repeat(1_000_000);
    java.util.Map<String, String> bodies = java.util.Map.of(
        "channel", "{\"channel\": \"" + huge + "\", \"customer_email\": \"a@example.com\"}",
        "customer_email", "{\"channel\": \"email\", \"customer_email\": \"" + huge + "\"}",
        "customer_phone", "{\"channel\": \"sms\", \"customer_phone\": \"" + huge + "\"}");
    for (String field : bodies.keySet()) {
      Answer refused = host.post(PATH, bodies.get(field), bearer(ACME_KEY));
      assertBadRequest(refused, field);
      assertThat(refused.body().length()).as("the 400 for a 1 MB %s is cut, not echoed whole", field).isLessThan(1_000);
    }
    String id = create(ACME_KEY, "{\"channel\": \"email\", \"customer_email\": \"width@example.com\"}");
    String stamp = host.get(PATH + "/" + id, bearer(ACME_KEY)).json().get("timestamp").textValue();
    assertThat(stamp).as("six fraction digits, always").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
  }

  @Test
  void aQueryParameterThatIsNotValidPercentEncodingIsA400NotTheDefault() {
    Answer bad = host.rawGet(PATH + "?limit=%zz", bearer(ACME_KEY));
    assertBadRequest(bad, "limit");
    assertThat(bad.json().get("message").textValue()).contains("percent-encoded");
    assertBadRequest(host.get(PATH + "?limit=1&channel=%FF", bearer(ACME_KEY)), "channel");
    assertBadRequest(host.rawGet(PATH + "?limit=%3", bearer(ACME_KEY)), "limit");
    assertBadRequest(host.get(PATH + "?status=%C3%A9", bearer(ACME_KEY)), "status");
    Answer encoded = host.get(PATH + "?limit=%31&offset=0", bearer(ACME_KEY));
    assertThat(encoded.status()).as("%s", encoded).isEqualTo(200);
    assertThat(encoded.json().get("conversations").size()).as("limit=%31 is limit=1").isEqualTo(1);
  }

  @Test
  void aWildcardOrJsonContentTypeIsReadAsJsonNotA500() {
    for (String type : new String[] {"*/*", "application/*", "application/json; charset=UTF-8", "application/merge-patch+json"}) {
      Answer created = host.send(host.request(PATH).header("Authorization", "Bearer " + ACME_KEY).header("Content-Type", type)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"channel\": \"email\", \"customer_email\": \"w@example.com\"}")));
      assertThat(created.status()).as("create with Content-Type %s: %s", type, created).isEqualTo(201);
      String id = created.json().get("id").textValue();
      Answer sent = host.send(host.request(PATH + "/" + id + "/messages").header("Authorization", "Bearer " + ACME_KEY)
          .header("Content-Type", type).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
              "{\"content\": \"Hello\", \"sender\": \"customer\"}")));
      assertThat(sent.status()).as("send with Content-Type %s: %s", type, sent).isEqualTo(201);
      Answer updated = host.send(host.request(PATH + "/" + id).header("Authorization", "Bearer " + ACME_KEY)
          .header("Content-Type", type).method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"tags\": [\"vip\"]}")));
      assertThat(updated.status()).as("update with Content-Type %s: %s", type, updated).isEqualTo(200);
    }
    Answer noKey = host.send(host.request(PATH).header("Content-Type", "*/*")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    assertUnauthorized(noKey);
  }

  @Test
  void aBodyThatIsNotJsonInUtf8IsRefused415BeforeItIsRead() {
    int before = host.get(PATH, bearer(ACME_KEY)).json().get("total").intValue();
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml",
        "application/json; charset=iso-8859-1", "not a type"}) {
      Answer refused = host.send(host.request(PATH).header("Authorization", "Bearer " + ACME_KEY).header("Content-Type", type)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"channel\": \"email\", \"customer_email\": \"t@example.com\"}")));
      assertThat(refused.status()).as("%s: %s", type, refused).isEqualTo(415);
      assertThat(refused.json().get("error").textValue()).isEqualTo("unsupported_media_type");
      assertThat(refused.json().get("field").textValue()).isEqualTo("Content-Type");
      assertThat(refused.body()).as("the type is not echoed").doesNotContain(type);
    }
    assertThat(host.get(PATH, bearer(ACME_KEY)).json().get("total").intValue()).as("nothing created").isEqualTo(before);
  }

  @Test
  void listNeedsAKnownKey() {
    assertUnauthorized(host.get(PATH));
    assertUnauthorized(host.get(PATH, bearer("stolen-key")));
    assertUnauthorized(host.get(PATH, "Authorization", "Basic c3RvbGVuOmtleQ=="));
  }

  // -------------------------------------------------------------------------------------- get

  @Test
  void getShowsTheConversationWithItsThread() {
    String id = sms(ACME_KEY);
    Answer got = host.get(PATH + "/" + id, bearer(ACME_KEY));
    assertThat(got.status()).isEqualTo(200);
    JsonNode c = got.json();
    assertThat(c.get("id").textValue()).isEqualTo(id);
    assertThat(c.get("channel").textValue()).isEqualTo("sms");
    assertThat(c.get("status").textValue()).isEqualTo("open");
    assertThat(c.get("customer_name").textValue()).isEqualTo("Ann");
    assertThat(c.get("customer_phone").textValue()).isEqualTo("+15555550142");
    assertThat(c.get("last_message").textValue()).isEqualTo("Is my order on its way?");
    assertThat(c.get("unread").booleanValue()).as("the first message is outbound, by the assistant").isFalse();
    assertThat(c.get("messages")).hasSize(1);
    assertThat(c.get("messages").get(0).get("content").textValue()).isEqualTo("Is my order on its way?");
    assertThat(c.get("messages").get(0).get("sender").textValue()).isEqualTo("assistant");
  }

  @Test
  void getOfAnotherTenantsConversationIsNotFoundAndAnImpossibleIdIsABadRequest() {
    String theirs = host.demo().globexChat().value();
    assertNotFound(host.get(PATH + "/" + theirs, bearer(ACME_KEY)), theirs);
    assertThat(host.get(PATH + "/" + theirs, bearer(GLOBEX_KEY)).status()).isEqualTo(200);
    assertBadRequest(host.get(PATH + "/" + "x".repeat(129), bearer(ACME_KEY)), "conversation_id");
    assertBadRequest(host.get(PATH + "/%20", bearer(ACME_KEY)), "conversation_id");
    assertUnauthorized(host.get(PATH + "/" + theirs));
  }

  // ----------------------------------------------------------------------------------- create

  @Test
  void createStartsAConversationInTheKeysTenant() {
    Answer created = host.post(PATH, "{\"channel\": \"email\", \"customer_email\": \"lee@example.com\","
        + " \"customer_name\": \"Lee\", \"message\": \"My invoice is wrong.\"}", bearer(ACME_KEY));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").textValue();
    assertThat(created.json().get("customer_email").textValue()).isEqualTo("lee@example.com");
    assertThat(created.json().get("messages")).hasSize(1);
    assertThat(host.get(PATH + "/" + id, bearer(ACME_KEY)).json().get("customer_name").textValue()).isEqualTo("Lee");
    assertThat(host.get(PATH + "/" + id, bearer(GLOBEX_KEY)).status()).isEqualTo(404);
  }

  @Test
  void createRefusesABadBodyNamingTheFieldAndStoresNothing() {
    int before = count(ACME_KEY);
    assertBadRequest(host.post(PATH, "{\"channel\": \"sms\"}", bearer(ACME_KEY)), "customer_phone");
    assertBadRequest(host.post(PATH, "{\"customer_phone\": \"+15555550142\"}", bearer(ACME_KEY)), "channel");
    assertBadRequest(host.post(PATH, "{\"channel\": \"sms\", \"customer_phone\": \"555\"}", bearer(ACME_KEY)), "customer_phone");
    assertBadRequest(host.post(PATH, "{\"channel\": ", bearer(ACME_KEY)), "body");
    assertBadRequest(host.post(PATH, "", bearer(ACME_KEY)), "body");
    assertThat(count(ACME_KEY)).as("nothing stored").isEqualTo(before);
  }

  @Test
  void createNeedsAKnownKey() {
    int before = count(ACME_KEY);
    assertUnauthorized(host.post(PATH, "{\"channel\": \"sms\", \"customer_phone\": \"+15555550142\"}"));
    assertUnauthorized(host.post(PATH, "{\"channel\": \"sms\", \"customer_phone\": \"+15555550142\"}", bearer("stolen-key")));
    assertThat(count(ACME_KEY)).isEqualTo(before);
  }

  @Test
  void bodiesAreUtf8AndBytesThatAreNotAreABadRequest() {
    String id = sms(ACME_KEY);
    byte[] cafe = "{\"content\": \"caf\u00e9 \ud83d\ude00\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Answer plain = host.send(host.request(PATH + "/" + id + "/messages").header("Authorization", "Bearer " + ACME_KEY)
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(cafe)));
    assertThat(plain.status()).as("%s", plain).isEqualTo(201);
    assertThat(plain.json().get("content").textValue()).isEqualTo("caf\u00e9 \ud83d\ude00");
    byte[] latin1 = {'{', '"', 'c', 'o', 'n', 't', 'e', 'n', 't', '"', ':', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '}'};
    Answer broken = host.send(host.request(PATH + "/" + id + "/messages").header("Authorization", "Bearer " + ACME_KEY)
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1)));
    assertBadRequest(broken, "body");
    assertThat(host.get(PATH + "/" + id, bearer(ACME_KEY)).json().get("messages")).as("nothing stored").hasSize(2);
  }

  // ------------------------------------------------------------------------------------- send

  @Test
  void sendAppendsTheMessageAsTheAssistantByDefault() {
    String id = sms(ACME_KEY);
    Answer sent = host.post(PATH + "/" + id + "/messages", "{\"content\": \"It ships today.\"}", bearer(ACME_KEY));
    assertThat(sent.status()).as("%s", sent).isEqualTo(201);
    assertThat(sent.json().get("content").textValue()).isEqualTo("It ships today.");
    assertThat(sent.json().get("sender").textValue()).isEqualTo("assistant");
    Answer customer = host.post(PATH + "/" + id + "/messages", "{\"content\": \"Thanks!\", \"sender\": \"customer\"}",
        bearer(ACME_KEY));
    assertThat(customer.json().get("sender").textValue()).isEqualTo("customer");
    JsonNode c = host.get(PATH + "/" + id, bearer(ACME_KEY)).json();
    assertThat(c.get("messages")).hasSize(3);
    assertThat(c.get("last_message").textValue()).isEqualTo("Thanks!");
    assertThat(c.get("unread").booleanValue()).as("the customer wrote last").isTrue();
  }

  @Test
  void sendRefusesBadInputForeignIdsAndMissingKeysChangingNothing() {
    String id = sms(ACME_KEY);
    assertBadRequest(host.post(PATH + "/" + id + "/messages", "{\"content\": \"  \"}", bearer(ACME_KEY)), "content");
    assertBadRequest(host.post(PATH + "/" + id + "/messages", "{\"content\": \"Hi\", \"sender\": \"robot\"}",
        bearer(ACME_KEY)), "sender");
    String theirs = host.demo().globexChat().value();
    assertNotFound(host.post(PATH + "/" + theirs + "/messages", "{\"content\": \"Hi\"}", bearer(ACME_KEY)), theirs);
    assertUnauthorized(host.post(PATH + "/" + id + "/messages", "{\"content\": \"Hi\"}"));
    assertThat(host.get(PATH + "/" + id, bearer(ACME_KEY)).json().get("messages")).hasSize(1);
    assertThat(host.get(PATH + "/" + theirs, bearer(GLOBEX_KEY)).json().get("messages")).hasSize(1);
  }

  // ----------------------------------------------------------------------------------- update

  @Test
  void updateAddsTagsRenamesAndMovesTheStatus() {
    String id = sms(ACME_KEY);
    Answer updated = host.patch(PATH + "/" + id,
        "{\"tags\": [\"important\", \"vip\"], \"customer_name\": \"Ann Lee\", \"status\": \"resolved\"}", bearer(ACME_KEY));
    assertThat(updated.status()).as("%s", updated).isEqualTo(200);
    assertThat(updated.json().get("status").textValue()).isEqualTo("resolved");
    assertThat(updated.json().get("customer_name").textValue()).isEqualTo("Ann Lee");
    assertThat(updated.json().get("tags").toString()).isEqualTo("[\"important\",\"vip\"]");
    Answer reopened = host.patch(PATH + "/" + id, "{\"status\": \"open\"}", bearer(ACME_KEY));
    assertThat(reopened.json().get("status").textValue()).isEqualTo("open");
  }

  @Test
  void updateRefusesBadWordsAndRefusedChangesLeavingTheConversationAsItWas() {
    String id = sms(ACME_KEY);
    ConversationId cid = ConversationId.of(id);
    assertBadRequest(host.patch(PATH + "/" + id, "{\"status\": \"archived\"}", bearer(ACME_KEY)), "status");
    assertBadRequest(host.patch(PATH + "/" + id, "{\"tags\": \"vip\"}", bearer(ACME_KEY)), "tags");

    HumanAgent jane = HumanAgent.of(HumanAgentId.of("agent-jane"), "Jane Smith");
    host.conversations().execute(DemoData.ACME, cid, Command.HandOff.toAgent(Participant.human(jane), jane, "VIP")).get();
    Conversation before = host.conversations().get(DemoData.ACME, cid).get();
    Answer refused = host.patch(PATH + "/" + id, "{\"tags\": [\"vip\"], \"status\": \"resolved\"}", bearer(ACME_KEY));
    assertThat(refused.status()).as("%s", refused).isEqualTo(409);
    assertThat(refused.json().get("field").textValue()).isEqualTo("status");
    assertThat(host.conversations().get(DemoData.ACME, cid).get()).as("no tag added").isEqualTo(before);
    assertThat(before.status()).isEqualTo(Status.HUMAN_MANAGED);
  }

  @Test
  void updateOfAnotherTenantsConversationOrWithoutAKeyIsRefused() {
    String theirs = host.demo().globexChat().value();
    assertNotFound(host.patch(PATH + "/" + theirs, "{\"status\": \"closed\"}", bearer(ACME_KEY)), theirs);
    assertUnauthorized(host.patch(PATH + "/" + theirs, "{\"status\": \"closed\"}"));
    assertThat(host.get(PATH + "/" + theirs, bearer(GLOBEX_KEY)).json().get("status").textValue()).isEqualTo("open");
  }

  // ------------------------------------------------------------------------------------ close

  @Test
  void closeClosesForGoodAndIsIdempotent() {
    String id = sms(ACME_KEY);
    Answer closed = host.post(PATH + "/" + id + "/close", "", bearer(ACME_KEY));
    assertThat(closed.status()).as("%s", closed).isEqualTo(200);
    assertThat(closed.json().get("status").textValue()).isEqualTo("closed");
    assertThat(host.post(PATH + "/" + id + "/close", "", bearer(ACME_KEY)).status()).isEqualTo(200);
    Answer reopen = host.patch(PATH + "/" + id, "{\"status\": \"open\"}", bearer(ACME_KEY));
    assertThat(reopen.status()).as("closed is read-only: %s", reopen).isEqualTo(409);
    assertThat(host.get(PATH + "/" + id, bearer(ACME_KEY)).json().get("status").textValue()).isEqualTo("closed");
  }

  @Test
  void closeOfAnotherTenantsConversationAnImpossibleIdOrWithoutAKeyIsRefused() {
    String theirs = host.demo().globexChat().value();
    assertNotFound(host.post(PATH + "/" + theirs + "/close", "", bearer(ACME_KEY)), theirs);
    assertBadRequest(host.post(PATH + "/" + "x".repeat(200) + "/close", "", bearer(ACME_KEY)), "conversation_id");
    assertUnauthorized(host.post(PATH + "/" + theirs + "/close", ""));
    assertThat(host.get(PATH + "/" + theirs, bearer(GLOBEX_KEY)).json().get("status").textValue()).isEqualTo("open");
  }

  // ---------------------------------------------------------------------------------- helpers

  private int count(String key) {
    Answer all = host.get(PATH + "?limit=100", bearer(key));
    int n = all.json().get("conversations").size();
    for (int offset = 100; all.json().get("has_more").booleanValue(); offset += 100) {
      all = host.get(PATH + "?limit=100&offset=" + offset, bearer(key));
      n += all.json().get("conversations").size();
    }
    return n;
  }

  private static List<String> ids(JsonNode conversations) {
    List<String> ids = new ArrayList<>();
    conversations.forEach(c -> ids.add(c.get("id").textValue()));
    return ids;
  }
}
