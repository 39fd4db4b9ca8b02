package dev.conversation.examples.host;

import static dev.conversation.examples.host.RunningHost.ACME_KEY;
import static dev.conversation.examples.host.RunningHost.GLOBEX_KEY;
import static dev.conversation.examples.host.RunningHost.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.examples.host.RunningHost.Answer;
import dev.conversation.service.NewMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Attachments in through the inbound webhook, out through AgentClara; receipts through their webhook. */
class MessageKindsEndToEndTest {

  private final RunningHost host = RunningHost.get();

  private static String phone() {
    return "+1556" + String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000));
  }

  @Test
  void aPhotoComesInAndAReplysReceiptsMoveItsStatusForwardOnly() {
    String run = UUID.randomUUID().toString();
    Answer in = host.post("/inbound/messages", "{\"channel\": \"sms\", \"from\": \"" + phone() + "\", \"content\": \"\","
        + " \"provider_message_id\": \"" + run + "-in\", \"attachments\": [{\"name\": \"box.jpg\", \"media_type\": \"image/jpeg\","
        + " \"size\": 734112, \"url\": \"https://files.example.com/box.jpg\", \"caption\": \"Damaged box\"}]}", bearer(ACME_KEY));
    assertThat(in.status()).as("%s", in).isEqualTo(201);
    String id = in.json().get("conversation_id").textValue();
    Answer thread = host.get("/agentclara/conversations/" + id, bearer(ACME_KEY));
    assertThat(thread.json().get("messages").get(0).get("attachments").get(0).get("caption").textValue()).isEqualTo("Damaged box");
    assertThat(thread.json().get("last_message").textValue()).isEqualTo("Damaged box");

    TenantId acme = TenantId.of("acme");
    Message reply = host.conversations().send(acme, ConversationId.of(id), NewMessage.of(Participant.ai(), "A new one ships today."))
        .get().messages().single();
    host.conversations().dispatched(acme, ConversationId.of(id), reply.id(), run + "-out").get();
    Answer read = host.post("/inbound/receipts", "{\"provider_message_id\": \"" + run + "-out\", \"status\": \"read\"}", bearer(ACME_KEY));
    assertThat(read.status()).as("%s", read).isEqualTo(200);
    assertThat(read.json().get("status").textValue()).isEqualTo("read");
    assertThat(read.json().get("changed").booleanValue()).isTrue();
    Answer late = host.post("/inbound/receipts", "{\"provider_message_id\": \"" + run + "-out\", \"status\": \"delivered\"}",
        bearer(ACME_KEY));
    assertThat(late.json().get("status").textValue()).as("a late delivered after read").isEqualTo("read");
    assertThat(late.json().get("changed").booleanValue()).isFalse();
    assertThat(host.get("/agentclara/conversations/" + id, bearer(ACME_KEY)).json().get("messages").get(1)
        .get("delivery_status").textValue()).isEqualTo("read");
    assertThat(host.post("/inbound/receipts", "{\"provider_message_id\": \"" + run + "-out\", \"status\": \"read\"}",
        bearer(GLOBEX_KEY)).status()).as("another tenant's provider ids are unknown").isEqualTo(404);
  }

  @Test
  void badAttachmentsAndReceiptsAre400sNamingTheFieldAndUnknownIds404s() {
    String base = "{\"channel\": \"sms\", \"from\": \"" + phone() + "\", \"content\": \"see\", \"provider_message_id\": \""
        + UUID.randomUUID() + "\", \"attachments\": ";
    assertField(host.post("/inbound/messages", base + "[{\"name\": \"a\", \"media_type\": \"image\", \"size\": 1, \"url\": \"u\"}]}",
        bearer(ACME_KEY)), 400, "attachments[0].media_type");
    assertField(host.post("/inbound/messages", base + "[{\"name\": \"a\", \"media_type\": \"image/png\", \"size\": 1, \"url\": \"\"}]}",
        bearer(ACME_KEY)), 400, "attachments[0].url");
    assertField(host.post("/inbound/messages", base + "[{\"name\": \"a\", \"media_type\": \"image/png\", \"size\": \"1\", \"url\": \"u\"}]}",
        bearer(ACME_KEY)), 400, "attachments[0].size");
    assertField(host.post("/inbound/messages", base + "[{\"name\": \"a\", \"media_type\": \"image/png\", \"size\": 1, \"url\": \"u\","
        + " \"x\": 1}]}", bearer(ACME_KEY)), 400, "attachments[0].x");
    assertField(host.post("/inbound/messages", base + "{}}", bearer(ACME_KEY)), 400, "attachments");
    assertField(host.post("/inbound/messages", base + "[{\"name\": \"a\", \"media_type\": \"image/png\", \"size\": 999999999999,"
        + " \"url\": \"u\"}]}", bearer(ACME_KEY)), 400, "attachments[0].size");
    assertField(host.post("/inbound/receipts", "{\"provider_message_id\": \"nope\", \"status\": \"read\"}", bearer(ACME_KEY)),
        404, "provider_message_id");
    assertField(host.post("/inbound/receipts", "{\"provider_message_id\": \"nope\", \"status\": \"lost\"}", bearer(ACME_KEY)),
        400, "status");
    assertField(host.post("/inbound/receipts", "{\"status\": \"read\"}", bearer(ACME_KEY)), 400, "provider_message_id");
    assertThat(host.post("/inbound/receipts", "{\"provider_message_id\": \"x\", \"status\": \"read\"}").status())
        .isEqualTo(401);
  }

  private static void assertField(Answer a, int status, String field) {
    assertThat(a.status()).as("%s", a).isEqualTo(status);
    assertThat(a.json().get("field").textValue()).as("%s", a).isEqualTo(field);
  }
}
