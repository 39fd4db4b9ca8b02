/** Runnable examples: {@link dev.conversation.examples.Demo} plays a realistic conversation. */
@NullMarked
package dev.conversation.examples;

import org.jspecify.annotations.NullMarked;
