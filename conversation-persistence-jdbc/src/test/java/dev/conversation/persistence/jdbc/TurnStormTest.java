package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.conversation.domain.Actor;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Claim;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Turn;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AI's turn under contention, on every store: 500 conversations wait for the AI; four workers
 * in two service instances (as two processes would be) walk the turns, claim and answer. A fifth
 * worker claims twenty turns with a one-second lease and dies. Every turn must be answered exactly
 * once: the dead worker's after its lease.
 */
class TurnStormTest {

  private static final int TURNS = 500;
  private static final int WORKERS = 4;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void everyWaitingTurnIsAnsweredExactlyOnce(String engine) {
    TenantId tenant = TenantId.of("turns-" + engine);
    try (Stores stores = Stores.on(engine);
        Conversations one = Conversations.builder().store(stores.store()).directory(stores.directory()).build();
        Conversations two = Conversations.builder().store(stores.store()).directory(stores.directory()).build()) {
      assertTimeoutPreemptively(Duration.ofMinutes(3), () -> storm(List.of(one, two), stores.store(), tenant));
    }
  }

  private static void storm(List<Conversations> services, ConversationStore store, TenantId tenant) throws Exception {
    List<ConversationId> ids = new ArrayList<>();
    for (int i = 0; i < TURNS; i++) {
      ids.add(services.get(0).create(tenant, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
          .firstMessage(NewMessage.of(Participant.customer(), "Question " + i))).get().conversation().id());
    }
    // The worker that dies: it claims twenty turns with a short lease and never answers.
    int abandoned = 0;
    for (Turn t : services.get(1).turns(Option.some(tenant), Option.none(), 20).get()) {
      if (services.get(1).claim(tenant, t.conversation().id(), "doomed", Duration.ofSeconds(1)).isRight()) {
        abandoned++;
      }
    }
    assertThat(abandoned).isEqualTo(20);
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger lost = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        Conversations service = services.get(w % services.size());
        String worker = "worker-" + w;
        running.add(pool.submit(() -> {
          go.await();
          long idleSince = System.nanoTime();
          while (System.nanoTime() - idleSince < Duration.ofSeconds(3).toNanos()) {
            Seq<Turn> batch = service.turns(Option.some(tenant), Option.none(), 25).get();
            if (batch.isEmpty()) {
              Thread.sleep(50);
              continue;
            }
            idleSince = System.nanoTime();
            for (Turn t : batch) {
              Either<Problem, Claim> claim = service.claim(tenant, t.conversation().id(), worker, Duration.ofSeconds(30));
              if (claim.isLeft()) {
                assertThat(claim.getLeft()).isInstanceOf(Problem.TurnLost.class);
                lost.incrementAndGet();
                continue;
              }
              var reply = service.reply(claim.get(), NewMessage.of(Participant.ai(), "Answer by " + worker));
              assertThat(reply.isRight()).as("a claimed turn is answered: %s", reply).isTrue();
              answered.incrementAndGet();
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(answered.get()).as("every turn answered once (%s claims lost a race)", lost.get()).isEqualTo(TURNS);
    for (ConversationId id : ids) {
      Seq<Message> thread = store.messages(tenant, id, MessageQuery.first(10)).items();
      assertThat(thread.count(m -> m.author().actor() == Actor.AI_AGENT)).as("one AI answer in %s", id).isEqualTo(1);
      assertThat(thread.last().author().actor()).isEqualTo(Actor.AI_AGENT);
    }
    assertThat(store.turns(dev.conversation.persistence.TurnQuery.at(java.time.Instant.now()).inTenant(tenant))).isEmpty();
  }
}
