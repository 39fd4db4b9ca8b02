package dev.conversation.wire.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.InboundMessage;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Problem;
import dev.conversation.service.Received;
import io.vavr.collection.List;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A contact's data as one JSON document: complete, streamed, and refused for an unknown contact. */
class ContactExportTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final WorkspaceId SUPPORT = WorkspaceId.of("support");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Received inbound(Conversations service, String instance, String from, String content, String id) {
    return service.receive(ACME, InboundMessage.of(SUPPORT, Channel.of(ChannelType.WHATSAPP, ChannelId.of(instance)), from,
        content, id).senderName("Maria Rossi")).get();
  }

  @Test
  void theDocumentHoldsTheContactAndEveryConversationWithEveryMessageOldestFirst() throws Exception {
    try (Conversations service = Conversations.inMemory()) {
      Received first = inbound(service, "+15550100200", "+4915112345678", "Hi, I live at Via Roma 12", "w1");
      ContactId maria = first.contactId();
      service.receive(ACME, InboundMessage.of(SUPPORT, Channel.of(ChannelType.WHATSAPP, ChannelId.of("+15550100200")),
          "+4915112345678", "", "w2").attachments(List.of(Attachment.of("scan.pdf", "application/pdf", 10, "s3://x/scan.pdf")
          .withCaption("my passport")))).get();
      service.note(ACME, first.conversationId(), NewMessage.of(Participant.human(HumanAgent.of(HumanAgentId.of("alice"),
          "Alice")), "VIP customer")).get();
      Received second = inbound(service, "+15550100201", "+4915112345678", "Second thread", "w3");
      inbound(service, "+15550100200", "+4915187654321", "Someone else", "w4");

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(ContactExport.write(service, ACME, maria, out).get()).isEqualTo(2);
      JsonNode doc = JSON.readTree(out.toByteArray());
      assertThat(doc.get("schema").asInt()).isEqualTo(1);
      assertThat(doc.get("contact_id").asText()).isEqualTo(maria.value());
      assertThat(doc.at("/contact/name").asText()).isEqualTo("Maria Rossi");
      assertThat(doc.at("/contact/phone").asText()).isEqualTo("+4915112345678");
      JsonNode conversations = doc.get("conversations");
      assertThat(conversations).hasSize(2);
      java.util.List<String> ids = new java.util.ArrayList<>();
      conversations.forEach(c -> ids.add(c.get("id").asText()));
      assertThat(ids).containsExactlyInAnyOrder(first.conversationId().value(), second.conversationId().value());
      JsonNode thread = null;
      for (JsonNode c : conversations) {
        if (c.get("id").asText().equals(first.conversationId().value())) {
          thread = c.get("messages");
          assertThat(c.get("channel").asText()).isEqualTo("whatsapp");
          assertThat(c.get("customer_address").asText()).isEqualTo("+4915112345678");
        }
      }
      assertThat(thread).hasSize(3);
      assertThat(thread.get(0).get("content").asText()).isEqualTo("Hi, I live at Via Roma 12");
      assertThat(thread.get(0).get("author").asText()).isEqualTo("customer");
      assertThat(thread.get(1).at("/attachments/0/caption").asText()).isEqualTo("my passport");
      assertThat(thread.get(2).get("type").asText()).as("notes about the person are theirs too").isEqualTo("note");
      assertThat(thread.get(2).get("author_name").asText()).isEqualTo("Alice");
      assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).doesNotContain("Someone else");
    }
  }

  @Test
  void aLongHistoryIsWrittenAsItIsReadNotHeldInMemory() {
    try (Conversations service = Conversations.inMemory()) {
      Received first = inbound(service, "+15550100200", "+4915112345678", "Start", "s0");
      for (int i = 1; i < 1_000; i++) {
        service.send(ACME, first.conversationId(), NewMessage.of(Participant.customer(), "Message " + i)).get();
      }
      AtomicLong written = new AtomicLong();
      AtomicLong flushes = new AtomicLong();
      OutputStream counting = new OutputStream() {
        @Override
        public void write(int b) {
          written.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) {
          written.addAndGet(len);
        }

        @Override
        public void flush() {
          flushes.incrementAndGet();
        }
      };
      assertThat(ContactExport.write(service, ACME, first.contactId(), counting).get()).isEqualTo(1);
      assertThat(flushes.get()).as("a flush per page of 100 messages").isGreaterThanOrEqualTo(10);
      assertThat(written.get()).isGreaterThan(50_000);
    }
  }

  @Test
  void anExportCutShortByTheStoreDoesNotParseAndIsNotComplete() throws Exception {
    java.util.concurrent.atomic.AtomicReference<ConversationId> failOn = new java.util.concurrent.atomic.AtomicReference<>();
    dev.conversation.persistence.ConversationStore failing = dev.conversation.wire.FailingStore.failing(
        dev.conversation.persistence.ConversationStore.inMemory(),
        (method, args) -> method.equals("messages") && args[1].equals(failOn.get()),
        () -> new dev.conversation.persistence.StoreFailure("down"));
    try (Conversations service = Conversations.builder().store(failing).build()) {
      Received first = inbound(service, "+15550100200", "+4915112345678", "First", "f1");
      Received second = inbound(service, "+15550100201", "+4915112345678", "Second", "f2");
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      assertThat(ContactExport.write(service, ACME, first.contactId(), whole).get()).isEqualTo(2);
      assertThat(JSON.readTree(whole.toByteArray()).get("complete").asBoolean()).isTrue();

      failOn.set(first.conversationId().value().compareTo(second.conversationId().value()) < 0
          ? second.conversationId() : first.conversationId());
      ByteArrayOutputStream cut = new ByteArrayOutputStream();
      assertThat(ContactExport.write(service, ACME, first.contactId(), cut).getLeft()).isInstanceOf(Problem.Unavailable.class);
      String text = cut.toString(StandardCharsets.UTF_8);
      assertThat(text).as("it went some way").contains("\"conversations\":[").doesNotContain("\"complete\"");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> JSON.readTree(cut.toByteArray()))
          .as("a document cut short does not parse").isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void anUnknownContactIsNotFoundAndNothingIsWritten() {
    try (Conversations service = Conversations.inMemory()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(ContactExport.write(service, ACME, ContactId.of("nobody"), out).getLeft())
          .isInstanceOf(Problem.ContactNotFound.class);
      assertThat(out.size()).isZero();
    }
  }
}
