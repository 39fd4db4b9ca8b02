package dev.conversation.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** The two databases every JDBC test runs on. */
enum Engine {
  POSTGRESQL,
  H2;

  /** A new, migrated database of this engine behind its own pool. */
  HikariDataSource newDatabase() {
    return this == POSTGRESQL ? Databases.postgres() : Databases.h2();
  }

  /** A new database of this engine without the schema. */
  HikariDataSource newEmptyDatabase() {
    return this == POSTGRESQL ? Databases.postgresWithoutSchema() : Databases.h2WithoutSchema();
  }

  /** The migration folder of this engine (Flyway's vendor name). */
  String vendor() {
    return this == POSTGRESQL ? "postgresql" : "h2";
  }
}
