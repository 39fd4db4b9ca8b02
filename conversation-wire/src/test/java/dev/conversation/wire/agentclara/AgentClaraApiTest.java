package dev.conversation.wire.agentclara;

import static dev.conversation.wire.agentclara.ClaraFixtures.ACME;
import static dev.conversation.wire.agentclara.ClaraFixtures.GLOBEX;
import static dev.conversation.wire.agentclara.ClaraFixtures.SUPPORT;
import static dev.conversation.wire.agentclara.ClaraFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Directory;
import dev.conversation.service.Conversations;
import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints end to end over an in-memory service, and every error path. */
class AgentClaraApiTest {

  private final Conversations service = ClaraFixtures.service();
  private final AgentClaraApi api = AgentClaraApi.over(service, SUPPORT);

  @AfterEach
  void tearDown() {
    service.close();
  }

  private String create(String body) {
    AgentClaraResponse created = api.create(ACME, body);
    assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
    return created.json().get("id").textValue();
  }

  @Test
  void createSendGetAndListAConversation() {
    AgentClaraResponse created = api.create(ACME, """
        {"channel": "whatsapp", "customer_phone": "+4915112345678", "customer_name": "Jane", "message": "Your order shipped"}""");
    assertThat(created.status()).isEqualTo(201);
    JsonNode c = created.json();
    assertThat(c.get("customer_name").textValue()).isEqualTo("Jane");
    assertThat(c.get("channel").textValue()).isEqualTo("whatsapp");
    assertThat(c.get("messages")).hasSize(1);
    assertThat(c.get("messages").get(0).get("sender").textValue()).isEqualTo("assistant");
    String id = c.get("id").textValue();

    AgentClaraResponse sent = api.send(ACME, id, "{\"content\": \"Thanks!\", \"sender\": \"customer\"}");
    assertThat(sent.status()).isEqualTo(201);
    assertThat(List.ofAll(sent.json()::fieldNames)).containsExactlyElementsOf(AgentClaraJson.MESSAGE_FIELDS);
    assertThat(sent.json().get("delivery_status").isNull()).as("a customer's message has no delivery status").isTrue();
    assertThat(sent.json().get("sender").textValue()).isEqualTo("customer");

    JsonNode got = api.get(ACME, id).json();
    assertThat(List.ofAll(got.get("messages")).map(m -> m.get("content").textValue())).containsExactly("Your order shipped", "Thanks!");
    assertThat(got.get("unread").booleanValue()).isTrue();

    create("{\"channel\": \"email\", \"customer_email\": \"bob@example.com\"}");
    String customer = c.get("customer_id").textValue();
    JsonNode mine = api.list(ACME, Map.of("customer_id", customer, "status", "open", "channel", "whatsapp")).json();
    assertThat(List.ofAll(mine.get("conversations")).map(e -> e.get("id").textValue())).containsExactly(id);
    assertThat(mine.get("conversations").get(0).get("customer_name").textValue()).isEqualTo("Jane");
    assertThat(api.list(ACME, Map.of("unread", "true")).json().get("conversations")).hasSize(1);
    assertThat(api.list(ACME, Map.of("status", "closed")).json().get("conversations")).isEmpty();
    assertThat(api.list(GLOBEX, Map.of()).json().get("conversations")).as("another tenant sees nothing").isEmpty();
  }

  @Test
  void updateAddsTagsAndNamesTheCustomerLinkingANewContactWhenThereIsNone() {
    String id = create("{\"channel\": \"email\", \"customer_email\": \"bob@example.com\"}");
    assertThat(api.get(ACME, id).json().get("customer_id").isNull()).isTrue();
    AgentClaraResponse updated = api.update(ACME, id, "{\"tags\": [\"important\", \"vip\"], \"customer_name\": \"Bob\"}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("tags")).isEqualTo(json("{\"t\": [\"important\", \"vip\"]}").get("t"));
    assertThat(updated.json().get("customer_name").textValue()).isEqualTo("Bob");
    assertThat(updated.json().get("customer_email").textValue()).isEqualTo("bob@example.com");
    assertThat(updated.json().get("customer_id").isTextual()).isTrue();
    assertThat(api.update(ACME, id, "{\"tags\": [\"vip\", \"billing\"]}").json().get("tags"))
        .as("tags are added, never replaced").isEqualTo(json("{\"t\": [\"important\", \"vip\", \"billing\"]}").get("t"));
    assertThat(api.update(ACME, id, "{}").status()).as("an empty update changes nothing").isEqualTo(200);
  }

