package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.Conversations;
import dev.conversation.service.TimerRunner;
import io.vavr.collection.Seq;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each its own service and timer runner, over one real PostgreSQL, sweeping 10,000 due
 * timers in ten tenants at the same time: every timer fires exactly once (one Woke event per
 * conversation, none missed), and the runners' counts add up to the 10,000.
 */
class TwoTimerRunnersTest {

  private static final int TENANTS = 10;
  private static final int PER_TENANT = 1_000;
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

  @Test
  void twoRunnersOverOnePostgresFireEveryTimerExactlyOnce() {
    assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
      try (HikariDataSource database = Databases.postgres()) {
        ConversationStore store = JdbcConversationStore.on(database);
        long started = System.nanoTime();
        populate(store);
        System.out.printf("populated in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        started = System.nanoTime();
        Clock later = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        try (Conversations one = Conversations.builder().store(store).clock(later).build();
             Conversations two = Conversations.builder().store(store).clock(later).build();
             TimerRunner a = one.startTimers(Duration.ofHours(1));
             TimerRunner b = two.startTimers(Duration.ofHours(1))) {
          // Both runners swept once on start; sweep again at the same time until nothing is left.
          for (int round = 0; round < 3; round++) {
            CompletableFuture<TimerRunner.Sweep> x = CompletableFuture.supplyAsync(a::sweepNow);
            CompletableFuture<TimerRunner.Sweep> y = CompletableFuture.supplyAsync(b::sweepNow);
            x.join();
            y.join();
          }
          waitForFirstSweeps(a, b);
          System.out.printf("swept in %d ms: %s / %s%n", (System.nanoTime() - started) / 1_000_000, a.stats(), b.stats());
          TimerRunner.Stats sa = a.stats();
          TimerRunner.Stats sb = b.stats();
          assertThat(sa.failed() + sb.failed()).as("no timer failed: %s %s", sa, sb).isZero();
          assertThat(sa.fired() + sb.fired()).as("the runners fired each timer once between them").isEqualTo(TENANTS * PER_TENANT);
          assertThat(sa.fired()).as("both runners worked").isPositive();
          assertThat(sb.fired()).as("both runners worked").isPositive();
        }
        for (int t = 0; t < TENANTS; t++) {
          TenantId tenant = TenantId.of("timers-" + t);
          Map<ConversationId, Integer> woke = new HashMap<>();
          long position = 0;
          while (true) {
            Seq<StoredEvent> batch = store.events(tenant, position, ConversationStore.MAX_EVENT_BATCH);
            for (StoredEvent e : batch) {
              if (e.event().change() instanceof DomainEvent.Woke) {
                woke.merge(e.event().conversationId(), 1, Integer::sum);
              }
            }
            if (batch.isEmpty()) {
              break;
            }
            position = batch.last().position();
          }
          assertThat(woke).as("tenant %s: every conversation woke", tenant).hasSize(PER_TENANT);
          assertThat(woke.values()).as("tenant %s: each exactly once", tenant).containsOnly(1);
          assertThat(store.count(tenant, dev.conversation.persistence.ConversationFilter.all().withStatuses(Status.SNOOZED)))
              .isZero();
        }
      }
    });
  }

  private static void waitForFirstSweeps(TimerRunner a, TimerRunner b) throws InterruptedException {
    for (int i = 0; i < 600 && (a.stats().sweeps() < 4 || b.stats().sweeps() < 4); i++) {
      Thread.sleep(100);
    }
  }

  /** Ten tenants of a thousand conversations each, snoozed until an hour after they started. */
  private static void populate(ConversationStore store) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < TENANTS; t++) {
        TenantId tenant = TenantId.of("timers-" + t);
        for (int slice = 0; slice < 4; slice++) {
          int from = slice * PER_TENANT / 4;
          work.add(pool.submit(() -> {
            for (int i = from; i < from + PER_TENANT / 4; i++) {
              Instant at = T0.plusSeconds(i);
              Conversation started = store.commit(tenant, 0, Lifecycle.start(StartConversation.of(ConversationId.of("c" + i),
                  tenant, WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT)), at).get()).get().conversation();
              store.commit(tenant, 1, Lifecycle.decideAll(started, io.vavr.collection.List.of(
                  Command.AppendMessage.of(dev.conversation.domain.MessageId.of("r" + i), Participant.ai(), "Hello!"),
                  new Command.Snooze(Participant.system(), at.plus(Duration.ofHours(1)))), at.plusMillis(1)).get());
            }
            return null;
          }));
        }
      }
      for (Future<?> f : work) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
