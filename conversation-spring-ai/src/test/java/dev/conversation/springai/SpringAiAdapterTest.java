package dev.conversation.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Actor;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Claim;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import dev.conversation.service.ReplyPolicy;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;

/**
 * The Spring AI adapter against Spring AI's own ChatClient, advisors and chat memory, with
 * scripted in-process models (no network, no weights): the history a model sees, answers stored
 * with citations, and answers refused (nothing stored) when the turn stopped standing.
 */
class SpringAiAdapterTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final Participant ALICE = Participant.human(HumanAgent.of(HumanAgentId.of("alice"), "Alice"));
  private static final Duration LEASE = Duration.ofMinutes(1);

  /** A model that answers with a function of the prompt, recording what it saw. */
  private static final class ScriptedModel implements ChatModel {
    final AtomicReference<List<Message>> seen = new AtomicReference<>();
    final AtomicInteger calls = new AtomicInteger();
    private final Function<Prompt, String> script;

    ScriptedModel(Function<Prompt, String> script) {
      this.script = script;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
      calls.incrementAndGet();
      seen.set(prompt.getInstructions());
      return new ChatResponse(List.of(new Generation(new AssistantMessage(script.apply(prompt)))));
    }
  }

  /** Stands in for a retrieval advisor: leaves documents in the context where Spring AI's RAG advisor does. */
  private record Retrieved(List<Document> documents) implements CallAdvisor {
    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
      return chain.nextCall(request.mutate().context(TurnGuardAdvisor.RAG_DOCUMENTS, documents).build());
    }

    @Override
    public String getName() {
      return "Retrieved";
    }

    @Override
    public int getOrder() {
      return 0;
    }
  }

  private static Conversation asked(Conversations service, String text) {
    return service.create(ACME, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
        .firstMessage(NewMessage.of(Participant.customer(), text))).get().conversation();
  }

  private static ChatClient client(Conversations service, ChatModel model, TurnGuardAdvisor guard, CallAdvisor... more) {
    ChatMemory memory = MessageWindowChatMemory.builder()
        .chatMemoryRepository(new ConversationChatMemoryRepository(service, 20)).maxMessages(20).build();
    List<org.springframework.ai.chat.client.advisor.api.Advisor> advisors = new ArrayList<>(List.of(
        MessageChatMemoryAdvisor.builder(memory).build(), guard));
    advisors.addAll(List.of(more));
    return ChatClient.builder(model).defaultSystem("You are Acme's agent.").defaultAdvisors(advisors).build();
  }

  /** The call the README shows: the claim alone names the conversation. */
  private static String answer(ChatClient client, Claim claim) {
    return client.prompt().advisors(a -> a.param(TurnGuardAdvisor.CLAIM, claim)).call().content();
  }

  private static long aiMessages(Conversations service, ConversationId id) {
    return service.history(ACME, id, Option.some(100), Option.none()).get().items()
        .count(m -> m.author().actor() == Actor.AI_AGENT);
  }

  @Test
  void theRepositoryIsTheDialogueTheCustomerSawInItsWindow() {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "Where is my parcel?");
      service.send(ACME, c.id(), NewMessage.of(Participant.ai(), "Let me check."));
      service.note(ACME, c.id(), NewMessage.of(Participant.ai(), "Carrier says lost; suggest refund."));
      service.send(ACME, c.id(), NewMessage.of(Participant.system(), "Alice joined."));
      service.send(ACME, c.id(), NewMessage.of(ALICE, "Hi, I am Alice."));
      service.send(ACME, c.id(), NewMessage.of(Participant.customer(), "").withAttachments(io.vavr.collection.List.of(
          Attachment.of("label.png", "image/png", 1_200, "s3://x/label.png").withCaption("the label"))));
      ConversationChatMemoryRepository repository = new ConversationChatMemoryRepository(service, 3);
      String id = ConversationChatMemoryRepository.conversationId(ACME, c.id());
      List<Message> window = repository.findByConversationId(id);
      assertThat(window).containsExactly(new AssistantMessage("Let me check."), new AssistantMessage("Hi, I am Alice."),
          new UserMessage("[attachment: label.png (image/png): the label]"));
      assertThat(new ConversationChatMemoryRepository(service, 100).findByConversationId(id))
          .as("notes and system messages are never in a model's history").hasSize(4)
          .noneMatch(m -> m.getText().contains("refund") || m.getText().contains("joined"));
      repository.saveAll(id, List.of(new UserMessage("injected")));
      repository.deleteByConversationId(id);
      assertThat(repository.findByConversationId(id)).as("the service writes the thread").isEqualTo(window);
      assertThat(repository.findByConversationId(ConversationChatMemoryRepository.conversationId(TenantId.of("other"), c.id())))
          .isEmpty();
      assertThat(repository.findConversationIds()).as("the conversations waiting for the AI").isEmpty();
      Conversation waiting = asked(service, "Hello?");
      assertThat(repository.findConversationIds())
          .containsExactly(ConversationChatMemoryRepository.conversationId(ACME, waiting.id()));
      assertThatThrownBy(() -> new ConversationChatMemoryRepository(service, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new ConversationChatMemoryRepository(service, 1_001)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aConversationIdNamesItsTenantAndConversationWhateverTheirCharacters() {
    TenantId tenant = TenantId.of("acme/eu 100%");
    ConversationId conversation = ConversationId.of("c/1?x=ä");
    String id = ConversationChatMemoryRepository.conversationId(tenant, conversation);
    assertThat(id).isEqualTo("acme%2Feu+100%25/c%2F1%3Fx%3D%C3%A4");
    assertThat(ConversationChatMemoryRepository.key(id)).isEqualTo(new ConversationChatMemoryRepository.Key(tenant, conversation));
    assertThat(new ConversationChatMemoryRepository.Key(tenant, conversation).conversationId()).isEqualTo(id);
    assertThat(ConversationChatMemoryRepository.key("acme/c+1").conversation()).isEqualTo(ConversationId.of("c 1"));
    for (String bad : List.of("", "acme", "/c", "acme/", "a/b/c", "a/%zz", "%20/c", "acme/c%201", "acme/c%2f1")) {
      assertThatThrownBy(() -> ConversationChatMemoryRepository.key(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("form-encoded");
    }
    assertThatThrownBy(() -> ConversationChatMemoryRepository.key("x".repeat(10_000)))
        .hasMessageContaining("x".repeat(80) + "...'").hasMessageNotContaining("x".repeat(81));
  }

  @Test
  void theAnswerIsStoredOnTheClaimWithTheRetrievedDocumentsAsCitations() {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "Do you ship to Norway?");
      ScriptedModel model = new ScriptedModel(p -> "Yes, in 3 to 5 days [1].");
      Document faq = Document.builder().id("faq-12").text("We ship to Norway.").score(0.9)
          .metadata(Map.of("url", "https://help.example.com/shipping")).build();
      Document policy = Document.builder().id("policy-3").text("Delivery takes 3 to 5 days.")
          .metadata(Map.of("type", "pdf")).build();
      // A link no citation holds is left out; the source is still cited.
      Document broken = Document.builder().id("broken").text("x").metadata(Map.of("url", "u".repeat(3_000))).build();
      ChatClient client = client(service, model, new TurnGuardAdvisor(service), new Retrieved(List.of(faq, policy, broken)));
      Claim claim = service.claim(ACME, c.id(), "spring-ai", LEASE).get();

      ChatClientResponse response = client.prompt().advisors(a -> a
              .param(ChatMemory.CONVERSATION_ID, ConversationChatMemoryRepository.conversationId(ACME, c.id()))
              .param(TurnGuardAdvisor.CLAIM, claim))
          .call().chatClientResponse();
      assertThat(response.chatResponse().getResult().getOutput().getText()).isEqualTo("Yes, in 3 to 5 days [1].");
      Outcome outcome = (Outcome) response.context().get(TurnGuardAdvisor.OUTCOME);
      assertThat(outcome.messages().single().content()).isEqualTo("Yes, in 3 to 5 days [1].");
      assertThat(outcome.messages().single().citations()).containsExactly(
          new Citation(Option.some("faq-12"), SourceType.WEBSITE, Option.some("https://help.example.com/shipping"), 1 - 0.9),
          new Citation(Option.some("policy-3"), SourceType.PDF, Option.none(), 0),
          new Citation(Option.some("broken"), SourceType.TEXT, Option.none(), 0));
      assertThat(model.seen.get()).as("the system prompt, then the dialogue ending with the customer's message")
          .containsExactly(new SystemMessage("You are Acme's agent."), new UserMessage("Do you ship to Norway?"));
      assertThat(service.store().claimOf(ACME, c.id())).as("the claim is released once answered").isEmpty();
      assertThat(aiMessages(service, c.id())).isEqualTo(1);
    }
  }

  @Test
  void aHumanTakingOverWhileTheModelThinksRefusesTheAnswerAndStoresNothing() {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "I want a person");
      ScriptedModel model = new ScriptedModel(p -> {
        // A human takes the conversation while the model generates.
        service.execute(ACME, c.id(), Command.HandOff.toTeam(Participant.system(), TeamId.of("support"), "asked for a person"));
        return "I can help you with that!";
      });
      ChatClient client = client(service, model, new TurnGuardAdvisor(service));
      Claim claim = service.claim(ACME, c.id(), "spring-ai", LEASE).get();
      long version = c.version();
      assertThatThrownBy(() -> answer(client, claim)).isInstanceOfSatisfying(TurnLostException.class, e ->
          assertThat(((Problem.TurnLost) e.problem()).reason()).isEqualTo(Problem.TurnLost.Reason.HUMAN_TOOK_OVER));
      assertThat(model.calls.get()).isEqualTo(1);
      assertThat(aiMessages(service, c.id())).as("nothing stored").isZero();
      assertThat(service.get(ACME, c.id()).get().version()).as("only the hand-off was committed").isEqualTo(version + 1);
      assertThat(service.store().claimOf(ACME, c.id())).as("the claim is released").isEmpty();

      assertThatThrownBy(() -> answer(client, claim)).as("a turn already lost costs no model call")
          .isInstanceOf(TurnLostException.class);
      assertThat(model.calls.get()).isEqualTo(1);
    }
  }

  @Test
  void whenTheCustomerWritesAgainTheStaleAnswerIsRefusedUnlessThePolicyAcceptsIt() {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "Hi");
      ScriptedModel model = new ScriptedModel(p -> {
        service.send(ACME, c.id(), NewMessage.of(Participant.customer(), "Actually, change my address"));
        return "Hello! How can I help?";
      });
      Claim claim = service.claim(ACME, c.id(), "spring-ai", LEASE).get();
      assertThatThrownBy(() -> answer(client(service, model, new TurnGuardAdvisor(service)), claim))
          .isInstanceOfSatisfying(TurnLostException.class, e -> assertThat(((Problem.TurnLost) e.problem()).reason())
              .isEqualTo(Problem.TurnLost.Reason.CUSTOMER_WROTE_AGAIN));
      assertThat(aiMessages(service, c.id())).isZero();
      Claim newer = service.claim(ACME, c.id(), "spring-ai", LEASE).get();
      assertThat(answer(client(service, model, new TurnGuardAdvisor(service, ReplyPolicy.ACCEPT)), newer))
          .isEqualTo("Hello! How can I help?");
      assertThat(aiMessages(service, c.id())).isEqualTo(1);
    }
  }

  @Test
  void aModelThatFailsOrAnswersNothingReleasesTheClaimAndStoresNothing() {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "Hi");
      Claim claim = service.claim(ACME, c.id(), "spring-ai", LEASE).get();
      ScriptedModel failing = new ScriptedModel(p -> {
        throw new IllegalStateException("model unavailable");
      });
      assertThatThrownBy(() -> answer(client(service, failing, new TurnGuardAdvisor(service)), claim))
          .hasMessageContaining("model unavailable");
      assertThat(service.store().claimOf(ACME, c.id())).isEmpty();
      Claim again = service.claim(ACME, c.id(), "spring-ai", LEASE).get();
      assertThatThrownBy(() -> answer(client(service, new ScriptedModel(p -> "  "), new TurnGuardAdvisor(service)), again))
          .isInstanceOfSatisfying(TurnLostException.class, e -> assertThat(e.problem()).isInstanceOf(Problem.Invalid.class));
      assertThat(service.store().claimOf(ACME, c.id())).isEmpty();
      assertThat(aiMessages(service, c.id())).isZero();
    }
  }

  @Test
  void aCallWithoutAClaimOrAStreamIsRefused() {
    try (Conversations service = Conversations.inMemory()) {
      Conversation c = asked(service, "Hi");
      ScriptedModel model = new ScriptedModel(p -> "Hello");
      ChatClient client = client(service, model, new TurnGuardAdvisor(service));
      assertThatThrownBy(() -> client.prompt().advisors(a -> a.param(ChatMemory.CONVERSATION_ID,
          ConversationChatMemoryRepository.conversationId(ACME, c.id()))).call().content())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TurnGuardAdvisor.CLAIM");
      Claim claim = service.claim(ACME, c.id(), "spring-ai", LEASE).get();
      assertThatThrownBy(() -> client.prompt().advisors(a -> a.param(TurnGuardAdvisor.CLAIM, claim))
          .stream().content().collectList().block())
          .hasMessageContaining("call()");
      assertThat(service.store().claimOf(ACME, c.id())).as("a refused stream releases its claim").isEmpty();
      Conversation other = asked(service, "Other");
      Claim again = service.claim(ACME, c.id(), "spring-ai", LEASE).get();
      assertThatThrownBy(() -> client.prompt().advisors(a -> a
              .param(ChatMemory.CONVERSATION_ID, ConversationChatMemoryRepository.conversationId(ACME, other.id()))
              .param(TurnGuardAdvisor.CLAIM, again))
          .call().content())
          .as("a memory naming another conversation than the claim").isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not the claimed conversation's");
      assertThat(service.store().claimOf(ACME, c.id())).isEmpty();
      assertThat(model.calls.get()).isZero();
      assertThat(aiMessages(service, c.id())).isZero();
    }
  }
}
