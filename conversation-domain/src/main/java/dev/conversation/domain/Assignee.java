package dev.conversation.domain;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * The humans a conversation is handed to: a human agent, a team, or both.
 *
 * @param agent the human agent, if one is assigned
 * @param team the team, if one is assigned
 */
public record Assignee(Option<HumanAgent> agent, Option<TeamId> team) {

  /**
   * Creates the assignee.
   *
   * @throws IllegalArgumentException if neither an agent nor a team is given
   */
  public Assignee {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(team, "team");
    if (agent.isEmpty() && team.isEmpty()) {
      throw new IllegalArgumentException("an assignee needs an agent, a team or both");
    }
  }

  /** Returns an assignment to one human agent. */
  public static Assignee agent(HumanAgent agent) {
    return new Assignee(Option.some(agent), Option.none());
  }

  /** Returns an assignment to a team. */
  public static Assignee team(TeamId team) {
    return new Assignee(Option.none(), Option.some(team));
  }
}