  @Test
  void impossibleIdsAre400NamingConversationIdOnEveryEndpoint() {
    for (String id : List.of(" ", "x".repeat(129), "c\u0000")) {
      for (AgentClaraResponse r : List.of(api.get(ACME, id), api.send(ACME, id, "{\"content\": \"Hi\"}"),
          api.update(ACME, id, "{\"status\": \"resolved\"}"), api.close(ACME, id))) {
        assertThat(r.status()).as("%s", id).isEqualTo(400);
        assertThat(r.json().get("field").textValue()).isEqualTo("conversation_id");
      }
    }
    assertThat(api.get(ACME, " ").body()).isEqualTo(
        "{\"error\":\"bad_request\",\"message\":\"conversation_id must not be blank\",\"field\":\"conversation_id\"}");
  }

  @Test
  void unknownAndForeignIdsAreNotFoundOnEveryEndpoint() {
    String theirs = AgentClaraApi.over(service, SUPPORT).create(GLOBEX,
        "{\"channel\": \"email\", \"customer_email\": \"x@example.com\"}").json().get("id").textValue();
    for (String id : List.of("missing", theirs)) {
      assertThat(api.get(ACME, id).status()).as("get %s", id).isEqualTo(404);
      assertThat(api.send(ACME, id, "{\"content\": \"Hi\"}").status()).as("send %s", id).isEqualTo(404);
      assertThat(api.update(ACME, id, "{\"status\": \"resolved\"}").status()).as("update %s", id).isEqualTo(404);
      assertThat(api.close(ACME, id).status()).as("close %s", id).isEqualTo(404);
    }
    assertThat(api.get(GLOBEX, theirs).status()).isEqualTo(200);
  }

  @Test
  void bodiesThatAreNotObjectsOrHaveWrongTypesAreBadRequestsNamingTheMember() {
    String id = create("{\"channel\": \"email\", \"customer_email\": \"bob@example.com\"}");
    Map<String, String> cases = Map.of(
        "{\"tags\": \"vip\"}", "tags:wrong-type",
        "{\"tags\": [\"vip\", 7]}", "tags[1]:wrong-type",
        "{\"status\": true}", "status:wrong-type",
        "[1, 2]", "body:not-an-object",
        "{\"status\": \"open\"", "body:malformed-json",
        "{\"status\": \"open\", \"status\": \"closed\"}", "body:malformed-json",
        "{} {}", "body:malformed-json",
        "", "body:not-an-object");
    cases.forEach((body, expected) -> {
      AgentClaraResponse response = api.update(ACME, id, body);
      assertThat(response.status()).as(body).isEqualTo(400);
      ApiError refused = badRequest(body);
      assertThat(refused.status()).as(body).isEqualTo(400);
      assertThat(response.json().get("field").textValue()).as(body).isEqualTo(refused.field().get());
      assertThat(response.json().get("field").textValue() + ":" + refused.rule()).as(body).isEqualTo(expected);
    });
    assertThat(api.create(ACME, "{\"channel\": 5, \"customer_phone\": 4915112345678}").json().get("message").textValue())
        .isEqualTo("customer_phone must be a string, was number; channel must be a string, was number");
    assertThat(api.send(ACME, id, "{\"content\": false}").json().get("field").textValue()).isEqualTo("content");
    ApiError wrongTypes = ClaraFixtures.badRequest(AgentClaraJson.listRequest(json("{\"limit\": \"ten\", \"offset\": 2.5, \"unread\": 1}")));
    assertThat(ClaraFixtures.fieldAndRule(wrongTypes)).isEqualTo("offset:wrong-type");
    assertThat(wrongTypes.message()).isEqualTo("offset must be a whole number, was number; unread must be true or false, was number");
    assertThat(ClaraFixtures.fieldAndRule(ClaraFixtures.badRequest(AgentClaraJson.listRequest(json("{\"unread\": 1}")))))
        .isEqualTo("unread:wrong-type");
    assertThat(AgentClaraJson.listRequest(json("{\"limit\": 10, \"offset\": \"20\", \"unread\": true}")).get())
        .isEqualTo(new AgentClaraRequest.ListConversations(Option.some("10"), Option.some("20"), Option.none(), Option.none(),
            Option.none(), Option.some("true")));
  }

  private static ApiError badRequest(String body) {
    return AgentClaraJson.read(body).flatMap(AgentClaraJson::updateRequest)
        .fold(e -> e, r -> { throw new AssertionError("expected a bad request for " + r); });
  }

