package dev.conversation.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * How and by whom a conversation was resolved: answers "who resolved this?".
 *
 * @param outcome a short description of the outcome, 1 to {@value Limits#MAX_NOTE} characters
 * @param resolver who resolved it
 * @param resolvedAt when
 */
public record Resolution(String outcome, Participant resolver, Instant resolvedAt) {

  /** Creates the resolution; every argument is required. */
  public Resolution {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
  }

  /** Returns whether the AI agent resolved the conversation. */
  public boolean byAi() {
    return resolver.actor() == Actor.AI_AGENT;
  }
}
