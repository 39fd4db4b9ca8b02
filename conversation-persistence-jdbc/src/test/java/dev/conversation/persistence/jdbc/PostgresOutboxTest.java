package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's outbox takes positions from transaction ids, not from a row the tenant's writers
 * share. The one interleaving that would lose an event for a checkpointing relay: a transaction
 * that took its id first is still open while a later one commits a higher position. The reader
 * must not see the later event until the earlier transaction ends, and then sees both in order.
 */
class PostgresOutboxTest {

  private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
  private static HikariDataSource db;

  @BeforeAll
  static void open() {
    db = Databases.postgres();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aLaterCommitIsNotReadWhileAnEarlierTransactionThatMayWriteBelowItIsOpen() throws Exception {
    JdbcConversationStore store = JdbcConversationStore.on(db);
    TenantId tenant = TenantId.of("outbox-order");
    try (Connection early = db.getConnection()) {
      early.setAutoCommit(false);
      // The earlier commit, held open: it has its transaction id and one event written.
      Decision first = Workloads.webChat(tenant, "first", T0);
      long xid;
      try (Statement s = early.createStatement(); ResultSet r = s.executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
        r.next();
        xid = r.getLong(1);
      }
      try (PreparedStatement s = early.prepareStatement(
          "INSERT INTO events (tenant_id, position, conversation_id, body) VALUES (?, ?, ?, ?)")) {
        s.setString(1, tenant.value());
        s.setLong(2, xid * JdbcConversationStore.EVENTS_PER_TRANSACTION + 1);
        s.setString(3, "first");
        s.setString(4, Codec.event(first.events().head()));
        s.executeUpdate();
      }
      // A later commit of another conversation in the same tenant, with a higher transaction id.
      Committed second = store.commit(tenant, 0, Workloads.webChat(tenant, "second", T0)).get();
      assertThat(second.events().head().position()).as("the later transaction's position is higher")
          .isGreaterThan(xid * JdbcConversationStore.EVENTS_PER_TRANSACTION + 1);
      assertThat(store.events(tenant, 0, 100))
          .as("rule: nothing above an open transaction's possible positions is read while it is open").isEmpty();
      early.commit();
    }
    assertThat(store.events(tenant, 0, 100).map(StoredEvent::event).map(e -> e.conversationId().value()))
        .as("rule: once it ends, both are read, the earlier transaction's first").containsExactly("first", "second");
  }

  @Test
  void aCommitWritesItsEventsInOneStatementAtPositionsFromItsTransaction() {
    JdbcConversationStore store = JdbcConversationStore.on(db);
    TenantId tenant = TenantId.of("outbox-positions");
    Committed one = store.commit(tenant, 0, Workloads.webChat(tenant, "a", T0)).get();
    Committed two = store.commit(tenant, 0, Workloads.webChat(tenant, "b", T0)).get();
    long p1 = one.events().head().position();
    long p2 = two.events().head().position();
    assertThat(p1 % JdbcConversationStore.EVENTS_PER_TRANSACTION).as("the first event of a commit is at place 1").isEqualTo(1);
    assertThat(p2).as("a later commit reads after an earlier one").isGreaterThan(p1);
    assertThat(store.events(tenant, 0, 10).map(StoredEvent::position)).containsExactly(p1, p2);
    assertThat(store.events(tenant, p1, 10).map(StoredEvent::position)).as("after a checkpoint").containsExactly(p2);
  }
}
