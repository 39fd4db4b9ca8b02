package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.StoreFailure;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's one-statement append in auto-commit (the statement is the whole transaction): its
 * conflicts, its fallback to a transaction when the tags change, a pool outside auto-commit, and
 * a failure after the statement was sent, whose outcome the store cannot know.
 */
class PostgresOneStatementCommitTest {
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

  static Decision append(Conversation c, String id, String key, int s) {
    return Workloads.decide(c, new Command.AppendMessage(MessageId.of(id), Participant.customer(), "hello " + id,
        List.empty(), Option.of(key)), T0.plusSeconds(s));
  }

  static Conversation seeded(JdbcConversationStore store, TenantId t, String id) {
    Conversation c = Workloads.commit(store, Workloads.webChat(t, id, T0)).conversation();
    c = Workloads.commit(store, Workloads.decide(c, Command.UpdateMetadata.by(Participant.ai()).addTags("vip"), T0.plusSeconds(1))).conversation();
    return Workloads.commit(store, append(c, "m1", "k1", 2)).conversation();
  }

  static long count(String sql, String tenant) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  @Test
  void duplicateIdAndKeyOnTheOneStatementPath() throws Exception {
    JdbcConversationStore store = JdbcConversationStore.on(db);
    TenantId t = Workloads.freshTenant("dup");
    Conversation c = seeded(store, t, "c");
    long events = count("SELECT count(*) FROM events WHERE tenant_id = ?", t.value());
    Either<Conflict, Committed> byId = store.commit(t, c.version(), append(c, "m1", "other", 3));
    assertThat(byId.getLeft()).as("rule: a reused message id is refused").isInstanceOf(Conflict.DuplicateMessageId.class);
    Either<Conflict, Committed> byKey = store.commit(t, c.version(), append(c, "m2", "k1", 3));
    assertThat(byKey.getLeft()).as("rule: a reused idempotency key is refused").isInstanceOf(Conflict.DuplicateKey.class);
    assertThat(store.find(t, c.id()).get()).as("rule: a refused append leaves the header").isEqualTo(c);
    assertThat(count("SELECT count(*) FROM events WHERE tenant_id = ?", t.value())).as("rule: and writes no event")
        .isEqualTo(events);
    Either<Conflict, Committed> stale = store.commit(t, c.version() - 1,
        append(Conversation.builder().from(c).version(c.version() - 1).build(), "m3", "k3", 3));
    assertThat(stale.getLeft()).as("rule: a stale version is refused").isInstanceOf(Conflict.StaleVersion.class);
  }

  @Test
  void tagsChangedByAHandBuiltDecisionWithoutMetadataEventFallBackAndStoreTheIndex() throws Exception {
    JdbcConversationStore store = JdbcConversationStore.on(db);
    TenantId t = Workloads.freshTenant("handtags");
    Conversation c = seeded(store, t, "c");
    Decision d = append(c, "m2", "k2", 3);
    Conversation retagged = Conversation.builder().from(d.conversation()).tags(LinkedHashSet.of(Tag.of("gold"))).build();
    Committed done = store.commit(t, c.version(), new Decision(retagged, d.messages(), d.events())).get();
    assertThat(store.find(t, c.id()).get().tags()).containsExactly(Tag.of("gold"));
    assertThat(store.list(t, ConversationQuery.first(ConversationFilter.all().withAnyTag(Tag.of("gold")))).items()).hasSize(1);
    assertThat(store.list(t, ConversationQuery.first(ConversationFilter.all().withAnyTag(Tag.of("vip")))).items()).isEmpty();
    assertThat(done.events()).hasSize(1);
  }

