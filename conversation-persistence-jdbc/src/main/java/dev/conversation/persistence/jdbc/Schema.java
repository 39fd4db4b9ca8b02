package dev.conversation.persistence.jdbc;

import dev.conversation.persistence.StoreFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The JDBC store's schema: versioned migration scripts shipped in this jar, one folder per
 * database, applied with Flyway.
 *
 * <p>Either call {@link #migrate(DataSource)} once at start-up, or let the host's own Flyway
 * apply them by adding {@link #LOCATION} to its locations (Flyway replaces {@code {vendor}} with
 * {@code postgresql} or {@code h2}). The scripts create the tables {@code conversations},
 * {@code conversation_tags}, {@code messages}, {@code outbox_positions} (H2 only: PostgreSQL's
 * outbox needs no per-tenant counter since {@code V5}), {@code events},
 * {@code contacts}, {@code contact_addresses}, {@code accounts}, and the relay's {@code relay_checkpoints}
 * and {@code relay_parked} in the connection's default schema. Stateless.
 */
public final class Schema {

  /** The Flyway location of the migrations, with Flyway's {@code {vendor}} placeholder. */
  public static final String LOCATION = "classpath:dev/conversation/persistence/jdbc/migration/{vendor}";

  private Schema() {}

  /**
   * Applies every migration this jar ships that the database has not applied yet, recording them
   * in Flyway's history table ({@code flyway_schema_history}). Safe to call at every start and
   * from several processes at once (Flyway takes a lock).
   *
   * @return how many migrations were applied now (0 if the schema was current)
   * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
   * @throws StoreFailure if a migration fails or the database cannot be reached
   */
  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, HISTORY_TABLE);
  }

  /** Flyway's default history table, which {@link #migrate(DataSource)} records in. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  /**
   * Applies the migrations as {@link #migrate(DataSource)} does, recording them in a history table
   * of their own: for a database whose default history table the host's own Flyway migrations use
   * (two sets of versions cannot share one table). A schema that holds the application's tables
   * but not this history table yet is baselined at version 0, so every migration runs.
   *
   * @param historyTable the history table's name
   * @return how many migrations were applied now
   * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2, or the name is blank
   * @throws StoreFailure if a migration fails or the database cannot be reached
   */
  public static int migrate(DataSource dataSource, String historyTable) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(historyTable, "historyTable");
    if (historyTable.isBlank()) {
      throw new IllegalArgumentException("historyTable must not be blank");
    }
    Dialect dialect = dialect(dataSource);
    try {
      return Flyway.configure(Schema.class.getClassLoader())
          .dataSource(dataSource)
          .locations(LOCATION.replace("{vendor}", dialect.vendor))
          .table(historyTable)
          // In a table of their own, beside the application's tables: the schema is not empty, and
          // every migration from V1 on is still to be applied.
          .baselineOnMigrate(!HISTORY_TABLE.equals(historyTable))
          .baselineVersion("0")
          .load()
          .migrate()
          .migrationsExecuted;
    } catch (FlywayException e) {
      throw new StoreFailure("could not migrate the conversation schema: " + e.getMessage(), e);
    }
  }

  /** The dialect of the data source's database, from one short-lived connection. */
  static Dialect dialect(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return Dialect.of(c);
    } catch (SQLException e) {
      throw new StoreFailure("could not connect to learn which database this is: " + e.getMessage(), e);
    }
  }
}
