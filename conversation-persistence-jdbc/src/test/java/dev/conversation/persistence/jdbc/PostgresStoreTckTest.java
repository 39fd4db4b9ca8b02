package dev.conversation.persistence.jdbc;

import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.tck.ConversationStoreTck;

/** The whole TCK against the JDBC store on a real (embedded) PostgreSQL. */
class PostgresStoreTckTest extends ConversationStoreTck {

  private static final ConversationStore STORE = JdbcConversationStore.on(Databases.postgres());

  @Override
  protected ConversationStore newStore() {
    return STORE;
  }
}
