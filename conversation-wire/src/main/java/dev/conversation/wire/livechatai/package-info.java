/**
 * LiveChatAI conversations (seed 002): the success envelope, flags and messages with their sources.
 */
@NullMarked
package dev.conversation.wire.livechatai;

import org.jspecify.annotations.NullMarked;
