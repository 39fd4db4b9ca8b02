package dev.conversation.persistence.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.conversation.domain.Channel;
import dev.conversation.persistence.Route;
import dev.conversation.domain.Status;
import dev.conversation.domain.Participant;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Command;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.DueQuery;
import dev.conversation.persistence.Due;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.persistence.Claim;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Order;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.Scheduled;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.Turn;
import dev.conversation.persistence.TurnQuery;
import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.testkit.Scenario;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Parallel;
import org.quicktheories.core.stateful.Sequential;
import org.quicktheories.generators.Generate;

/**
 * The contract of {@link ConversationStore}, as tests a store's own suite inherits. Extend this
 * class in your test sources, implement {@link #newStore()}, and run it with JUnit Jupiter:
 *
 * <pre>{@code
 * class MyStoreTckTest extends ConversationStoreTck {
 *   @Override
 *   protected ConversationStore newStore() {
 *     return new MyStore(dataSource);
 *   }
 * }
 * }</pre>
 *
 * <p>Every test works in tenants of its own (random ids), so {@link #newStore()} may return one
 * shared store, even one that already holds data. Each test's name says the rule it checks; a
 * failure message starts with {@code rule:} and says what the store did instead.
 *
 * <p>The properties use QuickTheories; its {@code QT_SEED} system property replays a failure.
 * {@link #examples(int)} scales the number of examples for slow stores.
 */
public abstract class ConversationStoreTck {

  private ConversationStore store;

  /** Returns the store under test; called before every test. */
  protected abstract ConversationStore newStore();

  /**
   * Returns how many examples a property runs, given the kit's standard count. Override to run
   * fewer against a slow store (at least a tenth is advised) or more in a nightly build.
   */
  protected int examples(int standard) {
    return standard;
  }

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  /** Returns the store of the current test. */
  protected final ConversationStore store() {
    return store;
  }

  // ---------------------------------------------------------------- model-based and concurrent

  /**
   * Random sequences of starts, appends (with reused message ids and idempotency keys), lifecycle
   * commands and racing writers leave the store exactly as a plain model of the contract
   * predicts, after every step: same conversations, same histories, same outbox, same listing.
   */
  @Test
  public void randomOperationSequencesAgreeWithTheModel() {
    qt().withExamples(examples(100)).withShrinkCycles(examples(100))
        .forAll(lists().of(StoreModel.ops()).ofSizeBetween(1, 40))
        .checkAssert(ops -> {
          TenantId tenant = Lives.freshTenant();
          Sequential.modelCheck(StoreModel.State.empty(tenant), ops,
              m -> new StoreModel.Sut(store, m.tenant()), StoreModel.Sut::observe);
        });
  }

  /**
   * Writers racing on one conversation with the optimistic loop end in a state some serial order
   * of their operations produces: commits are linearizable, nothing is lost or duplicated, and
   * versions and events have no gaps.
   */
  @Test
  public void concurrentWritersOnOneConversationAreLinearizable() {
    Gen<org.quicktheories.core.stateful.Command<OneConversation.Sut, OneConversation.State>> say =
        integers().between(1, 1_000_000).zip(Generate.pick(java.util.List.of("", "k1", "k2")),
            (n, k) -> new OneConversation.Say(n, k.isEmpty() ? Option.none() : Option.some(k)));
    Gen<org.quicktheories.core.stateful.Command<OneConversation.Sut, OneConversation.State>> tag =
        Generate.pick(java.util.List.of("vip", "refund")).zip(booleans().all(), OneConversation.Tagging::new);
    qt().withExamples(examples(40)).withShrinkCycles(examples(20))
        .forAll(lists().of(Generate.frequency(org.quicktheories.api.Pair.of(3, say), org.quicktheories.api.Pair.of(1, tag)))
            .ofSizeBetween(2, 6).map(OneConversation::numbered))
        .checkAssert(ops -> new Parallel(30, TimeUnit.SECONDS).parallelCheck(
            OneConversation.State.START, ops, m -> OneConversation.Sut.create(store), OneConversation.Sut::observe, 4));
  }

  // ---------------------------------------------------------------- round trips and tenancy

  /**
   * Every conversation a lifecycle can produce (assignees, resolutions, attention items, read
   * markers, tags, citations, snoozes) reads back exactly as committed, after every commit.
   */
  @Test
  public void everyCommittedConversationReadsBackExactly() {
    qt().withExamples(examples(100)).forAll(ConversationGenerators.scenarios(30)).checkAssert(scenario -> {
      TenantId tenant = Lives.freshTenant();
      Scenario moved = Lives.moved(scenario, tenant, scenario.start().id());
      Seq<Decision> decisions = Lives.commitLife(store, moved);
      Decision last = decisions.last();
      assertThat(store.find(tenant, moved.start().id()))
          .as("rule: find returns the conversation exactly as last committed").contains(last.conversation());
      assertThat(Lives.allMessages(store, tenant, moved.start().id()))
          .as("rule: the history holds every committed message, exactly, in commit order")
          .containsExactlyElementsOf(Lives.thread(decisions));
      assertThat(Lives.allEvents(store, tenant, ConversationStore.MAX_EVENT_BATCH).map(StoredEvent::event))
          .as("rule: the outbox holds every committed event, exactly, in commit order")
          .containsExactlyElementsOf(decisions.flatMap(Decision::events));
    });
  }

  /**
   * Tenants that use the same conversation ids never see each other: not in find, history,
   * listings, counts or the outbox.
   */
  @Test
  public void tenantsNeverSeeEachOthersData() {
    Gen<Tuple2<Integer, Scenario>> placed = integers().between(0, 2).zip(ConversationGenerators.scenarios(12), Tuple::of);
    qt().withExamples(examples(30)).forAll(lists().of(placed).ofSizeBetween(1, 12), integers().between(1, 3))
        .checkAssert((placements, shared) -> {
          List<TenantId> tenants = List.of(Lives.freshTenant(), Lives.freshTenant(), Lives.freshTenant());
          Map<TenantId, Map<ConversationId, Seq<Decision>>> expected = HashMap.empty();
          int n = 0;
          for (Tuple2<Integer, Scenario> p : placements) {
            TenantId tenant = tenants.get(p._1);
            ConversationId id = ConversationId.of("shared-" + (n++ % shared));
            if (expected.get(tenant).exists(m -> m.containsKey(id))) {
              continue;
            }
            Seq<Decision> life = Lives.commitLife(store, Lives.moved(p._2, tenant, id));
            expected = expected.put(tenant, expected.get(tenant).getOrElse(HashMap.empty()).put(id, life));
          }
          for (TenantId tenant : tenants) {
            Map<ConversationId, Seq<Decision>> own = expected.get(tenant).getOrElse(HashMap.empty());
            for (int i = 0; i < shared; i++) {
              ConversationId id = ConversationId.of("shared-" + i);
              Option<Seq<Decision>> life = own.get(id);
              assertThat(store.find(tenant, id)).as("rule: find shows only the tenant's own conversation %s", id)
                  .isEqualTo(life.map(l -> l.last().conversation()));
              assertThat(Lives.allMessages(store, tenant, id)).as("rule: history shows only the tenant's own messages")
                  .containsExactlyElementsOf(life.map(Lives::thread).getOrElse(List.empty()));
              if (life.isDefined()) {
                for (TenantId other : tenants.remove(tenant)) {
                  if (!expected.get(other).exists(o -> o.containsKey(id))) {
                    assertThat(store.find(other, id)).as("rule: another tenant's conversation is not found").isEmpty();
                    assertThat(store.messages(other, id, MessageQuery.first(10)).items())
                        .as("rule: another tenant's history is empty").isEmpty();
                  }
                }
              }
            }
            Seq<Conversation> listed = Lives.listAll(store, tenant);
            assertThat(listed.map(Conversation::tenantId).distinct()).as("rule: a listing shows only the tenant's conversations")
                .isSubsetOf(tenant);
            assertThat(listed.size()).as("rule: a listing shows all of the tenant's conversations").isEqualTo(own.size());
            assertThat(store.count(tenant, ConversationFilter.all())).as("rule: count counts only the tenant's conversations")
                .isEqualTo(own.size());
            Seq<StoredEvent> events = Lives.allEvents(store, tenant, 50);
            assertThat(events.map(e -> e.event().tenantId()).distinct()).as("rule: the outbox shows only the tenant's events")
                .isSubsetOf(tenant);
            assertThat(events.size()).as("rule: the outbox shows all of the tenant's events")
                .isEqualTo(own.values().map(l -> l.map(d -> d.events().size()).sum().intValue()).sum().intValue());
          }
        });
  }

