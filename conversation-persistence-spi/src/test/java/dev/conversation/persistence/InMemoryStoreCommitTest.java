package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.GLOBEX;
import static dev.conversation.persistence.StoreFixtures.T0;
import static dev.conversation.persistence.StoreFixtures.commit;
import static dev.conversation.persistence.StoreFixtures.customerSays;
import static dev.conversation.persistence.StoreFixtures.decide;
import static dev.conversation.persistence.StoreFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The commit rules of the in-memory store: optimistic versions, idempotency, and "after a conflict nothing is written". */
class InMemoryStoreCommitTest {

  private final ConversationStore store = ConversationStore.inMemory();
  private final ConversationId c1 = ConversationId.of("c-1");

  /** Everything a reader can see of one tenant and conversation, to compare before and after a refused commit. */
  private record Visible(Option<Conversation> found, Seq<Message> messages, Seq<StoredEvent> events, long count,
      Seq<Conversation> listed, Option<Message> byKey) {}

  private Visible visible(TenantId tenant, ConversationId id) {
    return new Visible(store.find(tenant, id), store.messages(tenant, id, MessageQuery.first(100)).items(),
        store.events(tenant, 0, ConversationStore.MAX_EVENT_BATCH), store.count(tenant, ConversationFilter.all()),
        store.list(tenant, ConversationQuery.first(ConversationFilter.all())).items(),
        store.findByIdempotencyKey(tenant, id, "k1"));
  }

  /** Commits c-1 at version 1 and a keyed customer message (m1, k1) at version 2. */
  private Conversation atVersionTwo() {
    Conversation v1 = commit(store, started(ACME, "c-1")).conversation();
    return commit(store, decide(v1, customerSays("m1", "Where is my order?", "k1"))).conversation();
  }

  @Test
  void aCommitStoresTheHeaderMessagesAndEventsWithIncreasingPositions() {
    Decision start = started(ACME, "c-1");
    Committed first = commit(store, start);
    assertThat(first.conversation()).isEqualTo(start.conversation());
    assertThat(first.events().map(StoredEvent::event)).isEqualTo(start.events());

    Decision say = decide(first.conversation(), customerSays("m1", "hello", "k1"));
    Committed second = commit(store, say);
    assertThat(second.messages()).isEqualTo(say.messages());
    assertThat(second.events().head().position()).isGreaterThan(first.events().last().position());
    assertThat(store.find(ACME, c1)).contains(say.conversation());
    assertThat(store.messages(ACME, c1, MessageQuery.first(10)).items()).isEqualTo(say.messages());
    assertThat(store.findByIdempotencyKey(ACME, c1, "k1")).contains(say.messages().head());
    assertThat(store.findByIdempotencyKey(ACME, c1, "k2")).isEmpty();
  }

  @Test
  void aStaleVersionIsAConflictNamingExpectedAndActualAndWritesNothing() {
    Conversation v1 = commit(store, started(ACME, "c-1")).conversation();
    commit(store, decide(v1, customerSays("m1", "first writer", "k1")));
    Visible before = visible(ACME, c1);

    Decision late = decide(v1, customerSays("m2", "second writer", "k2"));
    Either<Conflict, Committed> result = store.commit(ACME, 1, late);

    assertThat(result.getLeft()).isEqualTo(new Conflict.StaleVersion(c1, 1, 2));
    assertThat(result.getLeft().message()).contains("version 2").contains("not 1");
    assertThat(visible(ACME, c1)).isEqualTo(before);
    assertThat(store.findByIdempotencyKey(ACME, c1, "k2")).isEmpty();
  }

  @Test
  void creatingAnExistingConversationIsAStaleVersionExpectingZero() {
    atVersionTwo();
    Visible before = visible(ACME, c1);
    Either<Conflict, Committed> again = store.commit(ACME, 0, started(ACME, "c-1", T0.plusSeconds(5)));
    assertThat(again.getLeft()).isEqualTo(new Conflict.StaleVersion(c1, 0, 2));
    assertThat(again.getLeft().message()).contains("already exists");
    assertThat(visible(ACME, c1)).isEqualTo(before);
  }

  @Test
  void committingToAMissingConversationIsAStaleVersionWithActualZeroAndLeavesNoTrace() {
    Conversation neverStored = started(ACME, "c-1").conversation();
    Either<Conflict, Committed> result = store.commit(ACME, 1, decide(neverStored, customerSays("m1", "hi", "k1")));
    assertThat(result.getLeft()).isEqualTo(new Conflict.StaleVersion(c1, 1, 0));
    assertThat(result.getLeft().message()).contains("is not there");

    assertThat(visible(ACME, c1)).isEqualTo(new Visible(Option.none(), List.empty(), List.empty(), 0, List.empty(), Option.none()));
    assertThat(store.count(ACME, ConversationFilter.all().withUnread(true))).isZero();
    assertThat(store.list(ACME, ConversationQuery.first(ConversationFilter.all().withUnread(true))).items()).isEmpty();

    assertThat(store.commit(ACME, 0, started(ACME, "c-1")).isRight()).as("it can still be created").isTrue();
    assertThat(store.count(ACME, ConversationFilter.all())).isEqualTo(1);
  }

