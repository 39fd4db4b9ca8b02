package dev.conversation.domain;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * A human agent as shown next to their messages and assignments.
 *
 * @param id the agent's identifier
 * @param name the display name, 1 to {@value Limits#MAX_NAME} characters
 * @param email the agent's e-mail address, if known
 * @param avatar a link to the agent's avatar image, if any
 */
public record HumanAgent(
    HumanAgentId id, String name, Option<EmailAddress> email, Option<String> avatar) {

  /**
   * Creates the agent.
   *
   * @throws IllegalArgumentException if {@code name} is blank or too long, or {@code avatar} is
   *     blank or longer than 2,048 characters
   */
  public HumanAgent {
    Objects.requireNonNull(id, "id");
    Text.orThrow(Text.required("name", name, Limits.MAX_NAME));
    Objects.requireNonNull(email, "email");
    Text.orThrow(Text.optional("avatar", avatar, 2_048));
  }

  /** Returns an agent with just an id and a name. */
  public static HumanAgent of(HumanAgentId id, String name) {
    return new HumanAgent(id, name, Option.none(), Option.none());
  }
}
