package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ai;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Status;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Due;
import dev.conversation.persistence.DueQuery;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Workspaces and channels with different timer policies over one store: the due query returns
 * what is due under each conversation's own policy and nothing else, sweep after sweep; and a
 * policy changed between two services over one store applies to what was stored before, whether
 * it grew shorter (through {@link Conversations#retime}) or longer (through the sweep).
 */
class MixedTimerPoliciesTest {

  private static final WorkspaceId SUPPORT = WorkspaceId.of("support");
  private static final WorkspaceId VIP = WorkspaceId.of("vip");

  private final ManualClock clock = new ManualClock(ServiceFixtures.T0);
  private final AtomicLong returned = new AtomicLong();
  private final DelegatingStore store = new DelegatingStore(ConversationStore.inMemory()) {
    @Override
    public Seq<Due> due(DueQuery query) {
      Seq<Due> found = super.due(query);
      returned.addAndGet(found.size());
      return found;
    }
  };

  private ConversationId waiting(Conversations service, WorkspaceId workspace) {
    ConversationId id = right(service.create(ACME, NewConversation.on(workspace, ServiceFixtures.WEB_CHAT)
        .firstMessage(customer("question")))).conversation().id();
    assertThat(right(service.send(ACME, id, ai("answer"))).conversation().status()).isEqualTo(Status.WAITING);
    return id;
  }

  @Test
  void aSweepReadsOnlyWhatIsDueUnderEachConversationsOwnPolicy() {
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store)
        .timers(TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(1)))
        .timers(VIP, TimerPolicy.wakeOnly())
        .build()) {
      for (int i = 0; i < 300; i++) {
        waiting(service, VIP);
      }
      List<ConversationId> support = List.empty();
      for (int i = 0; i < 5; i++) {
        support = support.append(waiting(service, SUPPORT));
      }
      clock.advance(Duration.ofHours(2));
      returned.set(0);
      assertThat(right(service.tick(ACME)).map(o -> o.conversation().id())).as("only the default workspace auto-resolves")
          .containsExactlyInAnyOrderElementsOf(support);
      assertThat(returned.get()).as("the store returned only the five due under their own policy, none of the 300"
          + " waiting under a policy without a silence timer").isEqualTo(5);
      for (int sweep = 0; sweep < 3; sweep++) {
        returned.set(0);
        assertThat(right(service.tick(ACME))).isEmpty();
        try (TimerRunner runner = service.startTimers(Duration.ofHours(1))) {
          assertThat(runner.sweepNow().fired()).isZero();
        }
        assertThat(returned.get()).as("sweep after sweep, nothing is returned that is not due").isZero();
      }
    }
  }

  @Test
  void aShorterPolicyAppliesToWhatWasStoredBeforeOnceRetimed() {
    ConversationId id;
    try (Conversations before = ServiceFixtures.deterministic(clock).store(store)
        .timers(TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(1))).build()) {
      id = waiting(before, SUPPORT);
    }
    try (Conversations after = ServiceFixtures.deterministic(clock).store(store)
        .timers(TimerPolicy.of(Duration.ofMinutes(10), Duration.ofDays(1))).build()) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(right(after.tick(ACME))).as("indexed under the old policy, not due yet").isEmpty();
      assertThat(right(after.retime())).as("one timer re-indexed").isEqualTo(1L);
      assertThat(right(after.retime())).as("and nothing the second time").isZero();
      int commits = store.commits.get();
      assertThat(right(after.tick(ACME)).map(o -> o.conversation().id())).containsExactly(id);
      assertThat(store.commits.get() - commits).as("one commit fired it").isEqualTo(1);
      assertThat(right(after.get(ACME, id)).status()).isEqualTo(Status.RESOLVED);
    }
  }

  @Test
  void aLongerPolicyIsPickedUpByTheSweepItself() throws Exception {
    ConversationId id;
    try (Conversations before = ServiceFixtures.deterministic(clock).store(store)
        .timers(TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(1))).build()) {
      id = waiting(before, SUPPORT);
    }
    try (Conversations after = ServiceFixtures.deterministic(clock).store(store)
        .timers(TimerPolicy.of(Duration.ofHours(5), Duration.ofDays(1))).build()) {
      clock.advance(Duration.ofHours(2));
      returned.set(0);
      assertThat(right(after.tick(ACME))).as("due under the old policy, not under the new one").isEmpty();
      assertThat(returned.get()).as("found once, where the old policy indexed it").isEqualTo(1);
      returned.set(0);
      assertThat(right(after.tick(ACME))).isEmpty();
      assertThat(returned.get()).as("re-indexed by the first sweep, so not found again").isZero();
      clock.advance(Duration.ofHours(3).plusMinutes(1));
      assertThat(right(after.tick(ACME)).map(o -> o.conversation().id())).as("due at five hours").containsExactly(id);
    }
    clock.advance(Duration.ofDays(2));
    try (Conversations restarted = ServiceFixtures.deterministic(clock).store(store)
        .timers(TimerPolicy.wakeOnly()).build()) {
      assertThat(right(restarted.retime())).as("the resolved one re-indexed under a policy without auto-close").isEqualTo(1L);
      returned.set(0);
      assertThat(right(restarted.tick(ACME))).as("so nothing closes it").isEmpty();
      assertThat(returned.get()).as("and the due query does not return it").isZero();
      assertThat(right(restarted.get(ACME, id)).status()).isEqualTo(Status.RESOLVED);
    }
  }
}
