package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.allMessages;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static dev.conversation.service.ServiceFixtures.webChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Participant;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoreFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Commits that meet a newer version are decided again from a fresh load, a bounded number of
 * times; a store that fails is reported as unavailable and leaves nothing behind.
 */
class OptimisticRetryTest {

  private final ManualClock clock = new ManualClock(T0);
  private final DelegatingStore store = new DelegatingStore(ConversationStore.inMemory());

  private static Option<Either<Conflict, Committed>> stale(long expected) {
    return Option.some(Either.left(new Conflict.StaleVersion(dev.conversation.domain.ConversationId.of("x"), expected, expected + 1)));
  }

  @Test
  void aSendThatMeetsStaleVersionsThreeTimesIsRetriedFromAFreshLoadAndSucceeds() {
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).build()) {
      Conversation c = right(service.create(ACME, webChat())).conversation();
      store.script((n, tenant, expected, decision) -> n <= 3 ? stale(expected) : Option.none());
      Outcome sent = right(service.send(ACME, c.id(), customer("retry me")));
      assertThat(store.commits.get()).isEqualTo(4);
      assertThat(store.finds.get()).as("loaded again before every attempt").isGreaterThanOrEqualTo(4);
      assertThat(sent.conversation().version()).isEqualTo(2);
      assertThat(allMessages(service, ACME, c.id(), 100)).hasSize(1);
      assertThat(allEvents(service, ACME)).hasSize(2);
    }
  }

  @Test
  void aCommandThatAlwaysMeetsAStaleVersionGivesUpAfterTheConfiguredAttemptsAsContended() {
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).attempts(2).build()) {
      Conversation c = right(service.create(ACME, webChat())).conversation();
      ServiceFixtures.Snapshot before = snapshot(service, ACME);
      store.script((n, tenant, expected, decision) -> stale(expected));
      Problem problem = left(service.execute(ACME, c.id(), Command.UpdateMetadata.by(Participant.ai()).addTags("vip")));
      assertThat(problem).isEqualTo(new Problem.Contended(c.id(), 2));
      assertThat(problem.code()).isEqualTo("conflict");
      assertThat(store.commits.get()).isEqualTo(2);
      assertThat(snapshot(service, ACME)).isEqualTo(before);
    }
  }

  @Test
  void aStoreThatThrowsOnCommitIsUnavailableAndNothingIsWritten() {
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).build()) {
      Conversation c = right(service.create(ACME, webChat())).conversation();
      ServiceFixtures.Snapshot before = snapshot(service, ACME);
      StoreFailure failure = new StoreFailure("disk full");
      store.script((n, tenant, expected, decision) -> {
        throw failure;
      });
      Problem problem = left(service.send(ACME, c.id(), customer("lost?").withIdempotencyKey("k")));
      assertThat(problem).isInstanceOfSatisfying(Problem.Unavailable.class, u -> assertThat(u.cause()).isSameAs(failure));
      assertThat(problem.code()).isEqualTo("unavailable");
      assertThat(store.commits.get()).as("an infrastructure failure is not retried").isEqualTo(1);
      assertThat(right(service.get(ACME, c.id()))).isEqualTo(c);
      assertThat(allMessages(service, ACME, c.id(), 100)).isEmpty();
      assertThat(snapshot(service, ACME)).isEqualTo(before);
      assertThat(store.delegate.findByIdempotencyKey(ACME, c.id(), "k")).isEmpty();
    }
  }

  @Test
  void aCreateWhoseCommitThrowsIsUnavailableAndNoConversationExists() {
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).build()) {
      store.script((n, tenant, expected, decision) -> {
        throw new StoreFailure("connection lost");
      });
      assertThat(left(service.create(ACME, webChat().firstMessage(customer("hi"))))).isInstanceOf(Problem.Unavailable.class);
      assertThat(store.delegate.count(ACME, ConversationFilter.all())).isZero();
      assertThat(allEvents(service, ACME)).isEmpty();
    }
  }

  @Test
  void aStoreThatThrowsOnReadIsUnavailableForReads() {
    ConversationStore broken = new DelegatingStore(ConversationStore.inMemory()) {
      @Override
      public Option<Conversation> find(dev.conversation.domain.TenantId tenant, dev.conversation.domain.ConversationId id) {
        throw new StoreFailure("replica down");
      }
    };
    try (Conversations service = ServiceFixtures.deterministic(clock).store(broken).build()) {
      assertThat(left(service.get(ACME, dev.conversation.domain.ConversationId.of("c-1")))).isInstanceOf(Problem.Unavailable.class);
      assertThat(left(service.send(ACME, dev.conversation.domain.ConversationId.of("c-1"), customer("hi"))))
          .isInstanceOf(Problem.Unavailable.class);
    }
  }

  @Test
  void countIsTheStoresCountPerTenantAndUnavailableWhenTheStoreFails() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      ServiceFixtures.started(service, ACME);
      ServiceFixtures.started(service, ACME);
      ServiceFixtures.started(service, ServiceFixtures.GLOBEX);
      dev.conversation.persistence.ConversationFilter all = dev.conversation.persistence.ConversationFilter.all();
      assertThat(service.count(ACME, all).get()).isEqualTo(2);
      assertThat(service.count(ServiceFixtures.GLOBEX, all).get()).isEqualTo(1);
      assertThat(service.count(ACME, all.withStatuses(dev.conversation.domain.Status.CLOSED)).get()).isZero();
    }
    ConversationStore broken = new DelegatingStore(ConversationStore.inMemory()) {
      @Override
      public long count(dev.conversation.domain.TenantId tenant, dev.conversation.persistence.ConversationFilter filter) {
        throw new StoreFailure("replica down");
      }
    };
    try (Conversations service = ServiceFixtures.deterministic(clock).store(broken).build()) {
      assertThat(left(service.count(ACME, dev.conversation.persistence.ConversationFilter.all())))
          .isInstanceOf(Problem.Unavailable.class);
    }
  }

  @Test
  void aStoreBugThatIsNotAStoreFailureIsThrownNotHiddenAsUnavailable() {
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).build()) {
      Conversation c = right(service.create(ACME, webChat())).conversation();
      store.script((n, tenant, expected, decision) -> {
        throw new IllegalStateException("bug in the store");
      });
      assertThatThrownBy(() -> service.send(ACME, c.id(), customer("hi")))
          .isInstanceOf(IllegalStateException.class).hasMessage("bug in the store");
    }
  }

  @Test
  void aDirectoryThatFailsToSaveTheNewContactMakesCreateUnavailableAndStoresNoConversation() {
    ScriptedDirectory failing = new ScriptedDirectory() {
      @Override
      public void save(dev.conversation.domain.TenantId tenant, dev.conversation.domain.Contact contact) {
        throw new IllegalStateException("CRM down");
      }
    };
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).directory(failing).build()) {
      Problem problem = left(service.create(ACME, webChat().customerName("Jane").firstMessage(customer("hi"))));
      assertThat(problem).isInstanceOf(Problem.Unavailable.class);
      assertThat(store.commits.get()).isZero();
      assertThat(store.delegate.count(ACME, ConversationFilter.all())).isZero();
      assertThat(allEvents(service, ACME)).isEmpty();
    }
  }
}
