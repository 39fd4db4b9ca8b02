package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.AttentionId;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Due;
import dev.conversation.persistence.DueQuery;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Edges an outside review found: a commit with more events than one PostgreSQL statement can
 * bind, and a row whose timer columns an older node left behind its document.
 */
class OutboxAndTimerEdgesTest {

  private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");

  /** 16,384 events at four parameters each is more than the 65,535 one statement may bind. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aCommitOfManyEventsIsStoredWholeInOrder(Engine engine) {
    try (HikariDataSource db = engine.newDatabase()) {
      JdbcConversationStore store = JdbcConversationStore.on(db);
      TenantId tenant = TenantId.of("many");
      Decision start = Workloads.webChat(tenant, "c", T0);
      store.commit(tenant, 0, start).get();
      Decision raise = Lifecycle.decide(start.conversation(), new Command.RaiseAttention(Participant.system(),
          AttentionId.of("a"), "k", "n"), T0.plusSeconds(1)).get();
      DomainEvent e = raise.events().head();
      int n = 16_384;
      Committed done = store.commit(tenant, 1, new Decision(raise.conversation(), raise.messages(), List.fill(n, () -> e))).get();
      assertThat(done.events()).hasSize(n);
      Seq<Long> positions = done.events().map(StoredEvent::position);
      assertThat(positions.sliding(2).forAll(w -> w.get(0) < w.get(1))).as("rule: one commit's positions increase").isTrue();
      Seq<StoredEvent> read = Workloads.allEvents(store, tenant, 1000);
      assertThat(read).as("rule: the start's events and every event of the commit are read").hasSize(start.events().size() + n);
      assertThat(read.drop(start.events().size()).map(StoredEvent::position))
          .as("rule: in the order the commit wrote them").containsExactlyElementsOf(positions);
    }
  }

  /**
   * A node of the previous version updates status, timer columns and body but not timer_due_at: the
   * row keeps a due instant its document no longer runs. The due query returns it where the index
   * put it (the sweep decides on the document, finds nothing due and re-indexes it), every other
   * due conversation, in every tenant, is still found, and after the re-index the row is gone
   * from the due query.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aRowWithAStaleDueInstantDoesNotStopTheDueQuery(Engine engine) throws Exception {
    try (HikariDataSource db = engine.newDatabase()) {
      JdbcConversationStore store = JdbcConversationStore.on(db);
      TimerPolicy policy = TimerPolicy.wakeOnly().withFirstReplyWithin(Duration.ofMinutes(5));
      TenantId other = TenantId.of("other");
      Conversation fine = asked(store, other, "fine", policy);
      TenantId tenant = TenantId.of("t");
      Conversation asked = asked(store, tenant, "c", policy);
      Conversation resolved = Lifecycle.decide(asked, new Command.Resolve(Participant.ai(), "done"), T0.plusSeconds(2)).get()
          .conversation();
      try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE conversations SET version = ?,"
          + " status = ?, timer_kind = 'AUTO_CLOSE', timer_at = ?, updated_at = ?, body = ? WHERE tenant_id = ? AND id = ?")) {
        s.setLong(1, resolved.version());
        s.setString(2, resolved.status().name());
        s.setObject(3, Listing.timestamp(resolved.resolution().get().resolvedAt()));
        s.setObject(4, Listing.timestamp(resolved.updatedAt()));
        s.setString(5, Codec.conversation(resolved));
        s.setString(6, tenant.value());
        s.setString(7, "c");
        s.executeUpdate();
      }
      Instant now = T0.plus(Duration.ofHours(2));
      assertThat(Lifecycle.due(resolved, policy, now)).as("the stale row's document has nothing due").isEmpty();
      Seq<Due> due = store.due(DueQuery.at(now));
      assertThat(due.map(d -> d.conversation().id().value())).as("rule: a stale row does not stop the due query")
          .containsExactlyInAnyOrder("fine", "c");
      assertThat(due.find(d -> d.conversation().id().value().equals("c")).get().conversation()).isEqualTo(resolved);
      assertThat(store.due(DueQuery.at(now).inTenant(other)).map(Due::conversation)).containsExactly(fine);
      assertThat(store.reschedule(tenant, resolved, policy)).as("re-indexing the stale row under its policy").isTrue();
      assertThat(store.due(DueQuery.at(now)).map(d -> d.conversation().id().value())).containsExactly("fine");
    }
  }

  /**
   * On a pool above READ COMMITTED, a commit racing on the row makes PostgreSQL refuse the
   * re-index as a serialization failure; the store tries again in a new transaction instead of
   * failing (which would stop a whole timer sweep as unavailable).
   */
  @org.junit.jupiter.api.Test
  void aRescheduleRacingAnUpdateAtRepeatableReadIsTriedAgain() throws Exception {
    try (HikariDataSource db = Databases.postgres()) {
      com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
      config.setJdbcUrl(db.getJdbcUrl());
      config.setUsername("postgres");
      config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
      try (HikariDataSource repeatable = new HikariDataSource(config)) {
        JdbcConversationStore store = JdbcConversationStore.on(repeatable);
        TenantId tenant = TenantId.of("t");
        TimerPolicy fast = TimerPolicy.wakeOnly().withFirstReplyWithin(Duration.ofMinutes(5));
        TimerPolicy slow = TimerPolicy.wakeOnly().withFirstReplyWithin(Duration.ofMinutes(50));
        Conversation asked = asked(store, tenant, "c", fast);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection c = db.getConnection()) {
          c.setAutoCommit(false);
          try (PreparedStatement s = c.prepareStatement("UPDATE conversations SET updated_at = updated_at WHERE tenant_id = 't'")) {
            s.executeUpdate();
          }
          java.util.concurrent.Future<Boolean> rescheduled = other.submit(() -> store.reschedule(tenant, asked, slow));
          Thread.sleep(300);  // the re-index waits for the row lock
          c.commit();
          assertThat(rescheduled.get()).as("rule: tried again after the serialization failure, and applied").isTrue();
        } finally {
          other.shutdown();
        }
        assertThat(store.due(DueQuery.at(T0.plus(Duration.ofMinutes(10)))).map(Due::conversation)).isEmpty();
        assertThat(store.due(DueQuery.at(T0.plus(Duration.ofMinutes(51)))).map(Due::conversation)).containsExactly(asked);
      }
    }
  }

  private static Conversation asked(JdbcConversationStore store, TenantId tenant, String id, TimerPolicy policy) {
    Decision d = Workloads.webChat(tenant, id, T0);
    store.commit(tenant, 0, d, policy).get();
    Decision q = Lifecycle.decide(d.conversation(), Command.AppendMessage.of(MessageId.of("q"), Participant.customer(), "Hello?"),
        T0.plusSeconds(1)).get();
    return store.commit(tenant, 1, q, policy).get().conversation();
  }

}
