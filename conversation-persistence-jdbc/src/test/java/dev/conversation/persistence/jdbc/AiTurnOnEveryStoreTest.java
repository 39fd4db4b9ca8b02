package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.conversation.domain.Actor;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Claim;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AI's turn on every store, with real threads: a slow model while a human takes over, a human
 * taking over at the very moment the reply commits, and the property that an AI reply is never
 * stored after something it did not see, over generated lives.
 */
class AiTurnOnEveryStoreTest {

  private static final HumanAgent ALICE_AGENT = HumanAgent.of(HumanAgentId.of("alice"), "Alice");
  private static final Participant ALICE = Participant.human(ALICE_AGENT);

  private static Conversation asked(Conversations service, TenantId tenant, String text) {
    return service.create(tenant, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
        .firstMessage(NewMessage.of(Participant.customer(), text))).get().conversation();
  }

  private static Seq<Message> thread(Conversations service, TenantId tenant, Conversation c) {
    return service.history(tenant, c.id(), Option.some(100), Option.none()).get().items();
  }

  /** The human's take-over, committed at once: the hand-off to Alice and her message. */
  private static Seq<Command> takeOver() {
    return List.of(Command.HandOff.toAgent(Participant.system(), ALICE_AGENT, "asked for a person"),
        Command.AppendMessage.of(MessageId.of(UUID.randomUUID().toString()), ALICE, "Hi, Alice here."));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void aSlowModelWhileAHumanTakesOverIsRefusedAndNothingIsStored(String engine) throws Exception {
    TenantId tenant = TenantId.of("slow-" + engine);
    try (Stores stores = Stores.on(engine);
        Conversations service = Conversations.builder().store(stores.store()).directory(stores.directory()).build()) {
      Conversation c = asked(service, tenant, "I want to speak to a person");
      CountDownLatch thinking = new CountDownLatch(1);
      CountDownLatch tookOver = new CountDownLatch(1);
      CompletableFuture<Either<Problem, Outcome>> worker = CompletableFuture.supplyAsync(() -> {
        Claim claim = service.claim(tenant, c.id(), "slow-worker", Duration.ofMinutes(1)).get();
        thinking.countDown();
        try {
          assertThat(tookOver.await(30, TimeUnit.SECONDS)).isTrue();  // the model is still generating
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return service.reply(claim, NewMessage.of(Participant.ai(), "I can help you with that!"));
      });
      assertThat(thinking.await(30, TimeUnit.SECONDS)).isTrue();
      long version = service.execute(tenant, c.id(), takeOver()).get().conversation().version();
      tookOver.countDown();
      Either<Problem, Outcome> reply = worker.get(30, TimeUnit.SECONDS);

      assertThat(reply.isLeft()).as("the slow reply is refused: %s", reply).isTrue();
      assertThat(((Problem.TurnLost) reply.getLeft()).reason()).isEqualTo(Problem.TurnLost.Reason.HUMAN_TOOK_OVER);
      assertThat(service.get(tenant, c.id()).get().version()).as("nothing stored").isEqualTo(version);
      assertThat(thread(service, tenant, c).map(m -> m.author().actor()))
          .containsExactly(Actor.CUSTOMER, Actor.HUMAN_AGENT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void aHumanTakingOverAsTheReplyCommitsLeavesNoAiMessageAfterTheHumans(String engine) throws Exception {
    TenantId tenant = TenantId.of("race-" + engine);
    int rounds = 100;
    AtomicInteger aiFirst = new AtomicInteger();
    AtomicInteger humanFirst = new AtomicInteger();
    try (Stores stores = Stores.on(engine);
        Conversations service = Conversations.builder().store(stores.store()).directory(stores.directory()).build()) {
      for (int round = 0; round < rounds; round++) {
        Conversation c = asked(service, tenant, "Question " + round);
        Claim claim = service.claim(tenant, c.id(), "worker", Duration.ofMinutes(1)).get();
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Either<Problem, Outcome>> ai = CompletableFuture.supplyAsync(() -> {
          await(start);
          return service.reply(claim, NewMessage.of(Participant.ai(), "The answer"));
        });
        CompletableFuture<Either<Problem, Outcome>> human = CompletableFuture.supplyAsync(() -> {
          await(start);
          return service.execute(tenant, c.id(), takeOver());
        });
        assertThat(human.get(30, TimeUnit.SECONDS).isRight()).as("the human always takes over").isTrue();
        Either<Problem, Outcome> reply = ai.get(30, TimeUnit.SECONDS);
        Seq<Actor> authors = thread(service, tenant, c).map(m -> m.author().actor());
        if (reply.isRight()) {
          aiFirst.incrementAndGet();
          assertThat(authors).as("a stored reply came before the take-over").containsExactly(
              Actor.CUSTOMER, Actor.AI_AGENT, Actor.HUMAN_AGENT);
        } else {
          humanFirst.incrementAndGet();
          assertThat(reply.getLeft()).isInstanceOf(Problem.TurnLost.class);
          assertThat(authors).containsExactly(Actor.CUSTOMER, Actor.HUMAN_AGENT);
        }
      }
    }
    assertThat(aiFirst.get() + humanFirst.get()).isEqualTo(rounds);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void anAiReplyIsNeverStoredAfterAHumanMessageOrHandOffItDidNotSee(String engine) {
    try (Stores stores = Stores.on(engine)) {
      AtomicInteger life = new AtomicInteger();
      qt().withExamples(40).withShrinkCycles(20).forAll(lists().of(integers().between(0, 9)).ofSizeBetween(1, 25))
          .checkAssert(ops -> live(stores, TenantId.of("life-" + life.incrementAndGet()), ops));
    }
  }

  /** One generated life: claims, replies, the customer writing, humans replying, hand-offs, resolves. */
  private static void live(Stores stores, TenantId tenant, java.util.List<Integer> ops) {
    MovableClock clock = new MovableClock(Instant.parse("2026-03-24T08:15:00Z"));
    try (Conversations service = Conversations.builder().store(stores.store()).directory(stores.directory())
        .clock(clock).build()) {
      Conversation c = asked(service, tenant, "Hi");
      java.util.List<Claim> claims = new ArrayList<>();
      // For each claim, whether something it did not see has happened since it was taken.
      java.util.List<Boolean> unseen = new ArrayList<>();
      int stored = 0;
      for (int op : ops) {
        clock.now = clock.now.plusSeconds(1);
        Conversation before = service.get(tenant, c.id()).get();
        boolean changedUnderneath = false;
        switch (op) {
          case 0, 1 -> {
            boolean held = stores.store().claimOf(tenant, c.id()).exists(h -> h.leaseUntil().isAfter(clock.now)
                && h.turnSince().equals(Lifecycle.aiTurn(before).getOrNull())
                && h.customerWroteAt().equals(before.lastCustomerMessageAt().getOrNull()));
            Either<Problem, Claim> claim = service.claim(tenant, c.id(), "w" + claims.size(), Duration.ofMinutes(5));
            assertThat(claim.isRight()).as("a claim succeeds exactly when it is the AI's turn and nobody holds it: %s", claim)
                .isEqualTo(Lifecycle.aiTurn(before).isDefined() && !held);
            claim.forEach(k -> {
              claims.add(k);
              unseen.add(false);
            });
          }
          case 2, 3 -> {
            if (!claims.isEmpty()) {
              int pick = claims.size() - 1;
              Either<Problem, Outcome> reply = service.reply(claims.get(pick), NewMessage.of(Participant.ai(), "Answer " + pick));
              if (reply.isRight()) {
                assertThat(unseen.get(pick)).as("a reply is stored only if nothing unseen happened since its claim").isFalse();
                stored++;
                unseen.replaceAll(k -> true);  // every other claim is now for an answered turn
              } else {
                assertThat(reply.getLeft()).isInstanceOf(Problem.TurnLost.class);
              }
            }
          }
          case 4, 5 -> changedUnderneath = service.send(tenant, c.id(), NewMessage.of(Participant.customer(), "More " + op))
              .isRight();
          case 6 -> changedUnderneath = service.send(tenant, c.id(), NewMessage.of(ALICE, "Human here")).isRight();
          case 7 -> changedUnderneath = service.execute(tenant, c.id(),
              Command.HandOff.toTeam(Participant.system(), TeamId.of("t"), "escalated")).isRight();
          case 8 -> service.execute(tenant, c.id(), new Command.ReturnToAi(ALICE));
          default -> {
            changedUnderneath = service.execute(tenant, c.id(), new Command.Resolve(ALICE, "done")).isRight();
            service.execute(tenant, c.id(), new Command.Reopen(ALICE));
          }
        }
        if (changedUnderneath) {
          unseen.replaceAll(k -> true);
        }
      }
      assertThat(thread(service, tenant, c).count(m -> m.author().actor() == Actor.AI_AGENT))
          .as("every AI message is a stored reply").isEqualTo(stored);
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
