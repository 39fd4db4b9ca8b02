/**
 * LiveChatAI conversations (seed 002): the success envelope, flags and messages with their sources.
 *
 * <p>Public are only what a host calls: {@link dev.conversation.wire.livechatai.LiveChatAiApi},
 * the entry point (Authorization header and path parameter in,
 * {@link dev.conversation.wire.livechatai.LiveChatAiResponse}, status and JSON, out), and
 * {@link dev.conversation.wire.livechatai.BearerToken}, which reads an
 * {@code Authorization: Bearer <token>} header for any API that takes one. The words and the JSON
 * are package-private.
 *
 * <p>Errors are {@link dev.conversation.wire.ApiError}s, rendered in the success envelope's shape
 * {@code {"status": "error", "message"}} by
 * {@link dev.conversation.wire.livechatai.LiveChatAiResponse#of(dev.conversation.wire.ApiError)};
 * the service's problems become errors through the one mapping
 * {@link dev.conversation.wire.ApiError#of(dev.conversation.service.Problem)}. Every type is
 * immutable and thread-safe.
 */
@NullMarked
package dev.conversation.wire.livechatai;

import org.jspecify.annotations.NullMarked;
