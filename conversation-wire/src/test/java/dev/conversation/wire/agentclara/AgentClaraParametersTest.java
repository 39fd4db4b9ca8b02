package dev.conversation.wire.agentclara;

import static dev.conversation.wire.agentclara.ClaraFixtures.SUPPORT;
import static dev.conversation.wire.agentclara.ClaraFixtures.json;
import static dev.conversation.wire.agentclara.ClaraFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Status;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.wire.agentclara.AgentClaraRequest.CreateConversation;
import dev.conversation.wire.agentclara.AgentClaraRequest.ListConversations;
import dev.conversation.wire.agentclara.AgentClaraRequest.SendMessage;
import dev.conversation.wire.agentclara.AgentClaraRequest.UpdateConversation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden tests from AgentClara's parameter tables: every documented parameter is accepted, every constraint enforced. */
class AgentClaraParametersTest {

  private static Seq<String> documented(String section) {
    return ClaraFixtures.table("parameters.md", section).map(ClaraFixtures.Row::name);
  }

  private static List<String> fieldsAndRules(Seq<Violation> violations) {
    return violations.map(v -> v.field() + ":" + v.rule()).toList();
  }

  private static ListConversations list(Map<String, String> query) {
    return ListConversations.of(query);
  }

  @Test
  void listTakesEveryDocumentedParameterAndEveryDocumentedWord() {
    assertThat(documented("List Conversations")).containsExactly("limit", "offset", "channel", "status", "customer_id");
    assertThat(AgentClaraVocabulary.query(list(Map.of())).get())
        .isEqualTo(ConversationQuery.first(ConversationFilter.all()).withLimit(25).withOffset(0));
    ConversationQuery all = AgentClaraVocabulary.query(list(Map.of("limit", "100", "offset", "40", "channel", "whatsapp",
        "status", "open", "customer_id", "cust_42"))).get();
    assertThat(all).isEqualTo(ConversationQuery.first(ConversationFilter.all().withChannels(ChannelType.WHATSAPP)
            .withStatuses(Status.NEW, Status.ACTIVE, Status.WAITING, Status.HUMAN_MANAGED, Status.SNOOZED)
            .withContact(ContactId.of("cust_42")))
        .withLimit(100).withOffset(40));
    // The words of the table's descriptions, each accepted.
    for (String channel : List.of("sms", "email", "instagram", "facebook", "whatsapp", "voice")) {
      assertThat(AgentClaraVocabulary.query(list(Map.of("channel", channel))).get().filter().channels())
          .containsExactly(ChannelType.valueOf(channel.toUpperCase()));
    }
    assertThat(AgentClaraVocabulary.query(list(Map.of("status", "closed"))).get().filter().statuses()).containsExactly(Status.CLOSED);
    assertThat(AgentClaraVocabulary.query(list(Map.of("status", "resolved"))).get().filter().statuses()).containsExactly(Status.RESOLVED);
    assertThat(AgentClaraVocabulary.query(list(Map.of("limit", "1"))).get().limit()).isEqualTo(1);
    // "Get Unread Conversations" is one of the document's examples.
    assertThat(AgentClaraVocabulary.query(list(Map.of("unread", "true"))).get().filter().unread()).contains(true);
  }

  @Test
  void listRefusesEveryValueOutsideTheTableNamingItsParameter() {
    Map<String, String> bad = Map.ofEntries(
        Map.entry("limit=abc", "limit:not-a-number"), Map.entry("limit=1e2", "limit:not-a-number"),
        Map.entry("limit= 5", "limit:not-a-number"), Map.entry("limit=", "limit:not-a-number"),
        Map.entry("limit=0", "limit:limit-out-of-range"), Map.entry("limit=101", "limit:limit-out-of-range"),
        Map.entry("limit=-1", "limit:limit-out-of-range"),
        Map.entry("limit=99999999999999999999999", "limit:limit-out-of-range"),
        Map.entry("offset=-1", "offset:offset-negative"), Map.entry("offset=ten", "offset:not-a-number"),
        Map.entry("offset=2147483648", "offset:offset-out-of-range"),
        Map.entry("channel=slack", "channel:unknown-channel"), Map.entry("channel=web_chat", "channel:unknown-channel"),
        Map.entry("channel=SMS", "channel:unknown-channel"), Map.entry("status=pending", "status:unknown-status"),
        Map.entry("status=human_managed", "status:unknown-status"), Map.entry("customer_id=", "customer_id:invalid-id"),
        Map.entry("unread=yes", "unread:not-a-boolean"));
    bad.forEach((parameter, expected) -> {
      String[] kv = parameter.split("=", 2);
      assertThat(fieldsAndRules(violations(AgentClaraVocabulary.query(list(Map.of(kv[0], kv[1]))))))
          .as(parameter).containsExactly(expected);
    });
    assertThat(violations(AgentClaraVocabulary.query(list(Map.of("channel", "pigeon")))).single().message())
        .isEqualTo("channel must be one of sms, email, instagram, facebook, whatsapp, voice; was 'pigeon'");
    // Every problem at once, in the table's order.
    assertThat(fieldsAndRules(violations(AgentClaraVocabulary.query(list(Map.of("limit", "0", "offset", "-3", "status", "x"))))))
        .containsExactly("limit:limit-out-of-range", "offset:offset-negative", "status:unknown-status");
  }

