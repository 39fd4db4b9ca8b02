/**
 * AgentClara conversations (seed 001): snake_case resources, status and channel words in both directions, and its errors.
 *
 * <p>Public are only the two types a host calls: {@link dev.conversation.wire.agentclara.AgentClaraApi},
 * the entry point (tenant, path parameters, the decoded query string as a map, or the body as
 * text in), and {@link dev.conversation.wire.agentclara.AgentClaraResponse} (status and JSON
 * out). Every error is a {@link dev.conversation.wire.ApiError}, answered by
 * {@link dev.conversation.wire.agentclara.AgentClaraResponse#of(dev.conversation.wire.ApiError)}
 * in AgentClara's shape {@code {"error": code, "message": ..., "field": parameter or null}}; a
 * host renders its own errors (a body it could not read, a repeated query parameter) the same way.
 *
 * <p>Underneath, package-private, {@code AgentClaraVocabulary} holds the words (pure Java),
 * {@code AgentClaraJson} the JSON (Jackson's tree model) and {@code AgentClaraRequest} the raw
 * parameters. Every type is immutable and thread-safe.
 */
@NullMarked
package dev.conversation.wire.agentclara;

import org.jspecify.annotations.NullMarked;
