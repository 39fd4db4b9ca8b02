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

  @Test
  void aConversationIsDueExactlyWhenItsTimerInstantIsAtOrBeforeTheCutoff() {
    qt().withExamples(1000).forAll(ConversationGenerators.conversations(), ConversationGenerators.timerPolicies(),
        longs().between(-10L * 24 * 3600, 10L * 24 * 3600)).checkAssert((c, policy, offsetSeconds) -> {
          Instant now = Lifecycle.timerSince(c).getOrElse(c.updatedAt()).plusSeconds(offsetSeconds);
          boolean indexed = Lifecycle.timerSince(c)
              .exists(at -> policy.cutoff(c.status(), now).exists(cutoff -> !at.isAfter(cutoff)));
          assertThat(indexed).as("%s in %s at %s under %s", c.id(), c.status(), now, policy)
              .isEqualTo(Lifecycle.due(c, policy, now).isDefined());
        });
  }

  @Test
  void timerInstantsAndDelaysPerStatus() {
    Instant t = Instant.parse("2026-06-01T00:00:00Z");
    TimerPolicy policy = TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(3));
    assertThat(policy.delay(Status.SNOOZED)).contains(Duration.ZERO);
    assertThat(policy.delay(Status.WAITING)).contains(Duration.ofHours(1));
    assertThat(policy.delay(Status.RESOLVED)).contains(Duration.ofDays(3));
    for (Status none : new Status[] {Status.NEW, Status.ACTIVE, Status.HUMAN_MANAGED, Status.CLOSED}) {
      assertThat(policy.delay(none)).as("no timer in %s", none).isEmpty();
      assertThat(policy.cutoff(none, t)).isEmpty();
    }
    assertThat(TimerPolicy.wakeOnly().delay(Status.WAITING)).isEmpty();
    assertThat(policy.cutoff(Status.WAITING, t)).contains(t.minus(Duration.ofHours(1)));
    assertThat(policy.cutoff(Status.SNOOZED, t)).contains(t);
    TimerPolicy forever = new TimerPolicy(Option.some(Duration.ofSeconds(Long.MAX_VALUE / 2)), Option.none());
    assertThat(forever.cutoff(Status.WAITING, t)).as("a delay reaching before the earliest instant has no cutoff").isEmpty();
  }
}
