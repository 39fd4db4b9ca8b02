package dev.conversation.relay;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.persistence.jdbc.Schema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Migrated test databases: H2 in memory, and PostgreSQL on one embedded server started on first use. */
final class Databases {

  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private Databases() {}

  /** A new, migrated PostgreSQL database on the shared embedded server. */
  static synchronized HikariDataSource postgres() {
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
    String name = "relay_" + SERIAL.incrementAndGet();
    try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return migrated(pool(postgres.getJdbcUrl("postgres", name), "postgres"));
  }

  /** A new, migrated H2 database in memory. */
  static HikariDataSource h2() {
    return migrated(pool("jdbc:h2:mem:relay_" + SERIAL.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa"));
  }

  private static HikariDataSource pool(String url, String user) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(12);
    return new HikariDataSource(config);
  }

  private static HikariDataSource migrated(HikariDataSource dataSource) {
    Schema.migrate(dataSource);
    return dataSource;
  }
}
