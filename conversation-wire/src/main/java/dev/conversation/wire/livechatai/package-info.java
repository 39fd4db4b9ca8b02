/**
 * LiveChatAI conversations (seed 002): the success envelope, flags and messages with their sources.
 *
 * <p>{@link dev.conversation.wire.livechatai.LiveChatAiApi} is the entry point for an HTTP host:
 * Authorization header and path parameter in, {@link dev.conversation.wire.livechatai.LiveChatAiResponse}
 * (status and JSON) out. Underneath, {@link dev.conversation.wire.livechatai.LiveChatAiVocabulary}
 * holds the words (pure Java), {@link dev.conversation.wire.livechatai.LiveChatAiJson} the JSON,
 * {@link dev.conversation.wire.livechatai.BearerToken} the header and
 * {@link dev.conversation.wire.livechatai.LiveChatAiError} the errors. Every type is immutable and
 * thread-safe.
 */
@NullMarked
package dev.conversation.wire.livechatai;

import org.jspecify.annotations.NullMarked;
