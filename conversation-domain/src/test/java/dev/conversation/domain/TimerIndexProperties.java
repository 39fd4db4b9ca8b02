package dev.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.conversation.testkit.ConversationGenerators;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What stores index for timers agrees with the timers themselves: a conversation is due exactly
 * when its timer instant is at or before the policy's cutoff for its status, so a store that
 * answers "timer instant at or before the cutoff" from an index finds exactly what is due.
 */
class TimerIndexProperties {

  /**
   * The timer rules written out once more, independently of {@link Lifecycle#timer}: what a
   * conversation's state says it runs.
   */
  private static Option<io.vavr.Tuple2<TimerKind, Instant>> expectedTimer(Conversation c) {
    Option<Instant> waiting = c.awaitingReplySince();
    boolean replyStatus = c.status() == Status.NEW || c.status() == Status.ACTIVE || c.status() == Status.HUMAN_MANAGED;
    if (replyStatus && waiting.isDefined()) {
      TimerKind kind = c.firstReplyAt().isDefined() ? TimerKind.NEXT_REPLY : TimerKind.FIRST_REPLY;
      String breach = "sla-" + (kind == TimerKind.FIRST_REPLY ? "first-reply" : "next-reply") + "-" + waiting.get();
      return c.attention().exists(a -> a.id().value().equals(breach)) ? Option.none() : Option.some(io.vavr.Tuple.of(kind, waiting.get()));
    }
    return switch (c.status()) {
      case SNOOZED -> Option.some(io.vavr.Tuple.of(TimerKind.WAKE, c.snoozedUntil().get()));
      case WAITING -> Option.some(io.vavr.Tuple.of(TimerKind.AUTO_RESOLVE, c.waitingSince().get()));
      case RESOLVED -> Option.some(io.vavr.Tuple.of(TimerKind.AUTO_CLOSE, c.resolution().get().resolvedAt()));
      case HUMAN_MANAGED -> Option.some(io.vavr.Tuple.of(TimerKind.IDLE_RESOLVE, c.updatedAt()));
      default -> Option.none();
    };
  }

  @Test
  void aConversationRunsTheTimerItsStateSaysAndIsDueExactlyAtItsCutoff() {
    qt().withExamples(1000).forAll(ConversationGenerators.conversations(), ConversationGenerators.timerPolicies(),
        longs().between(-10L * 24 * 3600, 10L * 24 * 3600)).checkAssert((c, policy, offsetSeconds) -> {
          Option<io.vavr.Tuple2<TimerKind, Instant>> expected = expectedTimer(c);
          assertThat(Lifecycle.timer(c)).as("%s in %s", c.id(), c.status()).isEqualTo(expected);
          Instant now = expected.map(t -> t._2).getOrElse(c.updatedAt()).plusSeconds(offsetSeconds);
          boolean dueByIndex = expected.exists(t -> policy.delay(t._1)
              .exists(d -> !now.isBefore(t._2.plus(d))));
          assertThat(Lifecycle.due(c, policy, now).isDefined()).as("%s in %s at %s under %s", c.id(), c.status(), now, policy)
              .isEqualTo(dueByIndex);
          Option<Instant> dueAt = expected.flatMap(t -> policy.delay(t._1).map(t._2::plus));
          assertThat(Lifecycle.dueAt(c, policy)).as("the instant stores index: timer instant plus the kind's delay").isEqualTo(dueAt);
          assertThat(Lifecycle.dueAt(c, policy).exists(at -> !at.isAfter(now))).as("due exactly when the indexed instant has come")
              .isEqualTo(Lifecycle.due(c, policy, now).isDefined());
        });
  }

  @Test
  void aDueInstantPastTheLastInstantIsNone() {
    TimerPolicy forever = new TimerPolicy(Option.some(Duration.ofSeconds(Long.MAX_VALUE / 2)), Option.some(Duration.ofSeconds(Long.MAX_VALUE / 2)),
        Option.some(Duration.ofSeconds(Long.MAX_VALUE / 2)), Option.some(Duration.ofSeconds(Long.MAX_VALUE / 2)),
        Option.some(Duration.ofSeconds(Long.MAX_VALUE / 2)));
    qt().withExamples(300).forAll(ConversationGenerators.conversations()).checkAssert(c -> {
      boolean wakes = Lifecycle.timer(c).exists(t -> t._1 == TimerKind.WAKE);
      assertThat(Lifecycle.dueAt(c, forever).isDefined()).as("%s in %s", c.id(), c.status()).isEqualTo(wakes);
    });
  }

