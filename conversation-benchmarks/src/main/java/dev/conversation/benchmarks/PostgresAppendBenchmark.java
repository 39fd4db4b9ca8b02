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
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import io.vavr.control.Either;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Appending one customer message to an existing conversation on PostgreSQL, two ways, one thread,
 * round-robin over 1,000 conversations per side:
 *
 * <ul>
 *   <li>{@code store}: {@link Lifecycle#decide} and {@link JdbcConversationStore#commit}: the
 *       decision, the JSON documents and the transaction.
 *   <li>{@code rawJdbc}: the same statement in the same transaction shape, written by hand with
 *       ready-made parameter values: one {@code WITH h AS (UPDATE conversations ... RETURNING)}
 *       whose data-modifying clauses insert the message and the events at positions
 *       from the transaction's id, in auto-commit (the statement is the transaction), on a
 *       connection from the same pool. Its documents are the
 *       ones the store wrote for the same kind of append, copied once at set-up, so both sides
 *       send the same bytes.
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 8, time = 2)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostgresAppendBenchmark {

  private static final int CONVERSATIONS = 1_000;
  private static final TenantId STORE_TENANT = TenantId.of("append-store");
  private static final TenantId RAW_TENANT = TenantId.of("append-raw");

  /** The store's one statement for an append of one message: header, message and events. */
  private static final String UPDATE = "WITH h AS (UPDATE conversations SET version = ?, status = ?, channel = ?,"
      + " contact_id = ?, agent_id = ?, team_id = ?, unread = ?, starred = ?, created_at = ?, updated_at = ?, timer_at = ?,"
      + " timer_kind = ?, timer_due_at = ?, tags_version = CASE WHEN tags_key = ? THEN tags_version ELSE ? END, tags_key = ?,"
      + " message_rows = message_rows + ?, body = ?, open_route_key = CASE WHEN ? THEN NULL ELSE open_route_key END"
      + " WHERE tenant_id = ? AND id = ? AND version = ? AND tags_key = ? RETURNING message_rows, tags_version),"
      + " m AS (INSERT INTO messages (tenant_id, conversation_id, seq, id, idempotency_key, body)"
      + " SELECT ?, ?, h.message_rows, ?, NULL, ? FROM h),"
      + " e AS (INSERT INTO events (tenant_id, position, conversation_id, body)"
      + " SELECT ?, pg_current_xact_id()::text::bigint * 65536 + v.k, ?, v.body FROM h, (VALUES %s) AS v(k, body)"
      + " RETURNING position)"
      + " SELECT h.message_rows, (SELECT max(position) FROM e) FROM h";

  private EmbeddedDatabase database;
  private DataSource pool;
  private ConversationStore store;
  private Conversation[] current;
  private long[] rawVersions;
  private String[] rawIds;
  private long messages;
  private int next;
  private int rawNext;

  // What the raw side sends: the documents and column values of a store append, copied once.
  private String conversationBody;
  private String messageBody;
  private List<String> eventBodies;
  private String tagsKey;
  private OffsetDateTime createdAt;
  private OffsetDateTime updatedAt;
  private Object timerAt;
  private String timerKind;
  private Object timerDueAt;
  private String update;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = EmbeddedDatabase.start();
    pool = database.pool();
    try (Connection c = pool.getConnection()) { // what an earlier run left
      for (String table : List.of("conversations", "messages", "events")) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id IN (?, ?)")) {
          s.setString(1, STORE_TENANT.value());
          s.setString(2, RAW_TENANT.value());
          s.executeUpdate();
        }
      }
    }
    store = JdbcConversationStore.on(pool);
    String run = Long.toString(System.nanoTime(), 36);
    current = new Conversation[CONVERSATIONS];
    rawIds = new String[CONVERSATIONS];
    rawVersions = new long[CONVERSATIONS];
    for (int i = 0; i < CONVERSATIONS; i++) {
      current[i] = create(STORE_TENANT, run + "-" + i);
      Conversation raw = create(RAW_TENANT, run + "-" + i);
      rawIds[i] = raw.id().value();
      rawVersions[i] = raw.version();
    }
    // One append through the store gives the documents the raw side will send.
    Committed sample = append(0);
    try (Connection c = pool.getConnection()) {
      conversationBody = single(c, "SELECT body FROM conversations WHERE tenant_id = ? AND id = ?",
          STORE_TENANT.value(), sample.conversation().id().value());
      tagsKey = single(c, "SELECT tags_key FROM conversations WHERE tenant_id = ? AND id = ?",
          STORE_TENANT.value(), sample.conversation().id().value());
      messageBody = single(c, "SELECT body FROM messages WHERE tenant_id = ? AND id = ?",
          STORE_TENANT.value(), sample.messages().head().id().value());
      try (PreparedStatement s = c.prepareStatement(
          "SELECT timer_at, timer_kind, timer_due_at FROM conversations WHERE tenant_id = ? AND id = ?")) {
        s.setString(1, STORE_TENANT.value());
        s.setString(2, sample.conversation().id().value());
        try (ResultSet r = s.executeQuery()) {
          r.next();
          timerAt = r.getObject(1, OffsetDateTime.class);
          timerKind = r.getString(2);
          timerDueAt = r.getObject(3, OffsetDateTime.class);
        }
      }
      eventBodies = new ArrayList<>();
      for (var e : sample.events()) {
        eventBodies.add(single(c, "SELECT body FROM events WHERE tenant_id = ? AND position = ?",
            STORE_TENANT.value(), e.position()));
      }
    }
    createdAt = OffsetDateTime.ofInstant(sample.conversation().createdAt(), ZoneOffset.UTC);
    updatedAt = OffsetDateTime.ofInstant(sample.conversation().updatedAt(), ZoneOffset.UTC);
    if (sample.messages().size() != 1 || eventBodies.isEmpty()) {
      throw new IllegalStateException("unexpected append shape: " + sample);
    }
    StringBuilder rows = new StringBuilder();
    for (int k = 1; k <= eventBodies.size(); k++) {
      rows.append(k == 1 ? "" : ", ").append("(").append(k).append(", ?::text)");
    }
    update = String.format(UPDATE, rows);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
  }

  @Benchmark
  public Committed store() {
    return append(next++ % CONVERSATIONS);
  }

  @Benchmark
  public long rawJdbc() throws SQLException {
    int i = rawNext++ % CONVERSATIONS;
    String id = rawIds[i];
    long expected = rawVersions[i];
    String messageId = "raw-" + ++messages;
    long last;
    try (Connection c = pool.getConnection()) {
      if (!c.getAutoCommit()) {
        throw new IllegalStateException("the pool's connections are expected in auto-commit, as the store's append uses them");
      }
      try (PreparedStatement s = c.prepareStatement(update)) {
        int p = 1;
        s.setLong(p++, expected + 1);
        s.setString(p++, "ACTIVE");
        s.setString(p++, "WHATSAPP");
        s.setNull(p++, Types.VARCHAR);
        s.setNull(p++, Types.VARCHAR);
        s.setNull(p++, Types.VARCHAR);
        s.setBoolean(p++, true);
        s.setBoolean(p++, false);
        s.setObject(p++, createdAt);
        s.setObject(p++, updatedAt);
        s.setObject(p++, timerAt);
        s.setString(p++, timerKind);
        s.setObject(p++, timerDueAt);
        s.setString(p++, tagsKey);
        s.setLong(p++, expected + 1);
        s.setString(p++, tagsKey);
        s.setInt(p++, 1);
        s.setString(p++, conversationBody);
        s.setBoolean(p++, false);
        s.setString(p++, RAW_TENANT.value());
        s.setString(p++, id);
        s.setLong(p++, expected);
        s.setString(p++, tagsKey);
        s.setString(p++, RAW_TENANT.value());
        s.setString(p++, id);
        s.setString(p++, messageId);
        s.setString(p++, messageBody);
        s.setString(p++, RAW_TENANT.value());
        s.setString(p++, id);
        for (String body : eventBodies) {
          s.setString(p++, body);
        }
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new IllegalStateException("raw update missed " + id + " at version " + expected);
          }
          last = r.getLong(2);
        }
      }
    }
    rawVersions[i] = expected + 1;
    return last;
  }

  private Committed append(int i) {
    Conversation conversation = current[i];
    Instant at = conversation.updatedAt().plusSeconds(1);
    Decision decision = Lifecycle.decide(conversation, Command.AppendMessage.of(
            MessageId.of("store-" + ++messages), Participant.customer(), "Where is my parcel? It has not moved since Tuesday."), at)
        .getOrElseThrow(r -> new IllegalStateException(r.toString()));
    Either<Conflict, Committed> committed = store.commit(STORE_TENANT, conversation.version(), decision);
    Committed done = committed.getOrElseThrow(conflict -> new IllegalStateException(conflict.toString()));
    current[i] = done.conversation();
    return done;
  }

  private Conversation create(TenantId tenant, String id) {
    Decision started = Lifecycle.start(StartConversation.of(ConversationId.of(id), tenant, WorkspaceId.of("support"),
            Channel.of(ChannelType.WHATSAPP))
        .customerAddress("+4915112345678")
        .firstMessage(Command.AppendMessage.of(MessageId.of(tenant.value() + "-" + id + "-m1"), Participant.customer(),
            "Hello, I have a question about my order.")), Fixtures.START).get();
    Decision answered = Lifecycle.decide(started.conversation(), Command.AppendMessage.of(
        MessageId.of(tenant.value() + "-" + id + "-m2"), Participant.ai(), "Of course, what is your order number?"),
        Fixtures.START.plusSeconds(2)).get();
    store.commit(tenant, 0, started).getOrElseThrow(c -> new IllegalStateException(c.toString()));
    return store.commit(tenant, started.conversation().version(), answered)
        .getOrElseThrow(c -> new IllegalStateException(c.toString())).conversation();
  }

  private static String single(Connection c, String sql, String tenant, Object key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      s.setObject(2, key);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no row for " + sql + " " + key);
        }
        return r.getString(1);
      }
    }
  }
}
