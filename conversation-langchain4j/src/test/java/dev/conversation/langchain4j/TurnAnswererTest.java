package dev.conversation.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Actor;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The LangChain4j adapter against LangChain4j's own interfaces, with scripted in-process models
 * (no network, no weights): the history a model sees, answers stored with citations, and answers
 * refused when the turn stopped standing while the model thought.
 */
class TurnAnswererTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final Participant ALICE = Participant.human(HumanAgent.of(HumanAgentId.of("alice"), "Alice"));

  /** A model that answers with a function of the request, recording what it saw. */
  private static final class ScriptedModel implements ChatModel {
    final AtomicReference<List<ChatMessage>> seen = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    private final Function<ChatRequest, String> script;

    ScriptedModel(Function<ChatRequest, String> script) {
      this.script = script;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      calls.incrementAndGet();
      seen.set(request.messages());
      return ChatResponse.builder().aiMessage(AiMessage.from(script.apply(request))).build();
    }
  }

  private static Conversation asked(Conversations service, String text) {
    return service.create(ACME, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
        .firstMessage(NewMessage.of(Participant.customer(), text))).get().conversation();
  }

  @Test
  void theMemoryIsTheThreadTheCustomerSawInItsWindow() {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "Where is my parcel?");
      service.send(ACME, c.id(), NewMessage.of(Participant.ai(), "Let me check."));
      service.note(ACME, c.id(), NewMessage.of(Participant.ai(), "Carrier says lost; suggest refund."));
      service.send(ACME, c.id(), NewMessage.of(Participant.system(), "Alice joined."));
      service.send(ACME, c.id(), NewMessage.of(ALICE, "Hi, I am Alice."));
      service.send(ACME, c.id(), NewMessage.of(Participant.customer(), "").withAttachments(io.vavr.collection.List.of(
          Attachment.of("label.png", "image/png", 1_200, "s3://x/label.png").withCaption("the label"))));
      ConversationMemory memory = new ConversationMemory(service, 3);
      List<ChatMessage> window = memory.getMessages(new ConversationMemory.Key(ACME, c.id()));
      assertThat(window).containsExactly(AiMessage.from("Let me check."), AiMessage.from("Hi, I am Alice."),
          UserMessage.from("[attachment: label.png (image/png): the label]"));
      assertThat(new ConversationMemory(service, 100).getMessages(new ConversationMemory.Key(ACME, c.id())))
          .as("notes and system messages are never in a model's history").hasSize(4)
          .noneMatch(m -> m.toString().contains("refund") || m.toString().contains("joined"));
      memory.updateMessages(new ConversationMemory.Key(ACME, c.id()), List.of(UserMessage.from("injected")));
      memory.deleteMessages(new ConversationMemory.Key(ACME, c.id()));
      assertThat(memory.getMessages(new ConversationMemory.Key(ACME, c.id()))).as("the service writes the thread")
          .isEqualTo(window);
      assertThat(memory.getMessages(new ConversationMemory.Key(TenantId.of("other"), c.id()))).isEmpty();
      assertThatThrownBy(() -> memory.getMessages("acme/" + c.id().value())).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ConversationMemory.Key");
      assertThatThrownBy(() -> new ConversationMemory(service, 0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aTurnIsAnsweredWithTheRetrievedSourcesAsCitations() {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "Do you ship to Norway?");
      ScriptedModel model = new ScriptedModel(request -> "Yes, in 3-5 days.");
      Content shipping = Content.from(TextSegment.from("We ship to all EU and EEA countries.",
          Metadata.from(Map.of("id", "kb-12", "url", "https://help.example.com/shipping"))), Map.of(ContentMetadata.SCORE, 0.875));
      Content faq = Content.from(TextSegment.from("Norway: 3-5 business days.", Metadata.from(Map.of("type", "qa"))));
      TurnAnswerer answerer = TurnAnswerer.builder(service, model).systemPrompt("You are Acme's agent.")
          .contentRetriever(query -> {
            assertThat(query.text()).isEqualTo("Do you ship to Norway?");
            return List.of(shipping, faq);
          }).build();
      Outcome answered = answerer.answer(ACME, c.id()).get();
      Message reply = answered.messages().single();
      assertThat(reply.content()).isEqualTo("Yes, in 3-5 days.");
      assertThat(reply.author().actor()).isEqualTo(Actor.AI_AGENT);
      assertThat(reply.citations()).containsExactly(
          new Citation(Option.some("kb-12"), SourceType.WEBSITE, Option.some("https://help.example.com/shipping"), 0.125),
          new Citation(Option.none(), SourceType.QA, Option.none(), 0));
      assertThat(model.seen.get().get(0)).isInstanceOf(SystemMessage.class);
      assertThat(((SystemMessage) model.seen.get().get(0)).text()).startsWith("You are Acme's agent.")
          .contains("[1] We ship to all EU and EEA countries.").contains("[2] Norway: 3-5 business days.");
      assertThat(model.seen.get().subList(1, model.seen.get().size())).containsExactly(UserMessage.from("Do you ship to Norway?"));
      Problem again = answerer.answer(ACME, c.id()).getLeft();
      assertThat(((Problem.TurnLost) again).reason()).as("an answered turn is not answered again")
          .isEqualTo(Problem.TurnLost.Reason.ANSWERED);
      assertThat(model.calls.get()).as("and the model is not asked").isEqualTo(1);
    }
  }

  @Test
  void aHumanTakingOverWhileTheModelThinksRefusesTheAnswerAndStoresNothing() throws Exception {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "I want a person");
      CountDownLatch thinking = new CountDownLatch(1);
      CountDownLatch handedOff = new CountDownLatch(1);
      ScriptedModel slow = new ScriptedModel(request -> {
        thinking.countDown();
        try {
          assertThat(handedOff.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "I can help you with that!";
      });
      TurnAnswerer answerer = TurnAnswerer.builder(service, slow).build();
      CompletableFuture<Either<Problem, Outcome>> answering = CompletableFuture.supplyAsync(() -> answerer.answer(ACME, c.id()));
      assertThat(thinking.await(10, TimeUnit.SECONDS)).isTrue();
      service.execute(ACME, c.id(), Command.HandOff.toTeam(Participant.system(), TeamId.of("support"), "asked for a person")).get();
      handedOff.countDown();
      Problem refused = answering.get(10, TimeUnit.SECONDS).getLeft();
      assertThat(((Problem.TurnLost) refused).reason()).isEqualTo(Problem.TurnLost.Reason.HUMAN_TOOK_OVER);
      assertThat(service.history(ACME, c.id(), Option.none(), Option.none()).get().items())
          .as("nothing stored").extracting(m -> m.author().actor()).containsExactly(Actor.CUSTOMER);
      assertThat(service.store().claimOf(ACME, c.id())).as("the claim is given up").isEmpty();
    }
  }

  @Test
  void aModelThatFailsGivesTheClaimUpAndTwoAnswerersAnswerOnce() throws Exception {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "Hello?");
      TurnAnswerer broken = TurnAnswerer.builder(service, new ScriptedModel(request -> {
        throw new IllegalStateException("model unavailable");
      })).build();
      assertThatThrownBy(() -> broken.answer(ACME, c.id())).hasMessage("model unavailable");
      assertThat(service.store().claimOf(ACME, c.id())).isEmpty();

      CountDownLatch both = new CountDownLatch(1);
      ScriptedModel model = new ScriptedModel(request -> "Hi!");
      TurnAnswerer one = TurnAnswerer.builder(service, model).worker("one").build();
      TurnAnswerer two = TurnAnswerer.builder(service, model).worker("two").build();
      CompletableFuture<Either<Problem, Outcome>> a = CompletableFuture.supplyAsync(() -> {
        await(both);
        return one.answer(ACME, c.id());
      });
      CompletableFuture<Either<Problem, Outcome>> b = CompletableFuture.supplyAsync(() -> {
        await(both);
        return two.answer(ACME, c.id());
      });
      both.countDown();
      long stored = List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS)).stream().filter(Either::isRight).count();
      assertThat(stored).isEqualTo(1);
      assertThat(service.history(ACME, c.id(), Option.none(), Option.none()).get().items()
          .count(m -> m.author().actor() == Actor.AI_AGENT)).isEqualTo(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
