package dev.conversation.benchmarks;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends per second on PostgreSQL with production durability ({@code fsync=on},
 * {@code synchronous_commit=on}: every commit waits for its WAL flush), 1 and 8 writers, each
 * writer appending customer messages to its own conversation, all in one tenant or spread over
 * 8 tenants, two ways:
 *
 * <ul>
 *   <li>{@code library}: {@link Lifecycle#decide} and {@link JdbcConversationStore#commit}.
 *   <li>{@code minimal}: a hand-written minimal schema doing the same logical write in one
 *       transaction: update the header (version check), insert the message, insert the event
 *       (position from an identity column), with documents of the library's size.
 * </ul>
 *
 * The library's writers of one tenant should not queue on a row they share: its 8-writer figure
 * in one tenant should be close to the minimal schema's and a multiple of its own one-writer figure.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PostgresWritersBenchmark {

  private static final String TEXT = "Where is my parcel? It has not moved since Tuesday, and the tracking page says nothing.";

  /** The database, the store and the minimal schema, shared by the writers of one run. */
  @State(Scope.Benchmark)
  public static class Database {
    @Param({"1", "8"})
    public int tenants;

    EmbeddedDatabase database;
    DataSource pool;
    ConversationStore store;
    final AtomicInteger writers = new AtomicInteger();
    final String run = Long.toString(System.nanoTime(), 36);
    String conversationBody;
    String eventBody;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      database = EmbeddedDatabase.start("writers", true);
      pool = database.pool();
      store = JdbcConversationStore.on(pool);
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS minimal_conversations (tenant_id text NOT NULL, id text NOT NULL,"
            + " version bigint NOT NULL, updated_at timestamptz NOT NULL, body text NOT NULL, PRIMARY KEY (tenant_id, id))");
        s.execute("CREATE TABLE IF NOT EXISTS minimal_messages (tenant_id text NOT NULL, conversation_id text NOT NULL,"
            + " seq bigint NOT NULL, body text NOT NULL, PRIMARY KEY (tenant_id, conversation_id, seq))");
        s.execute("CREATE TABLE IF NOT EXISTS minimal_events (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " tenant_id text NOT NULL, conversation_id text NOT NULL, body text NOT NULL)");
      }
      // The documents the library writes for such an append, which the minimal side sends too.
      TenantId sample = TenantId.of("writers-sample-" + run);
      Decision started = Lifecycle.start(start(sample, "sample"), Fixtures.START).get();
      Conversation c = store.commit(sample, 0, started).get().conversation();
      Decision d = Lifecycle.decide(c, Command.AppendMessage.of(MessageId.of("m"), Participant.customer(), TEXT),
          Fixtures.START.plusSeconds(1)).get();
      Committed appended = store.commit(sample, c.version(), d).get();
      try (Connection k = pool.getConnection()) {
        conversationBody = single(k, "SELECT body FROM conversations WHERE tenant_id = ? AND id = 'sample'", sample.value());
        eventBody = single(k, "SELECT body FROM events WHERE tenant_id = ? AND position = "
            + appended.events().last().position(), sample.value());
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      database.close();
    }
  }

  /** One writer's own conversation, in each schema. */
  @State(Scope.Thread)
  public static class Writer {
    TenantId tenant;
    Conversation conversation;
    String minimalId;
    long minimalVersion;
    long messages;

    @Setup(Level.Trial)
    public void setUp(Database db) throws SQLException {
      int n = db.writers.getAndIncrement();
      tenant = TenantId.of("writers-" + db.run + "-" + n % db.tenants);
      String id = "w" + n;
      Decision started = Lifecycle.start(start(tenant, id), Fixtures.START).get();
      conversation = db.store.commit(tenant, 0, started).get().conversation();
      minimalId = db.run + "-" + id;
      try (Connection c = db.pool.getConnection();
          PreparedStatement s = c.prepareStatement("INSERT INTO minimal_conversations VALUES (?, ?, 1, now(), ?)")) {
        s.setString(1, tenant.value());
        s.setString(2, minimalId);
        s.setString(3, db.conversationBody);
        s.executeUpdate();
      }
      minimalVersion = 1;
    }
  }

  private static String single(Connection c, String sql, String tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }

  private static StartConversation start(TenantId tenant, String id) {
    return StartConversation.of(ConversationId.of(id), tenant, WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT));
  }

  private static Committed library(Database db, Writer w) {
    Instant at = w.conversation.updatedAt().plusMillis(1);
    Decision d = Lifecycle.decide(w.conversation, Command.AppendMessage.of(MessageId.of("m" + ++w.messages),
        Participant.customer(), TEXT), at).get();
    Committed done = db.store.commit(w.tenant, w.conversation.version(), d)
        .getOrElseThrow(conflict -> new IllegalStateException(conflict.toString()));
    w.conversation = done.conversation();
    return done;
  }

  private static long minimal(Database db, Writer w) throws SQLException {
    try (Connection c = db.pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement s = c.prepareStatement("UPDATE minimal_conversations SET version = version + 1,"
            + " updated_at = ?, body = ? WHERE tenant_id = ? AND id = ? AND version = ?")) {
          s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
          s.setString(2, db.conversationBody);
          s.setString(3, w.tenant.value());
          s.setString(4, w.minimalId);
          s.setLong(5, w.minimalVersion);
          if (s.executeUpdate() != 1) {
            throw new IllegalStateException("minimal update missed " + w.minimalId);
          }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO minimal_messages VALUES (?, ?, ?, ?)")) {
          s.setString(1, w.tenant.value());
          s.setString(2, w.minimalId);
          s.setLong(3, w.minimalVersion + 1);
          s.setString(4, TEXT);
          s.executeUpdate();
        }
        long position;
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO minimal_events (tenant_id, conversation_id, body) VALUES (?, ?, ?) RETURNING position")) {
          s.setString(1, w.tenant.value());
          s.setString(2, w.minimalId);
          s.setString(3, db.eventBody);
          try (ResultSet r = s.executeQuery()) {
            r.next();
            position = r.getLong(1);
          }
        }
        c.commit();
        w.minimalVersion++;
        return position;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  @Benchmark
  @Threads(1)
  public Committed library1(Database db, Writer w) {
    return library(db, w);
  }

  @Benchmark
  @Threads(8)
  public Committed library8(Database db, Writer w) {
    return library(db, w);
  }

  @Benchmark
  @Threads(1)
  public long minimal1(Database db, Writer w) throws SQLException {
    return minimal(db, w);
  }

  @Benchmark
  @Threads(8)
  public long minimal8(Database db, Writer w) throws SQLException {
    return minimal(db, w);
  }
}