  @Test
  void aReplayedIdempotencyKeyIsADuplicateKeyCarryingTheOriginalAndWritesNothing() {
    Conversation v2 = atVersionTwo();
    Message original = store.findByIdempotencyKey(ACME, c1, "k1").get();
    Visible before = visible(ACME, c1);

    Either<Conflict, Committed> replay = store.commit(ACME, 2, decide(v2, customerSays("m1-retry", "Where is my order?", "k1")));

    assertThat(replay.getLeft()).isEqualTo(new Conflict.DuplicateKey(c1, "k1", original));
    assertThat(((Conflict.DuplicateKey) replay.getLeft()).original().id().value()).isEqualTo("m1");
    assertThat(replay.getLeft().message()).contains("'k1'").contains("m1");
    assertThat(visible(ACME, c1)).isEqualTo(before);
    assertThat(store.find(ACME, c1).get().version()).isEqualTo(2);
  }

  @Test
  void aReusedMessageIdIsADuplicateMessageIdAndWritesNothing() {
    Conversation v2 = atVersionTwo();
    Visible before = visible(ACME, c1);
    Either<Conflict, Committed> result = store.commit(ACME, 2, decide(v2, customerSays("m1", "same id, no key")));
    assertThat(result.getLeft()).isEqualTo(new Conflict.DuplicateMessageId(c1, dev.conversation.domain.MessageId.of("m1")));
    assertThat(visible(ACME, c1)).isEqualTo(before);
  }

  @Test
  void anUnchangedDecisionIsAProgrammingErrorAndWritesNothing() {
    Conversation v2 = atVersionTwo();
    Visible before = visible(ACME, c1);
    Decision unchanged = new Decision(v2, List.empty(), List.empty());
    assertThatThrownBy(() -> store.commit(ACME, 1, unchanged)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unchanged");
    assertThatThrownBy(() -> store.commit(ACME, 2, unchanged)).isInstanceOf(IllegalArgumentException.class);
    assertThat(visible(ACME, c1)).isEqualTo(before);
  }

  @Test
  void aDecisionOfAnotherTenantIsAProgrammingErrorAndWritesNothingAnywhere() {
    Conversation v2 = atVersionTwo();
    Visible acmeBefore = visible(ACME, c1);
    Visible globexBefore = visible(GLOBEX, c1);

    assertThatThrownBy(() -> store.commit(GLOBEX, 0, started(ACME, "c-1"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant");
    assertThatThrownBy(() -> store.commit(GLOBEX, 2, decide(v2, customerSays("m2", "hi"))))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(visible(ACME, c1)).isEqualTo(acmeBefore);
    assertThat(visible(GLOBEX, c1)).isEqualTo(globexBefore);
    assertThat(store.find(GLOBEX, c1)).isEmpty();
  }

  @Test
  void aVersionThatIsNotExpectedPlusOneIsAProgrammingErrorAndWritesNothing() {
    Conversation v2 = atVersionTwo();
    Visible before = visible(ACME, c1);
    Decision v3 = decide(v2, customerSays("m2", "next"));
    for (long expected : new long[] {0, 1, 3, 4, -1}) {
      assertThatThrownBy(() -> store.commit(ACME, expected, v3)).as("expected %d for version 3", expected)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.commit(ACME, -1, started(ACME, "c-9"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(visible(ACME, c1)).isEqualTo(before);
    assertThat(store.find(ACME, ConversationId.of("c-9"))).isEmpty();
    assertThat(store.commit(ACME, 2, v3).isRight()).as("the right expected version still commits").isTrue();
  }

  @Test
  void messagesOrEventsOfAnotherConversationOrRepeatedWithinACommitAreProgrammingErrors() {
    Conversation v2 = atVersionTwo();
    Visible before = visible(ACME, c1);
    Decision mine = decide(v2, customerSays("m2", "mine"));
    Decision theirs = decide(started(ACME, "c-2").conversation(), customerSays("x1", "theirs"));

    Decision foreignMessage = new Decision(mine.conversation(), theirs.messages(), mine.events());
    Decision foreignEvent = new Decision(mine.conversation(), mine.messages(), mine.events().appendAll(theirs.events()));
    Decision repeatedId = new Decision(mine.conversation(), mine.messages().appendAll(mine.messages()), mine.events());
    Message keyed = decide(v2, customerSays("m3", "keyed", "k9")).messages().head();
    Message sameKey = decide(v2, customerSays("m4", "same key", "k9")).messages().head();
    Decision repeatedKey = new Decision(mine.conversation(), List.of(keyed, sameKey), mine.events());

    for (Decision bad : List.of(foreignMessage, foreignEvent, repeatedId, repeatedKey)) {
      assertThatThrownBy(() -> store.commit(ACME, 2, bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(visible(ACME, c1)).isEqualTo(before);
    assertThat(store.find(ACME, ConversationId.of("c-2"))).isEmpty();
  }

  @Test
  void aStartWithAFirstMessageStoresItAndItsKeyInTheSameCommit() {
    Decision start = dev.conversation.domain.Lifecycle.start(StoreFixtures.webChat(ACME, "c-1")
        .firstMessage(customerSays("m0", "Hello?", "first-key")), T0).get();
    Committed committed = store.commit(ACME, 0, start).get();
    assertThat(committed.messages()).hasSize(1);
    assertThat(store.findByIdempotencyKey(ACME, c1, "first-key")).contains(start.messages().head());
    assertThat(committed.events().map(StoredEvent::event).map(DomainEvent::version)).containsOnly(1L);
    Either<Conflict, Committed> replay = store.commit(ACME, 1,
        decide(start.conversation(), new Command.AppendMessage(dev.conversation.domain.MessageId.of("m1"),
            Participant.customer(), "Hello?", List.empty(), Option.some("first-key"))));
    assertThat(replay.getLeft()).isInstanceOf(Conflict.DuplicateKey.class);
  }
}
