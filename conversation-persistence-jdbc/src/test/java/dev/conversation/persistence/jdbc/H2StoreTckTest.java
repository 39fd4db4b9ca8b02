package dev.conversation.persistence.jdbc;

import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.tck.ConversationStoreTck;

/** The whole TCK against the JDBC store on H2, the embedded durable default. */
class H2StoreTckTest extends ConversationStoreTck {

  private static final ConversationStore STORE = JdbcConversationStore.on(Databases.h2());

  @Override
  protected ConversationStore newStore() {
    return STORE;
  }
}
