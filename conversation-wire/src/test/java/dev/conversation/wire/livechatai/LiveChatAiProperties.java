package dev.conversation.wire.livechatai;

import static dev.conversation.testkit.ConversationGenerators.conversations;
import static dev.conversation.testkit.ConversationGenerators.participants;
import static dev.conversation.testkit.ConversationGenerators.scenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Actor;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.Status;
import dev.conversation.testkit.Scenario;
import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of LiveChatAI's projections, rendering and token parsing. */
class LiveChatAiProperties {

  /** DESIGN.md section 6, the LiveChatAI column, made total: isResolved and isAgent of every state. */
  private static final Map<Status, List<Boolean>> DESIGN = Map.of(
      Status.NEW, List.of(false, false), Status.ACTIVE, List.of(false, false), Status.WAITING, List.of(false, false),
      Status.HUMAN_MANAGED, List.of(false, true), Status.SNOOZED, List.of(false, false),
      Status.RESOLVED, List.of(true, false), Status.CLOSED, List.of(true, false));

  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  @Test
  void theFlagsAreTotalAndAgreeWithTheDesignTable() {
    qt().forAll(Generate.enumValues(Status.class)).checkAssert(s -> assertThat(
        List.of(LiveChatAiVocabulary.isResolved(s), LiveChatAiVocabulary.isAgent(s))).isEqualTo(DESIGN.get(s)));
    qt().withExamples(200).forAll(conversations()).checkAssert(c -> {
      JsonNode data = LiveChatAiJson.conversation(c, List.empty());
      assertThat(List.of(data.get("isResolved").booleanValue(), data.get("isAgent").booleanValue())).isEqualTo(DESIGN.get(c.status()));
      // isAgent implies an assigned human agent or team.
      assertThat(!data.get("isAgent").booleanValue() || c.assignee().isDefined()).isTrue();
    });
  }

  @Test
  void integrationTypesLoseNothingAndUseTheDocumentedWordsWhereThereAreSome() {
    Seq<String> words = List.of(ChannelType.values()).map(LiveChatAiVocabulary::integrationType);
    assertThat(words.distinct()).hasSize(ChannelType.values().length);
    assertThat(LiveChatAiVocabulary.integrationType(ChannelType.WHATSAPP)).isEqualTo("WHATSAPP");
    assertThat(LiveChatAiVocabulary.integrationType(ChannelType.SLACK)).isEqualTo("SLACK");
    assertThat(List.of(SourceType.values()).map(LiveChatAiVocabulary::sourceType)).containsExactlyElementsOf(LiveChatAiVocabulary.SOURCE_TYPES);
    qt().forAll(participants()).checkAssert(p -> assertThat(LiveChatAiVocabulary.role(p))
        .isEqualTo(p.actor() == Actor.CUSTOMER ? "user" : "assistant").isIn(LiveChatAiVocabulary.ROLES.toJavaList()));
  }

  @Test
  void renderingNeverThrowsAndAlwaysHasEveryDocumentedFieldInWholeSeconds() {
    qt().withExamples(300).forAll(scenarios()).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      Conversation c = trace.last();
      Seq<Message> messages = dev.conversation.domain.Visibility.forCustomer(trace.messages());
      JsonNode document = LiveChatAiJson.document(c, trace.messages());
      assertThat(List.ofAll(document::fieldNames)).containsExactly("status", "data");
      JsonNode data = document.get("data");
      assertThat(List.ofAll(data::fieldNames)).containsExactlyElementsOf(LiveChatAiJson.CONVERSATION_FIELDS);
      assertThat(Instant.parse(data.get("createdAt").textValue())).isEqualTo(c.createdAt().truncatedTo(ChronoUnit.SECONDS));
      assertThat(data.get("updatedAt").textValue()).matches(TIME);
      assertThat(data.get("lastMessageDate").isNull()).isEqualTo(c.lastMessageAt().isEmpty());
      assertThat(data.get("agent").isNull()).isEqualTo(c.assignee().flatMap(a -> a.agent()).isEmpty());
      assertThat(data.get("messages")).hasSize(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        JsonNode m = data.get("messages").get(i);
        assertThat(List.ofAll(m::fieldNames)).containsExactlyElementsOf(LiveChatAiJson.MESSAGE_FIELDS);
        assertThat(m.get("createdAt").textValue()).matches(TIME);
        assertThat(m.get("type").textValue()).as("the first attachment's kind, in the document's words")
            .isEqualTo(LiveChatAiVocabulary.messageType(messages.get(i))).isIn("TEXT", "IMAGE", "PDF", "DOCX");
        if (messages.get(i).attachments().isEmpty()) {
          assertThat(m.get("type").textValue()).isEqualTo("TEXT");
        }
        assertThat(m.get("source")).hasSize(messages.get(i).citations().size());
        for (JsonNode source : m.get("source")) {
          assertThat(List.ofAll(source::fieldNames)).containsExactly("id", "type", "link", "distance");
          assertThat(source.get("type").textValue()).isIn(LiveChatAiVocabulary.SOURCE_TYPES.toJavaList());
        }
      }
    });
  }

  @Test
  void anyHeaderGivesATokenOrATypedErrorAndAnyValidTokenRoundTrips() {
    Gen<String> headers = strings().allPossible().ofLengthBetween(0, 30)
        .mix(strings().allPossible().ofLengthBetween(0, 20).map(s -> "Bearer " + s), 50);
    qt().forAll(headers).checkAssert(header -> {
      Either<ApiError, String> token = BearerToken.parse(Option.some(header));
      token.peekLeft(e -> assertThat(e.status()).isEqualTo(401));
      token.peekLeft(e -> assertThat(e.field()).contains("Authorization"));
      token.peek(t -> assertThat(header.strip()).endsWith(t));
    });
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
    Gen<String> tokens = lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(1, 40)
        .zip(integers().between(0, 2), (chars, padding) -> chars.stream().map(i -> String.valueOf(alphabet.charAt(i)))
            .collect(java.util.stream.Collectors.joining()) + "=".repeat(padding));
    qt().forAll(tokens).checkAssert(t -> assertThat(BearerToken.parse(Option.some("Bearer " + t)).get()).isEqualTo(t));
  }
}
