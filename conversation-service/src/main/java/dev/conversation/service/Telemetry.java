package dev.conversation.service;

import dev.conversation.domain.TimerKind;
import dev.conversation.domain.Trigger;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * What a {@link Conversations} reports about its own work, for metrics: every change and how it
 * ended, optimistic retries, timers fired. Low cardinality only: kinds, results and rules, never
 * tenant or conversation ids. Called on the thread doing the work, after it; an implementation
 * must be thread-safe and quick, and what it throws is ignored. Every method does nothing by
 * default. Give one to {@link Conversations.Builder#telemetry}; the Spring Boot starter's records
 * Micrometer meters.
 */
public interface Telemetry {

  /** Reports nothing. */
  Telemetry NONE = new Telemetry() {};

  /** How a change ended. */
  enum Result {
    /** Committed. */
    ACCEPTED,
    /** Accepted, but it changed nothing (so nothing was stored), or it was a replay of a stored message. */
    UNCHANGED,
    /** Refused by a lifecycle rule (or the AI's turn was lost). */
    REJECTED,
    /** Refused as bad input (or an idempotency key reused for another message). */
    INVALID,
    /** The conversation is not there. */
    NOT_FOUND,
    /** Other writers kept committing first. */
    CONTENDED,
    /** The store failed. */
    UNAVAILABLE;

    /** The result a problem means. */
    static Result of(Problem problem) {
      if (problem instanceof Problem.Rejected || problem instanceof Problem.TurnLost) {
        return REJECTED;
      }
      if (problem instanceof Problem.NotFound) {
        return NOT_FOUND;
      }
      if (problem instanceof Problem.Contended) {
        return CONTENDED;
      }
      if (problem instanceof Problem.Unavailable) {
        return UNAVAILABLE;
      }
      return INVALID;
    }
  }

  /**
   * A change of an existing conversation ended.
   *
   * @param trigger the first command's trigger; none when it ended before commands were planned
   *     (the conversation is not there, or the request was refused as it was read)
   * @param result how it ended
   * @param rule the lifecycle rule (or {@code turn-lost}) that refused it, for {@link Result#REJECTED}
   * @param took from the first load to the end, retries included
   */
  default void changed(Option<Trigger> trigger, Result result, Option<String> rule, Duration took) {}

  /**
   * A create ended: a conversation started (by a staff create, an inbound message or a follow-up)
   * is {@link Result#ACCEPTED}; a create the service refused, or a replay of one stored before
   * ({@link Result#UNCHANGED}), is reported too. An inbound message that meets a conversation
   * opened concurrently on its route is routed again, not reported as a create.
   *
   * @param result how it ended
   * @param rule the lifecycle rule that refused it, for {@link Result#REJECTED}
   * @param took how long it took
   */
  default void created(Result result, Option<String> rule, Duration took) {}

  /** A commit met a newer version (another process wrote first) and the change is decided again. */
  default void retried(Option<Trigger> trigger) {}

  /** A timer fired: its command was committed. SLA breaches are {@link TimerKind#FIRST_REPLY} and {@link TimerKind#NEXT_REPLY}. */
  default void timerFired(TimerKind kind) {}
}
