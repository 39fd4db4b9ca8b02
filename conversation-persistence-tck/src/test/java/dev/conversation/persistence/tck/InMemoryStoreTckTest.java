package dev.conversation.persistence.tck;

import dev.conversation.persistence.ConversationStore;

/** Runs the whole kit against the in-memory reference store. */
class InMemoryStoreTckTest extends ConversationStoreTck {

  private static final ConversationStore SHARED = ConversationStore.inMemory();

  @Override
  protected ConversationStore newStore() {
    // One store for every test: the kit isolates tests by tenant, and sharing proves it.
    return SHARED;
  }
}
