package dev.conversation.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;

/**
 * One database per engine for one test class, opened on first use and closed by the class's
 * {@code @AfterAll}: a store, a directory and raw row counts on the same data source.
 */
final class Backends implements AutoCloseable {

  /** Every table the migrations create on either engine, besides Flyway's history. */
  static final List<String> TABLES = List.of("conversations", "conversation_tags", "messages", "outbox_positions",
      "events", "contacts", "contact_addresses", "accounts", "relay_checkpoints", "relay_parked", "turn_claims");

  /** The tables of one engine: PostgreSQL's outbox needs no per-tenant counter ({@code V5} drops it). */
  static List<String> tables(Engine engine) {
    return engine == Engine.POSTGRESQL ? TABLES.stream().filter(t -> !t.equals("outbox_positions")).toList() : TABLES;
  }

  private final EnumMap<Engine, Backend> open = new EnumMap<>(Engine.class);

  synchronized Backend on(Engine engine) {
    return open.computeIfAbsent(engine, Backend::open);
  }

  @Override
  public synchronized void close() {
    open.values().forEach(b -> b.dataSource().close());
    open.clear();
  }

  /** A database of one engine with the store and directory on it. */
  record Backend(Engine engine, HikariDataSource dataSource, JdbcConversationStore store, JdbcDirectory directory) {

    static Backend open(Engine engine) {
      HikariDataSource dataSource = engine.newDatabase();
      return new Backend(engine, dataSource, JdbcConversationStore.on(dataSource), JdbcDirectory.on(dataSource));
    }

    /** All rows of a table; throws if the table is gone. */
    long rows(String table) {
      return count("SELECT count(*) FROM " + table);
    }

    /** The rows of a table that belong to a tenant. */
    long rows(String table, TenantId tenant) {
      return count("SELECT count(*) FROM " + table + " WHERE tenant_id = ?", tenant.value());
    }

    long count(String sql, Object... parameters) {
      try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          s.setObject(i + 1, parameters[i]);
        }
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      } catch (SQLException e) {
        throw new AssertionError("could not run " + sql + ": " + e.getMessage(), e);
      }
    }
  }
}
