package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.ai;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.Status;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.Claim;
import dev.conversation.persistence.Turn;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The AI's turn through the service: listed, claimed once, answered only while it stands. */
class AiTurnTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock(ServiceFixtures.T0);

  private Conversation asked(Conversations service, String text) {
    return right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer(text)))).conversation();
  }

  private Seq<Turn> waiting(Conversations service) {
    return right(service.turns(Option.some(ACME), Option.none(), 100));
  }

  @Test
  void aTurnIsListedClaimedOnceAnsweredWithItsCitationsAndThenGone() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation first = asked(service, "Where is my parcel?");
      clock.advance(Duration.ofSeconds(1));
      Conversation second = asked(service, "Do you ship to Norway?");
      assertThat(waiting(service).map(t -> t.conversation().id())).as("oldest turn first")
          .containsExactly(first.id(), second.id());

      Claim claim = right(service.claim(ACME, first.id(), "worker-1", LEASE));
      assertThat(claim.version()).isEqualTo(first.version());
      assertThat(waiting(service).map(t -> t.conversation().id())).as("a claimed turn is not listed").containsExactly(second.id());
      Problem taken = left(service.claim(ACME, first.id(), "worker-2", LEASE));
      assertThat(((Problem.TurnLost) taken).reason()).isEqualTo(Problem.TurnLost.Reason.TAKEN);
      assertThat(taken.message()).contains("worker-1");

      Citation source = Citation.of(SourceType.WEBSITE, "https://help.example.com/tracking", 0.2);
      Outcome answered = right(service.reply(claim, ai("It arrives tomorrow.").withCitations(List.of(source))));
      assertThat(answered.messages().single().citations()).containsExactly(source);
      assertThat(answered.conversation().status()).isEqualTo(Status.WAITING);
      assertThat(service.store().claimOf(ACME, first.id())).as("the claim is released on success").isEmpty();
      assertThat(waiting(service).map(t -> t.conversation().id())).containsExactly(second.id());
      assertThat(((Problem.TurnLost) left(service.claim(ACME, first.id(), "worker-2", LEASE))).reason())
          .as("an answered turn cannot be claimed").isEqualTo(Problem.TurnLost.Reason.ANSWERED);
      assertThat(((Problem.TurnLost) left(service.reply(claim, ai("again")))).reason())
          .as("a claim answers once").isEqualTo(Problem.TurnLost.Reason.CLAIM_LOST);
    }
  }

  @Test
  void aHumanTakingOverWhileTheModelThinksRefusesTheReplyAndStoresNothing() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "I want to speak to a person");
      Claim claim = right(service.claim(ACME, c.id(), "worker-1", LEASE));
      long version = right(service.execute(ACME, c.id(),
          Command.HandOff.toTeam(Participant.system(), TeamId.of("support"), "asked for a person"))).conversation().version();
      Problem lost = left(service.reply(claim, ai("I can help you with that!")));
      assertThat(((Problem.TurnLost) lost).reason()).isEqualTo(Problem.TurnLost.Reason.HUMAN_TOOK_OVER);
      Conversation now = right(service.get(ACME, c.id()));
      assertThat(now.version()).as("nothing stored").isEqualTo(version);
      assertThat(right(service.history(ACME, c.id(), Option.none(), Option.none())).items()).hasSize(1);

      Conversation resolved = asked(service, "thanks, solved");
      Claim late = right(service.claim(ACME, resolved.id(), "worker-1", LEASE));
      right(service.execute(ACME, resolved.id(), new Command.Resolve(ALICE_BY, "solved by phone")));
      assertThat(((Problem.TurnLost) left(service.reply(late, ai("Glad to help")))).reason())
          .isEqualTo(Problem.TurnLost.Reason.RESOLVED);
    }
  }

  @Test
  void whenTheCustomerWritesAgainTheStaleReplyIsRefusedAndTheNewerMessageCanBeClaimedAtOnce() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "Hi");
      Claim claim = right(service.claim(ACME, c.id(), "worker-1", LEASE));
      clock.advance(Duration.ofSeconds(2));
      right(service.send(ACME, c.id(), customer("Actually, I need to change my address")));
      Problem stale = left(service.reply(claim, ai("Hello! How can I help?")));
      assertThat(((Problem.TurnLost) stale).reason()).isEqualTo(Problem.TurnLost.Reason.CUSTOMER_WROTE_AGAIN);
      Claim newer = right(service.claim(ACME, c.id(), "worker-1", LEASE));
      assertThat(newer.customerWroteAt()).isAfter(claim.customerWroteAt());
      assertThat(((Problem.TurnLost) left(service.reply(claim, ai("Hello!")))).reason())
          .as("the older claim was taken over").isEqualTo(Problem.TurnLost.Reason.CLAIM_LOST);
      right(service.reply(newer, ai("Sure, what is the new address?")));

      Conversation other = asked(service, "Price of the red shoes?");
      Claim tolerant = right(service.claim(ACME, other.id(), "worker-2", LEASE));
      right(service.send(ACME, other.id(), customer("size 42")));
      assertThat(right(service.reply(tolerant, ai("They are 89 EUR in every size."), ReplyPolicy.ACCEPT)).messages())
          .as("a policy may accept a reply made before the customer's newer message").hasSize(1);
    }
  }

  @Test
  void aWorkerThatDiesLetsItsLeaseRunOutAndAnotherAnswers() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "Hello?");
      Claim dead = right(service.claim(ACME, c.id(), "worker-1", LEASE));
      clock.advance(LEASE.minusSeconds(1));
      assertThat(left(service.claim(ACME, c.id(), "worker-2", LEASE))).isInstanceOf(Problem.TurnLost.class);
      assertThat(waiting(service)).isEmpty();
      clock.advance(Duration.ofSeconds(1));
      assertThat(waiting(service)).as("listed again once the lease ran out").hasSize(1);
      Claim alive = right(service.claim(ACME, c.id(), "worker-2", LEASE));
      Problem lateReply = left(service.reply(dead, ai("late")));
      assertThat(((Problem.TurnLost) lateReply).reason()).isEqualTo(Problem.TurnLost.Reason.CLAIM_LOST);
      assertThat(lateReply.message()).contains("held by worker-2");
      right(service.reply(alive, ai("Hi! How can I help?")));

      Conversation lapsed = asked(service, "Anyone?");
      Claim slow = right(service.claim(ACME, lapsed.id(), "worker-3", LEASE));
      clock.advance(LEASE.multipliedBy(2));
      assertThat(right(service.reply(slow, ai("Yes, here!"))).messages())
          .as("a lapsed claim nobody took over still answers").hasSize(1);
      Claim released = right(service.claim(ACME, asked(service, "x").id(), "worker-4", LEASE));
      assertThat(right(service.release(released))).isTrue();
      assertThat(right(service.release(released))).isFalse();
    }
  }

  @Test
  void aRetriedReplyWithItsKeyIsAReplayNotALostTurn() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "Hello?");
      Claim claim = right(service.claim(ACME, c.id(), "worker-1", LEASE));
      Outcome first = right(service.reply(claim, ai("Hi! How can I help?").withIdempotencyKey("turn-1")));
      Outcome again = right(service.reply(claim, ai("Hi! How can I help?").withIdempotencyKey("turn-1")));
      assertThat(again.replayed()).isTrue();
      assertThat(again.messages()).isEqualTo(first.messages());
      assertThat(right(service.get(ACME, c.id())).version()).isEqualTo(first.conversation().version());
      assertThat(((Problem.TurnLost) left(service.reply(claim, ai("Hi again")))).reason())
          .as("without the key it is a second reply, refused").isEqualTo(Problem.TurnLost.Reason.CLAIM_LOST);
    }
  }

  @Test
  void badClaimsAndRepliesAreTypedErrors() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "Hi");
      assertThat(((Problem.Invalid) left(service.claim(ACME, c.id(), " ", LEASE))).violations().map(Violation::field))
          .containsExactly("worker");
      assertThat(((Problem.Invalid) left(service.claim(ACME, c.id(), "w", Duration.ZERO))).violations().map(Violation::field))
          .containsExactly("lease");
      assertThat(((Problem.Invalid) left(service.claim(ACME, c.id(), "w", Duration.ofHours(2)))).violations()
          .map(Violation::field)).containsExactly("lease");
      assertThat(left(service.claim(ACME, dev.conversation.domain.ConversationId.of("nope"), "w", LEASE)))
          .isInstanceOf(Problem.NotFound.class);
      assertThat(left(service.claim(TenantId.of("other"), c.id(), "w", LEASE))).isInstanceOf(Problem.NotFound.class);
      Claim claim = right(service.claim(ACME, c.id(), "\uD83E\uDD16-" + "w".repeat(125), Duration.ofHours(1)));
      assertThat(claim.worker()).as("128 characters, an emoji among them, and the longest lease").hasSize(128);
      assertThat(((Problem.Invalid) left(service.reply(claim, NewMessage.of(ALICE_BY, "I am human")))).violations()
          .map(Violation::rule)).containsExactly("ai-only");
      assertThat(((Problem.Invalid) left(service.reply(claim, ai("  ")))).violations().map(Violation::field))
          .containsExactly("content");
      assertThat(((Problem.Invalid) left(service.claim(ACME, c.id(), "w\u0000x", LEASE))).violations().map(Violation::rule))
          .as("a worker name no store could keep").containsExactly("malformed-text");
      assertThat(left(service.turns(Option.none(), Option.none(), 0))).isInstanceOf(Problem.Invalid.class);
      assertThat(left(service.turns(Option.none(), Option.none(), 1001))).isInstanceOf(Problem.Invalid.class);
      assertThat(service.turns(Option.none(), Option.none(), 1).isRight()).isTrue();
      assertThat(service.turns(Option.none(), Option.none(), 1000).isRight()).isTrue();
      assertThat(((Problem.Invalid) left(service.claim(ACME, c.id(), "w".repeat(129), LEASE))).violations()
          .map(Violation::field)).containsExactly("worker");
      assertThat(((Problem.Invalid) left(service.claim(ACME, c.id(), "w\uDFFF", LEASE))).violations()
          .map(Violation::rule)).containsExactly("malformed-text");
      assertThat(right(service.get(ACME, c.id())).version()).isEqualTo(c.version());
    }
  }
}
