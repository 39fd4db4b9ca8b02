package dev.conversation.wire.agentclara;

import static dev.conversation.testkit.ConversationGenerators.conversations;
import static dev.conversation.testkit.ConversationGenerators.participants;
import static dev.conversation.testkit.ConversationGenerators.scenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Decision;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.testkit.Scenario;
import dev.conversation.wire.ApiError;
import dev.conversation.wire.agentclara.AgentClaraRequest.CreateConversation;
import dev.conversation.wire.agentclara.AgentClaraRequest.ListConversations;
import dev.conversation.wire.agentclara.AgentClaraRequest.SendMessage;
import dev.conversation.wire.agentclara.AgentClaraRequest.UpdateConversation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of AgentClara's projections, round trips, rendering and parsing over generated conversations and input. */
class AgentClaraProperties {

  /** DESIGN.md section 6, the AgentClara column. */
  private static final Map<Status, String> DESIGN = Map.of(Status.NEW, "open", Status.ACTIVE, "open", Status.WAITING, "open",
      Status.HUMAN_MANAGED, "open", Status.SNOOZED, "open", Status.RESOLVED, "resolved", Status.CLOSED, "closed");

  private static final Participant ALICE = Participant.human(HumanAgent.of(HumanAgentId.of("alice"), "Alice"));

  /** Anything a client might send: any code points, and the documented words now and then. */
  private static Gen<String> anyText() {
    Gen<String> words = Generate.pick(java.util.List.of("open", "closed", "resolved", "sms", "email", "voice", "slack", "web_chat",
        "customer", "assistant", "25", "100", "101", "0", "-1", "true", "false", "", " "));
    return strings().allPossible().ofLengthBetween(0, 20).mix(words, 40);
  }

  @Test
  void theStatusProjectionIsTotalAndAgreesWithTheDesignTable() {
    qt().forAll(Generate.enumValues(Status.class)).checkAssert(s -> {
      assertThat(AgentClaraVocabulary.statusWord(s)).isEqualTo(DESIGN.get(s));
      assertThat(AgentClaraVocabulary.statusWord(s).equals("open")).isEqualTo(s.isOpen());
      assertThat(AgentClaraVocabulary.statuses(AgentClaraVocabulary.statusWord(s)).get()).contains(s);
    });
  }

  @Test
  void channelWordsRoundTripForTheSixDocumentedChannelsAndSlackAndWebChatAreRefusedInbound() {
    qt().forAll(Generate.enumValues(ChannelType.class)).checkAssert(type -> {
      String word = AgentClaraVocabulary.channelWord(type);
      Either<ApiError, ChannelType> back = AgentClaraVocabulary.channel(word);
      if (type == ChannelType.SLACK || type == ChannelType.WEB_CHAT) {
        assertThat(back.getLeft().status()).isEqualTo(400);
        assertThat(back.getLeft().rule()).isEqualTo("unknown-channel");
        assertThat(back.getLeft().field()).contains("channel");
      } else {
        assertThat(back.get()).isEqualTo(type);
        assertThat(AgentClaraVocabulary.CHANNEL_WORDS).contains(word);
      }
    });
    qt().forAll(Generate.pick(AgentClaraVocabulary.CHANNEL_WORDS.toJavaList())).checkAssert(word ->
        assertThat(AgentClaraVocabulary.channelWord(AgentClaraVocabulary.channel(word).get())).isEqualTo(word));
  }

  @Test
  void aStatusWordTheLifecycleAcceptsLeadsToThatWordAndNothingElseIsMadeOfIt() {
    Gen<String> words = Generate.pick(AgentClaraVocabulary.STATUS_WORDS.toJavaList());
    Gen<Participant> callers = Generate.pick(java.util.List.of(Participant.system(), ALICE));
    qt().withExamples(300).forAll(conversations(), words, callers).checkAssert((c, word, by) -> {
      Option<Command> command = AgentClaraVocabulary.statusCommand(word, c, by, "Resolved by a client").get();
      if (command.isEmpty()) {
        assertThat(AgentClaraVocabulary.statusWord(c.status())).isEqualTo(word);
        return;
      }
      Either<Rejection, Decision> decided = Lifecycle.decide(c, command.get(), c.updatedAt().plusSeconds(1));
      if (decided.isRight()) {
        assertThat(AgentClaraVocabulary.statusWord(decided.get().conversation().status())).isEqualTo(word);
      } else {
        // The words never make invalid input; a refusal is the lifecycle's state or actor rule.
        assertThat(decided.getLeft()).isNotInstanceOf(Rejection.Invalid.class);
      }
    });
  }

  @Test
  void senderWordsRoundTripAndEveryAuthorHasADocumentedWord() {
    qt().forAll(Generate.pick(AgentClaraVocabulary.SENDER_WORDS.toJavaList())).checkAssert(word ->
        assertThat(AgentClaraVocabulary.senderWord(AgentClaraVocabulary.sender(Option.some(word)).get())).isEqualTo(word));
    qt().forAll(participants()).checkAssert(p -> assertThat(AgentClaraVocabulary.SENDER_WORDS).contains(AgentClaraVocabulary.senderWord(p)));
  }

