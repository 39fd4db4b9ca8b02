package dev.conversation.wire.agentclara;

import static dev.conversation.wire.agentclara.ClaraFixtures.SUPPORT;
import static dev.conversation.wire.agentclara.ClaraFixtures.badRequest;
import static dev.conversation.wire.agentclara.ClaraFixtures.fieldAndRule;
import static dev.conversation.wire.agentclara.ClaraFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Status;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.wire.ApiError;
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
      ApiError error = badRequest(AgentClaraVocabulary.query(list(Map.of(kv[0], kv[1]))));
      assertThat(fieldAndRule(error)).as(parameter).isEqualTo(expected);
      assertThat(error.message()).as(parameter).startsWith(kv[0] + " must ");
    });
    assertThat(badRequest(AgentClaraVocabulary.query(list(Map.of("channel", "pigeon")))).message())
        .isEqualTo("channel must be one of sms, email, instagram, facebook, whatsapp, voice; was 'pigeon'");
    // Every problem at once, in the table's order: the first names the field, the message lists them all.
    ApiError all = badRequest(AgentClaraVocabulary.query(list(Map.of("limit", "0", "offset", "-3", "status", "x"))));
    assertThat(fieldAndRule(all)).isEqualTo("limit:limit-out-of-range");
    assertThat(all.message()).isEqualTo("limit must be 1 to 100 (default 25), was 0; offset must be 0 or more, was -3;"
        + " status must be one of open, closed, resolved; was 'x'");
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
      ApiError error = badRequest(AgentClaraVocabulary.newConversation(bare, SUPPORT));
      assertThat(fieldAndRule(error)).as(channel).isEqualTo(field + ":required");
      assertThat(error.message()).as(channel).isEqualTo(field + " is required for " + channel + " conversations");
    });
    CreateConversation nothing = new CreateConversation(Option.none(), Option.none(), Option.none(), Option.none(), Option.none());
    ApiError noChannel = badRequest(AgentClaraVocabulary.newConversation(nothing, SUPPORT));
    assertThat(fieldAndRule(noChannel)).isEqualTo("channel:required");
    assertThat(noChannel.message()).isEqualTo("channel is required; one of sms, email, instagram, facebook, whatsapp, voice");
    for (String handleChannel : List.of("instagram", "facebook")) {
      CreateConversation social = new CreateConversation(Option.none(), Option.none(), Option.none(), Option.some(handleChannel), Option.none());
      ApiError error = badRequest(AgentClaraVocabulary.newConversation(social, SUPPORT));
      assertThat(fieldAndRule(error)).isEqualTo("channel:channel-needs-handle");
      assertThat(error.message()).startsWith(handleChannel + " conversations need the customer's handle")
          .endsWith("they start when the customer writes on " + handleChannel);
    }
    CreateConversation malformed = new CreateConversation(Option.some("0151 1234567"), Option.some("jane@"), Option.some(" "),
        Option.some("sms"), Option.none());
    ApiError bad = badRequest(AgentClaraVocabulary.newConversation(malformed, SUPPORT));
    assertThat(fieldAndRule(bad)).isEqualTo("customer_phone:e164");
    assertThat(bad.message()).isEqualTo("customer_phone must be an E.164 phone number such as +4915112345678 (plus sign, country"
        + " code, up to 15 digits, no spaces), was '0151 1234567'; customer_email must be an e-mail address such as"
        + " jane@example.com (at most 254 characters), was 'jane@'; customer_name must not be blank");
    // Each part on its own, for its rule.
    assertThat(fieldAndRule(badRequest(AgentClaraVocabulary.newConversation(new CreateConversation(Option.some("+15555550100"),
        Option.some("jane@"), Option.none(), Option.some("sms"), Option.none()), SUPPORT)))).isEqualTo("customer_email:email");
    assertThat(fieldAndRule(badRequest(AgentClaraVocabulary.newConversation(new CreateConversation(Option.some("+15555550100"),
        Option.none(), Option.some(" "), Option.some("sms"), Option.none()), SUPPORT)))).isEqualTo("customer_name:not-blank");
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
    ApiError bad = badRequest(AgentClaraVocabulary.newMessage(new SendMessage(Option.none(), Option.some("agent"))));
    assertThat(fieldAndRule(bad)).isEqualTo("content:required");
    assertThat(bad.message()).isEqualTo("content is required: the message text; sender must be one of customer, assistant; was 'agent'");
    assertThat(fieldAndRule(badRequest(AgentClaraVocabulary.newMessage(new SendMessage(Option.some("Hi"), Option.some("agent"))))))
        .isEqualTo("sender:unknown-sender");
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
    ApiError refused = badRequest(AgentClaraVocabulary.checkUpdate(bad));
    assertThat(fieldAndRule(refused)).isEqualTo("status:unknown-status");
    assertThat(refused.message()).startsWith("status must be one of open, closed, resolved; was 'done'; ")
        .isEqualTo("status must be one of open, closed, resolved; was 'done'; customer_name must not be blank;"
            + " tags[1] must not be blank; tags[2] must not contain control characters");
    // Each part on its own, for its rule.
    assertThat(fieldAndRule(badRequest(AgentClaraVocabulary.checkUpdate(new UpdateConversation(Option.none(), Option.some(""),
        Option.none()))))).isEqualTo("customer_name:not-blank");
    assertThat(fieldAndRule(badRequest(AgentClaraVocabulary.checkUpdate(new UpdateConversation(Option.none(), Option.none(),
        Option.some(List.of("ok", ""))))))).isEqualTo("tags[1]:not-blank");
    assertThat(fieldAndRule(badRequest(AgentClaraVocabulary.checkUpdate(new UpdateConversation(Option.none(), Option.none(),
        Option.some(List.of("ok", "fine", "x\ty"))))))).isEqualTo("tags[2]:no-control-characters");
  }
}
