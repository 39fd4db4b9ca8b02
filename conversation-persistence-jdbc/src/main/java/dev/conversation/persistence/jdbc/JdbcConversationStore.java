package dev.conversation.persistence.jdbc;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Erasure;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerKind;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.persistence.Claim;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Due;
import dev.conversation.persistence.DueQuery;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.Redaction;
import dev.conversation.persistence.Route;
import dev.conversation.persistence.Scheduled;
import dev.conversation.persistence.StoreFailure;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.Turn;
import dev.conversation.persistence.TurnQuery;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The storage SPI on plain JDBC: PostgreSQL as the primary target, H2 as the embedded durable
 * default. The host supplies the {@link DataSource} (a pool such as HikariCP in production) and
 * applies the schema first, with {@link Schema#migrate} or its own Flyway.
 *
 * <p><b>One transaction per commit.</b> A commit updates the conversation row with the version
 * check in the same statement ({@code ... WHERE version = ?}), then writes the tag index, the
 * messages and, last, the events; then it commits. On PostgreSQL a commit on an existing
 * conversation sends the header update, the messages and the events as one statement
 * (data-modifying {@code WITH} clauses joined to the update's row, so nothing is inserted when the
 * version check fails), then the tags if they changed; when the tags stay as they are and the
 * connection is in auto-commit, that statement runs by itself in auto-commit (it is the whole
 * commit, one round trip). Nothing of a commit that fails is visible, except where the store
 * cannot know: see Failures.
 *
 * <p><b>The outbox.</b> On PostgreSQL an event's position is its transaction's id
 * ({@code pg_current_xact_id()}) times {@value #EVENTS_PER_TRANSACTION} plus its place in the
 * commit, so the tenant's writers share no row; {@link #events} returns only events of
 * transactions older than the oldest one still running ({@code pg_snapshot_xmin}), so an event
 * never appears below a position a reader has seen. One conversation's commits take increasing
 * transaction ids (the next one cannot write before the version check sees the previous one
 * committed), so its events come out in version order. A transaction left open anywhere on the
 * server holds the outbox back (it delays, never loses). On H2 the tenant's counter row orders
 * the tenant's commits instead, updated last so that its lock is held as briefly as possible.
 *
 * <p><b>Conflicts</b> come from the database's own checks: the version predicate, the primary key
 * of a new conversation, the unique index that keeps one open conversation per route, and the unique constraints on a conversation's message ids and
 * idempotency keys. After the transaction is rolled back the store reads what was there and
 * answers with the {@link Conflict} (a reused key with the original message), never with an
 * exception.
 *
 * <p><b>Values.</b> Each row keeps its whole value as a JSON document beside the columns that are
 * filtered and sorted on, so a conversation, message or event reads back exactly. Instants are
 * kept to the microsecond (what a commit returns is truncated the same way), and a conversation's
 * creation and update times must lie in the years 1 to 9999, the range of both databases'
 * timestamp columns ({@link IllegalArgumentException} otherwise). Every value reaches the
 * database as a bound parameter.
 *
 * <p><b>Order on H2.</b> PostgreSQL breaks ties by id in code-point order, as {@code Order}
 * defines, through the {@code "C"} collation. H2 compares UTF-16 units, which differs only
 * between ids with characters above U+FFFF and ids with characters from U+E000 to U+FFFF; paging
 * stays exact either way.
 *
 * <p><b>Failures.</b> Every driver exception is rethrown as a {@link StoreFailure} after the
 * transaction is rolled back. A connection lost during {@code COMMIT}, or while the one
 * auto-commit statement runs or after it returned, leaves the outcome unknown: the server may
 * have committed. Its {@code StoreFailure} says the commit may have been written (on PostgreSQL;
 * H2's error codes do not tell a lost connection apart). Thread-safe: each call takes its own
 * connection from the data source and returns it before it returns.
 */
public final class JdbcConversationStore implements ConversationStore {

  private static final String INSERT_CONVERSATION = "INSERT INTO conversations (tenant_id, id, version, status,"
      + " channel, contact_id, agent_id, team_id, unread, starred, created_at, updated_at, timer_at, timer_kind, timer_due_at,"
      + " ai_turn_since, tags_key, tags_version, message_rows, body, route_key, open_route_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_CONVERSATION = "UPDATE conversations SET version = ?, status = ?,"
      + " channel = ?, contact_id = ?, agent_id = ?, team_id = ?, unread = ?, starred = ?, created_at = ?,"
      + " updated_at = ?, timer_at = ?, timer_kind = ?, timer_due_at = ?, ai_turn_since = ?,"
      + " tags_version = CASE WHEN tags_key = ? THEN tags_version ELSE ? END, tags_key = ?,"
      + " message_rows = message_rows + ?, body = ?, open_route_key = CASE WHEN ? THEN NULL ELSE open_route_key END"
      + " WHERE tenant_id = ? AND id = ? AND version = ?";
  private static final String DELETE_TAGS = "DELETE FROM conversation_tags WHERE tenant_id = ? AND conversation_id = ?";
  private static final String INSERT_TAG = "INSERT INTO conversation_tags (tenant_id, tag, conversation_id) VALUES (?, ?, ?)";
  private static final String INSERT_MESSAGE = "INSERT INTO messages (tenant_id, conversation_id, seq, id,"
      + " idempotency_key, body, provider_message_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_MESSAGE = "UPDATE messages SET body = ?, provider_message_id = ?"
      + " WHERE tenant_id = ? AND conversation_id = ? AND id = ?";
  private static final String MESSAGE_BY_PROVIDER_ID = "SELECT body FROM messages WHERE tenant_id = ?"
      + " AND provider_message_id = ? ORDER BY conversation_id, seq LIMIT 1";
  private static final String BUMP_COUNTER =
      "UPDATE outbox_positions SET last_position = last_position + ? WHERE tenant_id = ?";
  private static final String INSERT_COUNTER = "INSERT INTO outbox_positions (tenant_id, last_position) VALUES (?, 0)";
  private static final String INSERT_EVENT = "INSERT INTO events (tenant_id, position, conversation_id, body)"
      + " VALUES (?, ?, ?, ?)";
  private static final String FIND = "SELECT body FROM conversations WHERE tenant_id = ? AND id = ?";
  private static final String VERSION = "SELECT version FROM conversations WHERE tenant_id = ? AND id = ?";
  private static final String MESSAGE_BY_ID =
      "SELECT body FROM messages WHERE tenant_id = ? AND conversation_id = ? AND id = ?";
  private static final String MESSAGE_BY_KEY =
      "SELECT body FROM messages WHERE tenant_id = ? AND conversation_id = ? AND idempotency_key = ?";
  private static final String MESSAGES = "SELECT body FROM messages WHERE tenant_id = ? AND conversation_id = ?"
      + " AND seq > ? ORDER BY seq LIMIT ?";
  private static final String ROUTE_HOLDER =
      "SELECT id FROM conversations WHERE tenant_id = ? AND open_route_key = ?";
  private static final String LATEST_ON_ROUTE = "SELECT body FROM conversations WHERE tenant_id = ? AND route_key = ?"
      + " ORDER BY CASE WHEN open_route_key IS NULL THEN 1 ELSE 0 END, created_at DESC, id DESC LIMIT 1";
  private static final String EVENTS = "SELECT position, body FROM events WHERE tenant_id = ? AND position > ?"
      + " ORDER BY position LIMIT ?";
  /**
   * PostgreSQL: positions per transaction id; a commit's events take the first ones after its
   * id's, so a commit holds at most {@code EVENTS_PER_TRANSACTION - 1} events, and positions fit a
   * {@code bigint} until the cluster has used 2^47 transaction ids (over 40 years at 100,000
   * write transactions a second).
   */
  static final long EVENTS_PER_TRANSACTION = 1L << 16;
  /** PostgreSQL: rows per events {@code INSERT}, within the protocol's 65,535 bound parameters. */
  private static final int EVENT_ROWS_PER_STATEMENT = 1_000;
  /**
   * PostgreSQL: an event's position is its transaction's id times {@value #EVENTS_PER_TRANSACTION}
   * plus its place in the commit; only events of transactions older than every transaction still
   * running are read, so no event can later appear below a position already read.
   */
  private static final String EVENTS_SETTLED = "SELECT position, body FROM events WHERE tenant_id = ? AND position > ?"
      + " AND position < pg_snapshot_xmin(pg_current_snapshot())::text::bigint * " + EVENTS_PER_TRANSACTION
      + " ORDER BY position LIMIT ?";
  /** PostgreSQL: the event positions of one commit, from its transaction's id. */
  private static final String EVENT_ROW = "(?, pg_current_xact_id()::text::bigint * " + EVENTS_PER_TRANSACTION + " + ?, ?, ?)";

  /**
   * How often a commit is tried when a concurrent create made its answer ambiguous or the
   * database refused the transaction as a serialization failure or deadlock.
   */
  private static final int ATTEMPTS = 8;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String updateConversation;
  private final String bumpCounter;

  private JdbcConversationStore(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.updateConversation = dialect.updateReturning(UPDATE_CONVERSATION, "message_rows, tags_version");
    this.bumpCounter = dialect.updateReturning(BUMP_COUNTER, "last_position");
  }

  /**
   * Returns a store on this data source. Opens one connection to learn which database it is.
   *
   * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
   * @throws StoreFailure if no connection can be opened
   */
  public static JdbcConversationStore on(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new JdbcConversationStore(dataSource, Schema.dialect(dataSource));
  }

  @Override
  public Option<Conversation> find(TenantId tenant, ConversationId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return read("find conversation " + id, c -> body(c, FIND, tenant.value(), id.value()).map(Codec::conversation));
  }

  @Override
  public Either<Conflict, Committed> commit(TenantId tenant, long expectedVersion, Decision decision, TimerPolicy timers) {
    ConversationStore.checkCommit(tenant, expectedVersion, decision);
    Objects.requireNonNull(timers, "timers");
    return commit(tenant, expectedVersion, decision, timers, Option.none());
  }

  /**
   * Opens a routed conversation: the insert sets its route key, and the unique index on
   * {@code (tenant_id, open_route_key)} refuses a second open conversation on the route; a
   * commit that closes the conversation clears {@code open_route_key} in the same update.
   */
  @Override
  public Either<Conflict, Committed> open(TenantId tenant, Route route, Decision decision, TimerPolicy timers) {
    ConversationStore.checkOpen(tenant, route, decision);
    Objects.requireNonNull(timers, "timers");
    return commit(tenant, 0, decision, timers, Option.some(route));
  }

  @Override
  public Option<Conversation> latest(TenantId tenant, Route route) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(route, "route");
    return read("find the latest conversation on the " + route,
        c -> body(c, LATEST_ON_ROUTE, tenant.value(), route.key()).map(Codec::conversation));
  }

  private Either<Conflict, Committed> commit(
      TenantId tenant, long expectedVersion, Decision decision, TimerPolicy timers, Option<Route> route) {
    Conversation next = decision.conversation();
    for (Instant at : List.of(next.createdAt(), next.updatedAt())) {
      if (at.isBefore(Listing.FIRST) || at.isAfter(Listing.LAST)) {
        throw new IllegalArgumentException("conversation " + next.id() + ": createdAt and updatedAt must lie in the"
            + " years 1 to 9999, the range of the database's timestamp columns; was " + at);
      }
    }
    for (int attempt = 1; ; attempt++) {
      Option<Either<Conflict, Committed>> answer = attempt(tenant, expectedVersion, decision, timers, route);
      if (answer.isDefined()) {
        return answer.get().map(JdbcConversationStore::asStored);
      }
      if (attempt == ATTEMPTS) {
        throw new StoreFailure("commit of conversation " + decision.conversation().id()
            + " kept meeting concurrent transactions; gave up after " + ATTEMPTS + " attempts, nothing written");
      }
    }
  }

  /**
   * One try in one transaction; none if it must be tried again: a concurrent create made the
   * conflict ambiguous, or the database refused the transaction as a serialization failure or a
   * deadlock (possible when the pool runs above READ COMMITTED).
   */
  private Option<Either<Conflict, Committed>> attempt(
      TenantId tenant, long expectedVersion, Decision decision, TimerPolicy timers, Option<Route> route) {
    Conversation next = decision.conversation();
    Option<Instant> dueAt = Lifecycle.dueAt(next, timers);
    String t = tenant.value();
    String id = next.id().value();
    // Set once the commit is known to be stored: a failure after that (closing the connection)
    // does not change the answer.
    Committed committed = null;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      boolean oneStatement = expectedVersion != 0 && dialect == Dialect.POSTGRESQL
          && decision.messages().size() + decision.events().size() <= ONE_STATEMENT_ROWS
          && decision.updated().isEmpty() && decision.messages().forAll(m -> providerId(m).isEmpty());
      if (oneStatement && autoCommit && !changesTags(decision)) {
        // The common append: one statement in auto-commit, so one round trip with no BEGIN or
        // COMMIT, atomic as any statement. Tags that change need a second statement, so it also
        // requires the stored tags to be the new ones. If it wrote nothing, the version read
        // tells a stale version; the same version means the tags changed after all, and the
        // transaction below writes them.
        try {
          Option<Seq<StoredEvent>> written = updateInOneStatement(c, next, dueAt, expectedVersion, decision, true);
          if (written.isDefined()) {
            committed = new Committed(next, decision.messages(), written.get());
            return Option.some(Either.right(committed));
          }
        } catch (SQLException e) {
          if (retryable(e)) {
            return Option.none();
          }
          if (duplicate(e)) {
            return Option.some(Either.left(duplicateMessage(c, tenant, next.id(), decision, e)));
          }
          if (connectionLost(e)) {
            throw uncertain(next, t, e);
          }
          throw e;
        }
        Option<Either<Conflict, Committed>> stale = staleVersion(c, tenant, next.id(), expectedVersion);
        if (stale.isDefined()) {
          return stale;
        }
      }
      c.setAutoCommit(false);
      // Set once the transaction is committed or rolled back. Until then the connection must not
      // go back to auto-commit, which would commit whatever part of the decision was written.
      boolean settled = false;
      Stage stage = Stage.HEADER;
      try {
        if (oneStatement) {
          stage = Stage.MESSAGES;  // one statement: a unique violation can only be a message's
          Option<Seq<StoredEvent>> written = updateInOneStatement(c, next, dueAt, expectedVersion, decision, false);
          if (written.isEmpty()) {
            c.rollback();
            settled = true;
            return staleVersion(c, tenant, next.id(), expectedVersion);
          }
          stage = Stage.COMMIT;
          c.commit();
          settled = true;
          committed = new Committed(next, decision.messages(), written.get());
          return Option.some(Either.right(committed));
        }
        int storedBefore;
        boolean tagsChanged;
        if (expectedVersion == 0) {
          insertHeader(c, next, dueAt, decision.messages().size(), route);
          storedBefore = 0;
          tagsChanged = !next.tags().isEmpty();
        } else {
          long[] returned = updateHeader(c, next, dueAt, expectedVersion, decision.messages().size());
          if (returned.length == 0) {
            c.rollback();
            settled = true;
            return staleVersion(c, tenant, next.id(), expectedVersion);
          }
          storedBefore = (int) returned[0] - decision.messages().size();
          tagsChanged = returned[1] == next.version();
        }
        if (tagsChanged) {
          writeTags(c, t, id, next, expectedVersion != 0);
        }
        stage = Stage.MESSAGES;
        writeMessages(c, t, id, decision.messages(), storedBefore);
        stage = Stage.UPDATES;
        updateMessages(c, t, id, decision.updated());
        stage = Stage.OUTBOX;
        Option<Seq<StoredEvent>> events = writeEvents(c, t, id, decision.events());
        if (events.isEmpty()) {
          c.rollback();
          settled = true;
          return Option.none();
        }
        stage = Stage.COMMIT;
        c.commit();
        settled = true;
        committed = new Committed(next, decision.messages(), events.get());
        return Option.some(Either.right(committed));
      } catch (SQLException e) {
        settled = rollback(c, e);
        if (retryable(e)) {
          return Option.none();
        }
        if (stage == Stage.COMMIT && connectionLost(e)) {
          throw uncertain(next, t, e);  // the server may have committed before the connection went
        }
        if (duplicate(e) && stage == Stage.HEADER && expectedVersion == 0) {
          // The id taken is a stale version whatever else clashed; only then is the route asked.
          Option<Either<Conflict, Committed>> stale = staleVersion(c, tenant, next.id(), 0);
          if (stale.isDefined() || route.isEmpty()) {
            return stale;
          }
          return routeHolder(c, tenant, route.get()).filter(holder -> !holder.equals(next.id()))
              .map(holder -> Either.<Conflict, Committed>left(new Conflict.RouteTaken(next.id(), route.get(), holder)));
        }
        if (duplicate(e) && (stage == Stage.MESSAGES || stage == Stage.UPDATES)) {
          return Option.some(Either.left(duplicateMessage(c, tenant, next.id(), decision, e)));
        }
        throw e;
      } catch (RuntimeException | Error e) {
        settled = rollback(c, e);
        throw e;
      } finally {
        if (settled) {
          restore(c, autoCommit);
        }
      }
    } catch (SQLException e) {
      if (committed != null) {
        return Option.some(Either.right(committed));
      }
      throw new StoreFailure("commit of conversation " + id + " version " + next.version() + " in tenant " + t
          + " failed; nothing of it was written", e);
    }
  }

  private enum Stage { HEADER, MESSAGES, UPDATES, OUTBOX, COMMIT }

  /**
   * Whether a failure is the connection's rather than the statement's (class 08, or the server
   * ending the session), so the server may have committed a statement run in auto-commit.
   */
  private static boolean connectionLost(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P");
  }

  /** A one-statement commit whose outcome the store cannot know: the statement may have committed. */
  private static StoreFailure uncertain(Conversation next, String tenant, Exception cause) {
    return new StoreFailure("commit of conversation " + next.id() + " version " + next.version() + " in tenant " + tenant
        + " failed after its statement was sent; it may have been written (read the conversation to learn)", cause);
  }

  /** What was committed as the store keeps it: the same values, unless an instant was finer than a microsecond. */
  private static Committed asStored(Committed c) {
    boolean exact = Codec.exact(c.conversation()) && c.messages().forAll(Codec::exact)
        && c.events().forAll(e -> Codec.exact(e.event()));
    return exact ? c : new Committed(Codec.conversation(Codec.conversation(c.conversation())),
        c.messages().map(m -> Codec.message(Codec.message(m))),
        c.events().map(e -> new StoredEvent(e.position(), Codec.event(Codec.event(e.event())))));
  }

  private static void insertHeader(Connection c, Conversation next, Option<Instant> dueAt, int messages, Option<Route> route)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_CONVERSATION)) {
      int i = 1;
      s.setString(i++, next.tenantId().value());
      s.setString(i++, next.id().value());
      s.setLong(i++, next.version());
      i = columns(s, i, next, dueAt);
      s.setString(i++, Codec.tagsKey(next.tags()));
      s.setLong(i++, next.version());
      s.setInt(i++, messages);
      s.setString(i++, Codec.conversation(next));
      text(s, i++, route.map(Route::key));
      text(s, i, route.filter(r -> next.status() != Status.CLOSED).map(Route::key));
      s.executeUpdate();
    }
  }

  /** PostgreSQL: the most messages plus events a commit writes in one statement (far within the bound parameters). */
  private static final int ONE_STATEMENT_ROWS = 200;

  /**
   * PostgreSQL, a commit on an existing conversation in one round trip: the header update, the
   * messages and the events as data-modifying {@code WITH} clauses that insert only if the
   * update found the version (each joins the update's one row), returning the stored message
   * count, the tags version and the events' positions; the tags, when they changed, in a second
   * statement. None if the version was stale (nothing written).
   *
   * <p>With {@code tagsKept}, for a connection in auto-commit: the update also requires the stored
   * tags to be {@code next}'s, so the one statement is the whole commit; none if they differ
   * (nothing written).
   */
  private Option<Seq<StoredEvent>> updateInOneStatement(Connection c, Conversation next, Option<Instant> dueAt,
      long expectedVersion, Decision decision, boolean tagsKept) throws SQLException {
    Seq<Message> messages = decision.messages();
    Seq<DomainEvent> events = decision.events();
    if (events.size() >= EVENTS_PER_TRANSACTION) {
      throw new IllegalArgumentException("a commit on PostgreSQL writes at most " + (EVENTS_PER_TRANSACTION - 1)
          + " events; this one has " + events.size());
    }
    StringBuilder sql = new StringBuilder("WITH h AS (").append(UPDATE_CONVERSATION)
        .append(tagsKept ? " AND tags_key = ?" : "").append(" RETURNING message_rows, tags_version)");
    if (messages.nonEmpty()) {
      sql.append(", m AS (INSERT INTO messages (tenant_id, conversation_id, seq, id, idempotency_key, body)"
          + " SELECT ?, ?, h.message_rows - ? + v.k, v.mid, v.ikey, v.body FROM h, (VALUES ");
      for (int k = 1; k <= messages.size(); k++) {
        sql.append(k == 1 ? "" : ", ").append("(").append(k).append(", ?::text, ?::text, ?::text)");
      }
      sql.append(") AS v(k, mid, ikey, body))");
    }
    if (events.nonEmpty()) {
      sql.append(", e AS (INSERT INTO events (tenant_id, position, conversation_id, body)"
          + " SELECT ?, pg_current_xact_id()::text::bigint * " + EVENTS_PER_TRANSACTION + " + v.k, ?, v.body FROM h, (VALUES ");
      for (int k = 1; k <= events.size(); k++) {
        sql.append(k == 1 ? "" : ", ").append("(").append(k).append(", ?::text)");
      }
      sql.append(") AS v(k, body) RETURNING position)");
    }
    sql.append(" SELECT h.message_rows, h.tags_version, ")
        .append(events.nonEmpty() ? "(SELECT array_agg(position ORDER BY position) FROM e)" : "NULL::bigint[]")
        .append(" FROM h");
    String tenant = next.tenantId().value();
    String id = next.id().value();
    long tagsVersion;
    Seq<StoredEvent> stored;
    String tagsKey = Codec.tagsKey(next.tags());
    boolean sent = false;
    boolean returned = false;
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int i = bindUpdate(s, next, dueAt, expectedVersion, messages.size(), tagsKey);
      if (tagsKept) {
        s.setString(i++, tagsKey);
      }
      if (messages.nonEmpty()) {
        s.setString(i++, tenant);
        s.setString(i++, id);
        s.setInt(i++, messages.size());
        for (Message m : messages) {
          s.setString(i++, m.id().value());
          text(s, i++, m.idempotencyKey());
          s.setString(i++, Codec.message(m));
        }
      }
      if (events.nonEmpty()) {
        s.setString(i++, tenant);
        s.setString(i++, id);
        for (DomainEvent e : events) {
          s.setString(i++, Codec.event(e));
        }
      }
      sent = true;
      try (ResultSet r = s.executeQuery()) {
        returned = true;
        if (!r.next()) {
          return Option.none();
        }
        tagsVersion = r.getLong(2);
        stored = stored(events, r.getArray(3));
      }
    } catch (SQLException e) {
      // In auto-commit the statement has committed once it returned. The statement's own errors
      // (a duplicate, a serialization failure, a lost connection) are the caller's to classify.
      if (tagsKept && returned) {
        throw uncertain(next, tenant, e);
      }
      throw e;
    } catch (RuntimeException e) {
      if (tagsKept && sent) {
        throw uncertain(next, tenant, e);
      }
      throw e;
    }
    if (tagsVersion == next.version() && !tagsKept) {
      writeTags(c, tenant, id, next, true);
    }
    return Option.some(stored);
  }

  /** The events with the positions the outbox insert returned, in order. */
  private static Seq<StoredEvent> stored(Seq<DomainEvent> events, java.sql.Array positions) throws SQLException {
    Vector<StoredEvent> stored = Vector.empty();
    if (events.isEmpty()) {
      return stored;
    }
    Object[] values = (Object[]) positions.getArray();
    if (values.length != events.size()) {
      throw new SQLException("the outbox insert returned " + values.length + " positions for " + events.size() + " events");
    }
    int k = 0;
    for (DomainEvent e : events) {
      stored = stored.append(new StoredEvent(((Number) values[k++]).longValue(), e));
    }
    return stored;
  }

  /** Whether a decision sets the tags (the only event that does; the same tags again count). */
  private static boolean changesTags(Decision decision) {
    return decision.events().exists(e -> e.change() instanceof DomainEvent.MetadataChanged m && m.tags().isDefined());
  }

  /** Returns {message_rows, tags_version} after the update, or nothing if the version was stale. */
  private long[] updateHeader(Connection c, Conversation next, Option<Instant> dueAt, long expectedVersion, int messages)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(updateConversation)) {
      bindUpdate(s, next, dueAt, expectedVersion, messages, Codec.tagsKey(next.tags()));
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? new long[] {r.getLong(1), r.getLong(2)} : new long[0];
      }
    }
  }

  /** Binds the parameters of {@link #UPDATE_CONVERSATION} from the first; returns the next index. */
  private static int bindUpdate(PreparedStatement s, Conversation next, Option<Instant> dueAt, long expectedVersion,
      int messages, String tagsKey) throws SQLException {
    int i = 1;
    s.setLong(i++, next.version());
    i = columns(s, i, next, dueAt);
    s.setString(i++, tagsKey);
    s.setLong(i++, next.version());
    s.setString(i++, tagsKey);
    s.setInt(i++, messages);
    s.setString(i++, Codec.conversation(next));
    s.setBoolean(i++, next.status() == Status.CLOSED);
    s.setString(i++, next.tenantId().value());
    s.setString(i++, next.id().value());
    s.setLong(i++, expectedVersion);
    return i;
  }

  /**
   * Binds status to ai_turn_since, the columns listings, the due query and the turns query filter
   * and sort on;
   * returns the next index.
   */
  private static int columns(PreparedStatement s, int i, Conversation next, Option<Instant> dueAt) throws SQLException {
    s.setString(i++, next.status().name());
    s.setString(i++, next.channel().type().name());
    text(s, i++, next.contactId().map(id -> id.value()));
    text(s, i++, next.assignee().flatMap(a -> a.agent()).map(HumanAgent::id).map(id -> id.value()));
    text(s, i++, next.assignee().flatMap(a -> a.team()).map(id -> id.value()));
    s.setBoolean(i++, next.unread(ReadSide.AGENTS));
    s.setBoolean(i++, next.starred());
    s.setObject(i++, Listing.timestamp(next.createdAt()));
    s.setObject(i++, Listing.timestamp(next.updatedAt()));
    Option<io.vavr.Tuple2<TimerKind, Instant>> timer = Lifecycle.timer(next);
    if (timer.isDefined()) {
      s.setObject(i++, Listing.timestamp(clamped(timer.get()._2)));
      s.setString(i++, timer.get()._1.name());
    } else {
      s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
      s.setNull(i++, Types.VARCHAR);
    }
    if (dueAt.isDefined()) {
      s.setObject(i++, Listing.timestamp(clamped(dueAt.get())));
    } else {
      s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
    }
    Option<Instant> turn = Lifecycle.aiTurn(next);
    if (turn.isDefined()) {
      s.setObject(i++, Listing.timestamp(clamped(turn.get())));
    } else {
      s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
    }
    return i;
  }

  private static void writeTags(Connection c, String tenant, String id, Conversation next, boolean replace)
      throws SQLException {
    if (replace) {
      try (PreparedStatement s = c.prepareStatement(DELETE_TAGS)) {
        s.setString(1, tenant);
        s.setString(2, id);
        s.executeUpdate();
      }
    }
    if (next.tags().isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_TAG)) {
      for (Tag tag : next.tags()) {
        s.setString(1, tenant);
        s.setString(2, tag.value());
        s.setString(3, id);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void writeMessages(Connection c, String tenant, String id, Seq<Message> messages, int storedBefore)
      throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_MESSAGE)) {
      int seq = storedBefore;
      for (Message m : messages) {
        s.setString(1, tenant);
        s.setString(2, id);
        s.setInt(3, ++seq);
        s.setString(4, m.id().value());
        text(s, 5, m.idempotencyKey());
        s.setString(6, Codec.message(m));
        text(s, 7, providerId(m));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Rewrites messages a decision changed (their delivery status); each must be there. */
  private static void updateMessages(Connection c, String tenant, String id, Seq<Message> updated) throws SQLException {
    if (updated.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(UPDATE_MESSAGE)) {
      for (Message m : updated) {
        s.setString(1, Codec.message(m));
        text(s, 2, providerId(m));
        s.setString(3, tenant);
        s.setString(4, id);
        s.setString(5, m.id().value());
        s.addBatch();
      }
      for (int count : s.executeBatch()) {
        if (count == 0) {
          throw new IllegalArgumentException("the decision updates a message conversation " + id + " does not hold");
        }
      }
    }
  }

  private static Option<String> providerId(Message m) {
    return m.delivery().flatMap(d -> d.providerMessageId());
  }

  /** Writes the events at fresh outbox positions; none if the counter row is not visible yet. */
  private Option<Seq<StoredEvent>> writeEvents(Connection c, String tenant, String id, Seq<DomainEvent> events)
      throws SQLException {
    if (events.isEmpty()) {
      return Option.some(List.empty());
    }
    if (dialect == Dialect.POSTGRESQL) {
      return Option.some(writeEventsAtTransaction(c, tenant, id, events));
    }
    Option<Long> last = bumpCounter(c, tenant, events.size());
    if (last.isEmpty()) {
      return Option.none();
    }
    long position = last.get() - events.size();
    Vector<StoredEvent> stored = Vector.empty();
    try (PreparedStatement s = c.prepareStatement(INSERT_EVENT)) {
      for (DomainEvent e : events) {
        stored = stored.append(new StoredEvent(++position, e));
        s.setString(1, tenant);
        s.setLong(2, position);
        s.setString(3, id);
        s.setString(4, Codec.event(e));
        s.addBatch();
      }
      s.executeBatch();
    }
    return Option.some(stored);
  }

  /**
   * PostgreSQL: writes the events in one statement at positions taken from this transaction's id,
   * with no row shared by the tenant's writers, and returns them as positioned.
   */
  private static Seq<StoredEvent> writeEventsAtTransaction(Connection c, String tenant, String id, Seq<DomainEvent> events)
      throws SQLException {
    if (events.size() >= EVENTS_PER_TRANSACTION) {
      throw new IllegalArgumentException("a commit on PostgreSQL writes at most " + (EVENTS_PER_TRANSACTION - 1)
          + " events; this one has " + events.size());
    }
    java.util.List<Long> positions = new java.util.ArrayList<>();
    int place = 0;
    for (Seq<DomainEvent> chunk : events.grouped(EVENT_ROWS_PER_STATEMENT)) {
      String sql = "INSERT INTO events (tenant_id, position, conversation_id, body) VALUES "
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), EVENT_ROW)) + " RETURNING position";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = 1;
        for (DomainEvent e : chunk) {
          s.setString(i++, tenant);
          s.setInt(i++, ++place);
          s.setString(i++, id);
          s.setString(i++, Codec.event(e));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            positions.add(r.getLong(1));
          }
        }
      }
    }
    java.util.Collections.sort(positions);
    if (positions.size() != events.size()) {
      throw new SQLException("the outbox insert returned " + positions.size() + " positions for " + events.size() + " events");
    }
    Vector<StoredEvent> stored = Vector.empty();
    int k = 0;
    for (DomainEvent e : events) {
      stored = stored.append(new StoredEvent(positions.get(k++), e));
    }
    return stored;
  }

  /**
   * Reserves {@code n} outbox positions for the tenant and returns the last. The tenant's first
   * commit creates its counter row; a concurrent first commit that wins the race is absorbed by
   * the savepoint, after which this one updates the row the other created. None if that row is
   * not visible to this transaction (its snapshot predates the other's commit): try again.
   */
  private Option<Long> bumpCounter(Connection c, String tenant, int n) throws SQLException {
    Option<Long> last = tryBump(c, tenant, n);
    if (last.isDefined()) {
      return last;
    }
    Savepoint savepoint = c.setSavepoint();
    try (PreparedStatement s = c.prepareStatement(INSERT_COUNTER)) {
      s.setString(1, tenant);
      s.executeUpdate();
      c.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      if (!duplicate(e)) {
        throw e;
      }
      c.rollback(savepoint);
    }
    return tryBump(c, tenant, n);
  }

  private Option<Long> tryBump(Connection c, String tenant, int n) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(bumpCounter)) {
      s.setInt(1, n);
      s.setString(2, tenant);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Option.some(r.getLong(1)) : Option.none();
      }
    }
  }

  /** The stale-version conflict, read after the rollback; none if the answer is not yet clear. */
  private static Option<Either<Conflict, Committed>> staleVersion(
      Connection c, TenantId tenant, ConversationId id, long expected) throws SQLException {
    c.setAutoCommit(true);
    long actual;
    try (PreparedStatement s = c.prepareStatement(VERSION)) {
      s.setString(1, tenant.value());
      s.setString(2, id.value());
      try (ResultSet r = s.executeQuery()) {
        actual = r.next() ? r.getLong(1) : 0;
      }
    }
    // A conversation created between the failed statement and this read can show the expected
    // version: then nothing is known yet, and the commit is tried again.
    return actual == expected ? Option.none() : Option.some(Either.left(new Conflict.StaleVersion(id, expected, actual)));
  }

  /**
   * The instant within the timestamp columns' range (years 1 to 9999): a timer set beyond it (a
   * snooze for ten thousand years) is kept at the range's end, where no sweep reaches it.
   */
  private static Instant clamped(Instant at) {
    return at.isBefore(Listing.FIRST) ? Listing.FIRST : at.isAfter(Listing.LAST) ? Listing.LAST : at;
  }

  /** The open conversation on the route, read after the rollback; none if there is none now. */
  private static Option<ConversationId> routeHolder(Connection c, TenantId tenant, Route route) throws SQLException {
    c.setAutoCommit(true);
    return body(c, ROUTE_HOLDER, tenant.value(), route.key()).map(ConversationId::of);
  }

  /** Which message broke a unique constraint, read after the rollback, in the decision's order. */
  private static Conflict duplicateMessage(
      Connection c, TenantId tenant, ConversationId id, Decision decision, SQLException cause) throws SQLException {
    c.setAutoCommit(true);
    for (Message m : decision.messages().appendAll(decision.updated())) {
      Option<String> provider = providerId(m);
      if (provider.isDefined()) {
        Option<Message> holder = body(c, MESSAGE_BY_PROVIDER_ID, tenant.value(), provider.get()).map(Codec::message);
        if (holder.exists(h -> !h.id().equals(m.id()) || !h.conversationId().equals(id))) {
          return new Conflict.ProviderIdTaken(id, provider.get());
        }
      }
    }
    for (Message m : decision.messages()) {
      if (body(c, MESSAGE_BY_ID, tenant.value(), id.value(), m.id().value()).isDefined()) {
        return new Conflict.DuplicateMessageId(id, m.id());
      }
      if (m.idempotencyKey().isDefined()) {
        Option<String> original = body(c, MESSAGE_BY_KEY, tenant.value(), id.value(), m.idempotencyKey().get());
        if (original.isDefined()) {
          return new Conflict.DuplicateKey(id, m.idempotencyKey().get(), Codec.message(original.get()));
        }
      }
    }
    throw cause;
  }

  /**
   * The due query; parameters: the instant, then the tenant if {@code inTenant}, then the cursor's
   * instant, tenant and id if {@code after}, then the limit.
   */
  static String dueSql(boolean inTenant, boolean after) {
    StringBuilder sql = new StringBuilder("SELECT tenant_id, timer_due_at, body FROM conversations"
        + " WHERE timer_due_at IS NOT NULL AND timer_due_at <= ?");
    if (inTenant) {
      sql.append(" AND tenant_id = ?");
    }
    if (after) {
      // A row comparison, so the index is entered at the cursor rather than filtered from its start.
      sql.append(" AND (timer_due_at, tenant_id, id) > (?, ?, ?)");
    }
    return sql.append(" ORDER BY timer_due_at, tenant_id, id LIMIT ?").toString();
  }

  /**
   * One query that enters the index {@code (timer_due_at, tenant_id, id)} (or its per-tenant
   * twin) at the cursor and reads at most the limit.
   */
  @Override
  public Seq<Due> due(DueQuery query) {
    Objects.requireNonNull(query, "query");
    return byInstant("find due timers", dueSql(query.tenant().isDefined(), query.after().isDefined()), query.now(),
        query.tenant(), query.after().map(p -> new Cursor(p.dueAt(), p.tenant(), p.id())), query.limit(), Due::new);
  }

  /** Where a walk in (instant, tenant, id) order stands. */
  private record Cursor(Instant at, TenantId tenant, ConversationId id) {}

  /** Builds a found row: the tenant, the conversation and its instant in the index. */
  @FunctionalInterface
  private interface Row<T> {
    T of(TenantId tenant, Conversation conversation, Instant at);
  }

  /**
   * The due and the turns queries: both enter an index on (instant, tenant_id, id) (or its
   * per-tenant twin) at the cursor and read at most the limit; parameters {@code now}, the
   * tenant, the cursor, the limit, and each row is {@code tenant_id, instant, body}.
   */
  private <T> Seq<T> byInstant(String what, String sql, Instant now, Option<TenantId> tenant, Option<Cursor> after,
      int limit, Row<T> row) {
    return read(what, c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = 1;
        s.setObject(i++, Listing.timestamp(clamped(now)));
        if (tenant.isDefined()) {
          s.setString(i++, tenant.get().value());
        }
        if (after.isDefined()) {
          s.setObject(i++, Listing.timestamp(clamped(after.get().at())));
          s.setString(i++, after.get().tenant().value());
          s.setString(i++, after.get().id().value());
        }
        s.setInt(i, limit);
        java.util.List<T> found = new java.util.ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            found.add(row.of(TenantId.of(r.getString(1)), Codec.conversation(r.getString(3)),
                r.getObject(2, java.time.OffsetDateTime.class).toInstant()));
          }
        }
        return io.vavr.collection.List.ofAll(found);
      }
    });
  }

  /**
   * The turns query; parameters: the claims' instant, then the tenant if {@code inTenant}, then the
   * cursor's instant, tenant and id if {@code after}, then the limit.
   */
  static String turnsSql(boolean inTenant, boolean after) {
    StringBuilder sql = new StringBuilder("SELECT c.tenant_id, c.ai_turn_since, c.body FROM conversations c"
        + " LEFT JOIN turn_claims k ON k.tenant_id = c.tenant_id AND k.conversation_id = c.id"
        + " AND k.lease_until > ? AND k.turn_since >= c.ai_turn_since"
        + " WHERE c.ai_turn_since IS NOT NULL AND k.tenant_id IS NULL");
    if (inTenant) {
      sql.append(" AND c.tenant_id = ?");
    }
    if (after) {
      sql.append(" AND (c.ai_turn_since, c.tenant_id, c.id) > (?, ?, ?)");
    }
    return sql.append(" ORDER BY c.ai_turn_since, c.tenant_id, c.id LIMIT ?").toString();
  }

  @Override
  public Seq<Turn> turns(TurnQuery query) {
    Objects.requireNonNull(query, "query");
    return byInstant("find turns waiting for the AI", turnsSql(query.tenant().isDefined(), query.after().isDefined()),
        query.now(), query.tenant(), query.after().map(p -> new Cursor(p.since(), p.tenant(), p.id())), query.limit(),
        Turn::new);
  }

  private static final String INSERT_CLAIM = "INSERT INTO turn_claims (tenant_id, conversation_id, token, worker,"
      + " turn_since, customer_wrote_at, version, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String TAKE_CLAIM = "UPDATE turn_claims SET token = ?, worker = ?, turn_since = ?,"
      + " customer_wrote_at = ?, version = ?, lease_until = ? WHERE tenant_id = ? AND conversation_id = ?"
      + " AND (lease_until <= ? OR turn_since < ? OR (turn_since = ? AND customer_wrote_at < ?))";
  private static final String CLAIM_OF = "SELECT token, worker, turn_since, customer_wrote_at, version, lease_until"
      + " FROM turn_claims WHERE tenant_id = ? AND conversation_id = ?";
  private static final String RELEASE_CLAIM = "DELETE FROM turn_claims WHERE tenant_id = ? AND conversation_id = ? AND token = ?";

  /**
   * An insert, or when a claim is there, an update that takes it only if it lapsed or is for an
   * earlier turn: each one statement, so of two workers exactly one wins.
   */
  @Override
  public boolean claim(Claim claim, Instant now) {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(now, "now");
    return autoCommitted("claim the AI's turn in " + claim.conversation(), c -> {
      try (PreparedStatement s = c.prepareStatement(INSERT_CLAIM)) {
        s.setString(1, claim.tenant().value());
        s.setString(2, claim.conversation().value());
        s.setString(3, claim.token());
        s.setString(4, claim.worker());
        s.setObject(5, Listing.timestamp(clamped(claim.turnSince())));
        s.setObject(6, Listing.timestamp(clamped(claim.customerWroteAt())));
        s.setLong(7, claim.version());
        s.setObject(8, Listing.timestamp(clamped(claim.leaseUntil())));
        s.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (!duplicate(e)) {
          throw e;
        }
      }
      try (PreparedStatement s = c.prepareStatement(TAKE_CLAIM)) {
        s.setString(1, claim.token());
        s.setString(2, claim.worker());
        s.setObject(3, Listing.timestamp(clamped(claim.turnSince())));
        s.setObject(4, Listing.timestamp(clamped(claim.customerWroteAt())));
        s.setLong(5, claim.version());
        s.setObject(6, Listing.timestamp(clamped(claim.leaseUntil())));
        s.setString(7, claim.tenant().value());
        s.setString(8, claim.conversation().value());
        s.setObject(9, Listing.timestamp(clamped(now)));
        s.setObject(10, Listing.timestamp(clamped(claim.turnSince())));
        s.setObject(11, Listing.timestamp(clamped(claim.turnSince())));
        s.setObject(12, Listing.timestamp(clamped(claim.customerWroteAt())));
        return s.executeUpdate() == 1;
      } catch (SQLException e) {
        if (retryable(e)) {
          return false;  // above READ COMMITTED, another worker's take of the same row won
        }
        throw e;
      }
    });
  }

  @Override
  public Option<Claim> claimOf(TenantId tenant, ConversationId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return read("read the claim on " + id, c -> {
      try (PreparedStatement s = c.prepareStatement(CLAIM_OF)) {
        s.setString(1, tenant.value());
        s.setString(2, id.value());
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Option.none();
          }
          return Option.some(new Claim(tenant, id, r.getString(1), r.getString(2),
              r.getObject(3, java.time.OffsetDateTime.class).toInstant(),
              r.getObject(4, java.time.OffsetDateTime.class).toInstant(), r.getLong(5),
              r.getObject(6, java.time.OffsetDateTime.class).toInstant()));
        }
      }
    });
  }

  @Override
  public boolean release(Claim claim) {
    Objects.requireNonNull(claim, "claim");
    return autoCommitted("release the claim on " + claim.conversation(), c -> {
      try (PreparedStatement s = c.prepareStatement(RELEASE_CLAIM)) {
        s.setString(1, claim.tenant().value());
        s.setString(2, claim.conversation().value());
        s.setString(3, claim.token());
        return s.executeUpdate() == 1;
      }
    });
  }

  private static final String RESCHEDULE = "UPDATE conversations SET timer_due_at = ?"
      + " WHERE tenant_id = ? AND id = ? AND version = ? AND timer_due_at IS DISTINCT FROM ?";
  private static final String SCHEDULED = "SELECT tenant_id, timer_due_at, body FROM conversations"
      + " WHERE timer_kind IS NOT NULL ORDER BY tenant_id, id LIMIT ?";
  private static final String SCHEDULED_AFTER = "SELECT tenant_id, timer_due_at, body FROM conversations"
      + " WHERE timer_kind IS NOT NULL AND (tenant_id, id) > (?, ?) ORDER BY tenant_id, id LIMIT ?";

  /** One update of the due column, on the version given; nothing else of the row changes. */
  @Override
  public boolean reschedule(TenantId tenant, Conversation conversation, TimerPolicy timers) {
    ConversationStore.checkReschedule(tenant, conversation, timers);
    Option<Instant> dueAt = Lifecycle.dueAt(conversation, timers).map(JdbcConversationStore::clamped);
    return read("re-index the timer of " + conversation.id(), c -> {
      for (int attempt = 1; ; attempt++) {
        try (PreparedStatement s = c.prepareStatement(RESCHEDULE)) {
          for (int i : new int[] {1, 5}) {
            if (dueAt.isDefined()) {
              s.setObject(i, Listing.timestamp(dueAt.get()));
            } else {
              s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            }
          }
          s.setString(2, tenant.value());
          s.setString(3, conversation.id().value());
          s.setLong(4, conversation.version());
          boolean changed = s.executeUpdate() == 1;
          if (!c.getAutoCommit()) {
            c.commit();  // a pool handing out connections outside auto-commit
          }
          return changed;
        } catch (SQLException e) {
          // Above READ COMMITTED a commit racing on the row fails this update: try again in a new
          // transaction, which sees the commit's version and changes nothing.
          if (!retryable(e) || attempt == ATTEMPTS) {
            throw e;
          }
          if (!c.getAutoCommit()) {
            c.rollback();
          }
        }
      }
    });
  }

  /** Walks the primary key, reading only rows that run a timer. */
  @Override
  public Seq<Scheduled> scheduled(Option<Scheduled.Key> after, int limit) {
    ConversationStore.checkScheduled(after, limit);
    return read("walk the conversations that run a timer", c -> {
      try (PreparedStatement s = c.prepareStatement(after.isDefined() ? SCHEDULED_AFTER : SCHEDULED)) {
        int i = 1;
        if (after.isDefined()) {
          s.setString(i++, after.get().tenant().value());
          s.setString(i++, after.get().id().value());
        }
        s.setInt(i, limit);
        java.util.List<Scheduled> found = new java.util.ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            java.time.OffsetDateTime at = r.getObject(2, java.time.OffsetDateTime.class);
            found.add(new Scheduled(TenantId.of(r.getString(1)), Codec.conversation(r.getString(3)),
                Option.of(at).map(java.time.OffsetDateTime::toInstant)));
          }
        }
        return io.vavr.collection.List.ofAll(found);
      }
    });
  }

  @Override
  public Option<Message> findByIdempotencyKey(TenantId tenant, ConversationId id, String idempotencyKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return read("find message by idempotency key in " + id,
        c -> body(c, MESSAGE_BY_KEY, tenant.value(), id.value(), idempotencyKey).map(Codec::message));
  }

  @Override
  public Option<Message> findMessage(TenantId tenant, ConversationId id, MessageId messageId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(messageId, "messageId");
    return read("find message " + messageId + " of " + id,
        c -> body(c, MESSAGE_BY_ID, tenant.value(), id.value(), messageId.value()).map(Codec::message));
  }

  @Override
  public Option<Message> findByProviderMessageId(TenantId tenant, String providerMessageId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    return read("find message by provider id",
        c -> body(c, MESSAGE_BY_PROVIDER_ID, tenant.value(), providerMessageId).map(Codec::message));
  }

  @Override
  public Page<Message> messages(TenantId tenant, ConversationId id, MessageQuery query) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(query, "query");
    return read("read messages of " + id, c -> {
      try (PreparedStatement s = c.prepareStatement(MESSAGES)) {
        s.setString(1, tenant.value());
        s.setString(2, id.value());
        s.setLong(3, query.after());
        s.setInt(4, query.limit() + 1);
        return Page.of(query, bodies(s).map(Codec::message));
      }
    });
  }

  @Override
  public Page<Conversation> list(TenantId tenant, ConversationQuery query) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(query, "query");
    Listing listing = Listing.page(tenant, query);
    return read("list conversations", c -> {
      try (PreparedStatement s = c.prepareStatement(listing.sql())) {
        listing.bind(s);
        return Page.of(query, bodies(s).map(Codec::conversation));
      }
    });
  }

  @Override
  public long count(TenantId tenant, ConversationFilter filter) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(filter, "filter");
    Listing listing = Listing.count(tenant, filter);
    return read("count conversations", c -> {
      try (PreparedStatement s = c.prepareStatement(listing.sql())) {
        listing.bind(s);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      }
    });
  }

  @Override
  public Seq<StoredEvent> events(TenantId tenant, long afterPosition, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    if (afterPosition < 0) {
      throw new IllegalArgumentException("afterPosition must not be negative: " + afterPosition);
    }
    if (limit < 1 || limit > MAX_EVENT_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_EVENT_BATCH + ": " + limit);
    }
    return read("read the outbox", c -> {
      try (PreparedStatement s = c.prepareStatement(dialect == Dialect.POSTGRESQL ? EVENTS_SETTLED : EVENTS)) {
        s.setString(1, tenant.value());
        s.setLong(2, afterPosition);
        s.setInt(3, limit);
        Vector<StoredEvent> events = Vector.empty();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            events = events.append(new StoredEvent(r.getLong(1), Codec.event(r.getString(2))));
          }
        }
        return events;
      }
    });
  }

  /**
   * The tenants of the outbox, by a loose index scan of the events' primary key: one probe per
   * tenant returned, whatever the number of events.
   */
  static final String TENANTS = "WITH RECURSIVE t(tenant_id) AS ("
      + " (SELECT tenant_id FROM events WHERE tenant_id > ? ORDER BY tenant_id LIMIT 1)"
      + " UNION ALL"
      + " SELECT (SELECT e.tenant_id FROM events e WHERE e.tenant_id > t.tenant_id ORDER BY e.tenant_id LIMIT 1)"
      + " FROM t WHERE t.tenant_id IS NOT NULL)"
      + " SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL LIMIT ?";
  private static final String OLDEST_EVENTS = "SELECT position, body FROM events WHERE tenant_id = ? AND position <= ?"
      + " ORDER BY position LIMIT ?";
  private static final String PRUNE = "DELETE FROM events WHERE tenant_id = ? AND position <= ?";

  @Override
  public Seq<TenantId> tenants(Option<TenantId> after, int limit) {
    ConversationStore.checkTenants(after, limit);
    return read("list the tenants of the outbox", c -> {
      try (PreparedStatement s = c.prepareStatement(TENANTS)) {
        s.setString(1, after.map(TenantId::value).getOrElse(""));
        s.setInt(2, limit);
        return firstColumn(s, TenantId::of);
      }
    });
  }

  /** Runs the query and returns its first column, each value read as {@code as} says, in the rows' order. */
  private static <T> Seq<T> firstColumn(PreparedStatement s, java.util.function.Function<String, T> as) throws SQLException {
    Vector<T> found = Vector.empty();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        found = found.append(as.apply(r.getString(1)));
      }
    }
    return found;
  }

  /** Reads the oldest events up to the limit, finds how far the prefix to delete reaches, deletes it in one statement. */
  @Override
  public long pruneEvents(TenantId tenant, long upToPosition, Instant before, int limit) {
    ConversationStore.checkPrune(tenant, upToPosition, before, limit);
    return read("prune the outbox", c -> {
      long last = -1;
      long n = 0;
      try (PreparedStatement s = c.prepareStatement(OLDEST_EVENTS)) {
        s.setString(1, tenant.value());
        s.setLong(2, upToPosition);
        s.setInt(3, limit);
        try (ResultSet r = s.executeQuery()) {
          while (r.next() && Codec.event(r.getString(2)).at().isBefore(before)) {
            last = r.getLong(1);
            n++;
          }
        }
      }
      if (n == 0) {
        return 0L;
      }
      try (PreparedStatement s = c.prepareStatement(PRUNE)) {
        s.setString(1, tenant.value());
        s.setLong(2, last);
        long deleted = s.executeUpdate();
        if (!c.getAutoCommit()) {
          c.commit();
        }
        return deleted;
      }
    });
  }

  /** How many rows an erasure reads and rewrites at a time. */
  static final int ERASE_BATCH = 500;

  private static final String OF_CONTACT = "SELECT id FROM conversations WHERE tenant_id = ? AND contact_id = ?"
      + " AND id > ? ORDER BY id LIMIT ?";
  private static final String LOCK_HEADER = "SELECT body FROM conversations WHERE tenant_id = ? AND id = ? FOR UPDATE";
  private static final String MESSAGE_ROWS = "SELECT seq, body FROM messages WHERE tenant_id = ? AND conversation_id = ?"
      + " AND seq > ? ORDER BY seq LIMIT " + ERASE_BATCH;
  private static final String REWRITE_MESSAGE = "UPDATE messages SET body = ? WHERE tenant_id = ? AND conversation_id = ?"
      + " AND seq = ?";
  private static final String EVENT_ROWS = "SELECT position, body FROM events WHERE tenant_id = ? AND conversation_id = ?"
      + " AND position > ? ORDER BY position LIMIT " + ERASE_BATCH;
  private static final String REWRITE_EVENT = "UPDATE events SET body = ? WHERE tenant_id = ? AND conversation_id = ?"
      + " AND position = ?";
  private static final String PARKED_ROWS = "SELECT position, event FROM relay_parked WHERE tenant_id = ?"
      + " AND conversation_id = ? AND position > ? ORDER BY position LIMIT " + ERASE_BATCH;
  private static final String REWRITE_PARKED = "UPDATE relay_parked SET event = ? WHERE tenant_id = ? AND conversation_id = ?"
      + " AND position = ?";
  private static final String ERASE_PARKED_REASONS = "UPDATE relay_parked SET reason = '" + Erasure.MARKER + "'"
      + " WHERE tenant_id = ? AND conversation_id = ? AND reason <> '" + Erasure.MARKER + "'";
  private static final String ERASE_HEADER = "UPDATE conversations SET version = ?, body = ?, contact_id = NULL,"
      + " route_key = NULL, open_route_key = NULL WHERE tenant_id = ? AND id = ? AND version = ?";

  @Override
  public Seq<ConversationId> ofContact(TenantId tenant, ContactId contact, Option<ConversationId> after, int limit) {
    ConversationStore.checkOfContact(tenant, contact, after, limit);
    return read("list the conversations of contact " + contact.value(), c -> {
      try (PreparedStatement s = c.prepareStatement(OF_CONTACT)) {
        s.setString(1, tenant.value());
        s.setString(2, contact.value());
        s.setString(3, after.map(ConversationId::value).getOrElse(""));
        s.setInt(4, limit);
        return firstColumn(s, ConversationId::of);
      }
    });
  }

  /**
   * One transaction: the header row locked first (as every commit takes it), then the messages,
   * events and parked copies rewritten in batches of {@value #ERASE_BATCH}, then the header.
   */
  @Override
  public Option<Redaction> erase(TenantId tenant, ConversationId id, Instant at) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    String t = tenant.value();
    String i = id.value();
    for (int attempt = 1; ; attempt++) {
      Option<Option<Redaction>> done = transaction("erase conversation " + i, c -> {
        Option<String> body = body(c, LOCK_HEADER, t, i);
        if (body.isEmpty()) {
          return Option.some(Option.<Redaction>none());
        }
        Conversation header = Codec.conversation(body.get());
        long messages = rewrite(c, MESSAGE_ROWS, REWRITE_MESSAGE, t, i,
            text -> Codec.message(Erasure.message(Codec.message(text))));
        long events = rewrite(c, EVENT_ROWS, REWRITE_EVENT, t, i, text -> Codec.event(Erasure.event(Codec.event(text))));
        rewrite(c, PARKED_ROWS, REWRITE_PARKED, t, i, text -> Codec.event(Erasure.event(Codec.event(text))));
        try (PreparedStatement s = c.prepareStatement(ERASE_PARKED_REASONS)) {
          s.setString(1, t);
          s.setString(2, i);
          s.executeUpdate();  // a sink's error text may echo what it was sent
        }
        if (messages == 0 && events == 0 && Erasure.isErased(header)) {
          return Option.some(Option.some(new Redaction(header, 0, 0, Option.none())));
        }
        Decision decision = Erasure.decide(header, at);
        Conversation next = decision.conversation();
        try (PreparedStatement s = c.prepareStatement(ERASE_HEADER)) {
          s.setLong(1, next.version());
          s.setString(2, Codec.conversation(next));
          s.setString(3, t);
          s.setString(4, i);
          s.setLong(5, header.version());
          if (s.executeUpdate() != 1) {
            throw new SQLException("the locked header of " + i + " changed during its erasure");
          }
        }
        Option<Seq<StoredEvent>> written = writeEvents(c, t, i, decision.events());
        return written.map(stored -> Option.some(new Redaction(next, messages, events, stored.headOption())));
      });
      if (done.isDefined()) {
        return done.get();
      }
      if (attempt == ATTEMPTS) {
        throw new StoreFailure("the erasure of conversation " + i + " kept meeting concurrent transactions; gave up after "
            + ATTEMPTS + " attempts, nothing written");
      }
    }
  }

  /** Rewrites a conversation's rows in batches where {@code redact} changes their text; returns how many changed. */
  private static long rewrite(Connection c, String select, String update, String tenant, String id,
      java.util.function.UnaryOperator<String> redact) throws SQLException {
    long changed = 0;
    long after = Long.MIN_VALUE;
    while (true) {
      int rows = 0;
      try (PreparedStatement read = c.prepareStatement(select); PreparedStatement write = c.prepareStatement(update)) {
        read.setString(1, tenant);
        read.setString(2, id);
        read.setLong(3, after);
        int batched = 0;
        try (ResultSet r = read.executeQuery()) {
          while (r.next()) {
            rows++;
            after = r.getLong(1);
            String text = r.getString(2);
            String redacted = redact.apply(text);
            if (!redacted.equals(text)) {
              write.setString(1, redacted);
              write.setString(2, tenant);
              write.setString(3, id);
              write.setLong(4, after);
              write.addBatch();
              batched++;
            }
          }
        }
        if (batched > 0) {
          write.executeBatch();
          changed += batched;
        }
      }
      if (rows < ERASE_BATCH) {
        return changed;
      }
    }
  }

  private static final String CLOSED_BEFORE = "SELECT tenant_id, id FROM conversations WHERE status = 'CLOSED'"
      + " AND updated_at < ?";
  private static final String DELETE_CLOSED = "DELETE FROM conversations WHERE tenant_id = ? AND id = ? AND status = 'CLOSED'"
      + " AND updated_at < ?";
  private static final java.util.List<String> DELETE_WITH = java.util.List.of(
      "DELETE FROM messages WHERE tenant_id = ? AND conversation_id = ?",
      "DELETE FROM conversation_tags WHERE tenant_id = ? AND conversation_id = ?",
      "DELETE FROM events WHERE tenant_id = ? AND conversation_id = ?",
      "DELETE FROM turn_claims WHERE tenant_id = ? AND conversation_id = ?",
      "DELETE FROM relay_parked WHERE tenant_id = ? AND conversation_id = ?");

  /** Finds the oldest closed conversations from an index, then deletes each in a transaction of its own. */
  @Override
  public long purgeClosed(Option<TenantId> tenant, io.vavr.collection.Set<TenantId> except, Instant closedBefore, int limit) {
    ConversationStore.checkPurge(tenant, except, closedBefore, limit);
    StringBuilder sql = new StringBuilder(CLOSED_BEFORE);
    tenant.forEach(x -> sql.append(" AND tenant_id = ?"));
    if (except.nonEmpty()) {
      sql.append(" AND tenant_id NOT IN (").append("?, ".repeat(except.size() - 1)).append("?)");
    }
    sql.append(" ORDER BY updated_at, tenant_id, id LIMIT ?");
    Seq<String[]> candidates = read("find closed conversations to delete", c -> {
      try (PreparedStatement s = c.prepareStatement(sql.toString())) {
        int i = 1;
        s.setObject(i++, Listing.timestamp(clamped(closedBefore)));
        if (tenant.isDefined()) {
          s.setString(i++, tenant.get().value());
        }
        for (TenantId x : except) {
          s.setString(i++, x.value());
        }
        s.setInt(i, limit);
        Vector<String[]> found = Vector.empty();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            found = found.append(new String[] {r.getString(1), r.getString(2)});
          }
        }
        return found;
      }
    });
    long deleted = 0;
    for (String[] candidate : candidates) {
      Option<Boolean> gone = transaction("delete closed conversation " + candidate[1], c -> {
        try (PreparedStatement s = c.prepareStatement(DELETE_CLOSED)) {
          s.setString(1, candidate[0]);
          s.setString(2, candidate[1]);
          s.setObject(3, Listing.timestamp(clamped(closedBefore)));
          if (s.executeUpdate() == 0) {
            return Option.some(false);  // changed or deleted since it was found
          }
        }
        for (String delete : DELETE_WITH) {
          try (PreparedStatement s = c.prepareStatement(delete)) {
            s.setString(1, candidate[0]);
            s.setString(2, candidate[1]);
            s.executeUpdate();
          }
        }
        return Option.some(true);
      });
      if (gone.getOrElse(false)) {
        deleted++;
      }
    }
    return deleted;
  }

  /**
   * Work in one transaction, committed when it returns a value and rolled back when it returns
   * none (try again) or fails; a serialization failure or deadlock is none too.
   */
  private <T> Option<T> transaction(String what, SqlFunction<Option<T>> work) {
    return transaction(dataSource, what, work);
  }

  /** {@link #transaction(String, SqlFunction)} on any data source: what the directory uses too. */
  static <T> Option<T> transaction(DataSource dataSource, String what, SqlFunction<Option<T>> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      boolean settled = false;
      try {
        Option<T> result = work.apply(c);
        if (result.isDefined()) {
          c.commit();
        } else {
          c.rollback();
        }
        settled = true;
        return result;
      } catch (SQLException e) {
        settled = rollback(c, e);
        if (retryable(e)) {
          return Option.none();
        }
        throw e;
      } catch (RuntimeException | Error e) {
        settled = rollback(c, e);
        throw e;
      } finally {
        if (settled) {
          restore(c, autoCommit);
        }
      }
    } catch (SQLException e) {
      throw new StoreFailure("could not " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JdbcConversationStore[" + dialect + "]";
  }

  // ---------------------------------------------------------------- plumbing

  /** A read in one connection; driver exceptions become {@link StoreFailure}s naming {@code what}. */
  private <T> T read(String what, SqlFunction<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StoreFailure("could not " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * A write of single statements, each its own transaction (whatever the pool's default), so a
   * refused insert leaves the next statement free to run.
   */
  private <T> T autoCommitted(String what, SqlFunction<T> work) {
    return read(what, c -> {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(true);
      try {
        return work.apply(c);
      } finally {
        c.setAutoCommit(autoCommit);
      }
    });
  }

  /** A unit of JDBC work. */
  @FunctionalInterface
  interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
  }

  static Option<String> body(Connection c, String sql, String... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      return bodies(s).headOption();
    }
  }

  private static Seq<String> bodies(PreparedStatement s) throws SQLException {
    Vector<String> out = Vector.empty();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out = out.append(r.getString(1));
      }
    }
    return out;
  }

  private static void text(PreparedStatement s, int i, Option<String> value) throws SQLException {
    if (value.isDefined()) {
      s.setString(i, value.get());
    } else {
      s.setNull(i, Types.VARCHAR);
    }
  }

  /**
   * Whether the failure is a unique-constraint violation (SQLSTATE 23505 on both databases),
   * looking through the causes and a batch failure's chained exceptions.
   */
  static boolean duplicate(SQLException failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    todo.push(failure);
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException sql) {
        if ("23505".equals(sql.getSQLState())) {
          return true;
        }
        if (sql.getNextException() != null) {
          todo.push(sql.getNextException());
        }
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
    }
    return false;
  }

  /** Whether the database refused the transaction in a way that a new transaction may not meet. */
  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /** Rolls back; returns whether that worked (if not, the failure carries why). */
  private static boolean rollback(Connection c, Throwable failure) {
    try {
      c.rollback();
      return true;
    } catch (SQLException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  private static void restore(Connection c, boolean autoCommit) {
    try {
      if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException ignored) {
      // The connection is broken; the pool will discard it.
    }
  }
}
