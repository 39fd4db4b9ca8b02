package dev.conversation.persistence.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Directory;
import org.jspecify.annotations.Nullable;

/**
 * A store and a directory on one of the engines the concurrency tests run on ({@code in-memory},
 * {@code h2}, {@code postgresql}), each a fresh database; closing closes the database.
 *
 * @param store the conversation store
 * @param directory the directory
 * @param database the database behind them, none in memory
 */
record Stores(ConversationStore store, Directory directory, @Nullable HikariDataSource database) implements AutoCloseable {

  static Stores on(String engine) {
    HikariDataSource database = switch (engine) {
      case "h2" -> Databases.h2();
      case "postgresql" -> Databases.postgres();
      case "in-memory" -> null;
      default -> throw new IllegalArgumentException("unknown engine " + engine);
    };
    return database == null ? new Stores(ConversationStore.inMemory(), Directory.inMemory(), null)
        : new Stores(JdbcConversationStore.on(database), JdbcDirectory.on(database), database);
  }

  @Override
  public void close() {
    if (database != null) {
      database.close();
    }
  }
}
