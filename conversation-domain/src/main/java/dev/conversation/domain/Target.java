package dev.conversation.domain;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Where an accepted trigger takes a conversation: a fixed state, the same state, or a state
 * that depends on the conversation (its owner, or whose turn it is).
 *
 * @param kind how the target is chosen
 * @param status the fixed state, present exactly when {@code kind} is {@link Kind#FIXED}
 */
public record Target(Kind kind, Option<Status> status) {

  /** How a target state is chosen. */
  public enum Kind {
    /** Always the given state. */
    FIXED,
    /** The state the conversation is in. */
    STAY,
    /**
     * The owner's state: {@link Status#HUMAN_MANAGED} when a human owns it, otherwise
     * {@link Status#ACTIVE} if the customer spoke last and {@link Status#WAITING} if an agent did.
     */
    OWNER,
    /** Whose turn it is: {@link Status#ACTIVE} if the customer spoke last, else {@link Status#WAITING}. */
    TURN
  }

  /** Creates a target; a status is given exactly for {@link Kind#FIXED}. */
  public Target {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    if (status.isDefined() != (kind == Kind.FIXED)) {
      throw new IllegalArgumentException("status must be given exactly for FIXED targets");
    }
  }

  /** Returns the fixed target {@code status}. */
  public static Target to(Status status) {
    return new Target(Kind.FIXED, Option.some(status));
  }

  /** Returns the target that keeps the current state. */
  public static Target stay() {
    return new Target(Kind.STAY, Option.none());
  }

  /** Returns the owner's-state target. */
  public static Target owner() {
    return new Target(Kind.OWNER, Option.none());
  }

  /** Returns the whose-turn target. */
  public static Target turn() {
    return new Target(Kind.TURN, Option.none());
  }

  /**
   * Returns every state this target can lead to from {@code from} on {@code trigger}. A customer
   * message always makes it the agents' turn, so its owner's state is never WAITING.
   */
  public Set<Status> possible(Status from, Trigger trigger) {
    return switch (kind) {
      case FIXED -> LinkedHashSet.of(status.get());
      case STAY -> LinkedHashSet.of(from);
      case OWNER -> trigger == Trigger.CUSTOMER_MESSAGE
          ? LinkedHashSet.of(Status.ACTIVE, Status.HUMAN_MANAGED)
          : LinkedHashSet.of(Status.ACTIVE, Status.WAITING, Status.HUMAN_MANAGED);
      case TURN -> LinkedHashSet.of(Status.ACTIVE, Status.WAITING);
    };
  }

  /** Returns when this target leads to {@code to}, in words; empty for unconditional targets. */
  public String condition(Status to) {
    return switch (kind) {
      case FIXED, STAY -> "";
      case OWNER -> to == Status.HUMAN_MANAGED
          ? "human owns"
          : to == Status.ACTIVE ? "AI owns, customer spoke last" : "AI owns, agent spoke last";
      case TURN -> to == Status.ACTIVE ? "customer spoke last" : "agent spoke last";
    };
  }

  /**
   * Resolves the target once the trigger's data is applied: the current state, whether anyone
   * is assigned, and whether the agents have the turn.
   */
  Status resolve(Status current, boolean humanAssigned, boolean agentsTurn) {
    return switch (kind) {
      case FIXED -> status.get();
      case STAY -> current;
      case OWNER -> humanAssigned ? Status.HUMAN_MANAGED : turn(agentsTurn);
      case TURN -> turn(agentsTurn);
    };
  }

  private static Status turn(boolean agentsTurn) {
    return agentsTurn ? Status.ACTIVE : Status.WAITING;
  }
}
