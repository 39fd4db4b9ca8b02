package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.GLOBEX;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Command;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Due;
import dev.conversation.persistence.DueQuery;
import dev.conversation.persistence.StoreFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The timer runner: sweeps every tenant, goes on past failures, backs off, stops when closed. */
class TimerRunnerTest {

  private final ManualClock clock = new ManualClock(T0);

  /** A conversation of the tenant, snoozed for an hour. */
  private static ConversationId snoozed(Conversations service, TenantId tenant) {
    ConversationId id = right(service.create(tenant, ServiceFixtures.webChat().firstMessage(customer("hi")))).conversation().id();
    right(service.execute(tenant, id, List.of(Command.AppendMessage.of(dev.conversation.domain.MessageId.of("r-" + id.value()),
        Participant.ai(), "Hello!"), new Command.Snooze(Participant.system(), T0.plus(Duration.ofHours(1))))));
    return id;
  }

  @Test
  void aSweepFiresEveryTenantsDueTimersAndGoesOnPastAConversationThatFails() throws Exception {
    DelegatingStore store = new DelegatingStore(ConversationStore.inMemory());
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).attempts(2).build()) {
      ConversationId a = snoozed(service, ACME);
      ConversationId broken = snoozed(service, ACME);
      ConversationId b = snoozed(service, GLOBEX);
      clock.advance(Duration.ofHours(2));
      store.script((n, tenant, version, decision) -> decision.conversation().id().equals(broken)
          ? Option.some(Either.left(new dev.conversation.persistence.Conflict.StaleVersion(broken, version, version + 7)))
          : Option.none());
      try (TimerRunner runner = service.startTimers(Duration.ofHours(1))) {
        for (int i = 0; i < 500 && runner.stats().sweeps() == 0; i++) {
          Thread.sleep(10);
        }
        TimerRunner.Sweep first = runner.stats().last().get();  // the sweep the runner made on start
        assertThat(first.fired()).isEqualTo(2);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.problems()).singleElement().asString().contains(broken.value());
        TimerRunner.Sweep again = runner.sweepNow();
        assertThat(again.fired()).isZero();
        assertThat(again.failed()).as("the failed timer is tried again by the next sweep").isEqualTo(1);
        assertThat(right(service.get(ACME, a)).status()).isNotEqualTo(Status.SNOOZED);
        assertThat(right(service.get(GLOBEX, b)).status()).as("the sweep needs no list of tenants").isNotEqualTo(Status.SNOOZED);
        assertThat(right(service.get(ACME, broken)).status()).isEqualTo(Status.SNOOZED);
        assertThat(runner.stats().failed()).isPositive();
      }
    }
  }

  @Test
  void anUnavailableStoreMakesTheRunnerWaitTwiceAsLongUpToTheCeilingThenComeBack() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    DelegatingStore store = new DelegatingStore(ConversationStore.inMemory()) {
      @Override
      public Seq<Due> due(DueQuery query) {
        if (down.get()) {
          throw new StoreFailure("the database is down");
        }
        return super.due(query);
      }
    };
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).build();
         TimerRunner runner = service.startTimers(Duration.ofMillis(20))) {
      for (int i = 0; i < 200 && runner.currentWait().compareTo(Duration.ofMillis(160)) < 0; i++) {
        Thread.sleep(20);
      }
      assertThat(runner.currentWait()).as("doubled while the store is down").isGreaterThanOrEqualTo(Duration.ofMillis(160));
      assertThat(runner.stats().unavailable()).isPositive();
      assertThat(runner.stats().last().get().problems()).singleElement().asString().contains("the database is down");
      down.set(false);
      TimerRunner.Sweep ok = runner.sweepNow();
      assertThat(ok.unavailable()).isFalse();
      for (int i = 0; i < 500 && !runner.currentWait().equals(Duration.ofMillis(20)); i++) {
        Thread.sleep(10);
      }
      assertThat(runner.currentWait()).as("back to the period after a sweep that could read").isEqualTo(Duration.ofMillis(20));
    }
  }

  @Test
  void aFailedStartPassIsReportedTheSweepsGoOnAndItIsTriedAgainUntilItCompletes() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    DelegatingStore store = new DelegatingStore(ConversationStore.inMemory()) {
      @Override
      public Seq<dev.conversation.persistence.Scheduled> scheduled(Option<dev.conversation.persistence.Scheduled.Key> after, int limit) {
        if (down.get()) {
          throw new StoreFailure("the walk failed");
        }
        return super.scheduled(after, limit);
      }
    };
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).build()) {
      ConversationId a = snoozed(service, ACME);
      clock.advance(Duration.ofHours(2));
      try (TimerRunner runner = service.startTimers(Duration.ofMillis(20))) {
        for (int i = 0; i < 500 && runner.stats().sweeps() < 2; i++) {
          Thread.sleep(10);
        }
        assertThat(right(service.get(ACME, a)).status()).as("the sweeps fire what is indexed").isNotEqualTo(Status.SNOOZED);
        assertThat(runner.stats().retimed()).as("not completed while the walk fails").isEmpty();
        assertThat(runner.stats().retimeProblem().getOrElse("")).as("and reported").contains("the walk failed");
        down.set(false);
        for (int i = 0; i < 500 && runner.stats().retimed().isEmpty(); i++) {
          Thread.sleep(10);
        }
        assertThat(runner.stats().retimed()).as("tried again after a back-off, and completed").contains(0L);
        assertThat(runner.stats().retimeProblem()).as("no problem once it completed").isEmpty();
      }
    }
  }

  @Test
  void closingStopsTheStartPassBetweenTwoBatches() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger walks = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<dev.conversation.persistence.Scheduled> one = new java.util.concurrent.atomic.AtomicReference<>();
    DelegatingStore store = new DelegatingStore(ConversationStore.inMemory()) {
      @Override
      public Seq<dev.conversation.persistence.Scheduled> scheduled(Option<dev.conversation.persistence.Scheduled.Key> after, int limit) {
        walks.incrementAndGet();
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        // A full batch (of one conversation, already indexed as its policy says): the walk would go on.
        return io.vavr.collection.Vector.fill(limit, one::get);
      }
    };
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).build()) {
      ConversationId id = snoozed(service, ACME);
      dev.conversation.domain.Conversation c = right(service.get(ACME, id));
      one.set(new dev.conversation.persistence.Scheduled(ACME, c, dev.conversation.domain.Lifecycle.dueAt(c,
          dev.conversation.domain.TimerPolicy.wakeOnly())));
      TimerRunner runner = service.startTimers(Duration.ofHours(1));
      assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      Thread closing = new Thread(runner::close);
      closing.start();
      Thread.sleep(100);
      release.countDown();
      closing.join(10_000);
      assertThat(closing.isAlive()).as("close waited for the batch under way, then returned").isFalse();
      assertThat(walks.get()).as("the walk stopped after the batch under way").isEqualTo(1);
      assertThat(runner.stats().retimed()).as("not completed").isEmpty();
    }
  }

  @Test
  void aRunnerSweepsByItselfAndStopsWhenClosed() throws Exception {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      ConversationId a = snoozed(service, ACME);
      clock.advance(Duration.ofHours(2));
      TimerRunner runner = service.startTimers(Duration.ofMillis(10));
      for (int i = 0; i < 500 && right(service.get(ACME, a)).status() == Status.SNOOZED; i++) {
        Thread.sleep(10);
      }
      assertThat(right(service.get(ACME, a)).status()).as("woken without anyone calling tick").isNotEqualTo(Status.SNOOZED);
      long started = System.nanoTime();
      runner.close();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("close does not wait for the next period")
          .isLessThan(Duration.ofSeconds(5));
      long sweeps = runner.stats().sweeps();
      Thread.sleep(100);
      assertThat(runner.stats().sweeps()).as("no sweep after close").isEqualTo(sweeps);
      assertThatThrownBy(() -> service.startTimers(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
