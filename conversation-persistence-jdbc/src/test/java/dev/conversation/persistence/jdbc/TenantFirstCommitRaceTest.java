package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two conversations are created at once as the very first commits of a tenant, on a PostgreSQL
 * database whose default isolation is REPEATABLE READ (a setting hosts and DBAs do choose). Both
 * commits find no outbox counter row and insert one; the second waits on the first's row, gets a
 * duplicate key, rolls back to its savepoint and updates the row again. Whatever the store makes
 * of that, the SPI's rule must hold: a commit either stores its header, messages and events
 * together, or stores nothing.
 *
 * <p>The interleaving is forced with real connections: the first commit is held right before its
 * {@code commit()} until the second is waiting on the counter row's lock.
 */
class TenantFirstCommitRaceTest {

  private static final TenantId TENANT = TenantId.of("brand-new-tenant");

  @Test
  void aCommitThatLosesTheRaceToCreateTheTenantsOutboxCounterStoresAllOrNothing() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      HikariDataSource pool = Databases.postgres();
      String database = Try.of(() -> {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SELECT current_database()")) {
          r.next();
          return r.getString(1);
        }
      }).get();
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("ALTER DATABASE " + database + " SET default_transaction_isolation TO 'repeatable read'");
      }
      KillableDataSource first = repeatableRead(pool);
      KillableDataSource second = repeatableRead(pool);
      ConversationStore healthy = JdbcConversationStore.on(pool);

      CountDownLatch firstAtCommit = new CountDownLatch(1);
      CountDownLatch releaseFirst = new CountDownLatch(1);
      first.beforeEachStep((index, step) -> {
        if (step.equals(KillableDataSource.Step.COMMIT)) {
          firstAtCommit.countDown();
          releaseFirst.await(20, TimeUnit.SECONDS);
        }
      });
      Decision a = start("conversation-a");
      Decision b = start("conversation-b");

      CompletableFuture<Either<Conflict, Committed>> firstCommit =
          CompletableFuture.supplyAsync(() -> JdbcConversationStore.on(first).commit(TENANT, 0, a));
      assertThat(firstAtCommit.await(10, TimeUnit.SECONDS)).as("rule: the first commit reached its commit()").isTrue();

      CompletableFuture<Try<Either<Conflict, Committed>>> secondCommit =
          CompletableFuture.supplyAsync(() -> Try.of(() -> JdbcConversationStore.on(second).commit(TENANT, 0, b)));
      assertThat(waitingOnTheCounterRow(pool)).as("rule: the second commit waits on the first's counter row").isTrue();
      releaseFirst.countDown();

      Either<Conflict, Committed> firstResult = firstCommit.get(10, TimeUnit.SECONDS);
      Try<Either<Conflict, Committed>> secondResult = secondCommit.get(10, TimeUnit.SECONDS);
      assertThat(firstResult.isRight()).as("rule: the first commit succeeds, got %s", firstResult).isTrue();

      Seq<StoredEvent> outbox = healthy.events(TENANT, 0, ConversationStore.MAX_EVENT_BATCH);
      ConversationId loser = b.conversation().id();
      boolean storedHeader = healthy.find(TENANT, loser).isDefined();
      int storedMessages = healthy.messages(TENANT, loser, MessageQuery.first(10)).items().size();
      int storedEvents = outbox.count(e -> e.event().conversationId().equals(loser));
      String what = "second commit answered " + secondResult + "; stored header " + storedHeader + ", "
          + storedMessages + " message(s), " + storedEvents + " event(s)";
      if (secondResult.isSuccess() && secondResult.get().isRight()) {
        assertThat(storedEvents).as("rule: a successful commit stored its events (%s)", what)
            .isEqualTo(b.events().size());
      } else {
        assertThat(storedHeader).as("rule: a commit that failed stored no header (%s)", what).isFalse();
        assertThat(storedMessages).as("rule: a commit that failed stored no message (%s)", what).isZero();
        assertThat(storedEvents).as("rule: a commit that failed stored no event (%s)", what).isZero();
      }
      assertThat(storedHeader ? storedEvents : b.events().size())
          .as("rule: a stored conversation has all its events in the outbox (%s)", what)
          .isEqualTo(b.events().size());
    });
  }

  /** A new commit decision: a web chat with a first customer message. */
  private static Decision start(String id) {
    Command.AppendMessage hello = Command.AppendMessage.of(MessageId.of(id + "-hello"), Participant.customer(), "Hello");
    return Lifecycle.start(new StartConversation(ConversationId.of(id), TENANT, WorkspaceId.of("support"),
        Channel.of(ChannelType.WEB_CHAT), Option.none(), Option.none(), Option.none(), Option.none(), Option.none(),
        Option.some(hello)), Instant.parse("2026-03-24T08:15:00Z")).get();
  }

  /** New, non-pooled connections to the database, which take its default isolation. */
  private static KillableDataSource repeatableRead(HikariDataSource pool) {
    PGSimpleDataSource raw = new PGSimpleDataSource();
    raw.setURL(pool.getJdbcUrl());
    raw.setUser(pool.getUsername());
    return new KillableDataSource(raw, KillableDataSource.postgres(pool));
  }

  /** Whether a session is blocked on a lock while inserting the outbox counter row, within 10 s. */
  private static boolean waitingOnTheCounterRow(HikariDataSource pool) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO outbox_positions%'")) {
      while (System.nanoTime() < deadline) {
        try (ResultSet r = s.executeQuery()) {
          r.next();
          if (r.getInt(1) > 0) {
            return true;
          }
        }
        Thread.sleep(5);
      }
    }
    return false;
  }
}
