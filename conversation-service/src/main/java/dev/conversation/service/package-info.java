/**
 * The service facade. {@link dev.conversation.service.Conversations} takes commands and returns
 * {@code Either<Problem, result>}: it loads a conversation from a
 * {@link dev.conversation.persistence.ConversationStore}, decides with the lifecycle, and commits
 * with a bounded optimistic retry. {@link dev.conversation.service.Conversations#inMemory()} is a
 * ready embedded instance.
 */
@NullMarked
package dev.conversation.service;

import org.jspecify.annotations.NullMarked;
