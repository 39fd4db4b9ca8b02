package dev.conversation.wire.crm;

import static dev.conversation.wire.crm.CrmFixtures.documentAccount;
import static dev.conversation.wire.crm.CrmFixtures.documentConversation;
import static dev.conversation.wire.crm.CrmFixtures.documentMessages;
import static dev.conversation.wire.crm.CrmHost.ACME;
import static dev.conversation.wire.crm.CrmHost.SUPPORT;
import static dev.conversation.wire.crm.CrmHost.janeAtAcme;
import static dev.conversation.wire.crm.CrmHost.right;
import static dev.conversation.wire.crm.CrmHost.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.service.Conversations;
import dev.conversation.service.Enriched;
import dev.conversation.service.NewConversation;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * How the contact and account from the CRM are shown: objects when found, null when not linked or
 * not found, and an {@code enrichment} object that says when and why the lookup was incomplete.
 */
class CrmEnrichmentTest {

  private final CrmHost.ScriptedDirectory directory = new CrmHost.ScriptedDirectory();

  @Test
  void aFailedContactLookupShowsANullContactNextToItsIdAndSaysWhichLookupFailedButNotTheException() {
    try (Conversations service = service(directory).build()) {
      ConversationId id = janeAtAcme(service, directory);
      directory.contactLookup = (tenant, contact) -> {
        throw new IllegalStateException("CRM at crm-3.internal:8443 is down");
      };

      CrmResponse response = CrmGetConversation.over(service).handle(ACME, id.value());

      assertThat(response.status()).as("the directory never fails the request").isEqualTo(200);
      JsonNode json = response.body();
      assertThat(json.get("contactId").isTextual()).isTrue();
      assertThat(json.get("contact").isNull()).isTrue();
      assertThat(json.at("/account/name").asText()).isEqualTo("Acme Corp");
      assertThat(json.get("enrichment").toString()).isEqualTo("{\"complete\":false,\"problems\":[\"contact lookup failed\"]}");
      assertThat(response.json()).doesNotContain("crm-3.internal").doesNotContain("IllegalStateException");
    }
  }

  @Test
  void timedOutLookupsLeaveBothObjectsNullAndSaySo() {
    Enriched late = new Enriched(documentConversation(), Option.none(), Option.none(), false,
        List.of("contact lookup timed out after PT2S", "account lookup timed out after PT2S"));

    JsonNode json = CrmJson.conversation(late, documentMessages());

    assertThat(json.get("contact").isNull()).isTrue();
    assertThat(json.get("account").isNull()).isTrue();
    assertThat(json.get("contactId").asText()).isEqualTo("ct1a2b3c-5678-9abc-def0-1234567890ab");
    assertThat(json.get("enrichment").toString()).isEqualTo(
        "{\"complete\":false,\"problems\":[\"contact lookup timed out after PT2S\",\"account lookup timed out after PT2S\"]}");
  }

  @Test
  void aLinkedContactTheCrmDoesNotKnowIsNullWhileTheEnrichmentIsComplete() {
    try (Conversations service = service(directory).build()) {
      ConversationId id = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.SMS))
          .customerAddress("+4915112345678").contactId(ContactId.of("ct-unknown")))).conversation().id();

      JsonNode json = CrmGetConversation.over(service).handle(ACME, id.value()).body();

      assertThat(json.get("contactId").asText()).isEqualTo("ct-unknown");
      assertThat(json.get("contact").isNull()).isTrue();
      assertThat(json.get("accountId").isNull()).isTrue();
      assertThat(json.get("account").isNull()).isTrue();
      assertThat(json.get("enrichment").toString()).isEqualTo("{\"complete\":true,\"problems\":[]}");
    }
  }

  @Test
  void aNewWebChatWithNothingLinkedHasNullsWhereTheDocumentAllowsThemAndEmptyLists() {
    try (Conversations service = service(directory).build()) {
      directory.contactLookup = (tenant, contact) -> {
        throw new AssertionError("nothing linked, nothing looked up");
      };
      ConversationId id = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.WEB_CHAT))))
          .conversation().id();

      JsonNode json = CrmGetConversation.over(service).handle(ACME, id.value()).body();

      assertThat(json.get("status").asText()).isEqualTo("new");
      assertThat(json.get("channelId").asText()).isEqualTo("web_chat");
      for (String field : List.of("contactId", "accountId", "summary", "subject", "outcome", "lastMessageAt", "contact", "account")) {
        assertThat(json.get(field).isNull()).as(field).isTrue();
      }
      assertThat(json.get("messageCount").intValue()).isZero();
      assertThat(json.get("messages")).isEmpty();
      assertThat(json.get("attentionItems")).isEmpty();
    }
  }

  @Test
  void aMessageOfAnotherConversationIsAProgrammingError() {
    Message foreign = Message.builder().from(CrmFixtures.message(1, Participant.customer(), "Hi", "2026-03-24T08:15:00Z"))
        .conversationId(ConversationId.of("someone-else")).build();
    Enriched enriched = new Enriched(documentConversation(), Option.none(), Option.some(documentAccount()), true, List.empty());

    assertThatThrownBy(() -> CrmJson.conversation(enriched, List.of(foreign)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("belongs to conversation someone-else, not c1a2b3c4-5678-9abc-def0-1234567890ab");
  }
}
