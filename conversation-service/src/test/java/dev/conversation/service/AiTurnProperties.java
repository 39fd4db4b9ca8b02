package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TeamId;
import dev.conversation.persistence.Claim;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Over random interleavings of workers' claims and replies with the customer writing, humans
 * replying, hand-offs, returns to the AI, resolves and reopens: an AI reply on a claim is stored
 * only if nothing a worker did not see happened since its claim (no human reply, no hand-off, no
 * resolve, and no newer customer message), and never twice for one turn.
 */
class AiTurnProperties {

  @Test
  void anAiReplyIsNeverStoredAfterAHumanMessageOrHandOffItDidNotSee() {
    qt().withExamples(300).forAll(lists().of(integers().between(0, 9)).ofSizeBetween(1, 40)).checkAssert(ops -> {
      ManualClock clock = new ManualClock(ServiceFixtures.T0);
      try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
        Conversation c = service.create(ACME, ServiceFixtures.webChat().firstMessage(ServiceFixtures.customer("Hi"))).get()
            .conversation();
        List<Claim> claims = new ArrayList<>();
        // For each claim, whether something it did not see has happened since it was taken.
        List<Boolean> unseen = new ArrayList<>();
        int stored = 0;
        for (int op : ops) {
          clock.advance(Duration.ofSeconds(1));
          Conversation before = service.get(ACME, c.id()).get();
          boolean changedUnderneath = false;
          switch (op) {
            case 0, 1 -> {
              boolean held = service.store().claimOf(ACME, c.id()).exists(h -> h.leaseUntil().isAfter(clock.instant())
                  && h.turnSince().equals(Lifecycle.aiTurn(before).getOrNull())
                  && h.customerWroteAt().equals(before.lastCustomerMessageAt().getOrNull()));
              Either<Problem, Claim> claim = service.claim(ACME, c.id(), "w" + claims.size(), Duration.ofMinutes(5));
              assertThat(claim.isRight()).as("a claim succeeds exactly when it is the AI's turn and nobody holds it")
                  .isEqualTo(Lifecycle.aiTurn(before).isDefined() && !held);
              claim.forEach(k -> {
                claims.add(k);
                unseen.add(false);
              });
            }
            case 2, 3 -> {
              if (!claims.isEmpty()) {
                int pick = claims.size() - 1;
                Either<Problem, Outcome> reply = service.reply(claims.get(pick), ServiceFixtures.ai("Answer " + pick));
                if (reply.isRight()) {
                  assertThat(unseen.get(pick)).as("a reply is stored only if nothing unseen happened since its claim")
                      .isFalse();
                  stored++;
                  for (int k = 0; k < unseen.size(); k++) {
                    unseen.set(k, true);  // every other claim is now for an answered turn
                  }
                } else {
                  assertThat(reply.getLeft()).isInstanceOf(Problem.TurnLost.class);
                }
              }
            }
            case 4, 5 -> changedUnderneath = service.send(ACME, c.id(), ServiceFixtures.customer("More " + op)).isRight();
            case 6 -> changedUnderneath = service.send(ACME, c.id(), dev.conversation.service.NewMessage.of(ALICE_BY, "Human here"))
                .isRight();
            case 7 -> changedUnderneath = service.execute(ACME, c.id(),
                Command.HandOff.toTeam(Participant.system(), TeamId.of("t"), "escalated")).isRight();
            case 8 -> service.execute(ACME, c.id(), new Command.ReturnToAi(ALICE_BY));
            default -> {
              changedUnderneath = service.execute(ACME, c.id(), new Command.Resolve(ALICE_BY, "done")).isRight();
              service.execute(ACME, c.id(), new Command.Reopen(ALICE_BY));
            }
          }
          if (changedUnderneath) {
            for (int k = 0; k < unseen.size(); k++) {
              unseen.set(k, true);
            }
          }
        }
        long aiMessages = service.history(ACME, c.id(), io.vavr.control.Option.some(100), io.vavr.control.Option.none()).get()
            .items().count(m -> m.author().actor() == dev.conversation.domain.Actor.AI_AGENT);
        assertThat(aiMessages).as("every AI message is a stored reply").isEqualTo(stored);
      }
    });
  }

}
