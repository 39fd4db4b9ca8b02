package dev.conversation.lifecycle.spring;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import dev.conversation.domain.Trigger;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.springframework.statemachine.StateContext;
import reactor.core.publisher.Mono;

/**
 * One event in flight: the domain decision (made once, however many guards ask), and the first
 * exception a host guard threw, so the bridge can rethrow it instead of Spring swallowing it.
 */
final class Call {

  static final String HEADER = "dev.conversation.call";
  static final String CONVERSATION = "conversation";

  private final Conversation conversation;
  private final Command command;
  private final Instant now;
  private final BiPredicate<Conversation, Command> hostGuard;
  private @Nullable Either<Rejection, Decision> result;
  private @Nullable Boolean hostAllows;
  @Nullable RuntimeException failure;

  Call(Conversation conversation, Command command, Instant now, BiPredicate<Conversation, Command> hostGuard) {
    this.conversation = conversation;
    this.command = command;
    this.now = now;
    this.hostGuard = hostGuard;
  }

  static Optional<Call> of(StateContext<Status, Trigger> context) {
    return Optional.ofNullable(context.getMessageHeaders().get(HEADER, Call.class));
  }

  Either<Rejection, Decision> result() {
    if (result == null) {
      result = Lifecycle.decide(conversation, command, now);
    }
    return result;
  }

  boolean allows(Status to) {
    if (!result().exists(d -> d.conversation().status() == to)) {
      return false;
    }
    if (hostAllows == null) {
      try {
        hostAllows = hostGuard.test(conversation, command);
      } catch (RuntimeException e) {
        failure = e;
        hostAllows = false;
      }
    }
    return hostAllows;
  }

  boolean hostDenied() {
    return Boolean.FALSE.equals(hostAllows) && failure == null;
  }

  static Mono<Void> record(StateContext<Status, Trigger> context) {
    return Mono.fromRunnable(() -> of(context).ifPresent(call -> context.getExtendedState().getVariables()
        .put(CONVERSATION, call.result().get().conversation())));
  }
}
