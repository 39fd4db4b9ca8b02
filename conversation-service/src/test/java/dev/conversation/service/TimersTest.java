package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.ai;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Status;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.persistence.ConversationFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tick} applies the timer policy: wake at the snooze time, auto-resolve, auto-close. */
class TimersTest {

  private final ManualClock clock = new ManualClock(T0);

  @Test
  void aWaitingConversationResolvesAfterTheSilenceAndClosesAfterTheGrace() {
    try (Conversations service = ServiceFixtures.deterministic(clock)
        .timers(TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(1))).build()) {
      ConversationId id = started(service, ACME).id();
      right(service.send(ACME, id, customer("question")));
      clock.advance(Duration.ofMinutes(3));
      Conversation waiting = right(service.send(ACME, id, ai("answer"))).conversation();
      assertThat(waiting.status()).isEqualTo(Status.WAITING);
      Instant since = waiting.waitingSince().get();

      clock.set(since.plus(Duration.ofHours(1)).minusNanos(1_000));
      assertThat(right(service.tick(ACME))).as("one microsecond early").isEmpty();

      clock.set(since.plus(Duration.ofHours(1)));
      Outcome resolved = right(service.tick(ACME)).single();
      assertThat(resolved.conversation().status()).isEqualTo(Status.RESOLVED);
      assertThat(resolved.conversation().resolution().get().resolver()).isEqualTo(Participant.system());
      assertThat(resolved.conversation().resolution().get().outcome()).startsWith("Auto-resolved");
      Instant resolvedAt = resolved.conversation().resolution().get().resolvedAt();

      clock.set(resolvedAt.plus(Duration.ofDays(1)).minusSeconds(1));
      assertThat(right(service.tick(ACME))).isEmpty();
      clock.set(resolvedAt.plus(Duration.ofDays(1)));
      assertThat(right(service.tick(ACME)).single().conversation().status()).isEqualTo(Status.CLOSED);
      assertThat(right(service.get(ACME, id)).status()).isEqualTo(Status.CLOSED);
    }
  }

  @Test
  void withTheDefaultWakeOnlyPolicyAWaitingConversationStaysWaitingForever() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      ConversationId id = started(service, ACME).id();
      right(service.send(ACME, id, ai("answer")));
      clock.advance(Duration.ofDays(365));
      assertThat(right(service.tick(ACME))).isEmpty();
      assertThat(right(service.get(ACME, id)).status()).isEqualTo(Status.WAITING);
    }
  }

  @Test
  void oneTickWakesEveryDueConversationAcrossSeveralListingPages() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      List<ConversationId> ids = new ArrayList<>();
      for (int i = 0; i < 130; i++) {
        ConversationId id = started(service, ACME).id();
        right(service.send(ACME, id, ai("answer " + i)));
        right(service.execute(ACME, id, new Command.Snooze(Participant.ai(), T0.plusSeconds(3600 + i))));
        ids.add(id);
      }
      ConversationId notDue = started(service, ACME).id();
      right(service.send(ACME, notDue, ai("answer")));
      right(service.execute(ACME, notDue, new Command.Snooze(Participant.ai(), T0.plus(Duration.ofDays(2)))));

      clock.set(T0.plus(Duration.ofDays(1)));
      assertThat(right(service.tick(ACME))).extracting(o -> o.conversation().id()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(service.store().count(ACME, ConversationFilter.all().withStatuses(Status.SNOOZED))).isEqualTo(1);
      assertThat(right(service.get(ACME, notDue)).status()).isEqualTo(Status.SNOOZED);
    }
  }
}
