package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writers of one service instance take turns on a hot conversation in the H2 store too: eight
 * threads with a retry budget of ONE attempt each send to one conversation, and not one send
 * meets a stale version (no {@code Contended}); every message is stored once, versions and the
 * outbox stay consecutive. (The in-memory store and PostgreSQL have the same test.)
 */
class H2HotConversationTest {

  private static final int WRITERS = 8;
  private static final int SENDS = 250;

  @Test
  void eightWritersWithOneAttemptEachOnOneConversationAllSucceed() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (HikariDataSource database = Databases.h2();
          Conversations service = Conversations.builder().store(JdbcConversationStore.on(database))
              .directory(JdbcDirectory.on(database)).attempts(1).build()) {
        TenantId tenant = TenantId.of("hot");
        ConversationId id = service.create(tenant, NewConversation.on(WorkspaceId.of("support"),
            Channel.of(ChannelType.WEB_CHAT))).get().conversation().id();
        ConcurrentLinkedQueue<Either<Problem, Outcome>> results = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
          java.util.List<Future<?>> writers = new ArrayList<>();
          for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
              go.await();
              for (int i = 0; i < SENDS; i++) {
                results.add(service.send(tenant, id, NewMessage.of(Participant.customer(), "m " + writer + "-" + i)));
              }
              return null;
            }));
          }
          go.countDown();
          for (Future<?> writer : writers) {
            writer.get(50, TimeUnit.SECONDS);
          }
        } finally {
          pool.shutdownNow();
        }
        assertThat(results).hasSize(WRITERS * SENDS);
        assertThat(results).as("no send met a stale version or failed")
            .allSatisfy(r -> assertThat(r.isRight()).as("%s", r).isTrue());
        Conversation after = service.get(tenant, id).get();
        assertThat(after.messageCount()).isEqualTo(WRITERS * SENDS);
        assertThat(after.version()).isEqualTo(1L + WRITERS * SENDS);
        List<Long> versions = List.empty();
        long checkpoint = 0;
        while (true) {
          io.vavr.collection.Seq<StoredEvent> read = service.events(tenant, checkpoint, ConversationStore.MAX_EVENT_BATCH).get();
          if (read.isEmpty()) {
            break;
          }
          versions = versions.appendAll(read.map(e -> e.event().version()));
          checkpoint = read.last().position();
        }
        assertThat(versions.toJavaList()).isEqualTo(List.rangeClosed(1L, 1L + WRITERS * SENDS).toJavaList());
      }
    });
  }
}
