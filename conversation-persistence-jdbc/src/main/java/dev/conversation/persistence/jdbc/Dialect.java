package dev.conversation.persistence.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The few statements that PostgreSQL and H2 spell differently: reading back what an update wrote
 * ({@code RETURNING} against H2's {@code FINAL TABLE}) and replacing a row ({@code ON CONFLICT}
 * against {@code MERGE}). Everything else the store says is the same SQL on both.
 */
enum Dialect {
  POSTGRESQL("postgresql") {
    @Override
    String updateReturning(String update, String columns) {
      return update + " RETURNING " + columns;
    }

    @Override
    String upsertBody(String table) {
      return "INSERT INTO " + table + " (tenant_id, id, body) VALUES (?, ?, ?)"
          + " ON CONFLICT (tenant_id, id) DO UPDATE SET body = EXCLUDED.body";
    }

    @Override
    String upsertAddress() {
      return "INSERT INTO contact_addresses (tenant_id, address, contact_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    }
  },
  H2("h2") {
    @Override
    String updateReturning(String update, String columns) {
      return "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
    }

    @Override
    String upsertBody(String table) {
      return "MERGE INTO " + table + " (tenant_id, id, body) KEY (tenant_id, id) VALUES (?, ?, ?)";
    }

    @Override
    String upsertAddress() {
      return "MERGE INTO contact_addresses (tenant_id, address, contact_id) KEY (tenant_id, address, contact_id) VALUES (?, ?, ?)";
    }
  };

  /** The migration folder of this database, Flyway's {@code {vendor}} name. */
  final String vendor;

  Dialect(String vendor) {
    this.vendor = vendor;
  }

  /** A query that runs the update and returns the given columns of the updated rows. */
  abstract String updateReturning(String update, String columns);

  /** Inserts or replaces a (tenant_id, id, body) row of a directory table. */
  abstract String upsertBody(String table);

  /** Adds a (tenant_id, address, contact_id) row to the directory's address index unless it is there. */
  abstract String upsertAddress();

  /**
   * The dialect of the database a connection talks to.
   *
   * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
   */
  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return POSTGRESQL;
    }
    if ("H2".equalsIgnoreCase(product)) {
      return H2;
    }
    throw new IllegalArgumentException(
        "dataSource: the JDBC store supports PostgreSQL and H2, not " + product);
  }
}
