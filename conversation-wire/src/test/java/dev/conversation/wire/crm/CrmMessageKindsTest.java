package dev.conversation.wire.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.service.Enriched;
import dev.conversation.wire.MessageKinds;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Attachments and delivery statuses in the CRM platform's staff read, on the {@link MessageKinds}
 * thread every format's test renders: everything is shown.
 */
class CrmMessageKindsTest {

  private final MessageKinds kinds = MessageKinds.played();
  private final Conversation conversation = kinds.conversation();
  private final Seq<Message> thread = kinds.thread();

  @Test
  void theCrmStaffReadShowsEverything() {
    JsonNode out = CrmJson.conversation(new Enriched(conversation, Option.none(), Option.none(), true, List.empty()), thread);
    JsonNode reply = out.get("messages").get(1);
    assertThat(reply.get("attachments").get(0).get("location").textValue()).isEqualTo("s3://acme/invoice.pdf");
    assertThat(reply.get("attachments").get(0).get("caption").isNull()).isTrue();
    assertThat(reply.get("delivery").get("status").textValue()).isEqualTo("delivered");
    assertThat(reply.get("delivery").get("providerMessageId").textValue()).isEqualTo("SM42");
    assertThat(out.get("messages").get(0).get("delivery").isNull()).isTrue();
  }
}
