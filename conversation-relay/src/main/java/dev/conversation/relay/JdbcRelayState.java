package dev.conversation.relay;

import dev.conversation.domain.TenantId;
import dev.conversation.persistence.StoreFailure;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.jdbc.EventDocuments;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The relay state in the JDBC store's database (PostgreSQL or H2): one auto-committed statement
 * per call, portable SQL (a unique-key violation, SQLSTATE 23505, settles a concurrent insert).
 */
final class JdbcRelayState implements RelayState {

  private static final String CHECKPOINT = "SELECT position FROM relay_checkpoints WHERE tenant_id = ? AND relay = ?";
  /**
   * A relay registers with a row under the empty tenant id (no tenant has it); each registered
   * relay counts with its checkpoint in the tenant, or 0 without one.
   */
  private static final String REGISTERED = "";
  private static final String LOWEST = "SELECT min(coalesce(c.position, 0)) FROM relay_checkpoints r"
      + " LEFT JOIN relay_checkpoints c ON c.relay = r.relay AND c.tenant_id = ? WHERE r.tenant_id = ''";
  private static final String FORGET_CHECKPOINTS = "DELETE FROM relay_checkpoints WHERE relay = ?";
  private static final String FORGET_PARKED = "DELETE FROM relay_parked WHERE relay = ?";
  private static final String ADVANCE = "UPDATE relay_checkpoints SET position = ?, updated_at = ?"
      + " WHERE tenant_id = ? AND relay = ? AND position < ?";
  private static final String INSERT_CHECKPOINT = "INSERT INTO relay_checkpoints (tenant_id, relay, position, updated_at)"
      + " VALUES (?, ?, ?, ?)";
  private static final String PARK = "INSERT INTO relay_parked (tenant_id, relay, position, conversation_id, event, reason,"
      + " parked_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String PARKED = "SELECT position, event, reason, parked_at FROM relay_parked"
      + " WHERE tenant_id = ? AND relay = ? ORDER BY position";
  private static final String UNPARK = "DELETE FROM relay_parked WHERE tenant_id = ? AND relay = ? AND position = ?";
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  JdbcRelayState(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public long checkpoint(String relay, TenantId tenant) {
    return run("read the checkpoint of relay " + relay, c -> {
      try (PreparedStatement s = c.prepareStatement(CHECKPOINT)) {
        s.setString(1, tenant.value());
        s.setString(2, relay);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? r.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public void register(String relay) {
    Objects.requireNonNull(relay, "relay");
    run("register relay " + relay, c -> {
      try (PreparedStatement s = c.prepareStatement(INSERT_CHECKPOINT)) {
        s.setString(1, REGISTERED);
        s.setString(2, relay);
        s.setLong(3, 0);
        s.setObject(4, now());
        s.executeUpdate();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
      return null;
    });
  }

  @Override
  public void forget(String relay) {
    Objects.requireNonNull(relay, "relay");
    run("forget relay " + relay, c -> {
      for (String sql : new String[] {FORGET_PARKED, FORGET_CHECKPOINTS}) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setString(1, relay);
          s.executeUpdate();
        }
      }
      return null;
    });
  }

  @Override
  public long lowestCheckpoint(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return run("read the lowest checkpoint in tenant " + tenant.value(), c -> {
      try (PreparedStatement s = c.prepareStatement(LOWEST)) {
        s.setString(1, tenant.value());
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? r.getLong(1) : 0L;  // min() of no rows is NULL: getLong gives 0
        }
      }
    });
  }

  @Override
  public void advance(String relay, TenantId tenant, long position) {
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(tenant, "tenant");
    run("advance the checkpoint of relay " + relay, c -> {
      for (int attempt = 0; attempt < 2; attempt++) {
        try (PreparedStatement s = c.prepareStatement(ADVANCE)) {
          s.setLong(1, position);
          s.setObject(2, now());
          s.setString(3, tenant.value());
          s.setString(4, relay);
          s.setLong(5, position);
          if (s.executeUpdate() == 1 || checkpointExists(c, relay, tenant)) {
            return null;
          }
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_CHECKPOINT)) {
          s.setString(1, tenant.value());
          s.setString(2, relay);
          s.setLong(3, position);
          s.setObject(4, now());
          s.executeUpdate();
          return null;
        } catch (SQLException e) {
          if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
          }
          // inserted meanwhile: update it on the second round
        }
      }
      return null;
    });
  }

  private static boolean checkpointExists(Connection c, String relay, TenantId tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CHECKPOINT)) {
      s.setString(1, tenant.value());
      s.setString(2, relay);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  @Override
  public void park(String relay, TenantId tenant, StoredEvent event, String reason, Instant at) {
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
    run("park event " + event.position() + " of relay " + relay, c -> {
      try (PreparedStatement s = c.prepareStatement(PARK)) {
        s.setString(1, tenant.value());
        s.setString(2, relay);
        s.setLong(3, event.position());
        s.setString(4, event.event().conversationId().value());
        s.setString(5, EventDocuments.write(event.event()));
        s.setString(6, reason);
        s.setObject(7, at.atOffset(ZoneOffset.UTC));
        s.executeUpdate();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
      return null;
    });
  }

  @Override
  public Seq<Parked> parked(String relay, TenantId tenant) {
    return run("list the events relay " + relay + " parked", c -> {
      try (PreparedStatement s = c.prepareStatement(PARKED)) {
        s.setString(1, tenant.value());
        s.setString(2, relay);
        List<Parked> found = List.empty();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            found = found.prepend(new Parked(tenant, new StoredEvent(r.getLong(1), EventDocuments.read(r.getString(2))),
                r.getString(3), r.getObject(4, OffsetDateTime.class).toInstant()));
          }
        }
        return found.reverse();
      }
    });
  }

  @Override
  public boolean unpark(String relay, TenantId tenant, long position) {
    return run("unpark event " + position + " of relay " + relay, c -> {
      try (PreparedStatement s = c.prepareStatement(UNPARK)) {
        s.setString(1, tenant.value());
        s.setString(2, relay);
        s.setLong(3, position);
        return s.executeUpdate() == 1;
      }
    });
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  @FunctionalInterface
  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Runs on a connection of its own, committing if the pool hands it out outside auto-commit. */
  private <T> T run(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      T result = work.apply(c);
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return result;
    } catch (SQLException e) {
      throw new StoreFailure("could not " + what + ": " + e.getMessage(), e);
    }
  }
}
