package dev.conversation.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The timers a conversation can run, each counted from an instant {@link Lifecycle#timer} gives
 * and set off by a delay a {@link TimerPolicy} gives. A conversation runs at most one at a time,
 * so a store indexes one (kind, instant) pair per conversation.
 */
public enum TimerKind {
  /** A SNOOZED conversation wakes at its time (no delay). */
  WAKE("wake"),
  /** A WAITING conversation resolves after {@link TimerPolicy#autoResolveAfter()} of silence. */
  AUTO_RESOLVE("auto-resolve"),
  /** A RESOLVED conversation closes after {@link TimerPolicy#autoCloseAfter()}. */
  AUTO_CLOSE("auto-close"),
  /**
   * A HUMAN_MANAGED conversation nobody changed resolves after
   * {@link TimerPolicy#resolveIdleHumanAfter()}, unless a customer waits for an answer.
   */
  IDLE_RESOLVE("idle-resolve"),
  /** The first agent reply is due within {@link TimerPolicy#firstReplyWithin()}. */
  FIRST_REPLY("first-reply"),
  /** Every later agent reply is due within {@link TimerPolicy#nextReplyWithin()} of the oldest unanswered customer message. */
  NEXT_REPLY("next-reply");

  /** The kind of the attention item a missed reply target raises. */
  public static final String SLA_BREACHED = "sla-breached";

  /**
   * How the ids of missed-reply items begin; reserved: only the system raising an item of kind
   * {@value #SLA_BREACHED} may use it, so no other item can silence a reply target.
   */
  public static final String BREACH_ID_PREFIX = "sla-";

  private final String key;

  TimerKind(String key) {
    this.key = key;
  }

  /** Returns the timer's name in attention item ids and notes, for example {@code first-reply}. */
  public String key() {
    return key;
  }

  /** Returns whether this is a reply-time target ({@link #FIRST_REPLY} or {@link #NEXT_REPLY}). */
  public boolean isReplyTarget() {
    return this == FIRST_REPLY || this == NEXT_REPLY;
  }

  /**
   * Returns the id of the attention item that records this reply target missed for the wait that
   * began at {@code since}: one per wait, so a miss is raised once however often timers run.
   *
   * @throws IllegalStateException if this is not a reply target
   */
  public AttentionId breachId(Instant since) {
    Objects.requireNonNull(since, "since");
    if (!isReplyTarget()) {
      throw new IllegalStateException(this + " is not a reply target");
    }
    return AttentionId.of(BREACH_ID_PREFIX + key + "-" + since);
  }
}
