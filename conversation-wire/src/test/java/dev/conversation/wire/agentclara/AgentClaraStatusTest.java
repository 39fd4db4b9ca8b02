package dev.conversation.wire.agentclara;

import static dev.conversation.wire.agentclara.ClaraFixtures.ACME;
import static dev.conversation.wire.agentclara.ClaraFixtures.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Status;
import dev.conversation.service.Conversations;
import dev.conversation.wire.ApiError;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inbound status words: a word and the current state give the command, and the lifecycle decides it. */
class AgentClaraStatusTest {

  private static final Participant ALICE = Participant.human(HumanAgent.of(HumanAgentId.of("alice"), "Alice"));

  private final Conversations service = ClaraFixtures.service();
  private final AgentClaraApi api = AgentClaraApi.over(service, SUPPORT);

  @AfterEach
  void tearDown() {
    service.close();
  }

  private Conversation in(Status status) {
    String id = api.create(ACME, "{\"channel\": \"email\", \"customer_email\": \"jane@example.com\"}").json().get("id").textValue();
    ConversationId cid = ConversationId.of(id);
    switch (status) {
      case NEW -> { }
      case HUMAN_MANAGED -> service.execute(ACME, cid, Command.HandOff.toAgent(ALICE, HumanAgent.of(HumanAgentId.of("alice"), "Alice"), "VIP"));
      case RESOLVED -> service.execute(ACME, cid, new Command.Resolve(ALICE, "answered"));
      case CLOSED -> service.execute(ACME, cid, new Command.Close(ALICE));
      default -> throw new AssertionError(status);
    }
    Conversation c = service.get(ACME, cid).get();
    assertThat(c.status()).isEqualTo(status);
    return c;
  }

  @Test
  void eachWordGivesTheCommandOfTheTableOrNoneWhenTheStateHasTheWordAlready() {
    Conversation open = in(Status.NEW);
    Conversation resolved = in(Status.RESOLVED);
    Conversation closed = in(Status.CLOSED);
    Participant by = Participant.system();
    assertThat(AgentClaraVocabulary.statusCommand("open", open, by, "o").get()).isEmpty();
    assertThat(AgentClaraVocabulary.statusCommand("open", resolved, by, "o").get()).contains(new Command.Reopen(by));
    assertThat(AgentClaraVocabulary.statusCommand("open", closed, by, "o").get()).contains(new Command.Reopen(by));
    assertThat(AgentClaraVocabulary.statusCommand("resolved", open, by, "o").get()).contains(new Command.Resolve(by, "o"));
    assertThat(AgentClaraVocabulary.statusCommand("resolved", resolved, by, "o").get()).isEmpty();
    assertThat(AgentClaraVocabulary.statusCommand("closed", resolved, by, "o").get()).contains(new Command.Close(by));
    assertThat(AgentClaraVocabulary.statusCommand("closed", closed, by, "o").get()).isEmpty();
    ApiError unknown = AgentClaraVocabulary.statusCommand("archived", open, by, "o").getLeft();
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.rule()).isEqualTo("unknown-status");
    assertThat(unknown.field()).contains("status");
    assertThat(unknown.message()).isEqualTo("status must be one of open, closed, resolved; was 'archived'");
  }

  @Test
  void theApiResolvesReopensAndClosesAndRecordsTheCallerAsResolver() {
    Conversation c = in(Status.NEW);
    String id = c.id().value();
    AgentClaraApi asAlice = api.as(ALICE).resolvingWith("Answered by Alice");
    assertThat(asAlice.update(ACME, id, "{\"status\": \"resolved\"}").json().get("status").textValue()).isEqualTo("resolved");
    Conversation resolved = service.get(ACME, c.id()).get();
    assertThat(resolved.resolution().get().resolver()).isEqualTo(ALICE);
    assertThat(resolved.resolution().get().outcome()).isEqualTo("Answered by Alice");
    assertThat(api.update(ACME, id, "{\"status\": \"open\"}").json().get("status").textValue()).isEqualTo("open");
    AgentClaraResponse closed = api.close(ACME, id);
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("status").textValue()).isEqualTo("closed");
    long version = service.get(ACME, c.id()).get().version();
    assertThat(api.close(ACME, id).status()).as("closing a closed conversation changes nothing").isEqualTo(200);
    assertThat(service.get(ACME, c.id()).get().version()).isEqualTo(version);
  }

  @Test
  void whatTheLifecycleDeniesIsA409NamingItsRuleAndTheStatusField() {
    String closed = in(Status.CLOSED).id().value();
    AgentClaraResponse reopen = api.update(ACME, closed, "{\"status\": \"open\"}");
    assertThat(reopen.status()).isEqualTo(409);
    assertThat(reopen.json().get("error").textValue()).isEqualTo("conflict");
    assertThat(reopen.json().get("field").textValue()).isEqualTo("status");
    assertThat(reopen.json().get("message").textValue()).endsWith("[closed-is-read-only]");

    // A system caller may not resolve what a human has taken over (the lifecycle's actor rule).
    String human = in(Status.HUMAN_MANAGED).id().value();
    JsonNode refused = api.update(ACME, human, "{\"status\": \"resolved\"}").json();
    assertThat(refused.get("message").textValue()).endsWith("[only-human-agent-may-resolve-in-human-managed]");
    assertThat(service.get(ACME, ConversationId.of(human)).get().status()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(api.as(ALICE).update(ACME, human, "{\"status\": \"resolved\"}").status()).isEqualTo(200);

    // Sending into a closed conversation, and the AI talking over a human.
    assertThat(api.send(ACME, closed, "{\"content\": \"Hi\", \"sender\": \"customer\"}").json().get("message").textValue())
        .endsWith("[closed-is-read-only]");
    String other = in(Status.HUMAN_MANAGED).id().value();
    AgentClaraResponse ai = api.send(ACME, other, "{\"content\": \"Hi\"}");
    assertThat(ai.status()).isEqualTo(409);
    assertThat(ai.json().get("message").textValue()).endsWith("[ai-never-talks-over-a-human]");
    assertThat(Option.of(ai.json().get("field")).map(JsonNode::isNull)).contains(true);
  }
}
