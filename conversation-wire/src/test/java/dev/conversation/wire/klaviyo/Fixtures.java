package dev.conversation.wire.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/** Conversations played through the real lifecycle, and the golden documents. */
final class Fixtures {

  /** The seed's example creation time. */
  static final Instant T0 = Instant.parse("2026-05-13T12:00:00Z");

  static final HumanAgent JANE = HumanAgent.of(HumanAgentId.of("agent-jane"), "Jane");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** A conversation and the messages stored for it, as a host would read them from the service. */
  record Life(Conversation conversation, Seq<Message> messages) {

    /** Applies a command at {@code T0 + minutes}; the lifecycle must accept it. */
    Life then(int minutes, Command command) {
      Decision d = Lifecycle.decide(conversation, command, T0.plus(Duration.ofMinutes(minutes)))
          .getOrElseThrow(r -> new AssertionError("rejected " + command + ": " + r.message()));
      return new Life(d.conversation(), messages.appendAll(d.messages()));
    }

    Life customer(int minutes, String id) {
      return then(minutes, Command.AppendMessage.of(MessageId.of(id), Participant.customer(), "Where is my order?"));
    }

    Life ai(int minutes, String id) {
      return then(minutes, Command.AppendMessage.of(MessageId.of(id), Participant.ai(), "It ships today."));
    }
  }

  /** A web chat conversation started at {@link #T0} with no message. */
  static Life started(String id) {
    Decision d = Lifecycle.start(StartConversation.of(ConversationId.of(id), TenantId.of("tenant-1"),
            WorkspaceId.of("ws-1"), Channel.of(ChannelType.WEB_CHAT)), T0)
        .getOrElseThrow(r -> new AssertionError(r.message()));
    return new Life(d.conversation(), List.ofAll(d.messages()));
  }

  /**
   * The seed's example: {@code conv_abc123}, created 12:00, a customer question and an AI answer,
   * resolved by the AI at 12:05.
   */
  static Life resolvedByAi() {
    return started("conv_abc123").customer(1, "msg_001").ai(2, "msg_002")
        .then(5, new Command.Resolve(Participant.ai(), "Answered the shipping question"));
  }

  /** Every canonical state, reached through the lifecycle, with the Klaviyo word the DESIGN table gives it. */
  static Seq<io.vavr.Tuple2<String, Life>> everyState() {
    Life fresh = started("c-new").customer(1, "n1"); // a customer message leaves NEW as it is
    Life active = started("c-active").customer(1, "a1").ai(2, "a2").customer(3, "a3");
    Life waiting = started("c-waiting").customer(1, "w1").ai(2, "w2");
    Life snoozed = started("c-snoozed").customer(1, "s1").ai(2, "s2")
        .then(3, new Command.Snooze(Participant.ai(), T0.plus(Duration.ofHours(5))));
    Life human = started("c-human").customer(1, "h1")
        .then(2, new Command.HandOff(Participant.ai(), Option.some(JANE), Option.none(), "asks for a refund"));
    Life byAi = resolvedByAi();
    Life byHuman = started("c-by-human").customer(1, "r1")
        .then(2, new Command.HandOff(Participant.ai(), Option.some(JANE), Option.none(), "asks for a refund"))
        .then(3, new Command.Resolve(Participant.human(JANE), "Refunded"));
    Life bySystem = started("c-by-system").customer(1, "y1").ai(2, "y2")
        .then(3, new Command.Resolve(Participant.system(), "Auto-resolved: the customer did not reply"));
    Life closedAfterAi = resolvedByAi().then(9, new Command.Close(Participant.system()));
    return List.of(
        io.vavr.Tuple.of("open", fresh), io.vavr.Tuple.of("open", active), io.vavr.Tuple.of("open", waiting),
        io.vavr.Tuple.of("open", snoozed), io.vavr.Tuple.of("routed-to-team", human),
        io.vavr.Tuple.of("resolved-by-ai", byAi), io.vavr.Tuple.of("closed", byHuman),
        io.vavr.Tuple.of("closed", bySystem), io.vavr.Tuple.of("closed", closedAfterAi));
  }

  /** Parses JSON text into a tree. */
  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads a JSON resource of this package. */
  static JsonNode json(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
