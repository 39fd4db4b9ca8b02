/**
 * AgentClara conversations (seed 001): snake_case resources, status and channel words in both directions, and its 400 errors.
 */
@NullMarked
package dev.conversation.wire.agentclara;

import org.jspecify.annotations.NullMarked;