  @Test
  void createTakesEveryDocumentedParameter() {
    assertThat(documented("Create Conversation"))
        .containsExactly("customer_phone", "customer_email", "customer_name", "channel", "message");
    CreateConversation request = AgentClaraJson.createRequest(json("""
        {"customer_phone": "+4915112345678", "customer_name": "Jane", "channel": "sms", "message": "Hi"}""")).get();
    assertThat(AgentClaraVocabulary.newConversation(request, SUPPORT).get()).isEqualTo(
        NewConversation.on(SUPPORT, Channel.of(ChannelType.SMS)).customerAddress("+4915112345678").customerName("Jane")
            .firstMessage(NewMessage.of(Participant.ai(), "Hi")));
    CreateConversation email = AgentClaraJson.createRequest(json("""
        {"customer_email": "jane@example.com", "channel": "email"}""")).get();
    assertThat(AgentClaraVocabulary.newConversation(email, SUPPORT).get())
        .isEqualTo(NewConversation.on(SUPPORT, Channel.of(ChannelType.EMAIL)).customerAddress("jane@example.com"));
  }

  @Test
  void createEnforcesTheConditionalAddressesAndTheRequiredChannel() {
    Map<String, String> needsPhone = Map.of("sms", "customer_phone", "voice", "customer_phone", "whatsapp", "customer_phone",
        "email", "customer_email");
    needsPhone.forEach((channel, field) -> {
      CreateConversation bare = new CreateConversation(Option.none(), Option.none(), Option.none(), Option.some(channel), Option.none());
      assertThat(fieldsAndRules(violations(AgentClaraVocabulary.newConversation(bare, SUPPORT)))).as(channel)
          .containsExactly(field + ":required");
    });
    CreateConversation nothing = new CreateConversation(Option.none(), Option.none(), Option.none(), Option.none(), Option.none());
    assertThat(fieldsAndRules(violations(AgentClaraVocabulary.newConversation(nothing, SUPPORT)))).containsExactly("channel:required");
    for (String handleChannel : List.of("instagram", "facebook")) {
      CreateConversation social = new CreateConversation(Option.none(), Option.none(), Option.none(), Option.some(handleChannel), Option.none());
      assertThat(fieldsAndRules(violations(AgentClaraVocabulary.newConversation(social, SUPPORT))))
          .containsExactly("channel:channel-needs-handle");
    }
    CreateConversation malformed = new CreateConversation(Option.some("0151 1234567"), Option.some("jane@"), Option.some(" "),
        Option.some("sms"), Option.none());
    assertThat(fieldsAndRules(violations(AgentClaraVocabulary.newConversation(malformed, SUPPORT))))
        .containsExactly("customer_phone:e164", "customer_email:email", "customer_name:not-blank");
  }

  @Test
  void sendTakesContentAndTheTwoSenderWordsWithAssistantAsDefault() {
    assertThat(documented("Send Message")).containsExactly("content", "sender");
    assertThat(AgentClaraVocabulary.newMessage(new SendMessage(Option.some("Hi"), Option.none())).get())
        .isEqualTo(NewMessage.of(Participant.ai(), "Hi"));
    assertThat(AgentClaraVocabulary.newMessage(new SendMessage(Option.some("Hi"), Option.some("assistant"))).get().author())
        .isEqualTo(Participant.ai());
    assertThat(AgentClaraVocabulary.newMessage(new SendMessage(Option.some("Hi"), Option.some("customer"))).get().author())
        .isEqualTo(Participant.customer());
    assertThat(fieldsAndRules(violations(AgentClaraVocabulary.newMessage(new SendMessage(Option.none(), Option.some("agent"))))))
        .containsExactly("content:required", "sender:unknown-sender");
  }

  @Test
  void updateTakesStatusNameAndTagsAndChecksThemAllBeforeAnythingChanges() {
    assertThat(documented("Update Conversation")).containsExactly("status", "customer_name", "tags");
    UpdateConversation ok = AgentClaraJson.updateRequest(json("""
        {"status": "resolved", "customer_name": "Jane", "tags": ["important", "vip"]}""")).get();
    assertThat(AgentClaraVocabulary.checkUpdate(ok).get()).isEqualTo(ok);
    assertThat(ok.tags().get()).containsExactly("important", "vip");
    UpdateConversation bad = AgentClaraJson.updateRequest(json("""
        {"status": "done", "customer_name": "", "tags": ["ok", "", "x\\ty"]}""")).get();
    assertThat(fieldsAndRules(violations(AgentClaraVocabulary.checkUpdate(bad))))
        .containsExactly("status:unknown-status", "customer_name:not-blank", "tags[1]:not-blank", "tags[2]:no-control-characters");
    assertThat(violations(AgentClaraVocabulary.checkUpdate(bad)).head().message())
        .isEqualTo("status must be one of open, closed, resolved; was 'done'");
  }
}
