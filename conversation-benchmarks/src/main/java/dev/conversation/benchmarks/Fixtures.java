package dev.conversation.benchmarks;

import dev.conversation.domain.AccountId;
import dev.conversation.domain.AiAgentId;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * The conversations the benchmarks work on: an active WhatsApp conversation as a host would hold
 * it after a few turns (contact and account linked, subject, AI summary, two tags), built through
 * the lifecycle so that every value is one the library itself produces.
 */
final class Fixtures {

  static final TenantId TENANT = TenantId.of("bench");
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  /** The decision every lifecycle benchmark takes: the AI hands an active conversation to a team. */
  static final Command HAND_OFF = Command.HandOff.toTeam(Participant.ai(), TeamId.of("returns"),
      "customer asked for a person about a defective product");

  private Fixtures() {}

  /** Conversation {@code id} after the customer's first message, the AI's cited answer and a metadata update. */
  static Built active(String id) {
    Instant at = START;
    Decision started = Lifecycle.start(StartConversation.of(ConversationId.of(id), TENANT, WorkspaceId.of(fresh("support")),
            Channel.of(ChannelType.WHATSAPP))
        .customerAddress(fresh("+4915112345678"))
        .contactId(ContactId.of("contact-" + id))
        .accountId(AccountId.of(fresh("account-42")))
        .subject(fresh("Return of shoes bought 40 days ago"))
        .aiAgentId(AiAgentId.of(fresh("ai-returns")))
        .firstMessage(Command.AppendMessage.of(MessageId.of(id + "-m1"), Participant.customer(),
            fresh("Hi! Can I return shoes I bought 40 days ago?"))), at).get();
    Built built = new Built(started.conversation(), Vector.ofAll(started.messages()));
    at = at.plusSeconds(4);
    built = built.then(new Command.AppendMessage(MessageId.of(id + "-m2"), Participant.ai(),
        fresh("Returns are accepted within 30 days of delivery; after that we offer store credit."),
        List.of(Citation.of(SourceType.WEBSITE, fresh("https://acme.example/help/returns"), 0.12)),
        Option.none()), at);
    at = at.plusSeconds(1);
    built = built.then(Command.UpdateMetadata.by(Participant.ai())
        .summary(fresh("Customer wants to return shoes bought 40 days ago; AI offered store credit."))
        .addTags(fresh("returns"), fresh("shoes")), at);
    return built;
  }

  /** {@code base} with {@code count} more alternating customer and AI messages, a minute apart. */
  static Built withMessages(Built base, int count) {
    Built built = base;
    Instant at = base.conversation().updatedAt();
    for (int i = 0; i < count; i++) {
      at = at.plus(Duration.ofMinutes(1));
      Participant author = i % 2 == 0 ? Participant.customer() : Participant.ai();
      built = built.then(Command.AppendMessage.of(MessageId.of(base.conversation().id().value() + "-x" + i), author,
          "Message " + i + ": a typical customer-service turn of about eighty characters, give or take."), at);
    }
    return built;
  }

  /**
   * A new string object with the text of {@code literal}. A host parses every text from a request,
   * so two conversations never share their strings; literals would be shared (and so vanish from
   * a retained-size measurement).
   */
  private static String fresh(String literal) {
    return new String(literal.toCharArray()); // new String(String) would share the literal's bytes
  }

  /** A conversation and every message it holds. */
  record Built(Conversation conversation, Vector<Message> messages) {
    Built then(Command command, Instant at) {
      Decision d = Lifecycle.decide(conversation, command, at)
          .getOrElseThrow(r -> new IllegalStateException("fixture command refused: " + r));
      return new Built(d.conversation(), messages.appendAll(d.messages()));
    }
  }
}
