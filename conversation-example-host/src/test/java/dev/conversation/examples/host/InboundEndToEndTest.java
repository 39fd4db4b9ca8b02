package dev.conversation.examples.host;

import static dev.conversation.examples.host.RunningHost.ACME_KEY;
import static dev.conversation.examples.host.RunningHost.GLOBEX_KEY;
import static dev.conversation.examples.host.RunningHost.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.examples.host.RunningHost.Answer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The inbound webhook and AgentClara's Idempotency-Key over HTTP against the running host. */
class InboundEndToEndTest {

  private static final String PATH = "/inbound/messages";

  private final RunningHost host = RunningHost.get();

  private static String sms(String from, String content, String providerId) {
    return "{\"channel\": \"sms\", \"channel_instance\": \"+15550100200\", \"from\": \"" + from + "\", \"content\": \""
        + content + "\", \"provider_message_id\": \"" + providerId + "\"}";
  }

  private static String phone() {
    return "+1555" + String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000));
  }

  @Test
  void twoMessagesAtOnceFromANewCustomerMakeOneConversationAndARedeliveryStoresNothing() {
    String from = phone();
    String run = UUID.randomUUID().toString();
    List<CompletableFuture<Answer>> both = List.of(
        CompletableFuture.supplyAsync(() -> host.post(PATH, sms(from, "Hi!", run + "-1"), bearer(ACME_KEY))),
        CompletableFuture.supplyAsync(() -> host.post(PATH, sms(from, "Order 4521", run + "-2"), bearer(ACME_KEY))));
    List<JsonNode> answers = both.stream().map(CompletableFuture::join).map(a -> {
      assertThat(a.status()).as("%s", a).isIn(200, 201);
      return a.json();
    }).toList();
    assertThat(answers.get(0).get("conversation_id")).isEqualTo(answers.get(1).get("conversation_id"));
    assertThat(answers.stream().map(j -> j.get("delivery").textValue()).sorted().toList()).containsExactly("continued", "created");
    String id = answers.get(0).get("conversation_id").textValue();

    Answer again = host.post(PATH, sms(from, "Hi!", run + "-1"), bearer(ACME_KEY));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("delivery").textValue()).isEqualTo("duplicate");
    assertThat(again.json().get("message_id")).isEqualTo(answers.get(0).get("message_id"));
    Answer thread = host.get("/agentclara/conversations/" + id, bearer(ACME_KEY));
    assertThat(thread.json().get("messages")).hasSize(2);
    assertThat(thread.json().get("customer_phone").textValue()).isEqualTo(from);

    Answer reused = host.post(PATH, sms(from, "Something else", run + "-1"), bearer(ACME_KEY));
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.json().get("error").textValue()).isEqualTo("conflict");
    assertThat(host.get("/agentclara/conversations/" + id, bearer(GLOBEX_KEY)).status()).isEqualTo(404);
  }

  @Test
  void badInboundInputIsA400NamingTheFieldAndAMissingKeyA401() {
    assertField(host.post(PATH, sms("not-a-phone", "Hi", "p-1"), bearer(ACME_KEY)), "from");
    assertField(host.post(PATH, sms(phone(), "   ", "p-2"), bearer(ACME_KEY)), "content");
    assertField(host.post(PATH, "{\"channel\": \"fax\", \"from\": \"x\", \"content\": \"c\", \"provider_message_id\": \"p\"}",
        bearer(ACME_KEY)), "channel");
    assertField(host.post(PATH, "{\"channel\": \"sms\", \"from\": \"+15551230000\", \"content\": \"c\"}", bearer(ACME_KEY)),
        "provider_message_id");
    assertField(host.post(PATH, "{\"channel\": \"sms\", \"from\": 5}", bearer(ACME_KEY)), "from");
    assertField(host.post(PATH, "[]", bearer(ACME_KEY)), "body");
    Answer huge = host.post(PATH, sms("+" + "1".repeat(100_000), "Hi", "p-3"), bearer(ACME_KEY));
    assertField(huge, "from");
    assertThat(huge.body().length()).as("the message is cut, not echoed whole").isLessThan(1_000);
    Answer anonymous = host.post(PATH, sms(phone(), "Hi", "p-4"));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().get("error").textValue()).isEqualTo("unauthorized");
  }

  @Test
  void aWildcardContentTypeIsReadAsJsonNotA500() {
    String run = UUID.randomUUID().toString();
    for (String type : new String[] {"*/*", "application/*"}) {
      Answer received = host.send(host.request(PATH).header("Authorization", "Bearer " + ACME_KEY).header("Content-Type", type)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(sms(phone(), "Hello", run + type))));
      assertThat(received.status()).as("Content-Type %s: %s", type, received).isEqualTo(201);
    }
  }

  private static void assertField(Answer answer, String field) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(400);
    assertThat(answer.json().get("error").textValue()).isEqualTo("bad_request");
    assertThat(answer.json().get("field").textValue()).isEqualTo(field);
  }

  @Test
  void agentClaraCreateAndSendHonourTheIdempotencyKeyHeader() {
    String key = UUID.randomUUID().toString();
    String body = "{\"channel\": \"sms\", \"customer_phone\": \"+15555550199\", \"customer_email\": \"zoe@example.com\","
        + " \"message\": \"Your order shipped\"}";
    Answer first = host.post("/agentclara/conversations", body, "Authorization", "Bearer " + ACME_KEY, "Idempotency-Key", key);
    Answer retry = host.post("/agentclara/conversations", body, "Authorization", "Bearer " + ACME_KEY, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(first.json().get("customer_email").textValue()).isEqualTo("zoe@example.com");
    String path = "/agentclara/conversations/" + first.json().get("id").textValue() + "/messages";
    Answer sent = host.post(path, "{\"content\": \"Thanks\", \"sender\": \"customer\"}", "Authorization", "Bearer " + ACME_KEY,
        "Idempotency-Key", key + "-send");
    Answer resent = host.post(path, "{\"content\": \"Thanks\", \"sender\": \"customer\"}", "Authorization", "Bearer " + ACME_KEY,
        "Idempotency-Key", key + "-send");
    assertThat(resent.json().get("id")).isEqualTo(sent.json().get("id"));
    assertThat(host.get("/agentclara/conversations/" + first.json().get("id").textValue(), bearer(ACME_KEY)).json()
        .get("messages")).hasSize(2);
  }
}
