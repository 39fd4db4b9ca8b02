package dev.conversation.wire.agentclara;

import static dev.conversation.wire.agentclara.ClaraFixtures.ACME;
import static dev.conversation.wire.agentclara.ClaraFixtures.GLOBEX;
import static dev.conversation.wire.agentclara.ClaraFixtures.SUPPORT;
import static dev.conversation.wire.agentclara.ClaraFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Golden tests from AgentClara's "Conversation Fields" table and the shapes chosen where it is silent. */
class AgentClaraFieldsTest {

  private final Conversations service = ClaraFixtures.service();
  private final AgentClaraApi api = AgentClaraApi.over(service, SUPPORT);

  @AfterEach
  void tearDown() {
    service.close();
  }

  /** Checks a JSON value against a type word of the document's tables. */
  static void hasDocumentedType(String field, JsonNode value, String type) {
    switch (type) {
      case "string" -> assertThat(value.isTextual()).as("%s is a string: %s", field, value).isTrue();
      case "boolean" -> assertThat(value.isBoolean()).as("%s is a boolean: %s", field, value).isTrue();
      case "array" -> assertThat(value.isArray()).as("%s is an array: %s", field, value).isTrue();
      case "ISO 8601" -> assertThat(DateTimeFormatter.ISO_INSTANT.parse(value.textValue())).as(field).isNotNull();
      default -> throw new AssertionError("a type the table does not use: " + type);
    }
  }

  @Test
  void aFullConversationHasEveryDocumentedFieldInTheTablesOrderWithTheTablesType() {
    JsonNode created = api.create(ACME, """
        {"channel": "sms", "customer_phone": "+4915112345678", "customer_name": "Jane Smith", "message": "Hello Jane"}""").json();
    String id = created.get("id").textValue();
    // The host's CRM knows her e-mail address too (a create takes only the channel's address).
    ContactId contact = ContactId.of(created.get("customer_id").textValue());
    service.directory().save(ACME, Contact.builder().from(service.directory().contact(ACME, contact).get())
        .email(Option.some(new EmailAddress("jane@example.com"))).build());
    // AgentClara has no subject parameter; the host's own tooling sets one.
    service.execute(ACME, ConversationId.of(id), Command.UpdateMetadata.by(Participant.system()).subject("Opening hours"));
    api.update(ACME, id, """
        {"tags": ["important", "vip"]}""");
    api.send(ACME, id, """
        {"content": "What are your hours?", "sender": "customer"}""");
    JsonNode got = api.get(ACME, id).json();

    ClaraFixtures.Row[] rows = ClaraFixtures.table("conversation-fields.md", null).toJavaArray(ClaraFixtures.Row[]::new);
    assertThat(List.ofAll(got::fieldNames)).containsExactlyElementsOf(List.of(rows).map(ClaraFixtures.Row::name))
        .containsExactlyElementsOf(AgentClaraJson.CONVERSATION_FIELDS);
    for (ClaraFixtures.Row row : rows) {
      hasDocumentedType(row.name(), got.get(row.name()), row.type());
    }
    assertThat(got.get("customer_id").textValue()).isEqualTo(created.get("customer_id").textValue());
    assertThat(got.get("customer_name").textValue()).isEqualTo("Jane Smith");
    assertThat(got.get("customer_phone").textValue()).isEqualTo("+4915112345678");
    assertThat(got.get("customer_email").textValue()).isEqualTo("jane@example.com");
    assertThat(got.get("channel").textValue()).isEqualTo("sms");
    assertThat(got.get("status").textValue()).isIn(AgentClaraVocabulary.STATUS_WORDS.toJavaList()).isEqualTo("open");
    assertThat(got.get("subject").textValue()).isEqualTo("Opening hours");
    assertThat(got.get("last_message").textValue()).isEqualTo("What are your hours?");
    assertThat(got.get("timestamp").textValue()).isEqualTo("2026-03-24T08:15:00.000000Z");
    assertThat(got.get("unread").booleanValue()).isTrue();
    assertThat(got.get("tags")).isEqualTo(json("{\"t\": [\"important\", \"vip\"]}").get("t"));
    assertThat(got.get("messages")).hasSize(2);
    assertThat(List.ofAll(got.get("messages").get(0)::fieldNames)).containsExactlyElementsOf(AgentClaraJson.MESSAGE_FIELDS);
    assertThat(List.ofAll(got.get("messages")).map(m -> m.get("sender").textValue())).containsExactly("assistant", "customer");
  }

