package dev.conversation.domain;

import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import java.util.Objects;

/**
 * Why the lifecycle said no. A rejection never changes anything: the conversation stays exactly
 * as it was. Every kind names the rule that denied the command and says, in {@link #message()},
 * what a developer can do about it.
 */
public sealed interface Rejection {

  /** Returns a stable, machine-readable name of the rule that denied the command. */
  String rule();

  /** Returns the rejection in words a developer can act on. */
  String message();

  /**
   * The input broke one or more field rules; every problem is listed.
   *
   * @param violations the problems, at least one
   */
  record Invalid(Seq<Violation> violations) implements Rejection {

    /** Creates the rejection; {@code violations} must not be empty. */
    public Invalid {
      Objects.requireNonNull(violations, "violations");
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("violations must not be empty");
      }
    }

    @Override
    public String rule() {
      return "invalid-input";
    }

    @Override
    public String message() {
      return "invalid input: " + violations.mkString("; ");
    }
  }

  /**
   * The transition table denies the trigger in the conversation's state.
   *
   * @param denial the table's cell, with its rule and reason
   */
  record Denied(Denial denial) implements Rejection {

    /** Creates the rejection. */
    public Denied {
      Objects.requireNonNull(denial, "denial");
    }

    @Override
    public String rule() {
      return denial.rule();
    }

    @Override
    public String message() {
      return denial.trigger().label() + " is not allowed in " + denial.from() + ": " + denial.reason();
    }
  }

  /**
   * The trigger is allowed in this state, but not for this actor (given who owns the
   * conversation).
   *
   * @param transition the table's cell
   * @param owner who owns the conversation ({@link Conversation#owner()})
   * @param actor who tried
   */
  record ActorNotAllowed(Transition transition, Actor owner, Actor actor) implements Rejection {

    /** Creates the rejection. */
    public ActorNotAllowed {
      Objects.requireNonNull(transition, "transition");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(actor, "actor");
    }

    /** Returns who may issue the trigger in this state, given the owner. */
    public Set<Actor> allowed() {
      return transition.actorsFor(owner);
    }

    /**
     * Returns a rule name saying who may do what where, for example
     * {@code only-human-agent-may-resolve-in-human-managed}.
     */
    @Override
    public String rule() {
      return ("only-" + allowed().map(Actor::name).mkString("-or-") + "-may-" + transition.trigger().name()
          + "-in-" + transition.from().name()).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String message() {
      return transition.trigger().label() + " in " + transition.from() + " may be done by "
          + allowed().mkString(" or ") + ", not by " + actor + " (" + transition.rule() + ")";
    }
  }

  /**
   * A follow-up was asked for a conversation that is not closed.
   *
   * @param conversationId the conversation
   * @param status its state
   */
  record NotClosed(ConversationId conversationId, Status status) implements Rejection {

    /** Creates the rejection. */
    public NotClosed {
      Objects.requireNonNull(conversationId, "conversationId");
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String rule() {
      return "follow-up-needs-closed";
    }

    @Override
    public String message() {
      return "conversation " + conversationId + " is " + status
          + "; only a closed conversation gets a follow-up (append to this one instead)";
    }
  }
}
