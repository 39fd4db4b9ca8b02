/**
 * Storage ports. {@link dev.conversation.persistence.ConversationStore} keeps conversations,
 * their messages and the events they emitted, scoped by tenant and written atomically per
 * conversation; {@link dev.conversation.persistence.Directory} is the host's contact and account
 * directory. {@link dev.conversation.persistence.ConversationStore#inMemory()} and
 * {@link dev.conversation.persistence.Directory#inMemory()} are the embedded defaults; the
 * {@code conversation-persistence-tck} jar checks any other implementation against the same
 * contract.
 */
@NullMarked
package dev.conversation.persistence;

import org.jspecify.annotations.NullMarked;