  @Test
  void absentValuesAreJsonNullNeverMissingFields() {
    Conversation bare = Conversation.builder().id(ConversationId.of("c-1")).tenantId(TenantId.of("t"))
        .workspaceId(WorkspaceId.of("w")).channel(Channel.of(ChannelType.WEB_CHAT)).status(Status.NEW)
        .createdAt(Instant.parse("2026-03-24T08:15:00.123456Z")).updatedAt(Instant.parse("2026-03-24T08:15:00.123456Z"))
        .version(1).build();
    JsonNode out = AgentClaraJson.conversation(bare, Option.none(), Option.none());
    assertThat(out).isEqualTo(json("""
        {"id": "c-1", "customer_id": null, "customer_name": null, "customer_email": null, "customer_phone": null,
         "channel": "web_chat", "status": "open", "subject": null, "last_message": null,
         "timestamp": "2026-03-24T08:15:00.123456Z", "unread": false, "tags": [], "messages": null}"""));
  }

  @Test
  void theContactFillsTheAddressesTheChannelDoesNotHaveAndTheChannelsAddressWins() {
    Conversation email = Conversation.builder().id(ConversationId.of("c-2")).tenantId(TenantId.of("t"))
        .workspaceId(WorkspaceId.of("w")).channel(Channel.of(ChannelType.EMAIL))
        .customerAddress(Option.some(new EmailAddress("jane@work.example.com"))).contactId(Option.some(ContactId.of("k-1")))
        .status(Status.NEW).createdAt(ClaraFixtures.T0).updatedAt(ClaraFixtures.T0).version(1).build();
    Contact jane = Contact.builder().id(ContactId.of("k-1")).name(Option.some("Jane"))
        .email(Option.some(new EmailAddress("jane@home.example.com"))).phone(Option.some(new PhoneNumber("+14155550100"))).build();
    JsonNode out = AgentClaraJson.conversation(email, Option.some(jane), Option.some(List.empty()));
    assertThat(out.get("customer_email").textValue()).isEqualTo("jane@work.example.com");
    assertThat(out.get("customer_phone").textValue()).isEqualTo("+14155550100");
    assertThat(out.get("customer_name").textValue()).isEqualTo("Jane");
    assertThat(out.get("messages")).isEmpty();
  }

  @Test
  void aListingIsThePlainEnvelopeWithoutThreadsAndWithTheFiltersTotal() {
    for (int i = 0; i < 3; i++) {
      api.create(ACME, "{\"channel\": \"email\", \"customer_email\": \"c" + i + "@example.com\"}");
    }
    api.create(ACME, "{\"channel\": \"sms\", \"customer_phone\": \"+15555550177\"}");
    api.create(GLOBEX, "{\"channel\": \"email\", \"customer_email\": \"other@example.com\"}");
    JsonNode page = api.list(ACME, java.util.Map.of("limit", "2", "offset", "0", "channel", "email")).json();
    assertThat(List.ofAll(page::fieldNames)).containsExactly("conversations", "limit", "offset", "has_more", "total");
    assertThat(page.get("total").longValue()).as("every e-mail conversation of the tenant, over all pages").isEqualTo(3);
    assertThat(api.list(ACME, java.util.Map.of()).json().get("total").longValue()).as("no filter: the tenant's all").isEqualTo(4);
    page = api.list(ACME, java.util.Map.of("limit", "2", "offset", "0")).json();
    assertThat(page.get("conversations")).hasSize(2);
    assertThat(page.get("limit").intValue()).isEqualTo(2);
    assertThat(page.get("offset").intValue()).isZero();
    assertThat(page.get("has_more").booleanValue()).isTrue();
    assertThat(page.get("conversations").get(0).get("messages").isNull()).isTrue();
    JsonNode last = api.list(ACME, java.util.Map.of("offset", "3")).json();
    assertThat(last.get("conversations")).hasSize(1);
    assertThat(last.get("limit").intValue()).isEqualTo(25);
    assertThat(last.get("has_more").booleanValue()).isFalse();
  }

