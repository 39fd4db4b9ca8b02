/**
 * The contract test kit for {@link dev.conversation.persistence.ConversationStore}
 * implementations. Extend {@link dev.conversation.persistence.tck.ConversationStoreTck} in your
 * store's test sources, implement its one factory method, and run it with JUnit Jupiter.
 */
@NullMarked
package dev.conversation.persistence.tck;

import org.jspecify.annotations.NullMarked;