  /** A tenant that never wrote anything sees nothing, and a missing conversation is not found anywhere. */
  @Test
  public void aMissingConversationIsNotFoundAnywhere() {
    TenantId tenant = Lives.freshTenant();
    ConversationId id = ConversationId.of("missing");
    assertThat(store.find(tenant, id)).as("rule: find of a missing conversation is empty").isEmpty();
    assertThat(store.messages(tenant, id, MessageQuery.first(25))).as("rule: history of a missing conversation is an empty last page")
        .isEqualTo(Page.empty());
    assertThat(store.findByIdempotencyKey(tenant, id, "k")).as("rule: a key of a missing conversation is not found").isEmpty();
    assertThat(store.list(tenant, ConversationQuery.first(ConversationFilter.all()))).as("rule: an unknown tenant lists nothing")
        .isEqualTo(Page.empty());
    assertThat(store.count(tenant, ConversationFilter.all())).as("rule: an unknown tenant counts zero").isZero();
    assertThat(store.events(tenant, 0, 10)).as("rule: an unknown tenant's outbox is empty").isEmpty();
    Conversation other = Lives.startPlain(store, Lives.freshTenant(), id, Lives.at(0));
    Decision onOther = Lives.customerSays(other, "m1", "hello", Option.none(), Lives.at(1)).get();
    assertThatThrownBy(() -> store.commit(tenant, 1, onOther))
        .as("rule: a decision of another tenant is a programming error").isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find(tenant, id)).as("rule: a refused commit writes nothing").isEmpty();
  }

  // ---------------------------------------------------------------- optimistic commits

  /**
   * A commit on a stale version is a {@link Conflict.StaleVersion} naming both versions, and
   * writes nothing: not the header, not the message, not the event.
   */
  @Test
  public void aStaleVersionIsAConflictAndWritesNothing() {
    qt().withExamples(examples(50)).forAll(integers().between(0, 5), integers().between(1, 3)).checkAssert((before, behind) -> {
      TenantId tenant = Lives.freshTenant();
      ConversationId id = ConversationId.of("c");
      Conversation c = Lives.startPlain(store, tenant, id, Lives.at(0));
      List<Conversation> versions = List.of(c);
      for (int i = 1; i <= before + behind; i++) {
        Decision d = Lives.customerSays(versions.last(), "m" + i, "message " + i, Option.none(), Lives.at(i)).get();
        versions = versions.append(store.commit(tenant, versions.last().version(), d).get().conversation());
      }
      Conversation stale = versions.get(before);
      Decision late = Lives.customerSays(stale, "late", "too late", Option.some("late-key"), Lives.at(1000)).get();
      Seq<Message> historyBefore = Lives.allMessages(store, tenant, id);
      Seq<StoredEvent> outboxBefore = Lives.allEvents(store, tenant, 100);
      Either<Conflict, Committed> result = store.commit(tenant, stale.version(), late);
      assertThat(result.isLeft()).as("rule: a stale commit is refused").isTrue();
      assertThat(result.getLeft()).as("rule: a stale commit is a StaleVersion conflict naming expected and actual")
          .isEqualTo(new Conflict.StaleVersion(id, stale.version(), versions.last().version()));
      assertThat(store.find(tenant, id)).as("rule: a stale commit leaves the header untouched").contains(versions.last());
      assertThat(Lives.allMessages(store, tenant, id)).as("rule: a stale commit writes no message").isEqualTo(historyBefore);
      assertThat(Lives.allEvents(store, tenant, 100)).as("rule: a stale commit writes no event").isEqualTo(outboxBefore);
      assertThat(store.findByIdempotencyKey(tenant, id, "late-key")).as("rule: a stale commit records no idempotency key").isEmpty();
    });
  }

  /** A commit for a conversation that is not there (expected version above 0) is a conflict with actual 0. */
  @Test
  public void aCommitToAMissingConversationIsAConflict() {
    TenantId tenant = Lives.freshTenant();
    ConversationId id = ConversationId.of("c");
    Decision started = Lifecycle.start(StartConversation.of(id, tenant, WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT)),
        Lives.at(0)).get();
    Decision next = Lives.customerSays(started.conversation(), "m", "hi", Option.none(), Lives.at(1)).get();
    assertThat(store.commit(tenant, 1, next).getLeft())
        .as("rule: a commit to a conversation that is not there is a StaleVersion conflict with actual 0")
        .isEqualTo(new Conflict.StaleVersion(id, 1, 0));
    assertThat(store.find(tenant, id)).as("rule: the refused commit created nothing").isEmpty();
    assertThat(store.events(tenant, 0, 10)).as("rule: the refused commit wrote no event").isEmpty();
  }

  /**
   * Decisions that break the commit contract (unchanged, wrong version, another tenant) are
   * programming errors: {@link IllegalArgumentException}, and nothing written.
   */
  @Test
  public void commitsThatBreakTheContractThrowAndWriteNothing() {
    TenantId tenant = Lives.freshTenant();
    ConversationId id = ConversationId.of("c");
    Conversation c = Lives.startPlain(store, tenant, id, Lives.at(0));
    Decision next = Lives.customerSays(c, "m1", "hi", Option.none(), Lives.at(1)).get();
    assertThatThrownBy(() -> store.commit(tenant, 1, new Decision(c, List.empty(), List.empty())))
        .as("rule: an unchanged decision is refused").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.commit(tenant, 0, next))
        .as("rule: a decision whose version does not follow the expected one is refused").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.commit(Lives.freshTenant(), 1, next))
        .as("rule: a decision for another tenant is refused").isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find(tenant, id)).as("rule: refused commits leave the conversation as it was").contains(c);
    assertThat(Lives.allMessages(store, tenant, id)).as("rule: refused commits write no message").isEmpty();
    assertThat(Lives.allEvents(store, tenant, 10)).as("rule: refused commits write no event").hasSize(1);
  }

  // ---------------------------------------------------------------- idempotency

  /**
   * An append that reuses an idempotency key of its conversation is refused with the original
   * message and writes nothing; the same key in another conversation is independent.
   */
  @Test
  public void aReplayedIdempotencyKeyReturnsTheOriginalAndWritesNothing() {
    qt().withExamples(examples(50)).forAll(integers().between(0, 4), ConversationGenerators.texts(), ConversationGenerators.texts())
        .checkAssert((others, first, replay) -> {
          TenantId tenant = Lives.freshTenant();
          ConversationId id = ConversationId.of("c");
          Conversation c = Lives.startPlain(store, tenant, id, Lives.at(0));
          Committed original = store.commit(tenant, 1, Lives.customerSays(c, "m-original", first, Option.some("key-1"), Lives.at(1)).get()).get();
          Conversation current = original.conversation();
          for (int i = 0; i < others; i++) {
            current = store.commit(tenant, current.version(),
                Lives.customerSays(current, "m" + i, "other " + i, Option.some("other-" + i), Lives.at(2 + i)).get()).get().conversation();
          }
          Decision again = Lives.customerSays(current, "m-replay", replay, Option.some("key-1"), Lives.at(100)).get();
          Seq<StoredEvent> outboxBefore = Lives.allEvents(store, tenant, 100);
          Either<Conflict, Committed> result = store.commit(tenant, current.version(), again);
          assertThat(result.isLeft()).as("rule: a replayed key is refused").isTrue();
          assertThat(result.getLeft()).as("rule: a replayed key is a DuplicateKey conflict carrying the original message")
              .isEqualTo(new Conflict.DuplicateKey(id, "key-1", original.messages().head()));
          assertThat(store.find(tenant, id)).as("rule: a replay leaves the header untouched").contains(current);
          assertThat(Lives.allMessages(store, tenant, id).size()).as("rule: a replay writes no message").isEqualTo(1 + others);
          assertThat(Lives.allEvents(store, tenant, 100)).as("rule: a replay writes no event").isEqualTo(outboxBefore);
          assertThat(store.findByIdempotencyKey(tenant, id, "key-1")).as("rule: the key finds the original message")
              .contains(original.messages().head());
          Conversation elsewhere = Lives.startPlain(store, tenant, ConversationId.of("d"), Lives.at(0));
          assertThat(store.commit(tenant, 1, Lives.customerSays(elsewhere, "m-original", replay, Option.some("key-1"), Lives.at(1)).get())
              .isRight()).as("rule: keys and message ids are scoped to their conversation").isTrue();
        });
  }

  // ---------------------------------------------------------------- queries and paging

  /**
   * For random filters over a random population, the listing holds exactly the conversations
   * {@link ConversationFilter#test} selects, in the query's order, and count agrees.
   */
  @Test
  public void listingsSelectExactlyWhatTheFilterSelects() {
    qt().withExamples(examples(15)).withShrinkCycles(examples(10)).forAll(Populations.populations(), lists().of(Populations.queries()).ofSize(12))
        .checkAssert((population, queries) -> {
          Populations.Populated p = Populations.populate(store, population);
          for (ConversationQuery q : queries) {
            Seq<Conversation> expected = p.expected(q);
            Page<Conversation> first = store.list(p.tenant(), q.withLimit(ConversationQuery.MAX_LIMIT));
            assertThat(first.items()).as("rule: a first page holds the first matching conversations in order, for %s", q)
                .containsExactlyElementsOf(expected.take(ConversationQuery.MAX_LIMIT));
            assertThat(store.count(p.tenant(), q.filter())).as("rule: count equals the number of matches of %s", q.filter())
                .isEqualTo(expected.size());
          }
        });
  }

  /** Offset pages of any size partition the filtered, ordered result: no duplicates, no gaps. */
  @Test
  public void offsetPagesPartitionTheFilteredResult() {
    qt().withExamples(examples(15)).withShrinkCycles(examples(10)).forAll(Populations.populations(), Populations.queries(), integers().between(1, 17))
        .checkAssert((population, query, limit) -> {
          Populations.Populated p = Populations.populate(store, population);
          Seq<Conversation> expected = p.expected(query);
          List<Conversation> paged = List.empty();
          for (int offset = 0; offset <= expected.size(); offset += limit) {
            Page<Conversation> page = store.list(p.tenant(), query.withLimit(limit).withOffset(offset));
            assertThat(page.items().size()).as("rule: a page holds at most limit items").isLessThanOrEqualTo(limit);
            assertThat(page.next().isDefined()).as("rule: next is present exactly when more items follow")
                .isEqualTo(offset + limit < expected.size());
            paged = paged.appendAll(page.items());
          }
          assertThat(paged).as("rule: offset pages concatenate to the whole result of %s", query).containsExactlyElementsOf(expected);
        });
  }

  /** Keyset pages of any size, followed through their cursors, partition the filtered, ordered result. */
  @Test
  public void keysetPagesPartitionTheFilteredResult() {
    qt().withExamples(examples(15)).withShrinkCycles(examples(10)).forAll(Populations.populations(), Populations.queries(), integers().between(1, 17))
        .checkAssert((population, query, limit) -> {
          Populations.Populated p = Populations.populate(store, population);
          Seq<Conversation> expected = p.expected(query);
          assertThat(Lives.listAll(store, p.tenant(), query.withLimit(limit)))
              .as("rule: keyset pages concatenate to the whole result of %s with limit %s", query, limit)
              .containsExactlyElementsOf(expected);
        });
  }

  /**
   * Keyset paging is stable under concurrent inserts: conversations created while a client pages
   * (newer than every page read) never shift, repeat or hide the items of later pages.
   */
  @Test
  public void keysetPagesAreStableUnderConcurrentInserts() {
    qt().withExamples(examples(15)).withShrinkCycles(examples(10)).forAll(Populations.populations(), Generate.enumValues(Order.class), integers().between(1, 9))
        .checkAssert((population, order, limit) -> {
          Populations.Populated p = Populations.populate(store, population);
          ConversationQuery query = ConversationQuery.first(ConversationFilter.all()).withOrder(order).withLimit(limit);
          Seq<Conversation> expected = p.expected(query);
          List<Conversation> paged = List.empty();
          Page<Conversation> page = store.list(p.tenant(), query);
          int inserted = 0;
          while (true) {
            paged = paged.appendAll(page.items());
            for (int i = 0; i < 2; i++) {
              Lives.startPlain(store, p.tenant(), ConversationId.of("inserted-" + inserted++), Populations.AFTER_ALL.plusSeconds(inserted));
            }
            if (page.next().isEmpty()) {
              break;
            }
            page = store.list(p.tenant(), query.after(page.next().get()).get());
          }
          assertThat(paged).as("rule: keyset pages read while newer conversations are inserted still partition the original result")
              .containsExactlyElementsOf(expected);
        });
  }

  /** Message history pages of any size, followed through their cursors, hold every message once, in commit order. */
  @Test
  public void historyPagesPartitionTheHistory() {
    qt().withExamples(examples(20)).forAll(integers().between(0, 130), integers().between(1, ConversationQuery.MAX_LIMIT))
        .checkAssert((count, limit) -> {
          TenantId tenant = Lives.freshTenant();
          ConversationId id = ConversationId.of("c");
          Conversation c = Lives.startPlain(store, tenant, id, Lives.at(0));
          List<Message> written = List.empty();
          for (int i = 0; i < count; i++) {
            Committed done = store.commit(tenant, c.version(), Lives.customerSays(c, "m" + i, "message " + i, Option.none(), Lives.at(i + 1)).get()).get();
            written = written.appendAll(done.messages());
            c = done.conversation();
          }
          List<Message> paged = List.empty();
          Page<Message> page = store.messages(tenant, id, MessageQuery.first(limit));
          while (true) {
            assertThat(page.items().size()).as("rule: a history page holds at most limit messages").isLessThanOrEqualTo(limit);
            paged = paged.appendAll(page.items());
            if (page.next().isEmpty()) {
              break;
            }
            page = store.messages(tenant, id, MessageQuery.of(Option.some(limit), page.next()).get());
          }
          assertThat(paged).as("rule: history pages concatenate to every message in commit order").containsExactlyElementsOf(written);
          assertThat(store.messages(tenant, id, new MessageQuery(limit, count + 5L)).items())
              .as("rule: a page past the end is empty").isEmpty();
        });
  }

  // ---------------------------------------------------------------- outbox

  /**
   * The outbox lists every committed event once, in commit order across the tenant's
   * conversations, with strictly increasing positions, whatever the batch size of the reader.
   */
  @Test
  public void eventsAreReadInCommitOrder() {
    qt().withExamples(examples(30)).forAll(lists().of(ConversationGenerators.scenarios(10)).ofSizeBetween(1, 5), integers().between(1, 9))
        .checkAssert((scenarios, batch) -> {
          TenantId tenant = Lives.freshTenant();
          List<List<Decision>> lives = List.empty();
          int n = 0;
          for (Scenario s : scenarios) {
            Scenario moved = Lives.moved(s, tenant, ConversationId.of("c" + n++));
            Scenario.Trace trace = moved.play();
            lives = lives.append(List.of(trace.started()).appendAll(trace.outcomes().filter(Scenario.Outcome::changed).map(o -> o.result().get())));
          }
          // Interleave the lives round-robin, so commits of different conversations alternate.
          List<DomainEvent> committed = List.empty();
          java.util.Map<ConversationId, Long> versions = new java.util.HashMap<>();
          boolean more = true;
          for (int round = 0; more; round++) {
            more = false;
            for (List<Decision> life : lives) {
              if (round < life.size()) {
                more = true;
                Decision d = life.get(round);
                long expected = versions.getOrDefault(d.conversation().id(), 0L);
                if (round % 3 == 1) {
                  assertThat(store.commit(tenant, expected + 7, rebased(d, expected + 7)).isLeft())
                      .as("rule: a stale commit is refused").isTrue();
                }
                store.commit(tenant, expected, d).getOrElseThrow(c -> new AssertionError("rule: a fresh commit is accepted; " + c.message()));
                versions.put(d.conversation().id(), d.conversation().version());
                committed = committed.appendAll(d.events());
              }
            }
          }
          Seq<StoredEvent> read = Lives.allEvents(store, tenant, batch);
          assertThat(read.map(StoredEvent::event)).as("rule: the outbox lists every committed event once, in commit order")
              .containsExactlyElementsOf(committed);
          assertThat(read.map(StoredEvent::position).sliding(2).forAll(w -> w.size() < 2 || w.get(0) < w.get(1)))
              .as("rule: outbox positions strictly increase").isTrue();
          assertThat(read.forAll(e -> e.position() > 0)).as("rule: outbox positions are positive").isTrue();
        });
  }

  /**
   * A relay that polls the outbox from its checkpoint while eight writers commit in one tenant
   * misses no event and sees none twice: an event never appears behind a position already read.
   */
  @Test
  public void aCheckpointingRelayMissesNoEventUnderConcurrentCommits() throws Exception {
    TenantId tenant = Lives.freshTenant();
    int writers = 8;
    int commitsEach = examples(150);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<DomainEvent> committed = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> writing = List.range(0, writers).map(w -> pool.submit(() -> {
        go.await();
        Committed started = Lives.start(store, tenant, ConversationId.of("w" + w), Lives.now());
        started.events().forEach(e -> committed.add(e.event()));
        Conversation c = started.conversation();
        for (int i = 0; i < commitsEach; i++) {
          Committed result = store.commit(tenant, c.version(),
              Lives.customerSays(c, "m" + i, "w" + w + " " + i, Option.none(), Lives.now()).get()).get();
          result.events().forEach(e -> committed.add(e.event()));
          c = result.conversation();
        }
        return null;
      }));
      Future<List<StoredEvent>> relay = pool.submit(() -> {
        List<StoredEvent> seen = List.empty();
        long checkpoint = 0;
        while (true) {
          boolean finished = done.get();
          Seq<StoredEvent> batch = store.events(tenant, checkpoint, 17);
          seen = seen.appendAll(batch);
          if (batch.nonEmpty()) {
            checkpoint = batch.last().position();
          } else if (finished) {
            return seen;
          }
        }
      });
      go.countDown();
      for (Future<?> f : writing) {
        f.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      List<StoredEvent> seen = relay.get(60, TimeUnit.SECONDS);
      assertThat(seen.map(StoredEvent::event)).as("rule: a checkpointing relay sees every committed event exactly once")
          .containsExactlyInAnyOrderElementsOf(committed);
      assertThat(seen.map(StoredEvent::position).sliding(2).forAll(w -> w.size() < 2 || w.get(0) < w.get(1)))
          .as("rule: the relay reads strictly increasing positions").isTrue();
      for (int w = 0; w < writers; w++) {
        ConversationId id = ConversationId.of("w" + w);
        assertThat(seen.map(StoredEvent::event).filter(e -> e.conversationId().equals(id)).map(DomainEvent::version).distinct().toJavaList())
            .as("rule: a conversation's events appear in version order").isSorted();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- routes

  /**
   * A route holds one open conversation per tenant: a second open is {@link Conflict.RouteTaken}
   * naming the holder and writes nothing; routes that differ in contact, channel instance or
   * channel type, and other tenants, are independent; the holder's own commits keep the route.
   */
  @Test
  public void aRouteHoldsOneOpenConversation() {
    TenantId tenant = Lives.freshTenant();
    Channel line = Channel.of(ChannelType.WEB_CHAT, ChannelId.of("site-1"));
    Route route = Route.of(line, ContactId.of("ann"));
    assertThat(store.latest(tenant, route)).as("rule: a route nobody opened has no latest conversation").isEmpty();
    Committed first = store.open(tenant, route, startedOn(tenant, "a", line, "ann", 0)).get();
    assertThat(store.latest(tenant, route)).as("rule: the opened conversation is the route's latest").contains(first.conversation());
    assertThat(store.find(tenant, ConversationId.of("a"))).as("rule: an open stores the conversation like a create")
        .contains(first.conversation());

    Either<Conflict, Committed> second = store.open(tenant, route, startedOn(tenant, "b", line, "ann", 1));
    assertThat(second.isLeft()).as("rule: a second open on a held route is refused").isTrue();
    assertThat(second.getLeft()).as("rule: the refusal is RouteTaken naming the open conversation")
        .isEqualTo(new Conflict.RouteTaken(ConversationId.of("b"), route, ConversationId.of("a")));
    assertThat(store.find(tenant, ConversationId.of("b"))).as("rule: a refused open writes no conversation").isEmpty();
    assertThat(Lives.allEvents(store, tenant, 10)).as("rule: a refused open writes no event").hasSize(1);
    assertThat(store.open(tenant, route, startedOn(tenant, "a", line, "ann", 1)).getLeft())
        .as("rule: an open whose id is taken is a StaleVersion conflict, even on a held route")
        .isEqualTo(new Conflict.StaleVersion(ConversationId.of("a"), 0, 1));

    Channel email = Channel.of(ChannelType.EMAIL, ChannelId.of("site-1"));
    List<Tuple2<Channel, String>> others = List.of(Tuple.of(line, "bob"), Tuple.of(Channel.of(ChannelType.WEB_CHAT, ChannelId.of("site-2")), "ann"),
        Tuple.of(Channel.of(ChannelType.WEB_CHAT), "ann"), Tuple.of(email, "ann"));
    int n = 0;
    for (Tuple2<Channel, String> other : others) {
      String id = "other-" + n++;
      assertThat(store.open(tenant, Route.of(other._1, ContactId.of(other._2)), startedOn(tenant, id, other._1, other._2, n)).isRight())
          .as("rule: a route differing in contact, channel instance or type is independent (" + other + ")").isTrue();
    }
    TenantId elsewhere = Lives.freshTenant();
    assertThat(store.latest(elsewhere, route)).as("rule: another tenant does not see the route").isEmpty();
    assertThat(store.open(elsewhere, route, startedOn(elsewhere, "a", line, "ann", 0)).isRight())
        .as("rule: routes are scoped to their tenant").isTrue();

    Committed said = store.commit(tenant, 1, Lives.customerSays(first.conversation(), "m1", "hello", Option.none(), Lives.at(5)).get()).get();
    assertThat(store.latest(tenant, route)).as("rule: commits of the holder keep its route").contains(said.conversation());
    assertThat(store.open(tenant, route, startedOn(tenant, "c", line, "ann", 6)).isLeft())
        .as("rule: the holder still holds the route after its commits").isTrue();
  }

  /**
   * A commit that closes the holder frees the route: the closed conversation stays the route's
   * latest until a new one is opened, which then holds the route in turn.
   */
  @Test
  public void closingTheHolderFreesTheRoute() {
    TenantId tenant = Lives.freshTenant();
    Channel line = Channel.of(ChannelType.WEB_CHAT, ChannelId.of("site-1"));
    Route route = Route.of(line, ContactId.of("ann"));
    Conversation a = store.open(tenant, route, startedOn(tenant, "a", line, "ann", 0)).get().conversation();
    Conversation closed = store.commit(tenant, 1, Lifecycle.decide(a, new Command.Close(Participant.system()), Lives.at(1)).get())
        .get().conversation();
    assertThat(closed.status()).isEqualTo(Status.CLOSED);
    assertThat(store.latest(tenant, route)).as("rule: a closed holder stays the route's latest").contains(closed);
    Conversation b = store.open(tenant, route, Lifecycle.followUp(closed, ConversationId.of("b"), Option.none(), Lives.at(2)).get())
        .getOrElseThrow(c -> new AssertionError("rule: a route whose holder closed can be opened again; but " + c.message()))
        .conversation();
    assertThat(store.latest(tenant, route)).as("rule: the newly opened conversation is the route's latest").contains(b);
    assertThat(store.open(tenant, route, startedOn(tenant, "c", line, "ann", 3)).getLeft())
        .as("rule: the new conversation holds the route").isEqualTo(new Conflict.RouteTaken(ConversationId.of("c"), route, b.id()));
    assertThat(store.find(tenant, a.id())).as("rule: the closed conversation is still there").contains(closed);
  }

  /** An open whose conversation is not on the route's channel or contact is a programming error and writes nothing. */
  @Test
  public void anOpenOffItsRouteThrowsAndWritesNothing() {
    TenantId tenant = Lives.freshTenant();
    Channel line = Channel.of(ChannelType.WEB_CHAT, ChannelId.of("site-1"));
    Decision started = startedOn(tenant, "a", line, "ann", 0);
    for (Route wrong : List.of(Route.of(line, ContactId.of("bob")), Route.of(Channel.of(ChannelType.WEB_CHAT), ContactId.of("ann")))) {
      assertThatThrownBy(() -> store.open(tenant, wrong, started))
          .as("rule: an open on a route that is not the conversation's is refused (" + wrong + ")")
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.find(tenant, ConversationId.of("a"))).as("rule: a refused open writes nothing").isEmpty();
  }

  /**
   * Many threads opening conversations on a few routes at once: each route ends with exactly one
   * conversation, every other open is {@link Conflict.RouteTaken} naming it, and nothing of the
   * refused opens is stored.
   */
  @Test
  public void concurrentOpensOfARouteCreateOneConversation() throws Exception {
    TenantId tenant = Lives.freshTenant();
    Channel line = Channel.of(ChannelType.WEB_CHAT, ChannelId.of("site-1"));
    int routes = 5;
    int threads = 8;
    int rounds = examples(20);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      ConcurrentLinkedQueue<Tuple2<Decision, Either<Conflict, Committed>>> results = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> running = List.range(0, threads).map(t -> pool.submit(() -> {
        go.await();
        for (int r = 0; r < rounds; r++) {
          for (int k = 0; k < routes; k++) {
            String contact = "contact-" + r + "-" + k;
            Decision d = startedOn(tenant, "t" + t + "-" + contact, line, contact, r);
            results.add(Tuple.of(d, store.open(tenant, Route.of(line, ContactId.of(contact)), d)));
          }
        }
        return null;
      }));
      go.countDown();
      for (Future<?> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
      Map<String, Seq<Tuple2<Decision, Either<Conflict, Committed>>>> byContact = HashMap.ofEntries(
          List.ofAll(results).groupBy(x -> x._1.conversation().contactId().get().value()));
      assertThat(byContact.size()).isEqualTo(routes * rounds);
      for (Tuple2<String, Seq<Tuple2<Decision, Either<Conflict, Committed>>>> entry : byContact) {
        Route route = Route.of(line, ContactId.of(entry._1));
        Seq<Committed> won = entry._2.flatMap(x -> x._2.toOption());
        assertThat(won).as("rule: concurrent opens of one route create exactly one conversation (" + entry._1 + ")").hasSize(1);
        ConversationId holder = won.head().conversation().id();
        assertThat(store.latest(tenant, route).map(Conversation::id)).as("rule: the winner is the route's latest").contains(holder);
        for (Tuple2<Decision, Either<Conflict, Committed>> lost : entry._2.filter(x -> x._2.isLeft())) {
          ConversationId id = lost._1.conversation().id();
          assertThat(lost._2.getLeft()).as("rule: a losing open is RouteTaken naming the winner")
              .isEqualTo(new Conflict.RouteTaken(id, route, holder));
          assertThat(store.find(tenant, id)).as("rule: a losing open stores nothing").isEmpty();
        }
      }
      assertThat(Lives.allEvents(store, tenant, 1000)).as("rule: only the winners' events are in the outbox").hasSize(routes * rounds);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The walk of tenants with events finds every tenant that wrote, once, in code-point order,
   * batch after batch; a tenant that only read is not there.
   */
  @Test
  public void theWalkOfTenantsFindsEveryTenantThatWroteEventsInOrder() {
    assertThatThrownBy(() -> store.tenants(Option.none(), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    List<TenantId> wrote = List.empty();
    for (int i = 0; i < 7; i++) {
      TenantId t = Lives.freshTenant();
      Lives.startPlain(store, t, ConversationId.of("c"), Lives.at(i));
      wrote = wrote.append(t);
    }
    TenantId reader = Lives.freshTenant();
    store.find(reader, ConversationId.of("c"));
    for (int batch : new int[] {1, 3, ConversationStore.MAX_TENANT_BATCH}) {
      List<TenantId> seen = List.empty();
      Option<TenantId> after = Option.none();
      while (true) {
        Seq<TenantId> page = store.tenants(after, batch);
        assertThat(page.size()).as("rule: a batch of tenants holds at most its limit").isLessThanOrEqualTo(batch);
        seen = seen.appendAll(page);
        if (page.size() < batch) {
          break;
        }
        after = Option.some(page.last());
      }
      assertThat(seen.sliding(2).forAll(w -> w.size() < 2
          || java.util.Arrays.compare(w.get(0).value().codePoints().toArray(), w.get(1).value().codePoints().toArray()) < 0))
          .as("rule: tenants come in code-point order, each once").isTrue();
      assertThat(seen).as("rule: every tenant that wrote events is found (batches of %s)", batch).containsAll(wrote);
      assertThat(seen).as("rule: a tenant without events is not").doesNotContain(reader);
    }
  }

  /**
   * Pruning deletes the tenant's oldest events up to a position and before an instant, at most
   * its limit, and nothing of other tenants; a reader from the start, or from a deleted position,
   * reads on from the first event kept.
   */
  @Test
  public void pruningDeletesTheOldestEventsUpToThePositionAndTheInstant() {
    TenantId tenant = Lives.freshTenant();
    TenantId other = Lives.freshTenant();
    for (int i = 0; i < 6; i++) {
      Lives.startPlain(store, tenant, ConversationId.of("c" + i), Lives.at(i * 1_000_000L));
      Lives.startPlain(store, other, ConversationId.of("c" + i), Lives.at(i * 1_000_000L));
    }
    Seq<StoredEvent> all = Lives.allEvents(store, tenant, 1000);
    Seq<StoredEvent> others = Lives.allEvents(store, other, 1000);
    assertThatThrownBy(() -> store.pruneEvents(tenant, -1, Lives.at(0), 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upToPosition");
    assertThatThrownBy(() -> store.pruneEvents(tenant, 0, Lives.at(0), 0)).hasMessageContaining("limit");
    // Events of conversation i happened at second i; each start emits at least one event.
    Instant third = Lives.at(3_000_000L);
    long before = all.filter(e -> e.event().at().isBefore(third)).size();
    long upTo = all.last().position();
    assertThat(store.pruneEvents(tenant, upTo, third, 1)).as("rule: at most the limit").isEqualTo(1);
    assertThat(Lives.allEvents(store, tenant, 1000)).containsExactlyElementsOf(all.drop(1));
    assertThat(store.pruneEvents(tenant, upTo, third, 1000)).as("rule: only those before the instant").isEqualTo(before - 1);
    assertThat(store.pruneEvents(tenant, upTo, third, 1000)).as("rule: pruning again deletes nothing").isZero();
    Seq<StoredEvent> kept = all.drop((int) before);
    assertThat(Lives.allEvents(store, tenant, 1000)).as("rule: the rest is read from the start").containsExactlyElementsOf(kept);
    assertThat(store.events(tenant, all.get(0).position(), 1000)).as("rule: and from a deleted position").containsExactlyElementsOf(kept);
    long cut = kept.get(1).position();
    assertThat(store.pruneEvents(tenant, cut, Lives.at(9_000_000_000L), 1000)).as("rule: only up to the position").isEqualTo(2);
    assertThat(Lives.allEvents(store, tenant, 1000)).containsExactlyElementsOf(kept.drop(2));
    assertThat(Lives.allEvents(store, other, 1000)).as("rule: other tenants keep every event").containsExactlyElementsOf(others);
    Lives.startPlain(store, tenant, ConversationId.of("later"), Lives.at(7_000_000L));
    assertThat(Lives.allEvents(store, tenant, 1000).last().position()).as("rule: positions go on above the pruned ones")
        .isGreaterThan(all.last().position());
  }

  /**
   * Erasing a contact's conversations leaves nothing of the contact in any read: the header,
   * every message (by page, by id, by idempotency key, by provider id) and every event hold
   * nothing {@link dev.conversation.domain.Erasure} would erase, and no string the contact's
   * conversations held is read back; events keep their positions and each erased conversation
   * gains one Erased event; the skeleton (status, counts, times) stays; erasing again changes
   * nothing; other contacts' conversations and events are untouched.
   */
  @Test
  public void anErasureLeavesNothingOfTheContactInAnyRead() {
    qt().withExamples(examples(20)).withShrinkCycles(examples(5))
        .forAll(Populations.populations().map(p -> p.take(20)), integers().between(0, 4))
        .checkAssert((population, k) -> PersonalDataRules.anErasureLeavesNothingOfTheContactInAnyRead(store, population, k));
  }

  /**
   * An erased conversation lets go of its route, also when its contact was changed after it was
   * opened: the route has no latest conversation, and a new one can be opened on it at once.
   */
  @Test
  public void anErasedConversationLetsGoOfItsRoute() {
    TenantId tenant = Lives.freshTenant();
    Channel line = Channel.of(ChannelType.WEB_CHAT, ChannelId.of("site-1"));
    Route route = Route.of(line, ContactId.of("ann"));
    Conversation a = store.open(tenant, route, startedOn(tenant, "a", line, "ann", 0)).get().conversation();
    Conversation moved = store.commit(tenant, 1, Lifecycle.decide(a, Command.UpdateMetadata.by(Participant.system())
        .contactId(ContactId.of("bob")), Lives.at(1)).get()).get().conversation();
    assertThat(moved.contactId()).contains(ContactId.of("bob"));
    store.erase(tenant, a.id(), Lives.at(2));
    assertThat(store.latest(tenant, route)).as("rule: an erased conversation is no route's latest").isEmpty();
    assertThat(store.open(tenant, route, startedOn(tenant, "b", line, "ann", 3)).isRight())
        .as("rule: the route is free for a new conversation").isTrue();
    assertThat(store.ofContact(tenant, ContactId.of("bob"), Option.none(), 10)).isEmpty();
  }

  /**
   * Retention deletes exactly the closed conversations last changed before the cutoff, in batches
   * of at most the limit, with their messages, claims and events; an open conversation is never
   * deleted whatever its age, and the other events keep their positions.
   */
  @Test
  public void retentionDeletesClosedConversationsPastTheCutoffAndNothingElse() {
    qt().withExamples(examples(20)).withShrinkCycles(examples(5))
        .forAll(Populations.populations().map(p -> p.take(25)), integers().between(0, 100))
        .checkAssert((population, percentile) ->
            PersonalDataRules.retentionDeletesClosedConversationsPastTheCutoffAndNothingElse(store, population, percentile));
  }

  /**
   * An internal note is stored in the thread with its type and read back exactly, by page and by
   * its idempotency key; it leaves the conversation's count and preview as the lifecycle decided.
   */
  @Test
  public void aNoteIsStoredWithItsTypeAndReadBackExactly() {
    TenantId tenant = Lives.freshTenant();
    Conversation c = Lives.startPlain(store, tenant, ConversationId.of("c"), Lives.at(0));
    Command.AppendMessage note = Command.AppendMessage.note(dev.conversation.domain.MessageId.of("n1"), Participant.ai(),
        "The customer sounds upset; offer a refund.").withIdempotencyKey("k-note");
    Committed noted = store.commit(tenant, 1, Lifecycle.decide(c, note, Lives.at(1)).get()).get();
    Message stored = noted.messages().single();
    assertThat(stored.type()).isEqualTo(dev.conversation.domain.MessageType.NOTE);
    assertThat(store.messages(tenant, c.id(), MessageQuery.first(10)).items()).as("rule: a note reads back with its type")
        .containsExactly(stored);
    assertThat(store.findByIdempotencyKey(tenant, c.id(), "k-note")).contains(stored);
    assertThat(store.find(tenant, c.id()).get().messageCount()).as("rule: the header is stored as decided: notes do not count")
        .isZero();
  }

  /**
   * Attachments and delivery statuses read back exactly: a message with files, then receipts that
   * bind the provider's id and move the status; the message is found by its id and by the
   * provider's id as it is now, in every read of the thread.
   */
  @Test
  public void attachmentsAndDeliveryStatusesAreStoredAndReadBackExactly() {
    TenantId tenant = Lives.freshTenant();
    Conversation c = Lives.startPlain(store, tenant, ConversationId.of("c"), Lives.at(0));
    dev.conversation.domain.MessageId id = dev.conversation.domain.MessageId.of("m1");
    Command.AppendMessage reply = Command.AppendMessage.of(id, Participant.ai(), "Here is your invoice")
        .withAttachments(List.of(dev.conversation.domain.Attachment.of("invoice-4521.pdf", "application/pdf", 48_213,
            "s3://acme-files/invoices/4521.pdf").withCaption("Invoice #4521"),
            dev.conversation.domain.Attachment.of("label.png", "image/png", 0, "https://cdn.example.com/l.png")));
    Committed sent = store.commit(tenant, 1, Lifecycle.decide(c, reply, Lives.at(1)).get()).get();
    Message stored = sent.messages().single();
    assertThat(store.findMessage(tenant, c.id(), id)).as("rule: a message with attachments reads back exactly").contains(stored);
    assertThat(store.findByProviderMessageId(tenant, "SM-1")).as("rule: no provider id is bound yet").isEmpty();
    Conversation current = sent.conversation();
    Message now = stored;
    long version = current.version();
    for (dev.conversation.domain.DeliveryStatus status : List.of(dev.conversation.domain.DeliveryStatus.SENT,
        dev.conversation.domain.DeliveryStatus.DELIVERED, dev.conversation.domain.DeliveryStatus.FAILED)) {
      Command.RecordDelivery receipt = new Command.RecordDelivery(Participant.system(), now, status,
          status == dev.conversation.domain.DeliveryStatus.SENT ? Option.some("SM-1") : Option.none(),
          status == dev.conversation.domain.DeliveryStatus.FAILED ? Option.some("30008: Unknown error") : Option.none());
      Decision d = Lifecycle.decide(current, receipt, Lives.at(2 + (int) version)).get();
      Committed done = store.commit(tenant, version, d).get();
      assertThat(done.messages()).isEmpty();
      current = done.conversation();
      now = d.updated().single();
      version = current.version();
      assertThat(store.findMessage(tenant, c.id(), id)).as("rule: a receipt's status is stored (%s)", status).contains(now);
      assertThat(store.findByProviderMessageId(tenant, "SM-1")).as("rule: the provider id finds the message as it is now")
          .contains(now);
      assertThat(store.findByProviderMessageId(Lives.freshTenant(), "SM-1")).as("rule: provider ids are per tenant").isEmpty();
      assertThat(Lives.allMessages(store, tenant, c.id())).containsExactly(now);
      assertThat(store.find(tenant, c.id())).contains(current);
    }
    assertThat(now.delivery().get().failureReason()).contains("30008: Unknown error");
    assertThat(now.attachments()).isEqualTo(stored.attachments());
    assertThat(store.find(tenant, c.id()).get().openAttention().map(i -> i.kind())).containsExactly("delivery-failed");
  }

  /**
   * A provider message id names one message of a tenant: a commit that binds it to a second
   * message, in another conversation or the same one, is refused with
   * {@link Conflict.ProviderIdTaken} and writes nothing; another tenant may use it.
   */
  @Test
  public void aProviderIdBoundToOneMessageIsRefusedForAnother() {
    TenantId tenant = Lives.freshTenant();
    java.util.function.BiFunction<Conversation, String, Decision> reply = (c, id) ->
        Lifecycle.decide(c, Command.AppendMessage.of(dev.conversation.domain.MessageId.of(id), Participant.ai(), "Hello"),
            Lives.at((int) c.version() + 1)).get();
    java.util.function.BiFunction<Conversation, Message, Decision> bind = (c, m) -> Lifecycle.decide(c,
        new Command.RecordDelivery(Participant.system(), m, dev.conversation.domain.DeliveryStatus.SENT, Option.some("SM-x"),
            Option.none()), Lives.at((int) c.version() + 1)).get();
    Conversation one = Lives.startPlain(store, tenant, ConversationId.of("c1"), Lives.at(0));
    Decision first = reply.apply(one, "m1");
    one = store.commit(tenant, one.version(), first).get().conversation();
    one = store.commit(tenant, one.version(), bind.apply(one, first.messages().head())).get().conversation();

    Conversation two = Lives.startPlain(store, tenant, ConversationId.of("c2"), Lives.at(0));
    Decision second = reply.apply(two, "m2");
    two = store.commit(tenant, two.version(), second).get().conversation();
    Either<Conflict, Committed> taken = store.commit(tenant, two.version(), bind.apply(two, second.messages().head()));
    assertThat(taken.isLeft()).as("rule: a provider id bound to a message of another conversation is refused").isTrue();
    assertThat(taken.getLeft()).isEqualTo(new Conflict.ProviderIdTaken(two.id(), "SM-x"));
    assertThat(store.find(tenant, two.id())).as("rule: a refused commit writes nothing").contains(two);
    assertThat(store.findMessage(tenant, two.id(), second.messages().head().id())).contains(second.messages().head());

    Decision third = reply.apply(one, "m3");
    one = store.commit(tenant, one.version(), third).get().conversation();
    Either<Conflict, Committed> again = store.commit(tenant, one.version(), bind.apply(one, third.messages().head()));
    assertThat(again.isLeft()).as("rule: and one bound in the same conversation").isTrue();
    assertThat(again.getLeft()).isInstanceOf(Conflict.ProviderIdTaken.class);
    assertThat(store.findByProviderMessageId(tenant, "SM-x").map(Message::id))
        .contains(dev.conversation.domain.MessageId.of("m1"));

    TenantId other = Lives.freshTenant();
    Conversation theirs = Lives.startPlain(store, other, ConversationId.of("c1"), Lives.at(0));
    Decision theirReply = reply.apply(theirs, "m1");
    theirs = store.commit(other, theirs.version(), theirReply).get().conversation();
    assertThat(store.commit(other, theirs.version(), bind.apply(theirs, theirReply.messages().head())).isRight())
        .as("rule: provider ids are per tenant").isTrue();
  }

  // ---------------------------------------------------------------- the AI's turn

  /**
   * The turns query returns exactly the conversations whose AI turn is open
   * ({@link Lifecycle#aiTurn}) as last committed, oldest turn first (ties by id), in one
   * tenant or across tenants, and pages of any size through their positions partition it.
   */
  @Test
  public void turnsAreTheConversationsWaitingForTheAiLongestWaitingFirst() {
    qt().withExamples(examples(15)).forAll(lists().of(ConversationGenerators.scenarios(20)).ofSizeBetween(1, 8),
        integers().between(1, 5)).checkAssert((scenarios, limit) -> {
          TenantId tenant = Lives.freshTenant();
          java.util.List<Conversation> stored = new java.util.ArrayList<>();
          int i = 0;
          for (Scenario scenario : scenarios) {
            Scenario moved = Lives.moved(scenario, tenant, ConversationId.of("t" + i++));
            stored.add(Lives.commitLife(store, moved).last().conversation());
          }
          List<Conversation> expected = List.ofAll(stored).filter(c -> Lifecycle.aiTurn(c).isDefined())
              .sortBy(c -> new Turn.Position(Lifecycle.aiTurn(c).get(), tenant, c.id()));
          Instant now = Lives.at(0);
          assertThat(store.turns(TurnQuery.at(now).inTenant(tenant).withLimit(ConversationStore.MAX_TURN_BATCH))
              .map(Turn::conversation)).as("rule: the turns are the conversations whose AI turn is open, oldest turn first")
              .containsExactlyElementsOf(expected);
          List<Turn> paged = List.empty();
          Seq<Turn> page = store.turns(TurnQuery.at(now).inTenant(tenant).withLimit(limit));
          while (page.nonEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            paged = paged.appendAll(page);
            page = store.turns(TurnQuery.at(now).inTenant(tenant).withLimit(limit).after(page.last().position()));
          }
          assertThat(paged.map(Turn::conversation)).as("rule: pages of turns partition them").containsExactlyElementsOf(expected);
          assertThat(paged.map(Turn::since)).containsExactlyElementsOf(expected.map(c -> Lifecycle.aiTurn(c).get()));
          Seq<Turn> everywhere = store.turns(TurnQuery.at(now).withLimit(ConversationStore.MAX_TURN_BATCH));
          Seq<Conversation> ours = everywhere.filter(t -> t.tenant().equals(tenant)).map(Turn::conversation);
          assertThat(expected.startsWith(ours)).as("rule: across tenants, a tenant's turns come in the same order: %s", ours)
              .isTrue();
          assertThat(everywhere.map(Turn::position).sliding(2).forAll(p -> p.size() < 2 || p.get(0).compareTo(p.get(1)) < 0))
              .as("rule: across tenants, oldest turn first").isTrue();
        });
  }

  /**
   * A claim on a turn holds until its lease ends or it is released: another claim on the same
   * turn is refused, the turns query hides it; a lapsed or released claim can be taken; a claim
   * for a later turn takes over one for an earlier turn; release needs the claim's own token.
   */
  @Test
  public void aClaimHoldsItsTurnUntilItsLeaseEndsOrItIsReleased() {
    TenantId tenant = Lives.freshTenant();
    Conversation c = Lives.startPlain(store, tenant, ConversationId.of("c"), Lives.at(0));
    c = store.commit(tenant, c.version(), Lives.customerSays(c, "m1", "Hello?", Option.none(), Lives.at(1)).get()).get()
        .conversation();
    Instant since = Lifecycle.aiTurn(c).get();
    Instant now = Lives.at(10);
    Claim first = new Claim(tenant, c.id(), "token-1", "worker-1", since, c.lastCustomerMessageAt().get(), c.version(),
        now.plusSeconds(30));
    Claim second = new Claim(tenant, c.id(), "token-2", "worker-2", since, c.lastCustomerMessageAt().get(), c.version(),
        now.plusSeconds(60));
    assertThat(store.turns(TurnQuery.at(now).inTenant(tenant)).map(Turn::conversation)).containsExactly(c);
    assertThat(store.claim(first, now)).as("rule: an unclaimed turn can be claimed").isTrue();
    assertThat(store.claimOf(tenant, c.id())).contains(first);
    assertThat(store.claim(second, now.plusSeconds(29))).as("rule: a live claim blocks another on the same turn").isFalse();
    assertThat(store.turns(TurnQuery.at(now).inTenant(tenant))).as("rule: a claimed turn is not listed").isEmpty();
    assertThat(store.turns(TurnQuery.at(now.plusSeconds(30)).inTenant(tenant))).as("rule: a lapsed claim's turn is").hasSize(1);
    assertThat(store.claim(second, now.plusSeconds(30))).as("rule: a lapsed claim can be taken over").isTrue();
    assertThat(store.release(first)).as("rule: release needs the stored claim's token").isFalse();
    assertThat(store.claimOf(tenant, c.id())).contains(second);

    Conversation again = store.commit(tenant, c.version(), Lives.customerSays(c, "m2", "Anyone?", Option.none(), Lives.at(2))
        .get()).get().conversation();
    Conversation answered = store.commit(tenant, again.version(), Lifecycle.decide(again, Command.AppendMessage.of(
        dev.conversation.domain.MessageId.of("m3"), Participant.ai(), "Yes!"), Lives.at(3)).get()).get().conversation();
    assertThat(store.turns(TurnQuery.at(now).inTenant(tenant))).as("rule: an answered turn is not listed").isEmpty();
    Conversation next = store.commit(tenant, answered.version(), Lives.customerSays(answered, "m4", "Thanks, one more",
        Option.none(), Lives.at(4)).get()).get().conversation();
    Instant later = Lifecycle.aiTurn(next).get();
    assertThat(later).isAfter(since);
    Claim third = new Claim(tenant, c.id(), "token-3", "worker-1", later, next.lastCustomerMessageAt().get(), next.version(),
        now.plusSeconds(40));
    assertThat(store.turns(TurnQuery.at(now).inTenant(tenant)).map(Turn::since))
        .as("rule: a claim on an earlier turn does not hide a later one").containsExactly(later);
    assertThat(store.claim(third, now)).as("rule: a claim for a later turn takes over a live one for an earlier turn").isTrue();
    assertThat(store.claim(second, now)).as("rule: and an earlier turn's claim cannot take it back").isFalse();
    assertThat(store.release(third)).isTrue();
    assertThat(store.claimOf(tenant, c.id())).isEmpty();
    assertThat(store.claimOf(Lives.freshTenant(), c.id())).as("rule: claims are per tenant").isEmpty();
  }

  /** Of many workers claiming one turn at once, exactly one succeeds. */
  @Test
  public void ofManyWorkersClaimingOneTurnAtOnceExactlyOneSucceeds() throws Exception {
    TenantId tenant = Lives.freshTenant();
    Conversation c = Lives.startPlain(store, tenant, ConversationId.of("c"), Lives.at(0));
    Conversation waiting = store.commit(tenant, c.version(), Lives.customerSays(c, "m1", "Hello?", Option.none(), Lives.at(1))
        .get()).get().conversation();
    Instant since = Lifecycle.aiTurn(waiting).get();
    for (int round = 0; round < 5; round++) {
      Instant now = Lives.at(100 + round * 1_000_000L);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Boolean>> tries = new java.util.ArrayList<>();
        for (int w = 0; w < 8; w++) {
          Claim claim = new Claim(tenant, waiting.id(), "r" + round + "-w" + w, "worker-" + w, since,
              waiting.lastCustomerMessageAt().get(), waiting.version(), now.plusMillis(500));
          tries.add(pool.submit(() -> {
            go.await();
            return store.claim(claim, now);
          }));
        }
        go.countDown();
        int won = 0;
        for (java.util.concurrent.Future<Boolean> f : tries) {
          won += f.get() ? 1 : 0;
        }
        assertThat(won).as("rule: exactly one of eight concurrent claims wins (round %s)", round).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  // ---------------------------------------------------------------- timers

  /** Random timer policies: each timer (lifecycle, idle human-managed, reply targets) absent or from a minute to ten days. */
  private static Gen<TimerPolicy> policies() {
    Gen<Option<java.time.Duration>> delay = booleans().all().zip(integers().between(1, 60 * 24 * 10),
        (present, minutes) -> present ? Option.some(java.time.Duration.ofMinutes(minutes)) : Option.none());
    return delay.zip(delay, delay, (r, c, i) -> new TimerPolicy(r, c, i, Option.none(), Option.none()))
        .zip(delay, delay, (p, first, next) -> new TimerPolicy(p.autoResolveAfter(), p.autoCloseAfter(),
            p.resolveIdleHumanAfter(), first, next));
  }

  /**
   * What the due query must return for a population: the conversations due under the policy each
   * was committed with, in due order, each with its timer instant plus its kind's delay there.
   */
  private static Seq<Tuple2<Conversation, Instant>> dueIn(Seq<Conversation> conversations, Seq<TimerPolicy> policies, Instant now) {
    return conversations.zip(policies).filter(cp -> Lifecycle.due(cp._1, cp._2, now).isDefined())
        .map(cp -> Tuple.of(cp._1, Lifecycle.timer(cp._1).map(t -> t._2.plus(cp._2.delay(t._1).get())).get()))
        .sortBy(t -> new Due.Position(t._2, t._1.tenantId(), t._1.id()));
  }

  /**
   * For random populations whose conversations run under two random timer policies (a workspace's
   * and a channel's, say), and random instants, a tenant's due query returns exactly the
   * conversations {@link Lifecycle#due} says are due under each one's own policy, each once, in due
   * order, with their due instants; batches after a position partition them.
   */
  @Test
  public void theDueQueryFindsExactlyWhatEachConversationsOwnPolicyMakesDue() {
    qt().withExamples(examples(40)).withShrinkCycles(10).forAll(Populations.populations(), policies().zip(policies(), Tuple::of),
        integers().between(0, 60 * 24 * 30), integers().between(1, 9)).checkAssert((population, two, minutes, batch) -> {
          Populations.Populated p = Populations.populate(store, population, n -> n % 2 == 0 ? two._1 : two._2);
          Instant earliest = p.conversations().map(Conversation::createdAt).min().get();
          Instant now = earliest.plus(java.time.Duration.ofMinutes(minutes));
          Seq<Tuple2<Conversation, Instant>> expected = dueIn(p.conversations(), p.timers(), now);
          DueQuery query = DueQuery.at(now).inTenant(p.tenant()).withLimit(batch);
          List<Due> found = List.empty();
          while (true) {
            Seq<Due> page = store.due(query);
            assertThat(page.size()).as("rule: a due batch holds at most its limit").isLessThanOrEqualTo(batch);
            found = found.appendAll(page);
            if (page.size() < batch) {
              break;
            }
            query = query.after(page.last().position());
          }
          assertThat(found.map(d -> d.conversation().id())).as("rule: batches of the due query return exactly the"
              + " conversations due under their own policies, each once, in due order").containsExactlyElementsOf(expected.map(t -> t._1.id()));
          assertThat(found.map(Due::conversation)).as("rule: a due conversation comes as stored").containsExactlyElementsOf(expected.map(t -> t._1));
          assertThat(found.map(Due::dueAt)).as("rule: each comes with its timer instant plus its kind's delay under its policy")
              .containsExactlyElementsOf(expected.map(t -> t._2));
          assertThat(found.map(Due::tenant)).as("rule: a tenant's due query returns only that tenant's conversations")
              .allMatch(p.tenant()::equals);
        });
  }

  /**
   * A due query across tenants returns every tenant's due conversations, in due order: a runner
   * needs no list of tenants.
   */
  @Test
  public void theDueQueryAcrossTenantsFindsEveryTenant() {
    qt().withExamples(examples(10)).withShrinkCycles(10).forAll(Populations.populations(), Populations.populations(), policies(), policies())
        .checkAssert((one, two, first, second) -> {
          Populations.Populated a = Populations.populate(store, one, n -> first);
          Populations.Populated b = Populations.populate(store, two, n -> second);
          Instant now = Lives.EPOCH.plus(java.time.Duration.ofDays(3650));
          Seq<Tuple2<Conversation, Instant>> expected = dueIn(a.conversations().appendAll(b.conversations()),
              a.timers().appendAll(b.timers()), now);
          DueQuery query = DueQuery.at(now);
          List<Due> ours = List.empty();
          Option<Due.Position> last = Option.none();
          while (true) {
            Seq<Due> page = store.due(query);
            for (Due d : page) {
              assertThat(last.forAll(l -> l.compareTo(d.position()) < 0)).as("rule: across tenants, due order holds").isTrue();
              last = Option.some(d.position());
            }
            ours = ours.appendAll(page.filter(d -> d.tenant().equals(a.tenant()) || d.tenant().equals(b.tenant())));
            if (page.size() < query.limit()) {
              break;
            }
            query = query.after(page.last().position());
          }
          assertThat(ours.map(d -> d.conversation().id().value() + "@" + d.tenant().value()))
              .as("rule: the due query across tenants finds every tenant's due conversations, each once")
              .containsExactlyElementsOf(expected.map(t -> t._1.id().value() + "@" + t._1.tenantId().value()));
        });
  }

  /**
   * The walk of conversations that run a timer finds each of them once, in (tenant, id) order,
   * with the due instant of the policy it was committed under (none where that policy sets no
   * delay), and nothing without a timer; batches after a key partition it.
   */
  @Test
  public void theScheduledWalkFindsEveryConversationThatRunsATimer() {
    assertThatThrownBy(() -> store.scheduled(Option.none(), 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> store.scheduled(Option.none(), ConversationStore.MAX_SCHEDULED_BATCH + 1))
        .isInstanceOf(IllegalArgumentException.class);
    qt().withExamples(examples(10)).withShrinkCycles(10).forAll(Populations.populations(), policies(), policies(), integers().between(1, 9))
        .checkAssert((population, odd, even, batch) -> {
          Populations.Populated p = Populations.populate(store, population, n -> n % 2 == 0 ? even : odd);
          Seq<Tuple2<Conversation, Option<Instant>>> expected = p.conversations().zip(p.timers())
              .filter(cp -> Lifecycle.timer(cp._1).isDefined())
              .map(cp -> Tuple.of(cp._1, Lifecycle.dueAt(cp._1, cp._2)))
              .sortBy(t -> new Scheduled.Key(t._1.tenantId(), t._1.id()));
          // Every id of the population starts with "p": the walk enters the tenant before its first.
          Option<Scheduled.Key> after = Option.some(new Scheduled.Key(p.tenant(), ConversationId.of("0")));
          List<Scheduled> found = List.empty();
          while (true) {
            Seq<Scheduled> page = store.scheduled(after, batch);
            assertThat(page.size()).as("rule: a walk batch holds at most its limit").isLessThanOrEqualTo(batch);
            Seq<Scheduled> ours = page.takeWhile(x -> x.tenant().equals(p.tenant()));
            found = found.appendAll(ours);
            if (page.size() < batch || ours.size() < page.size()) {
              break;
            }
            after = Option.some(page.last().key());
          }
          assertThat(found.map(x -> x.conversation().id())).as("rule: the walk finds exactly the conversations that run a"
              + " timer, each once, in (tenant, id) order").containsExactlyElementsOf(expected.map(t -> t._1.id()));
          assertThat(found.map(Scheduled::conversation)).as("rule: a walked conversation comes as stored")
              .containsExactlyElementsOf(expected.map(t -> t._1));
          assertThat(found.map(Scheduled::dueAt)).as("rule: each comes with the due instant of the policy it was committed under")
              .containsExactlyElementsOf(expected.map(t -> t._2));
        });
    Seq<Scheduled> first = store.scheduled(Option.none(), 3);
    assertThat(first.sliding(2).forAll(w -> w.size() < 2 || w.get(0).key().compareTo(w.get(1).key()) < 0))
        .as("rule: a walk from the start is in (tenant, id) order too").isTrue();
  }

  /**
   * Re-indexing a timer under another policy moves it in the due query and changes nothing else;
   * it applies only at the version given, and says whether the due instant changed.
   */
  @Test
  public void aRescheduleMovesTheDueInstantOnlyAtTheVersionGiven() {
    TenantId tenant = Lives.freshTenant();
    TimerPolicy fast = TimerPolicy.wakeOnly().withFirstReplyWithin(java.time.Duration.ofSeconds(1));
    TimerPolicy slow = TimerPolicy.wakeOnly().withFirstReplyWithin(java.time.Duration.ofSeconds(5));
    Conversation c = Lives.startPlain(store, tenant, ConversationId.of("c"), Lives.at(0));
    Conversation asked = store.commit(tenant, 1, Lifecycle.decide(c, Command.AppendMessage.of(
        dev.conversation.domain.MessageId.of("q1"), Participant.customer(), "Hello?"), Lives.at(10)).get(), fast).get().conversation();
    Seq<StoredEvent> events = Lives.allEvents(store, tenant, 1000);
    Instant fastDue = Lives.at(10).plusSeconds(1);
    Instant slowDue = Lives.at(10).plusSeconds(5);
    assertThat(store.due(DueQuery.at(fastDue).inTenant(tenant)).map(Due::dueAt)).as("rule: due under the policy of its commit")
        .containsExactly(fastDue);
    assertThat(store.reschedule(tenant, asked, fast)).as("rule: re-indexing under the same policy changes nothing").isFalse();
    assertThat(store.reschedule(tenant, asked, slow)).as("rule: re-indexing under another policy says it changed").isTrue();
    assertThat(store.due(DueQuery.at(slowDue.minusNanos(1000)).inTenant(tenant))).as("rule: a re-indexed timer is not due at"
        + " its old instant").isEmpty();
    assertThat(store.due(DueQuery.at(slowDue).inTenant(tenant)).map(Due::dueAt)).as("rule: it is due at its new instant")
        .containsExactly(slowDue);
    assertThat(store.find(tenant, c.id())).as("rule: re-indexing changes neither the conversation nor its version").contains(asked);
    assertThat(Lives.allEvents(store, tenant, 1000)).as("rule: re-indexing adds no event").isEqualTo(events);
    assertThat(store.scheduled(Option.some(new Scheduled.Key(tenant, ConversationId.of("0"))), 1).map(Scheduled::dueAt))
        .as("rule: the walk sees the new instant").containsExactly(Option.some(slowDue));
    assertThat(store.reschedule(tenant, asked, TimerPolicy.wakeOnly())).isTrue();
    assertThat(store.due(DueQuery.at(Lives.at(9_000_000_000L)).inTenant(tenant))).as("rule: under a policy without its delay,"
        + " a timer is never due").isEmpty();
    Conversation again = store.commit(tenant, 2, Lifecycle.decide(asked, Command.AppendMessage.of(
        dev.conversation.domain.MessageId.of("q2"), Participant.customer(), "Anyone?"), Lives.at(20)).get(), fast).get().conversation();
    assertThat(store.reschedule(tenant, asked, slow)).as("rule: re-indexing on a stale version changes nothing").isFalse();
    assertThat(store.due(DueQuery.at(fastDue).inTenant(tenant)).map(Due::conversation)).as("rule: the commit's own instant stands")
        .containsExactly(again);
    Conversation absent = Lifecycle.start(StartConversation.of(ConversationId.of("absent"), tenant, WorkspaceId.of("ws-tck"),
        Channel.of(ChannelType.WEB_CHAT)), Lives.at(0)).get().conversation();
    assertThat(store.reschedule(tenant, absent, slow)).as("rule: re-indexing a conversation not stored changes nothing").isFalse();
    assertThat(store.find(tenant, absent.id())).isEmpty();
    assertThatThrownBy(() -> store.reschedule(Lives.freshTenant(), again, slow)).as("rule: a conversation of another tenant is refused")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
  }

  /** A commit that moves or ends a conversation's timer moves it in the due query at once. */
  @Test
  public void aCommitMovesTheTimerInTheDueQuery() {
    TenantId tenant = Lives.freshTenant();
    Conversation c = Lives.startPlain(store, tenant, ConversationId.of("c"), Lives.at(0));
    Instant until = Lives.at(1_000_000);
    Conversation snoozed = store.commit(tenant, 1, Lifecycle.decideAll(c, List.of(
        Command.AppendMessage.of(dev.conversation.domain.MessageId.of("r"), Participant.ai(), "Hello!"),
        new Command.Snooze(Participant.system(), until)), Lives.at(1)).get()).get().conversation();
    assertThat(store.due(DueQuery.at(Lives.at(999_999)).inTenant(tenant))).as("rule: not due before its time").isEmpty();
    assertThat(store.due(DueQuery.at(until).inTenant(tenant)).map(Due::conversation)).as("rule: due at its time")
        .containsExactly(snoozed);
    Instant later = Lives.at(2_000_000);
    Conversation resnoozed = store.commit(tenant, 2,
        Lifecycle.decideAll(snoozed, List.of(new Command.Wake(Participant.system()), new Command.Snooze(Participant.system(), later)),
            Lives.at(2)).get()).get().conversation();
    assertThat(store.due(DueQuery.at(until).inTenant(tenant))).as("rule: a moved timer is no longer due at the old time").isEmpty();
    assertThat(store.due(DueQuery.at(later).inTenant(tenant)).map(Due::conversation)).containsExactly(resnoozed);
    store.commit(tenant, 3, Lifecycle.decide(resnoozed, new Command.Wake(Participant.system()), Lives.at(3)).get());
    assertThat(store.due(DueQuery.at(later).inTenant(tenant))).as("rule: an ended timer is not due").isEmpty();
  }

  /**
   * A reply target is due from the customer's first unanswered message; a recorded miss ends it,
   * an agent's reply ends it, the customer's next message starts the next-reply target.
   */
  @Test
  public void aReplyTargetRunsFromTheWaitUntilItsMissOrTheReply() {
    TenantId tenant = Lives.freshTenant();
    TimerPolicy targets = TimerPolicy.wakeOnly().withFirstReplyWithin(java.time.Duration.ofSeconds(1))
        .withNextReplyWithin(java.time.Duration.ofSeconds(2));
    Conversation c = Lives.startPlain(store, tenant, ConversationId.of("c"), Lives.at(0));
    Conversation asked = store.commit(tenant, 1, Lifecycle.decide(c, Command.AppendMessage.of(
        dev.conversation.domain.MessageId.of("q1"), Participant.customer(), "Hello?"), Lives.at(10)).get(), targets).get().conversation();
    Conversation again = store.commit(tenant, 2, Lifecycle.decide(asked, Command.AppendMessage.of(
        dev.conversation.domain.MessageId.of("q2"), Participant.customer(), "Anyone?"), Lives.at(20)).get(), targets).get().conversation();
    assertThat(store.due(DueQuery.at(Lives.at(1_000_009)).inTenant(tenant))).as("rule: a reply target is not due early").isEmpty();
    Seq<Due> missed = store.due(DueQuery.at(Lives.at(1_000_010)).inTenant(tenant));
    assertThat(missed.map(Due::conversation)).as("rule: the first-reply target runs from the first unanswered message")
        .containsExactly(again);
    assertThat(missed.map(Due::dueAt)).containsExactly(Lives.at(1_000_010));
    Conversation recorded = store.commit(tenant, 3, Lifecycle.tick(again, targets, Lives.at(1_000_010)).get(), targets).get().conversation();
    assertThat(store.due(DueQuery.at(Lives.at(9_000_000)).inTenant(tenant))).as("rule: a recorded miss ends the target").isEmpty();
    Conversation replied = store.commit(tenant, 4, Lifecycle.decide(recorded, Command.AppendMessage.of(
        dev.conversation.domain.MessageId.of("a1"), Participant.ai(), "Here!"), Lives.at(1_000_100)).get(), targets).get().conversation();
    Conversation next = store.commit(tenant, 5, Lifecycle.decide(replied, Command.AppendMessage.of(
        dev.conversation.domain.MessageId.of("q3"), Participant.customer(), "Thanks, one more"), Lives.at(1_000_200)).get(), targets)
        .get().conversation();
    assertThat(store.due(DueQuery.at(Lives.at(3_000_199)).inTenant(tenant))).isEmpty();
    assertThat(store.due(DueQuery.at(Lives.at(3_000_200)).inTenant(tenant)).map(Due::conversation))
        .as("rule: the customer's next message starts the next-reply target").containsExactly(next);
  }

  /** A started conversation on {@code channel} for {@code contact}, with the address the channel needs. */
  private static Decision startedOn(TenantId tenant, String id, Channel channel, String contact, long micros) {
    StartConversation start = StartConversation.of(ConversationId.of(id), tenant, WorkspaceId.of("ws-tck"), channel)
        .contactId(ContactId.of(contact));
    Option<String> address = channel.type().requires().map(kind -> switch (kind) {
      case PHONE -> "+15550100";
      case EMAIL -> contact + "@example.com";
      case HANDLE -> contact;
    });
    return Lifecycle.start(address.map(start::customerAddress).getOrElse(start), Lives.at(micros))
        .getOrElseThrow(r -> new IllegalStateException(r.message()));
  }

  /** Returns the decision as if taken on another version (for stale commits). */
  private static Decision rebased(Decision d, long expected) {
    return new Decision(Conversation.builder().from(d.conversation()).version(expected + 1).build(), d.messages(), d.events(),
        d.updated());
  }
}
