package dev.conversation.domain;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * Who wrote a message or issued a command: the actor, and for a human agent who exactly; for
 * the AI, optionally which AI agent.
 *
 * @param actor the kind of actor
 * @param human the human agent; present exactly when {@code actor} is {@link Actor#HUMAN_AGENT}
 * @param aiAgent the AI agent; may be present only when {@code actor} is {@link Actor#AI_AGENT}
 */
public record Participant(Actor actor, Option<HumanAgent> human, Option<AiAgentId> aiAgent) {

  private static final Participant CUSTOMER =
      new Participant(Actor.CUSTOMER, Option.none(), Option.none());
  private static final Participant AI = new Participant(Actor.AI_AGENT, Option.none(), Option.none());
  private static final Participant SYSTEM =
      new Participant(Actor.SYSTEM, Option.none(), Option.none());

  /**
   * Creates a participant.
   *
   * @throws IllegalArgumentException if a human agent is given for another actor or missing for
   *     {@link Actor#HUMAN_AGENT}, or an AI agent id is given for an actor other than the AI
   */
  public Participant {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(human, "human");
    Objects.requireNonNull(aiAgent, "aiAgent");
    if (human.isDefined() != (actor == Actor.HUMAN_AGENT)) {
      throw new IllegalArgumentException(
          "human must be present exactly when actor is HUMAN_AGENT (actor " + actor + ")");
    }
    if (aiAgent.isDefined() && actor != Actor.AI_AGENT) {
      throw new IllegalArgumentException("aiAgent may be set only when actor is AI_AGENT (actor " + actor + ")");
    }
  }

  /** Returns the customer. */
  public static Participant customer() {
    return CUSTOMER;
  }

  /** Returns the AI agent, unnamed. */
  public static Participant ai() {
    return AI;
  }

  /** Returns the given AI agent. */
  public static Participant ai(AiAgentId agent) {
    return new Participant(Actor.AI_AGENT, Option.none(), Option.some(agent));
  }

  /** Returns the given human agent. */
  public static Participant human(HumanAgent agent) {
    return new Participant(Actor.HUMAN_AGENT, Option.some(agent), Option.none());
  }

  /** Returns the host system (automations, integrations, timers). */
  public static Participant system() {
    return SYSTEM;
  }
}