  @Test
  void errorsOf400And401And404ShareOnePlainShape() {
    AgentClaraResponse bad = api.list(ACME, java.util.Map.of("limit", "500"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json()).isEqualTo(json("""
        {"error": "bad_request", "message": "limit must be 1 to 100 (default 25), was 500", "field": "limit"}"""));
    AgentClaraResponse unauthorized = AgentClaraApi.unauthorized("missing API key");
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.json()).isEqualTo(json("""
        {"error": "unauthorized", "message": "missing API key", "field": null}"""));
    AgentClaraResponse missing = api.get(ACME, "nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json()).isEqualTo(json("""
        {"error": "not_found", "message": "conversation nope not found", "field": "conversation_id"}"""));
    assertThat(missing.body()).isEqualTo(
        "{\"error\":\"not_found\",\"message\":\"conversation nope not found\",\"field\":\"conversation_id\"}");
  }

  @Test
  void anErrorNeverEchoesAHugeInputAndTimestampsHaveOneWidth() {
    String huge = "x".repeat(1_000_000);
    ApiError bad = ApiError.badRequest("channel", "unknown", "channel '" + huge + "' is not one of email, sms");
    JsonNode out = AgentClaraJson.error(bad);
    String message = out.get("message").textValue();
    assertThat(message.codePointCount(0, message.length())).isEqualTo(AgentClaraJson.MAX_ERROR_MESSAGE);
    assertThat(message).startsWith("channel 'xxx").endsWith("…");
    assertThat(AgentClaraJson.error(ApiError.badRequest("f", "r", "short")).get("message").textValue()).isEqualTo("short");
    String emoji = "\uD83D\uDE00".repeat(600);
    String cutEmoji = AgentClaraJson.error(ApiError.badRequest("f", "r", emoji)).get("message").textValue();
    assertThat(Character.isHighSurrogate(cutEmoji.charAt(cutEmoji.length() - 2))).as("never cuts a surrogate pair").isFalse();
    assertThat(AgentClaraJson.time(Instant.parse("2026-03-24T08:15:31.309Z")))
        .hasSameSizeAs(AgentClaraJson.time(Instant.parse("2026-03-24T08:15:31.309083Z")))
        .isEqualTo("2026-03-24T08:15:31.309000Z");
    assertThat(AgentClaraJson.time(Instant.parse("2026-03-24T08:15:31.309083999Z"))).isEqualTo("2026-03-24T08:15:31.309083Z");
  }

  @Test
  void aMalformedBodyIsNamedInTheApisWordsNeverTheParsers() {
    java.util.Map<String, String> bodies = new java.util.LinkedHashMap<>();
    bodies.put("{\"a\": 1,}", "not well-formed JSON (line 1");
    bodies.put("{\"a\": 1, \"a\": 2}", "appears twice");
    bodies.put("{\"a\": 1} {}", "more after the JSON value");
    bodies.put("{\"a\": ", "ends before");
    bodies.put("", "must be a JSON object");
    bodies.put("[".repeat(2_000) + "]".repeat(2_000), "nested too deeply");
    bodies.forEach((body, expected) -> {
      ApiError refused = AgentClaraJson.read(body).getLeft();
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.rule()).isIn("malformed-json", "not-an-object");
      String message = refused.message();
      assertThat(message).as("%s", body.length() > 40 ? body.substring(0, 40) : body).contains(expected);
      assertThat(message).doesNotContain("com.fasterxml", "jackson", "Jackson", "Feature", "StreamReadConstraints", "JsonNode");
      assertThat(refused.field()).contains("body");
    });
  }
}
