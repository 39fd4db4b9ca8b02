package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.GLOBEX;
import static dev.conversation.persistence.StoreFixtures.INITECH;
import static dev.conversation.persistence.StoreFixtures.T0;
import static dev.conversation.persistence.StoreFixtures.commit;
import static dev.conversation.persistence.StoreFixtures.customerSays;
import static dev.conversation.persistence.StoreFixtures.decide;
import static dev.conversation.persistence.StoreFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

/** Another tenant's conversation, even with the same id, is simply not there. */
class TenantIsolationTest {

  private final ConversationStore store = ConversationStore.inMemory();
  private final ConversationId c1 = ConversationId.of("c-1");

  @Test
  void theSameIdInTwoTenantsIsTwoIndependentConversations() {
    Conversation acme = commit(store, started(ACME, "c-1")).conversation();
    acme = commit(store, decide(acme, customerSays("m1", "acme speaking", "k1"))).conversation();
    acme = commit(store, decide(acme, customerSays("m2", "still acme"))).conversation();

    Either<Conflict, Committed> globexStart = store.commit(GLOBEX, 0, started(GLOBEX, "c-1", T0.plusSeconds(30)));
    assertThat(globexStart.isRight()).as("creating c-1 in globex does not see acme's c-1").isTrue();
    Conversation globex = globexStart.get().conversation();
    Either<Conflict, Committed> globexNext = store.commit(GLOBEX, 1, decide(globex, customerSays("m1", "globex speaking", "k1")));
    assertThat(globexNext.isRight()).as("message id and key reuse across tenants is fine").isTrue();

    assertThat(store.find(ACME, c1).get().version()).isEqualTo(3);
    assertThat(store.find(GLOBEX, c1).get().version()).isEqualTo(2);
    assertThat(store.find(GLOBEX, c1).get().tenantId()).isEqualTo(GLOBEX);
    assertThat(store.findByIdempotencyKey(ACME, c1, "k1").get().content()).isEqualTo("acme speaking");
    assertThat(store.findByIdempotencyKey(GLOBEX, c1, "k1").get().content()).isEqualTo("globex speaking");
    assertThat(store.messages(GLOBEX, c1, MessageQuery.first(10)).items()).extracting(m -> m.content())
        .containsExactly("globex speaking");

    Conversation acmeNow = acme;
    assertThatThrownBy(() -> store.commit(GLOBEX, 3, decide(acmeNow, customerSays("m9", "acme's decision"))))
        .as("an acme decision is never committed to globex").isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find(GLOBEX, c1).get().version()).isEqualTo(2);
  }

  @Test
  void listCountEventsAndLookupsOfOneTenantNeverShowAnothersData() {
    Conversation acme = commit(store, started(ACME, "only-acme")).conversation();
    commit(store, decide(acme, customerSays("m1", "secret", "acme-key")));
    commit(store, started(ACME, "c-1"));
    commit(store, started(GLOBEX, "c-1", T0.plusSeconds(1)));

    ConversationQuery all = ConversationQuery.first(ConversationFilter.all());
    assertThat(store.list(GLOBEX, all).items()).extracting(c -> c.tenantId(), c -> c.id().value())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(GLOBEX, "c-1"));
    assertThat(store.list(GLOBEX, ConversationQuery.first(ConversationFilter.all().withUnread(true))).items()).isEmpty();
    assertThat(store.list(GLOBEX, ConversationQuery.first(ConversationFilter.all().withStatuses(Status.NEW))).items())
        .extracting(Conversation::tenantId).containsOnly(GLOBEX);
    assertThat(store.count(GLOBEX, ConversationFilter.all())).isEqualTo(1);
    assertThat(store.count(GLOBEX, ConversationFilter.all().withUnread(true))).isZero();
    assertThat(store.count(ACME, ConversationFilter.all())).isEqualTo(2);

    assertThat(store.events(GLOBEX, 0, 1000)).isNotEmpty()
        .allSatisfy(e -> assertThat(e.event().tenantId()).isEqualTo(GLOBEX));
    assertThat(store.events(ACME, 0, 1000)).allSatisfy(e -> assertThat(e.event().tenantId()).isEqualTo(ACME));
    assertThat(store.find(GLOBEX, ConversationId.of("only-acme"))).isEmpty();
    assertThat(store.findByIdempotencyKey(GLOBEX, ConversationId.of("only-acme"), "acme-key")).isEmpty();
    assertThat(store.messages(GLOBEX, ConversationId.of("only-acme"), MessageQuery.first(5)).items()).isEmpty();
  }

  @Test
  void aTenantThatNeverWroteSeesNothing() {
    commit(store, started(ACME, "c-1"));
    TenantId stranger = INITECH;
    assertThat(store.find(stranger, c1)).isEmpty();
    assertThat(store.list(stranger, ConversationQuery.first(ConversationFilter.all())).items()).isEmpty();
    assertThat(store.list(stranger, ConversationQuery.first(ConversationFilter.all())).next()).isEmpty();
    assertThat(store.count(stranger, ConversationFilter.all())).isZero();
    assertThat(store.events(stranger, 0, 10)).isEmpty();
  }

  @Test
  void aConflictInOneTenantDoesNotDependOnAnotherTenantsVersion() {
    Conversation acme = commit(store, started(ACME, "c-1")).conversation();
    for (int i = 0; i < 3; i++) {
      acme = commit(store, decide(acme, customerSays("a" + i, "acme " + i))).conversation();
    }
    Conversation globex = commit(store, started(GLOBEX, "c-1")).conversation();
    Either<Conflict, Committed> stale = store.commit(GLOBEX, 0, started(GLOBEX, "c-1"));
    assertThat(stale.getLeft()).as("the conflict names globex's own version, not acme's 4")
        .isEqualTo(new Conflict.StaleVersion(c1, 0, 1));
    assertThat(store.commit(GLOBEX, 1, decide(globex, customerSays("g1", "globex"))).isRight()).isTrue();
    assertThat(store.find(ACME, c1).get().version()).isEqualTo(4);
  }
}
