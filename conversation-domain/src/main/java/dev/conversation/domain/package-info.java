/**
 * The conversation model ({@link dev.conversation.domain.Conversation},
 * {@link dev.conversation.domain.Message}, {@link dev.conversation.domain.Contact},
 * {@link dev.conversation.domain.Account}) and the lifecycle engine
 * ({@link dev.conversation.domain.Lifecycle}, {@link dev.conversation.domain.TransitionTable}).
 *
 * <p>Every type here is immutable and thread-safe. Absence is {@link io.vavr.control.Option};
 * a rejected business operation is a value ({@link io.vavr.control.Either} of a
 * {@link dev.conversation.domain.Rejection}); a {@code null} argument is a programming error
 * and throws {@link NullPointerException} naming the argument.
 */
@NullMarked
@DomainStyle
package dev.conversation.domain;

import org.jspecify.annotations.NullMarked;