  @Test
  void theServicesOwnInputRulesComeBackUnderAgentClarasParameterNames() {
    AgentClaraResponse blankFirst = api.create(ACME, "{\"channel\": \"sms\", \"customer_phone\": \"+15555550100\", \"message\": \"  \"}");
    assertThat(blankFirst.status()).isEqualTo(400);
    assertThat(blankFirst.json().get("field").textValue()).isEqualTo("message");
    assertThat(blankFirst.json().get("message").textValue()).isEqualTo("message must not be blank");
    String id = create("{\"channel\": \"sms\", \"customer_phone\": \"+15555550100\"}");
    AgentClaraResponse blank = api.send(ACME, id, "{\"content\": \" \"}");
    assertThat(blank.json()).isEqualTo(json("""
        {"error": "bad_request", "message": "content must not be blank", "field": "content"}"""));
    AgentClaraResponse twice = api.update(ACME, id, "{\"tags\": [\"vip\", \"vip\"]}");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get("field").textValue()).isEqualTo("tags[1]");
    assertThat(twice.json().get("message").textValue()).isEqualTo("tag 'vip' appears more than once in tags");
  }

  @Test
  void aFailingDirectoryIs503WithoutTheCausesDetails() {
    Directory broken = new Directory() {
      @Override
      public Option<Contact> contact(TenantId tenant, ContactId id) {
        throw new IllegalStateException("crm password=hunter2 rejected");
      }

      @Override
      public Option<Account> account(TenantId tenant, AccountId id) {
        throw new IllegalStateException("crm down");
      }

      @Override
      public Option<Contact> findByAddress(TenantId tenant, dev.conversation.domain.ChannelType channel,
          dev.conversation.domain.ContactPoint address) {
        throw new IllegalStateException("crm password=hunter2 rejected");
      }

      @Override
      public void save(TenantId tenant, Contact contact) {
        throw new IllegalStateException("crm password=hunter2 rejected");
      }

      @Override
      public void save(TenantId tenant, Account account) {
        throw new IllegalStateException("crm down");
      }

      @Override
      public boolean delete(TenantId tenant, dev.conversation.domain.ContactId id) {
        throw new IllegalStateException("crm down");
      }
    };
    try (Conversations crmless = Conversations.builder().directory(broken).build()) {
      AgentClaraResponse response = AgentClaraApi.over(crmless, SUPPORT)
          .create(ACME, "{\"channel\": \"email\", \"customer_email\": \"a@example.com\", \"customer_name\": \"A\"}");
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.json().get("error").textValue()).isEqualTo("unavailable");
      assertThat(response.body()).doesNotContain("hunter2");
    }
  }

  @Test
  void anUpdateTheLifecycleRefusesInAnyPartChangesNothing() {
    String id = create("{\"channel\": \"sms\", \"customer_phone\": \"+15555550100\"}");
    HumanAgent alice = HumanAgent.of(HumanAgentId.of("alice"), "Alice");
    service.execute(ACME, ConversationId.of(id), Command.HandOff.toAgent(Participant.human(alice), alice, "VIP"));
    Conversation before = service.get(ACME, ConversationId.of(id)).get();
    AgentClaraResponse response = api.update(ACME, id,
        "{\"tags\": [\"vip\"], \"customer_name\": \"Bob\", \"status\": \"resolved\"}");
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().get("field").textValue()).isEqualTo("status");
    assertThat(service.get(ACME, ConversationId.of(id)).get()).as("no tag added, no contact linked").isEqualTo(before);
  }

  @Test
  void aClosedConversationRefusesNewTagsAndAReopenAlike() {
    String id = create("{\"channel\": \"sms\", \"customer_phone\": \"+15555550100\"}");
    assertThat(api.close(ACME, id).status()).isEqualTo(200);
    Conversation before = service.get(ACME, ConversationId.of(id)).get();
    AgentClaraResponse tags = api.update(ACME, id, "{\"tags\": [\"vip\"]}");
    assertThat(tags.status()).isEqualTo(409);
    assertThat(tags.json().get("field").textValue()).isEqualTo("tags");
    assertThat(api.update(ACME, id, "{\"status\": \"open\"}").status()).isEqualTo(409);
    assertThat(service.get(ACME, ConversationId.of(id)).get()).isEqualTo(before);
  }

  @Test
  void namingTheCustomerOfAConversationWithTheLongestIdLinksABoundedContactId() {
    String longest = "c".repeat(dev.conversation.domain.Limits.MAX_ID);
    try (Conversations withLongIds = Conversations.builder().ids(() -> longest).build()) {
      AgentClaraApi longApi = AgentClaraApi.over(withLongIds, SUPPORT);
      assertThat(longApi.create(ACME, "{\"channel\": \"sms\", \"customer_phone\": \"+15555550100\"}").status()).isEqualTo(201);
      AgentClaraResponse named = longApi.update(ACME, longest, "{\"customer_name\": \"Bob\", \"tags\": [\"vip\"]}");
      assertThat(named.status()).isEqualTo(200);
      assertThat(named.json().get("customer_name").textValue()).isEqualTo("Bob");
      Conversation c = withLongIds.get(ACME, ConversationId.of(longest)).get();
      assertThat(c.contactId()).contains(AgentClaraApi.contactFor(ConversationId.of(longest)));
      assertThat(c.version()).as("tags and the contact link in one commit").isEqualTo(2);
      assertThat(longApi.update(ACME, longest, "{\"customer_name\": \"Bob\", \"tags\": [\"vip\"]}").status()).isEqualTo(200);
      assertThat(withLongIds.get(ACME, ConversationId.of(longest)).get().version()).as("repeated: nothing changes").isEqualTo(2);
    }
  }

  @Test
  void aCreateWithPhoneAndEmailKeepsBothAndAnswersWithBoth() {
    AgentClaraResponse created = api.create(ACME, """
        {"channel": "sms", "customer_phone": "+4915112345678", "customer_email": "jane@example.com"}""");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("customer_phone").textValue()).isEqualTo("+4915112345678");
    assertThat(created.json().get("customer_email").textValue()).isEqualTo("jane@example.com");
    String id = created.json().get("id").textValue();
    AgentClaraResponse read = api.get(ACME, id);
    assertThat(read.json().get("customer_email").textValue()).as("the e-mail is stored, not only echoed").isEqualTo("jane@example.com");
    var contact = service.directory().contact(ACME, service.get(ACME, dev.conversation.domain.ConversationId.of(id)).get().contactId().get()).get();
    assertThat(contact.phone().map(p -> p.value())).contains("+4915112345678");
    assertThat(contact.email().map(e -> e.value())).contains("jane@example.com");

    AgentClaraResponse mail = api.create(ACME, """
        {"channel": "email", "customer_email": "bob@example.com", "customer_phone": "+4915100000001", "customer_name": "Bob"}""");
    assertThat(mail.json().get("customer_phone").textValue()).isEqualTo("+4915100000001");
    assertThat(mail.json().get("customer_name").textValue()).isEqualTo("Bob");
  }

  @Test
  void anIdempotencyKeyMakesARetriedCreateOrSendAnswerTheOriginal() {
    String body = "{\"channel\": \"sms\", \"customer_phone\": \"+4915112345678\", \"message\": \"Hello\"}";
    AgentClaraResponse first = api.create(ACME, body, Option.some("create-1"));
    AgentClaraResponse again = api.create(ACME, body, Option.some("create-1"));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(again.json().get("messages")).isEqualTo(first.json().get("messages"));
    AgentClaraResponse other = api.create(ACME, body.replace("Hello", "Bye"), Option.some("create-1"));
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.json().get("field").textValue()).isEqualTo("Idempotency-Key");
    assertThat(service.store().count(ACME, dev.conversation.persistence.ConversationFilter.all())).isEqualTo(1);

    String id = first.json().get("id").textValue();
    AgentClaraResponse sent = api.send(ACME, id, "{\"content\": \"Hi again\", \"sender\": \"customer\"}", Option.some("send-1"));
    AgentClaraResponse resent = api.send(ACME, id, "{\"content\": \"Hi again\", \"sender\": \"customer\"}", Option.some("send-1"));
    assertThat(resent.status()).isEqualTo(201);
    assertThat(resent.json()).isEqualTo(sent.json());
    AgentClaraResponse reused = api.send(ACME, id, "{\"content\": \"Other\", \"sender\": \"customer\"}", Option.some("send-1"));
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.json().get("error").textValue()).isEqualTo("conflict");
    assertThat(reused.json().get("message").textValue()).contains("idempotency key 'send-1' was already used");
    assertThat(api.get(ACME, id).json().get("messages")).hasSize(2);

    AgentClaraResponse bad = api.send(ACME, id, "{\"content\": \"x\"}", Option.some("k".repeat(AgentClaraApi.IDEMPOTENCY_KEY_MAX + 1)));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").textValue()).isEqualTo("Idempotency-Key");
    assertThat(bad.body()).doesNotContain("kkkk");
    assertThat(api.create(ACME, body, Option.some(" ")).status()).isEqualTo(400);
  }
}
