package dev.conversation.wire.klaviyo;

import static dev.conversation.wire.klaviyo.SeedSchemas.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoreFailure;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.wire.FailingStore;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two URLs the conversation document links to, {@code .../relationships/customer-agent-messages/}
 * and {@code .../customer-agent-messages/}: paged oldest first by following {@code next}, notes
 * left out, every document (errors too) checked against its schema.
 */
class MessagesEndpointsTest {

  private static final TenantId ACCOUNT = TenantId.of("acct-1");
  private static final TenantId OTHER = TenantId.of("acct-2");
  private static final Option<String> KEY = Option.some("Klaviyo-API-Key pk_test");
  private static final Option<String> REVISION = Option.some("2026-04-15.pre");
  private static final KlaviyoConversationResource KLAVIYO = KlaviyoConversationResource.at("https://a.klaviyo.com");

  private final Conversations service = Conversations.inMemory();
  private final KlaviyoApi api = KlaviyoApi.over(service, KLAVIYO,
      key -> key.value().equals("pk_test") ? Option.some(ACCOUNT) : key.value().equals("pk_other") ? Option.some(OTHER) : Option.none());
  private ConversationId id;
  private final java.util.List<String> said = new ArrayList<>();

  @BeforeEach
  void aThreadOf45LinesAndSomeNotes() {
    id = service.create(ACCOUNT, NewConversation.on(WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT))
        .firstMessage(NewMessage.of(Participant.customer(), "line 0"))).get().conversation().id();
    said.add("line 0");
    for (int i = 1; i < 45; i++) {
      NewMessage message = NewMessage.of(i % 2 == 0 ? Participant.customer() : Participant.ai(), "line " + i);
      if (i == 7) {
        message = message.withAttachments(List.of(Attachment.of("label.pdf", "application/pdf", 2048, "s3://bucket/secret-key")
            .withCaption("your label")));
      }
      service.send(ACCOUNT, id, message).get();
      said.add("line " + i);
      if (i % 10 == 3) {
        service.note(ACCOUNT, id, NewMessage.of(Participant.ai(), "note after " + i)).get();
      }
    }
  }

  @AfterEach
  void close() {
    service.close();
  }

  @Test
  void followingNextVisitsEveryCustomerFacingMessageOnceOldestFirst() {
    for (boolean resources : new boolean[] {false, true}) {
      java.util.List<String> ids = new ArrayList<>();
      java.util.List<String> contents = new ArrayList<>();
      Option<String> cursor = Option.none();
      int pages = 0;
      do {
        KlaviyoResponse response = resources
            ? api.messages(KEY, REVISION, id.value(), cursor, Option.some("10"))
            : api.relationship(KEY, REVISION, id.value(), cursor, Option.some("10"));
        assertThat(response.status()).isEqualTo(200);
        ObjectNode document = response.json();
        assertThat(violations(resources ? SeedSchemas.messages() : SeedSchemas.relationship(), document)).as("%s", document).isEmpty();
        assertThat(document.get("data").size()).isLessThanOrEqualTo(10);
        for (JsonNode item : document.get("data")) {
          ids.add(item.get("id").asText());
          if (resources) {
            contents.add(item.at("/attributes/content").asText());
          }
        }
        JsonNode links = document.get("links");
        String base = KLAVIYO.link(id) + (resources ? "" : "relationships/") + "customer-agent-messages/";
        assertThat(links.get("first").asText()).isEqualTo(base + "?page%5Bsize%5D=10");
        assertThat(links.get("self").asText()).startsWith(base + "?page%5Bsize%5D=10");
        if (!resources) {
          assertThat(links.get("related").asText()).isEqualTo(KLAVIYO.link(id) + "customer-agent-messages/");
        }
        cursor = links.get("next").isNull() ? Option.none() : Option.some(cursorOf(links.get("next").asText()));
        pages++;
      } while (cursor.isDefined() && pages < 20);
      assertThat(cursor).as("the last page has no next").isEmpty();
      assertThat(ids).hasSize(45).doesNotHaveDuplicates();
      if (resources) {
        assertThat(contents).containsExactlyElementsOf(said);
      }
    }
  }

  @Test
  void aMessageResourceCarriesRoleContentAttachmentsAndTimeButNotWhereTheFileIs() {
    JsonNode data = api.messages(KEY, REVISION, id.value(), Option.none(), Option.some("10")).json().get("data");
    assertThat(data.get(0).at("/attributes/role").asText()).isEqualTo("customer");
    assertThat(data.get(1).at("/attributes/role").asText()).isEqualTo("ai-agent");
    assertThat(data.get(0).at("/attributes/created_at").asText()).endsWith("+00:00");
    JsonNode seventh = data.get(7);
    assertThat(seventh.at("/attributes/content").asText()).isEqualTo("line 7");
    assertThat(seventh.at("/attributes/attachments/0/name").asText()).isEqualTo("label.pdf");
    assertThat(seventh.at("/attributes/attachments/0/media_type").asText()).isEqualTo("application/pdf");
    assertThat(seventh.at("/attributes/attachments/0/size").asLong()).isEqualTo(2048);
    assertThat(seventh.at("/attributes/attachments/0/caption").asText()).isEqualTo("your label");
    assertThat(seventh.toString()).doesNotContain("secret-key");
  }

  @Test
  void theDefaultPageIs20AndTheRetrievesLinksLeadHere() {
    ObjectNode page = api.relationship(KEY, REVISION, id.value(), Option.none(), Option.none()).json();
    // The first 20 of the thread hold two notes, left out: a page is 20 of the thread, not 20 shown.
    assertThat(page.get("data")).hasSize(18);
    assertThat(page.at("/links/self").asText()).endsWith("?page%5Bsize%5D=20");
    JsonNode links = api.retrieve(KEY, REVISION, Option.none(), id.value()).json().at("/data/relationships/customer-agent-messages/links");
    assertThat(page.at("/links/self").asText()).startsWith(links.get("self").asText() + "?");
    assertThat(page.at("/links/related").asText()).isEqualTo(links.get("related").asText());
  }

  @Test
  void badRequestsAreKlaviyoErrorsNamingTheParameter() {
    for (String size : java.util.List.of("0", "101", "abc", "-1", "1.5", "", "0010000")) {
      KlaviyoResponse response = api.messages(KEY, REVISION, id.value(), Option.none(), Option.some(size));
      assertError(response, 400, "invalid", "page[size]");
    }
    for (String cursor : java.util.List.of("garbage", "", "x".repeat(5_000))) {
      KlaviyoResponse response = api.relationship(KEY, REVISION, id.value(), Option.some(cursor), Option.none());
      assertError(response, 400, "invalid", "page[cursor]");
      assertThat(response.body().length()).isLessThan(1_000);
    }
    assertError(api.messages(KEY, Option.none(), id.value(), Option.none(), Option.none()), 400, "invalid", "revision");
    assertError(api.messages(Option.none(), REVISION, id.value(), Option.none(), Option.none()), 401, "not_authenticated", null);
    assertError(api.relationship(Option.some("Klaviyo-API-Key pk_nope"), REVISION, id.value(), Option.none(), Option.none()),
        401, "not_authenticated", null);
    assertError(api.messages(KEY, REVISION, "conv_missing", Option.none(), Option.none()), 404, "not_found", null);
    // Another account's conversation is not found either, and says nothing of its messages.
    KlaviyoResponse other = api.messages(Option.some("Klaviyo-API-Key pk_other"), REVISION, id.value(), Option.none(), Option.none());
    assertError(other, 404, "not_found", null);
    assertThat(other.body()).doesNotContain("line");
  }

  @Test
  void aStoreThatFailsIsA503InFixedWordsOnEveryUrl() {
    ConversationStore failing = FailingStore.failing(ConversationStore.inMemory(), "find", () -> new StoreFailure("password=secret"));
    String longId = "x".repeat(128);
    try (Conversations down = Conversations.builder().store(failing).build()) {
      KlaviyoApi broken = KlaviyoApi.over(down, KLAVIYO, key -> Option.some(ACCOUNT));
      for (KlaviyoResponse response : java.util.List.of(broken.retrieve(KEY, REVISION, Option.none(), longId),
          broken.relationship(KEY, REVISION, longId, Option.none(), Option.none()),
          broken.messages(KEY, REVISION, longId, Option.none(), Option.none()))) {
        assertThat(response.status()).isEqualTo(503);
        ObjectNode document = response.json();
        assertThat(violations(SeedSchemas.serverError(), document)).as("%s", document).isEmpty();
        assertThat(document.at("/errors/0/code").asText()).isEqualTo("error");
        assertThat(document.at("/errors/0/detail").asText()).isEqualTo("A server error occurred.");
        assertThat(response.body()).doesNotContain("secret").doesNotContain(longId.substring(0, 65));
      }
    }
  }

  private static void assertError(KlaviyoResponse response, int status, String code, String parameter) {
    assertThat(response.status()).isEqualTo(status);
    ObjectNode document = response.json();
    assertThat(violations(SeedSchemas.clientError(), document)).as("%s", document).isEmpty();
    assertThat(document.at("/errors/0/code").asText()).isEqualTo(code);
    if (parameter != null) {
      assertThat(document.at("/errors/0/source/parameter").asText()).isEqualTo(parameter);
    }
  }

  private static String cursorOf(String next) {
    String marker = "page%5Bcursor%5D=";
    return URLDecoder.decode(next.substring(next.indexOf(marker) + marker.length()), StandardCharsets.UTF_8);
  }
}