  @Test
  void timerDelaysPerKind() {
    Instant t = Instant.parse("2026-06-01T00:00:00Z");
    TimerPolicy policy = TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(3));
    assertThat(policy.delay(TimerKind.WAKE)).contains(Duration.ZERO);
    assertThat(policy.delay(TimerKind.AUTO_RESOLVE)).contains(Duration.ofHours(1));
    assertThat(policy.delay(TimerKind.AUTO_CLOSE)).contains(Duration.ofDays(3));
    assertThat(policy.delay(TimerKind.IDLE_RESOLVE)).as("idle human-managed is off by default").isEmpty();
    assertThat(policy.withResolveIdleHumanAfter(Duration.ofDays(5)).delay(TimerKind.IDLE_RESOLVE)).contains(Duration.ofDays(5));
    assertThat(policy.delay(TimerKind.FIRST_REPLY)).isEmpty();
    assertThat(policy.cutoff(TimerKind.NEXT_REPLY, t)).isEmpty();
    TimerPolicy slas = policy.withFirstReplyWithin(Duration.ofMinutes(5)).withNextReplyWithin(Duration.ofHours(1));
    assertThat(slas.cutoff(TimerKind.FIRST_REPLY, t)).contains(t.minus(Duration.ofMinutes(5)));
    assertThat(slas.cutoff(TimerKind.NEXT_REPLY, t)).contains(t.minus(Duration.ofHours(1)));
    assertThat(slas.autoResolveAfter()).as("withers keep the rest").isEqualTo(policy.autoResolveAfter());
    assertThat(slas.autoCloseAfter()).isEqualTo(policy.autoCloseAfter());
    assertThat(TimerPolicy.wakeOnly().delay(TimerKind.AUTO_RESOLVE)).isEmpty();
    assertThat(policy.cutoff(TimerKind.AUTO_RESOLVE, t)).contains(t.minus(Duration.ofHours(1)));
    assertThat(policy.cutoff(TimerKind.WAKE, t)).contains(t);
    assertThat(TimerKind.FIRST_REPLY.breachId(t).value()).isEqualTo("sla-first-reply-2026-06-01T00:00:00Z");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimerKind.WAKE.breachId(t))
        .isInstanceOf(IllegalStateException.class);
    TimerPolicy forever = new TimerPolicy(Option.some(Duration.ofSeconds(Long.MAX_VALUE / 2)), Option.none());
    assertThat(forever.cutoff(TimerKind.AUTO_RESOLVE, t)).as("a delay reaching before the earliest instant has no cutoff").isEmpty();
    Option<Duration> none = Option.none();
    Option<Duration> bad = Option.some(Duration.ofSeconds(-1));
    java.util.Map<String, java.util.function.Supplier<TimerPolicy>> each = new java.util.LinkedHashMap<>();
    each.put("autoResolveAfter", () -> new TimerPolicy(bad, none, none, none, none));
    each.put("autoCloseAfter", () -> new TimerPolicy(none, bad, none, none, none));
    each.put("resolveIdleHumanAfter", () -> new TimerPolicy(none, none, bad, none, none));
    each.put("firstReplyWithin", () -> new TimerPolicy(none, none, none, bad, none));
    each.put("nextReplyWithin", () -> new TimerPolicy(none, none, none, none, bad));
    each.forEach((name, make) -> org.assertj.core.api.Assertions.assertThatThrownBy(make::get)
        .isInstanceOf(IllegalArgumentException.class).hasMessage(name + " must be a positive duration, was PT-1S"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimerPolicy.wakeOnly().withNextReplyWithin(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("nextReplyWithin must be a positive duration, was PT0S");
  }
}
