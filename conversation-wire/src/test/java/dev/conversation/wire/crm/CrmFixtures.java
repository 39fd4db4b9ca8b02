package dev.conversation.wire.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.Actor;
import dev.conversation.domain.AiAgentId;
import dev.conversation.domain.AttentionId;
import dev.conversation.domain.AttentionItem;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Handle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Enriched;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The field table's example values of seed 003 as domain values, the DESIGN section 6 column for
 * the CRM agent platform, and helpers to read the expected documents.
 */
final class CrmFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  static final ConversationId ID = ConversationId.of("c1a2b3c4-5678-9abc-def0-1234567890ab");
  static final TenantId TENANT = TenantId.of("a0b1c2d3-4567-89ab-cdef-0123456789ab");
  static final WorkspaceId WORKSPACE = WorkspaceId.of("w1a2b3c4-5678-9abc-def0-1234567890ab");
  static final ChannelId CHANNEL = ChannelId.of("ch1a2b3c-5678-9abc-def0-1234567890ab");
  static final ContactId CONTACT = ContactId.of("ct1a2b3c-5678-9abc-def0-1234567890ab");
  static final AccountId ACCOUNT = AccountId.of("ac1a2b3c-5678-9abc-def0-1234567890ab");
  static final String SUMMARY =
      "Customer asked about delivery times for order #4521. Agent confirmed 3-5 business days to Germany.";
  static final String SUBJECT = "Re: Delivery time for order #4521";
  static final String OUTCOME = "Delivery timeline confirmed, customer satisfied.";
  static final Instant CREATED = Instant.parse("2026-03-24T08:15:00.000Z");
  static final Instant LAST_MESSAGE = Instant.parse("2026-03-25T11:42:00.000Z");

  /** The document's required and nullable fields, in its order. */
  static final List<String> DOCUMENT_FIELDS = List.of("id", "tenantId", "workspaceId", "channelId", "contactId",
      "accountId", "status", "summary", "subject", "outcome", "messageCount", "lastMessageAt", "createdAt", "updatedAt");

  /** DESIGN.md section 6, the column "CRM agent platform (003)", written out independently of the code. */
  static final Map<Status, String> DESIGN_TABLE = new EnumMap<>(Map.of(
      Status.NEW, "new",
      Status.ACTIVE, "active",
      Status.WAITING, "waiting",
      Status.HUMAN_MANAGED, "human_managed",
      Status.SNOOZED, "waiting",
      Status.RESOLVED, "resolved",
      Status.CLOSED, "resolved"));

  private CrmFixtures() {}

  static Message message(int n, Participant author, String content, String at) {
    return Message.builder().id(MessageId.of("ms1a2b3c-5678-9abc-def0-00000000000" + n)).conversationId(ID)
        .author(author).content(content).createdAt(Instant.parse(at)).build();
  }

  /** The six messages behind the example's messageCount, oldest first. */
  static Seq<Message> documentMessages() {
    Participant desk = Participant.ai(AiAgentId.of("ai-delivery-desk"));
    Message answer = Message.builder()
        .from(message(2, desk, "Delivery to Germany takes 3-5 business days.", "2026-03-24T08:15:04.250Z"))
        .citations(List.of(new Citation(Option.some("kb-shipping"), SourceType.WEBSITE,
            Option.some("https://help.example.com/shipping"), 0.125)))
        .build();
    return List.of(
        message(1, Participant.customer(), "Hi, how long does delivery of order #4521 to Germany take?",
            "2026-03-24T08:15:00Z"),
        answer,
        message(3, Participant.customer(), "Can I still change the delivery address?", "2026-03-25T11:30:00Z"),
        message(4, Participant.ai(), "Yes, until the order ships. Reply with the new address and I will update it.",
            "2026-03-25T11:30:03.500Z"),
        message(5, Participant.customer(), "Great, thanks.", "2026-03-25T11:40:00Z"),
        message(6, Participant.customer(), "It is Hauptstraße 5, 10115 Berlin.", "2026-03-25T11:42:00Z"));
  }

  /** The example conversation: status active, so (in our model) without an outcome. */
  static Conversation documentConversation() {
    return Conversation.builder()
        .id(ID).tenantId(TENANT).workspaceId(WORKSPACE)
        .channel(Channel.of(ChannelType.EMAIL, CHANNEL))
        .customerAddress(Option.some(new EmailAddress("lena.schmidt@example.de")))
        .contactId(Option.some(CONTACT)).accountId(Option.some(ACCOUNT))
        .status(Status.ACTIVE)
        .summary(Option.some(SUMMARY)).subject(Option.some(SUBJECT))
        .messageCount(6)
        .lastMessageAt(Option.some(LAST_MESSAGE))
        .lastMessagePreview(Option.some("It is Hauptstraße 5, 10115 Berlin."))
        .lastCustomerMessageAt(Option.some(LAST_MESSAGE))
        .lastAgentMessageAt(Option.some(Instant.parse("2026-03-25T11:30:03.500Z")))
        .firstReplyAt(Option.some(Instant.parse("2026-03-24T08:15:04.250Z")))
        .attention(List.of(
            new AttentionItem(AttentionId.of("at-1"), "delivery", "Delivery time question for order #4521.",
                Actor.AI_AGENT, Instant.parse("2026-03-24T08:15:04.250Z"),
                Option.some(Instant.parse("2026-03-24T09:00:00Z"))),
            new AttentionItem(AttentionId.of("at-2"), "address-change",
                "Customer wants a new delivery address; check the carrier cut-off.",
                Actor.AI_AGENT, Instant.parse("2026-03-25T11:30:03.500Z"), Option.none())))
        .createdAt(CREATED)
        .updatedAt(LAST_MESSAGE)
        .version(9)
        .build();
  }

  static Contact documentContact() {
    return Contact.builder().id(CONTACT).name(Option.some("Lena Schmidt"))
        .email(Option.some(new EmailAddress("lena.schmidt@example.de")))
        .phone(Option.some(new PhoneNumber("+4915112345678")))
        .handles(HashMap.of(ChannelType.INSTAGRAM, new Handle("@lena.schmidt")))
        .accountId(Option.some(ACCOUNT))
        .build();
  }

  static Account documentAccount() {
    return new Account(ACCOUNT, "Nordwind Handel GmbH", Option.some("nordwind.example"));
  }

  static Enriched completelyEnriched(Conversation c) {
    return new Enriched(c, Option.some(documentContact()), Option.some(documentAccount()), true, List.empty());
  }

  /** Reads a JSON document from this package's test resources. */
  static JsonNode resource(String name) {
    try (InputStream in = CrmFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name + " next to " + CrmFixtures.class.getName());
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> fieldNames(JsonNode node) {
    return List.ofAll(node::fieldNames);
  }
}
