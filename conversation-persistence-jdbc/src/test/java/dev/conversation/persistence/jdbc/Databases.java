package dev.conversation.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real databases the tests run on: one embedded PostgreSQL server per test JVM, started from
 * the binaries on Maven Central on first use and stopped at exit, and H2 in memory. Each call
 * hands out a fresh, migrated database behind a HikariCP pool, so test classes never share rows.
 */
final class Databases {

  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private Databases() {}

  /** A new, migrated PostgreSQL database on the shared embedded server. */
  static synchronized HikariDataSource postgres() {
    return migrated(postgresWithoutSchema());
  }

  /** A new, empty PostgreSQL database on the shared embedded server: no migration applied. */
  static synchronized HikariDataSource postgresWithoutSchema() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
      EmbeddedPostgres server = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    String name = "conversations_" + SERIAL.incrementAndGet();
    try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return pool(postgres.getJdbcUrl("postgres", name), "postgres");
  }

  /** The JDBC URL of a database on the embedded server (for connections outside the pool). */
  static String postgresUrl(String database) {
    return postgres.getJdbcUrl("postgres", database);
  }

  /** A new, migrated H2 database in memory. */
  static HikariDataSource h2() {
    return migrated(h2WithoutSchema());
  }

  /** A new, empty H2 database in memory: no migration applied. */
  static HikariDataSource h2WithoutSchema() {
    return pool("jdbc:h2:mem:conversations_" + SERIAL.incrementAndGet()
        + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa");
  }

  private static HikariDataSource pool(String url, String user) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(12);
    config.setPoolName(url.replaceAll("[^a-z0-9_]", "-"));
    return new HikariDataSource(config);
  }

  private static HikariDataSource migrated(HikariDataSource dataSource) {
    Schema.migrate(dataSource);
    return dataSource;
  }

}
