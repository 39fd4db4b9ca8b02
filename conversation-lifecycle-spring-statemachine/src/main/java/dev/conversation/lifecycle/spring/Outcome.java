package dev.conversation.lifecycle.spring;

import dev.conversation.domain.Decision;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import io.vavr.control.Either;
import java.util.Objects;
import org.springframework.statemachine.StateMachineEventResult;

/**
 * What the bridge did with one event.
 *
 * @param verdict the bridge's verdict: {@link Verdict#ACCEPTED} exactly when a transition fired
 * @param spring what Spring itself reported; it says ACCEPTED even when every guard said no
 * @param state the state the Spring machine is in afterwards
 * @param domain the domain's decision: the rejection (with its rule) or the decision. Store the
 *     decision only when {@code verdict} is {@link Verdict#ACCEPTED}: when the host's guard said
 *     no, the domain had accepted but nothing fired
 */
public record Outcome(
    Verdict verdict, StateMachineEventResult.ResultType spring, Status state, Either<Rejection, Decision> domain) {

  /** The bridge's verdict on an event. */
  public enum Verdict {
    /** A transition fired; {@link Outcome#domain()} holds the decision. */
    ACCEPTED,
    /** No transition fired; {@link Outcome#rule()} names the rule that said no. */
    DENIED
  }

  /** Creates the outcome; every component is required. */
  public Outcome {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(spring, "spring");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(domain, "domain");
  }

  /** Returns the rule that denied the event, or {@code "accepted"} if it was accepted. */
  public String rule() {
    return verdict == Verdict.ACCEPTED ? "accepted"
        : domain.isLeft() ? domain.getLeft().rule() : LifecycleBridge.HOST_GUARD_RULE;
  }
}
