package dev.conversation.domain;

import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared example data and a tiny driver for example tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-03-24T08:15:00Z");
  static final HumanAgent JANE = new HumanAgent(HumanAgentId.of("agent_1234567890"), "Jane Smith",
      io.vavr.control.Option.some(new EmailAddress("jane@example.com")), io.vavr.control.Option.some("https://example.com/avatar.jpg"));
  static final HumanAgent OMAR = HumanAgent.of(HumanAgentId.of("agent-omar"), "Omar");
  static final TeamId BILLING = TeamId.of("team-billing");

  private Fixtures() {}

  static StartConversation whatsApp(String id) {
    return StartConversation.of(ConversationId.of(id), TenantId.of("tenant-a"), WorkspaceId.of("support"),
        Channel.of(ChannelType.WHATSAPP)).customerAddress("+4915112345678");
  }

  /** Drives one conversation with a clock that advances a minute per call. */
  static final class Driver {
    private final AtomicInteger minutes = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    Conversation conversation;

    Driver(StartConversation start) {
      conversation = Lifecycle.start(start, T0).get().conversation();
    }

    Instant now() {
      return T0.plus(Duration.ofMinutes(minutes.get()));
    }

    Either<Rejection, Decision> decide(Command command) {
      Instant at = T0.plus(Duration.ofMinutes(minutes.incrementAndGet()));
      Either<Rejection, Decision> result = Lifecycle.decide(conversation, command, at);
      result.forEach(d -> conversation = d.conversation());
      return result;
    }

    Decision accept(Command command) {
      return decide(command).getOrElseThrow(r -> new AssertionError("rejected: " + r.message()));
    }

    Rejection reject(Command command) {
      Conversation before = conversation;
      Rejection rejection = decide(command).swap().getOrElseThrow(d -> new AssertionError("accepted: " + d));
      if (!before.equals(conversation)) {
        throw new AssertionError("a rejection changed the conversation");
      }
      return rejection;
    }

    Decision say(Participant who, String text) {
      return accept(Command.AppendMessage.of(MessageId.of("m" + ids.incrementAndGet()), who, text));
    }

    Status status() {
      return conversation.status();
    }
  }
}
