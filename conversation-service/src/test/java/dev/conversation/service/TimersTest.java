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
import io.vavr.collection.Seq;
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

  @Test
  void aMissedReplyTargetRaisesOneAttentionItemAndOneEventThroughTheService() {
    try (Conversations service = ServiceFixtures.deterministic(clock)
        .timers(TimerPolicy.wakeOnly().withFirstReplyWithin(Duration.ofMinutes(15)).withNextReplyWithin(Duration.ofHours(1)))
        .build()) {
      ConversationId id = right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("hello?"))))
          .conversation().id();
      Instant asked = right(service.get(ACME, id)).awaitingReplySince().get();
      clock.advance(Duration.ofMinutes(10));
      right(service.send(ACME, id, customer("anyone?")));
      clock.set(asked.plus(Duration.ofMinutes(15)).minusNanos(1_000));
      assertThat(right(service.tick(ACME))).as("counted from the first unanswered message, not the last").isEmpty();
      clock.set(asked.plus(Duration.ofMinutes(15)));
      Conversation missed = right(service.tick(ACME)).single().conversation();
      assertThat(missed.openAttention().map(a -> a.kind() + " " + a.id())).containsExactly(
          "sla-breached " + dev.conversation.domain.TimerKind.FIRST_REPLY.breachId(asked));
      assertThat(missed.status()).isEqualTo(Status.NEW);
      clock.advance(Duration.ofDays(2));
      assertThat(right(service.tick(ACME))).as("raised once").isEmpty();
      assertThat(right(service.events(ACME, 0, 100)).map(e -> e.event().change())
          .filter(c -> c instanceof dev.conversation.domain.DomainEvent.AttentionRaised)).hasSize(1);
      Conversation answered = right(service.send(ACME, id, ai("sorry for the wait"))).conversation();
      assertThat(answered.firstReplyAt()).as("the met reply is recorded").isNotEmpty();
      assertThat(answered.openAttention()).as("an answer does not clear the item: a human does").hasSize(1);
    }
  }

  @Test
  void anIdleHumanManagedConversationIsResolvedBySystemWhenThePolicySaysSo() {
    try (Conversations service = ServiceFixtures.deterministic(clock)
        .timers(TimerPolicy.wakeOnly().withResolveIdleHumanAfter(Duration.ofDays(3))).build()) {
      ConversationId id = right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("refund?"))))
          .conversation().id();
      right(service.execute(ACME, id, Command.HandOff.toAgent(Participant.ai(), ServiceFixtures.ALICE, "refund")));
      clock.advance(Duration.ofDays(10));
      assertThat(right(service.tick(ACME))).as("a customer waiting for an answer is never resolved as idle").isEmpty();
      Conversation answered = right(service.send(ACME, id, NewMessage.of(ServiceFixtures.ALICE_BY, "refunded"))).conversation();
      clock.set(answered.updatedAt().plus(Duration.ofDays(3)));
      Conversation resolved = right(service.tick(ACME)).single().conversation();
      assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
      assertThat(resolved.resolution().get().resolver()).isEqualTo(Participant.system());
    }
  }

  @Test
  void aConversationNotDueUnderItsOwnPolicyIsSkippedWithoutBeingLoadedAgain() {
    DelegatingStore counting = new DelegatingStore(dev.conversation.persistence.ConversationStore.inMemory());
    java.util.concurrent.atomic.AtomicInteger finds = counting.finds;
    dev.conversation.domain.WorkspaceId premium = dev.conversation.domain.WorkspaceId.of("premium");
    try (Conversations service = ServiceFixtures.deterministic(clock).store(counting)
        .timers(premium, TimerPolicy.wakeOnly().withFirstReplyWithin(Duration.ofMinutes(1))).build()) {
      for (int i = 0; i < 20; i++) {
        right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("waiting " + i))));
      }
      ConversationId vip = right(service.create(ACME, NewConversation.on(premium, ServiceFixtures.WEB_CHAT)
          .firstMessage(customer("vip")))).conversation().id();
      clock.advance(Duration.ofHours(1));
      finds.set(0);
      Seq<Outcome> fired = right(service.tick(ACME));
      assertThat(fired.map(o -> o.conversation().id())).as("only the premium conversation's first-reply target fires")
          .containsExactly(vip);
      assertThat(finds.get()).as("the 20 the default policy sets no target for are read by the due query only;"
          + " the fired one is loaded once more").isEqualTo(1);
      assertThat(right(service.get(ACME, vip)).openAttention()).hasSize(1);
    }
  }

  /** A conversation that has been answered (WAITING) on the channel, in the workspace. */
  private static ConversationId waiting(Conversations service, dev.conversation.domain.WorkspaceId workspace,
      dev.conversation.domain.ChannelType channel, String address) {
    NewConversation request = NewConversation.on(workspace, dev.conversation.domain.Channel.of(channel));
    request = address == null ? request : request.customerAddress(address);
    ConversationId id = right(service.create(ACME, request.firstMessage(customer("question")))).conversation().id();
    assertThat(right(service.send(ACME, id, ai("answer"))).conversation().status()).isEqualTo(Status.WAITING);
    return id;
  }

  @Test
  void policiesPerChannelTypeAndPerWorkspaceOverrideTheDefaultWorkspaceFirst() {
    dev.conversation.domain.WorkspaceId support = dev.conversation.domain.WorkspaceId.of("support");
    dev.conversation.domain.WorkspaceId vip = dev.conversation.domain.WorkspaceId.of("vip");
    try (Conversations service = ServiceFixtures.deterministic(clock)
        .timers(TimerPolicy.wakeOnly())
        .timers(dev.conversation.domain.ChannelType.SMS, TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(1)))
        .timers(vip, TimerPolicy.of(Duration.ofDays(7), Duration.ofDays(30)))
        .build()) {
      ConversationId chat = waiting(service, support, dev.conversation.domain.ChannelType.WEB_CHAT, null);
      ConversationId sms = waiting(service, support, dev.conversation.domain.ChannelType.SMS, "+15551230001");
      ConversationId vipSms = waiting(service, vip, dev.conversation.domain.ChannelType.SMS, "+15551230002");
      clock.advance(Duration.ofHours(2));
      Seq<Outcome> fired = right(service.tick(ACME));
      assertThat(fired.map(o -> o.conversation().id())).as("only the SMS conversation follows the SMS policy").containsExactly(sms);
      assertThat(right(service.get(ACME, chat)).status()).as("the default policy has no silence timer").isEqualTo(Status.WAITING);
      assertThat(right(service.get(ACME, vipSms)).status()).as("its workspace's policy wins over its channel's")
          .isEqualTo(Status.WAITING);
      clock.advance(Duration.ofDays(7));
      assertThat(right(service.tick(ACME)).map(o -> o.conversation().id())).as("the SMS conversation closes, the VIP one resolves")
          .containsExactlyInAnyOrder(sms, vipSms);
      try (TimerRunner runner = service.startTimers(Duration.ofHours(1))) {
        for (int i = 0; i < 500 && runner.stats().sweeps() == 0; i++) {
          Thread.sleep(10);
        }
        assertThat(runner.stats().fired()).as("nothing else is due").isZero();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