  @Test
  void anAppendOnAPoolOutsideAutoCommit() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.getJdbcUrl());
    config.setUsername(db.getUsername());
    config.setAutoCommit(false);
    config.setMaximumPoolSize(1);
    try (HikariDataSource manual = new HikariDataSource(config)) {
      JdbcConversationStore store = JdbcConversationStore.on(manual);
      TenantId t = Workloads.freshTenant("manual");
      Conversation c = seeded(store, t, "c");
      Conversation next = Workloads.commit(store, append(c, "m2", "k2", 3)).conversation();
      assertThat(store.commit(t, next.version(), append(next, "m1", "x", 4)).getLeft())
          .isInstanceOf(Conflict.DuplicateMessageId.class);
      assertThat(store.find(t, c.id()).get().messageCount())
          .as("rule: outside auto-commit the append is committed, and the refused one leaves nothing")
          .isEqualTo(next.messageCount()).isEqualTo(c.messageCount() + 1);
    }
  }

  /** Where a test makes the driver fail, after the database did its part for real. */
  enum Fault {
    /** Reading the one statement's result fails, with a state that is not a connection's. */
    READING_THE_RESULT,
    /** The one statement ran, then the driver reports the connection lost instead of its result. */
    AFTER_THE_STATEMENT_RAN,
    /** {@code COMMIT} of a transaction went through, then the driver reports the connection lost. */
    AFTER_THE_COMMIT,
    /** Closing the connection fails, after the commit was stored. */
    CLOSING
  }

  /** A commit known to be stored is answered as stored, whatever closing the connection does after. */
  @Test
  void aFailureClosingTheConnectionAfterAStoredCommitAnswersItAsStored() {
    java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
    DataSource failing = proxy(DataSource.class, (p, m, a) -> {
      Object r = invoke(db, m, a);
      return m.getName().equals("getConnection") && armed.get() ? wrap((Connection) r, Fault.CLOSING) : r;
    });
    JdbcConversationStore store = JdbcConversationStore.on(failing);
    armed.set(true);  // after the store learned its database
    JdbcConversationStore healthy = JdbcConversationStore.on(db);
    TenantId t = Workloads.freshTenant("closing");
    Conversation c = seeded(healthy, t, "c");
    Decision append = append(c, "m2", "k2", 3);
    Either<Conflict, Committed> answer = store.commit(t, c.version(), append);
    assertThat(answer.isRight()).as("rule: the stored commit is answered as stored, got %s", answer).isTrue();
    assertThat(healthy.find(t, c.id()).get()).as("rule: it was committed").isEqualTo(append.conversation());
  }

  /**
   * In auto-commit the statement has committed once it returns: a failure reading its result must
   * not claim that nothing was written.
   */
  @Test
  void aFailureReadingTheOneStatementsResultSaysItMayHaveBeenWrittenAndItWas() {
    assertMayHaveBeenWritten(Fault.READING_THE_RESULT, false);
  }

  /** A connection lost while the one statement ran: the server may have committed it. */
  @Test
  void aConnectionLostWhileTheOneStatementRanSaysItMayHaveBeenWrittenAndItWas() {
    assertMayHaveBeenWritten(Fault.AFTER_THE_STATEMENT_RAN, false);
  }

  /** A connection lost during COMMIT (here a tag change, which needs a transaction): the same. */
  @Test
  void aConnectionLostDuringCommitSaysItMayHaveBeenWrittenAndItWas() {
    assertMayHaveBeenWritten(Fault.AFTER_THE_COMMIT, true);
  }

  private static void assertMayHaveBeenWritten(Fault fault, boolean tagChange) {
    DataSource failing = (DataSource) Proxy.newProxyInstance(PostgresOneStatementCommitTest.class.getClassLoader(),
        new Class<?>[] {DataSource.class},
        (p, m, a) -> {
          Object r = invoke(db, m, a);
          return m.getName().equals("getConnection") ? wrap((Connection) r, fault) : r;
        });
    JdbcConversationStore healthy = JdbcConversationStore.on(db);
    JdbcConversationStore store = JdbcConversationStore.on(failing);
    TenantId t = Workloads.freshTenant("after");
    Conversation c = seeded(healthy, t, "c");
    Decision change = tagChange
        ? Workloads.decide(c, Command.UpdateMetadata.by(Participant.ai()).addTags("gold"), T0.plusSeconds(3))
        : append(c, "m2", "k2", 3);
    assertThatThrownBy(() -> store.commit(t, c.version(), change))
        .as("rule: %s is a StoreFailure that says the commit may have been written", fault)
        .isInstanceOf(StoreFailure.class).hasMessageContaining("it may have been written")
        .hasMessageNotContaining("nothing of it was written");
    assertThat(healthy.find(t, c.id()).get()).as("rule: it was committed").isEqualTo(change.conversation());
  }

  static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
    try {
      return m.invoke(target, a);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(PostgresOneStatementCommitTest.class.getClassLoader(),
        new Class<?>[] {type}, handler));
  }

  /** The connection with {@code fault} injected; everything else goes to the real one. */
  static Connection wrap(Connection c, Fault fault) {
    return proxy(Connection.class, (p, m, a) -> {
      Object r = invoke(c, m, a);
      if (fault == Fault.CLOSING && m.getName().equals("close")) {
        throw new SQLException("simulated: closing the connection failed", "08006");
      }
      if (fault == Fault.AFTER_THE_COMMIT && m.getName().equals("commit")) {
        throw new SQLException("simulated: the connection went after COMMIT was sent", "08006");
      }
      if ((fault == Fault.READING_THE_RESULT || fault == Fault.AFTER_THE_STATEMENT_RAN)
          && m.getName().equals("prepareStatement")
          && ((String) a[0]).startsWith("WITH h AS")) {
        PreparedStatement s = (PreparedStatement) r;
        return proxy(PreparedStatement.class, (p2, m2, a2) -> {
          Object r2 = invoke(s, m2, a2);
          if (!m2.getName().equals("executeQuery")) {
            return r2;
          }
          if (fault == Fault.AFTER_THE_STATEMENT_RAN) {
            throw new SQLException("simulated: the connection went before the result came", "08006");
          }
          ResultSet rs = (ResultSet) r2;
          return proxy(ResultSet.class, (p3, m3, a3) -> {
            if (m3.getName().equals("getArray")) {
              throw new SQLException("simulated: reading the result failed", "XX000");
            }
            return invoke(rs, m3, a3);
          });
        });
      }
      return r;
    });
  }
}
