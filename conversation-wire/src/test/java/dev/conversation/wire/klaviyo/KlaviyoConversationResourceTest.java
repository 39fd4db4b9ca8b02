package dev.conversation.wire.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Golden documents built from the seed's example values, and the rendering rules around them. */
class KlaviyoConversationResourceTest {

  @Test
  void theSeedsExampleRendersExactlyTheGoldenDocument() {
    Fixtures.Life life = Fixtures.resolvedByAi();
    assertThat(life.conversation().createdAt()).isEqualTo(Instant.parse("2026-05-13T12:00:00Z"));
    assertThat(life.conversation().updatedAt()).isEqualTo(Instant.parse("2026-05-13T12:05:00Z"));

    ObjectNode rendered = KlaviyoConversationResource.at("https://a.klaviyo.com").document(life.conversation(), life.messages());

    assertThat(rendered).isEqualTo(Fixtures.json("golden/conv_abc123-resolved-by-ai.json"));
  }

  @Test
  void aSparseFieldsetKeepsTypeIdRelationshipsAndLinksUnderALocalBase() {
    Fixtures.Life life = Fixtures.resolvedByAi();
    KlaviyoFields status = KlaviyoFields.parse(Option.some("status")).get();

    ObjectNode rendered = KlaviyoConversationResource.at("http://localhost:8080/")
        .document(life.conversation(), life.messages(), status);

    assertThat(rendered).isEqualTo(Fixtures.json("golden/conv_abc123-fields-status.json"));
    ObjectNode idOnly = KlaviyoConversationResource.at("http://localhost:8080")
        .document(life.conversation(), life.messages(), KlaviyoFields.parse(Option.some("id")).get());
    assertThat(idOnly.at("/data/attributes").isObject()).isTrue();
    assertThat(idOnly.at("/data/attributes")).isEmpty();
    assertThat(idOnly.at("/data/id").asText()).isEqualTo("conv_abc123");
  }

  @Test
  void subSecondPrecisionIsKeptWithTheFewestDigitsAndParsesBack() {
    Fixtures.Life life = Fixtures.resolvedByAi();
    KlaviyoConversationResource klaviyo = KlaviyoConversationResource.at("https://a.klaviyo.com");
    List<String> expected = List.of("2026-05-13T12:05:00.25+00:00", "2026-05-13T12:05:00.000001+00:00",
        "2026-05-13T12:05:00.123456789+00:00");
    List<Instant> updates = List.of(Instant.parse("2026-05-13T12:05:00.250Z"), Instant.parse("2026-05-13T12:05:00.000001Z"),
        Instant.parse("2026-05-13T12:05:00.123456789Z"));
    for (int i = 0; i < updates.size(); i++) {
      Conversation c = Conversation.builder().from(life.conversation()).updatedAt(updates.get(i)).build();
      String written = klaviyo.document(c, List.empty()).at("/data/attributes/updated_at").asText();
      assertThat(written).isEqualTo(expected.get(i));
      assertThat(OffsetDateTime.parse(written).toInstant()).isEqualTo(updates.get(i));
    }
    Conversation farFuture = Conversation.builder().from(life.conversation()).updatedAt(Instant.parse("+10000-01-01T00:00:00Z")).build();
    assertThatIllegalArgumentException().isThrownBy(() -> klaviyo.document(farFuture, List.empty()))
        .withMessageContaining("updatedAt").withMessageContaining("0000 to 9999");
  }

  @Test
  void idsArePercentEncodedAsOnePathSegmentUnderABaseWithAPath() {
    KlaviyoConversationResource klaviyo = KlaviyoConversationResource.at("http://localhost:8080/klaviyo/");
    assertThat(klaviyo.baseUrl()).isEqualTo("http://localhost:8080/klaviyo");
    assertThat(klaviyo.link(ConversationId.of("conv_abc123")))
        .isEqualTo("http://localhost:8080/klaviyo/api/customer-agent-conversations/conv_abc123/");
    assertThat(klaviyo.link(ConversationId.of("a/b c?d#e%f")))
        .isEqualTo("http://localhost:8080/klaviyo/api/customer-agent-conversations/a%2Fb%20c%3Fd%23e%25f/");
    assertThat(klaviyo.link(ConversationId.of("Grüße-😀")))
        .isEqualTo("http://localhost:8080/klaviyo/api/customer-agent-conversations/Gr%C3%BC%C3%9Fe-%F0%9F%98%80/");
    assertThat(klaviyo.link(ConversationId.of("..")))
        .isEqualTo("http://localhost:8080/klaviyo/api/customer-agent-conversations/%2E%2E/");
    // A dot-segment id would otherwise vanish when the link is normalized.
    assertThat(URI.create(klaviyo.link(ConversationId.of(".."))).normalize().getRawPath())
        .isEqualTo("/klaviyo/api/customer-agent-conversations/%2E%2E/");

    Fixtures.Life life = Fixtures.started("a/b");
    JsonNode doc = klaviyo.document(life.conversation(), List.empty());
    assertThat(doc.at("/data/id").asText()).isEqualTo("a/b");
    assertThat(doc.at("/data/relationships/customer-agent-messages/links/related").asText())
        .isEqualTo("http://localhost:8080/klaviyo/api/customer-agent-conversations/a%2Fb/customer-agent-messages/");
  }

  @Test
  void rejectsForeignOrRepeatedMessagesAndBaseUrlsThatCannotCarryLinks() {
    Fixtures.Life mine = Fixtures.resolvedByAi();
    Message foreign = Fixtures.started("other").customer(1, "x1").messages().single();
    KlaviyoConversationResource klaviyo = KlaviyoConversationResource.at("https://a.klaviyo.com");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> klaviyo.document(mine.conversation(), mine.messages().append(foreign)))
        .withMessageContaining("x1").withMessageContaining("other");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> klaviyo.document(mine.conversation(), mine.messages().append(mine.messages().head())))
        .withMessageContaining("msg_001").withMessageContaining("twice");

    for (String bad : List.of("a.klaviyo.com", "/api", "ftp://a.klaviyo.com", "https://a.klaviyo.com?x=1",
        "https://a.klaviyo.com/#top", "https://user:secret@a.klaviyo.com", "https://a klaviyo.com", "")) {
      assertThatIllegalArgumentException().as(bad).isThrownBy(() -> KlaviyoConversationResource.at(bad))
          .withMessageContaining("baseUrl");
    }
  }
}
