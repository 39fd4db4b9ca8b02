/**
 * AgentClara conversations (seed 001): snake_case resources, status and channel words in both directions, and its 400 errors.
 *
 * <p>{@link dev.conversation.wire.agentclara.AgentClaraApi} is the entry point for an HTTP host:
 * parsed request in, {@link dev.conversation.wire.agentclara.AgentClaraResponse} (status and
 * JSON) out. Underneath, {@link dev.conversation.wire.agentclara.AgentClaraVocabulary} holds the
 * words (pure Java), {@link dev.conversation.wire.agentclara.AgentClaraJson} the JSON (Jackson's
 * tree model), {@link dev.conversation.wire.agentclara.AgentClaraRequest} the raw parameters and
 * {@link dev.conversation.wire.agentclara.AgentClaraError} the errors. Every type is immutable and
 * thread-safe.
 */
@NullMarked
package dev.conversation.wire.agentclara;

import org.jspecify.annotations.NullMarked;
