package dev.conversation.wire.crm;

import static dev.conversation.wire.crm.CrmFixtures.DOCUMENT_FIELDS;
import static dev.conversation.wire.crm.CrmFixtures.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import dev.conversation.domain.Resolution;
import dev.conversation.service.Enriched;
import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every conversation our lifecycle can reach renders as the document's object: every field of its
 * table with the documented JSON type, timestamps in its form, counts that agree.
 */
class CrmJsonProperties {

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

  private static JsonNode render(Conversation c, Seq<Message> messages) {
    return CrmJson.conversation(new Enriched(c, Option.none(), Option.none(), true, List.empty()), messages);
  }

  @Test
  void everyRenderingHasEveryFieldOfTheTableInItsOrderWithTheDocumentedType() {
    qt().withExamples(300).forAll(ConversationGenerators.scenarios(40)).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      JsonNode json = render(trace.last(), trace.messages());

      assertThat(fieldNames(json).take(DOCUMENT_FIELDS.size())).isEqualTo(DOCUMENT_FIELDS);
      for (String field : List.of("id", "tenantId", "workspaceId", "channelId", "status", "createdAt", "updatedAt")) {
        assertThat(json.get(field).isTextual()).as("%s is a string: %s", field, json.get(field)).isTrue();
      }
      for (String field : List.of("contactId", "accountId", "summary", "subject", "outcome", "lastMessageAt")) {
        assertThat(json.get(field).isTextual() || json.get(field).isNull())
            .as("%s is a string or null: %s", field, json.get(field)).isTrue();
      }
      assertThat(json.get("messageCount").isIntegralNumber() && json.get("messageCount").canConvertToInt())
          .as("messageCount is an integer: %s", json.get("messageCount")).isTrue();
      assertThat(CrmStatus.words()).contains(json.get("status").asText());
      for (String field : List.of("lastMessageAt", "createdAt", "updatedAt")) {
        assertThat(json.get(field).isNull() || TIMESTAMP.matcher(json.get(field).asText()).matches())
            .as("%s is in the document's form: %s", field, json.get(field)).isTrue();
      }
    });
  }

  @Test
  void timestampsReadBackAsTheInstantTruncatedToMilliseconds() {
    qt().withExamples(300).forAll(ConversationGenerators.scenarios(30), integers().between(0, 999_999_999))
        .checkAssert((scenario, nanos) -> {
          Scenario.Trace trace = scenario.play();
          Conversation c = shifted(trace.last(), nanos);
          Seq<Message> messages = trace.messages().map(m -> Message.builder().from(m).createdAt(m.createdAt().plusNanos(nanos)).build());
          JsonNode json = render(c, messages);

          assertThat(read(json, "createdAt")).isEqualTo(c.createdAt().truncatedTo(ChronoUnit.MILLIS));
          assertThat(read(json, "updatedAt")).isEqualTo(c.updatedAt().truncatedTo(ChronoUnit.MILLIS));
          assertThat(json.get("lastMessageAt").isNull() ? Option.none() : Option.some(read(json, "lastMessageAt")))
              .isEqualTo(c.lastMessageAt().map(t -> t.truncatedTo(ChronoUnit.MILLIS)));
          for (int i = 0; i < messages.size(); i++) {
            assertThat(read(json.get("messages").get(i), "createdAt"))
                .isEqualTo(messages.get(i).createdAt().truncatedTo(ChronoUnit.MILLIS));
          }
        });
  }

  @Test
  void messageCountOutcomeChannelAndHistoryAgreeWithTheConversation() {
    qt().withExamples(300).forAll(ConversationGenerators.scenarios(40)).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      Conversation c = trace.last();
      JsonNode json = render(c, trace.messages());

      assertThat(json.get("messageCount").intValue()).isEqualTo(c.messageCount())
          .as("the staff read lists notes besides the counted messages")
          .isEqualTo(List.ofAll(json.get("messages")).count(m -> !m.get("type").asText().equals("note")));
      assertThat(List.ofAll(json.get("messages")).map(m -> m.get("id").asText()))
          .isEqualTo(trace.messages().map(m -> m.id().value()));
      assertThat(List.ofAll(json.get("messages")).map(m -> m.get("role").asText()))
          .isEqualTo(trace.messages().map(m -> m.author().actor().name().toLowerCase(Locale.ROOT)));
      assertThat(json.get("lastMessageAt").isNull()).isEqualTo(c.messageCount() == 0);
      List<JsonNode> counted = List.ofAll(json.get("messages")).filter(m -> !m.get("type").asText().equals("note"));
      if (counted.nonEmpty()) {
        assertThat(json.get("lastMessageAt").asText()).as("the last counted message, not a later note")
            .isEqualTo(counted.last().get("createdAt").asText());
      }
      assertThat(json.get("outcome").isNull() ? Option.none() : Option.some(json.get("outcome").asText()))
          .isEqualTo(c.resolution().map(Resolution::outcome));
      assertThat(json.get("channelId").asText())
          .isEqualTo(c.channel().instance().map(i -> i.value()).getOrElse(c.channel().type().name().toLowerCase(Locale.ROOT)));
      assertThat(json.get("attentionItems").size()).isEqualTo(c.attention().size());
    });
  }

  private static Instant read(JsonNode node, String field) {
    String text = node.get(field).asText();
    assertThat(text).matches(TIMESTAMP);
    return Instant.parse(text);
  }

  /** The conversation with its timestamps moved by the same sub-second amount, keeping their order. */
  private static Conversation shifted(Conversation c, int nanos) {
    return Conversation.builder().from(c)
        .createdAt(c.createdAt().plusNanos(nanos))
        .updatedAt(c.updatedAt().plusNanos(nanos))
        .lastMessageAt(c.lastMessageAt().map(t -> t.plusNanos(nanos)))
        .build();
  }
}
