package dev.conversation.spring.boot;

import dev.conversation.persistence.jdbc.Schema;
import javax.sql.DataSource;

/**
 * The library's schema on the application's database, migrated when the bean was created (see
 * {@code conversation.jdbc.*}). A bean of this type in the application replaces the migration.
 *
 * @param historyTable the Flyway history table the migrations were recorded in
 * @param applied how many migrations were applied at start-up (0 when the schema was current or
 *     migration is off)
 */
public record ConversationSchema(String historyTable, int applied) {

  /** Migrates the schema as the properties say. */
  static ConversationSchema migrate(DataSource dataSource, ConversationProperties.Jdbc jdbc) {
    // A table of their own by default, whether or not the application runs Flyway now: one that
    // adds Flyway later must not find the library's versions in its table.
    String table = jdbc.getHistoryTable() != null ? jdbc.getHistoryTable() : ConversationAutoConfiguration.OWN_HISTORY_TABLE;
    return new ConversationSchema(table, jdbc.isMigrate() ? Schema.migrate(dataSource, table) : 0);
  }
}