  @Test
  void renderingNeverThrowsAndAlwaysHasEveryDocumentedFieldAndTheExactTimes() {
    Gen<Boolean> withContact = Generate.booleans();
    qt().withExamples(300).forAll(scenarios(), withContact).checkAssert((scenario, known) -> {
      Scenario.Trace trace = scenario.play();
      Conversation c = trace.last();
      Seq<Message> messages = dev.conversation.domain.Visibility.forCustomer(trace.messages());
      Option<Contact> contact = known ? c.contactId().map(id -> Contact.builder().id(id).name(Option.some("Jane")).build()) : Option.none();
      JsonNode out = AgentClaraJson.conversation(c, contact, Option.some(trace.messages()));
      assertThat(List.ofAll(out::fieldNames)).containsExactlyElementsOf(AgentClaraJson.CONVERSATION_FIELDS);
      assertThat(out.get("status").textValue()).isEqualTo(DESIGN.get(c.status()));
      assertThat(Instant.parse(out.get("timestamp").textValue())).isEqualTo(c.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      assertThat(out.get("timestamp").textValue()).as("fixed width: string order is time order").hasSize(27);
      assertThat(out.get("tags")).hasSize(c.tags().size());
      assertThat(out.get("messages")).hasSize(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        JsonNode m = out.get("messages").get(i);
        assertThat(List.ofAll(m::fieldNames)).containsExactlyElementsOf(AgentClaraJson.MESSAGE_FIELDS);
        assertThat(m.get("content").textValue()).isEqualTo(messages.get(i).content());
        assertThat(m.get("attachments")).hasSize(messages.get(i).attachments().size());
        for (int k = 0; k < messages.get(i).attachments().size(); k++) {
          assertThat(m.get("attachments").get(k).get("url").textValue()).isEqualTo(messages.get(i).attachments().get(k).location());
          assertThat(m.get("attachments").get(k).get("size").longValue()).isEqualTo(messages.get(i).attachments().get(k).size());
        }
        assertThat(m.get("delivery_status").isNull()).isEqualTo(messages.get(i).delivery().isEmpty());
        assertThat(Instant.parse(m.get("timestamp").textValue())).isEqualTo(messages.get(i).createdAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      }
      assertThat(ClaraFixtures.json(AgentClaraJson.write(out))).as("the text reads back as the same tree").isEqualTo(out);
    });
  }

  @Test
  void arbitraryStringsAreAcceptedOrRefusedWithABadRequestNamingTheirParameterNeverAnException() {
    qt().forAll(anyText(), Generate.pick(java.util.List.of("limit", "offset", "channel", "status", "customer_id", "unread")))
        .checkAssert((value, parameter) -> {
          Either<ApiError, ConversationQuery> q = AgentClaraVocabulary.query(ListConversations.of(Map.of(parameter, value)));
          q.peekLeft(e -> assertBadRequest(e, parameter));
          q.peekLeft(e -> assertThat(e.message()).startsWith(parameter + " must "));
        });
    qt().forAll(lists().of(anyText()).ofSize(5)).checkAssert(texts -> {
      String phone = texts.get(0);
      String email = texts.get(1);
      String name = texts.get(2);
      String channel = texts.get(3);
      String message = texts.get(4);
      Option<String> sender = Option.some(name);
      AgentClaraVocabulary.newConversation(new CreateConversation(Option.some(phone), Option.some(email), Option.some(name),
          Option.some(channel), Option.some(message)), WorkspaceId.of("w"))
          .peekLeft(e -> assertBadRequest(e, "customer_phone", "customer_email", "customer_name", "channel"));
      AgentClaraVocabulary.newMessage(new SendMessage(Option.some(message), sender))
          .peekLeft(e -> assertBadRequest(e, "sender"))
          .peekLeft(e -> assertThat(e.message()).as("only sender is named")
              .isEqualTo("sender must be one of customer, assistant; was '" + name + "'"));
      AgentClaraVocabulary.checkUpdate(new UpdateConversation(Option.some(channel), Option.some(name), Option.some(List.of(phone, email))))
          .peekLeft(e -> assertBadRequest(e, "status", "customer_name", "tags[0]", "tags[1]"));
      AgentClaraJson.read(phone + email + name).peekLeft(e -> assertBadRequest(e, "body"));
    });
  }

  /** A 400 naming one of {@code parameters}. */
  private static void assertBadRequest(ApiError error, String... parameters) {
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("bad_request");
    assertThat(error.field().get()).isIn((Object[]) parameters);
  }

  @Test
  void theServiceReadsEveryCheckedListingAsTheSameQuery() {
    Gen<Map<String, String>> parameters = integers().between(1, 100).zip(integers().between(0, 10_000),
        Generate.pick(AgentClaraVocabulary.CHANNEL_WORDS.toJavaList()), Generate.pick(AgentClaraVocabulary.STATUS_WORDS.toJavaList()),
        (limit, offset, channel, status) -> Map.of("limit", limit.toString(), "offset", offset.toString(), "channel", channel,
            "status", status, "customer_id", "cust-" + offset, "unread", offset % 2 == 0 ? "true" : "false"));
    qt().forAll(parameters).checkAssert(p -> {
      ConversationQuery query = AgentClaraVocabulary.query(ListConversations.of(p)).get();
      assertThat(AgentClaraApi.toRequest(query).validate().get()).isEqualTo(query);
    });
  }
}
