package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Eight writers at once on a real PostgreSQL, through the service as hosts use it: on one
 * conversation, the version check and the service's optimistic retry must serialize them without
 * losing, duplicating or refusing a message, and idempotent resends racing their originals must
 * get the original back; on eight conversations of one tenant, a relay reading the outbox while
 * they commit must see every event exactly once, in position order.
 */
class PostgresConcurrentWritersTest {

  private static final int WRITERS = 8;
  private static final int SENDS = 150;
  /** Every KEYED-th send carries an idempotency key, and the next writer sends it again at about the same time. */
  private static final int KEYED = 4;
  private static final WorkspaceId SUPPORT = WorkspaceId.of("support");
  private static final Channel WEB_CHAT = Channel.of(ChannelType.WEB_CHAT);

  private static final HikariDataSource DATABASE = Databases.postgres();

  /** One send and what it returned. */
  record Sent(String content, Option<String> key, Either<Problem, Outcome> result) {}

  @Test
  void eightWritersOnOneConversationStoreEverySendOnceReplayResendsAndKeepVersionsAndOutboxInOrder() {
    assertTimeoutPreemptively(Duration.ofSeconds(45), () -> {
      try (Conversations service = service()) {
        TenantId tenant = TenantId.of("one-conversation");
        Outcome created = right(service.create(tenant, NewConversation.on(SUPPORT, WEB_CHAT)));
        ConversationId id = created.conversation().id();

        long started = System.nanoTime();
        ConcurrentLinkedQueue<Sent> sent = inParallel(writer -> {
          java.util.List<Sent> mine = new ArrayList<>();
          for (int i = 0; i < SENDS; i++) {
            mine.add(send(service, tenant, id, writer, i));
            if (i % KEYED == 0) {
              // The same request again, as the next writer's client would retry it, racing the original.
              mine.add(send(service, tenant, id, (writer + 1) % WRITERS, i));
            }
          }
          return mine;
        });
        System.out.println("PostgresConcurrentWritersTest: " + sent.size() + " sends to one conversation by "
            + WRITERS + " threads took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");

        int keyed = WRITERS * ((SENDS + KEYED - 1) / KEYED);
        assertThat(sent).as("rule: every send was answered").hasSize(WRITERS * SENDS + keyed);
        assertThat(sent).as("rule: no send returned a problem (no Contended, no Unavailable)")
            .allSatisfy(s -> assertThat(s.result().isRight()).as("send of %s: %s", s.content(), s.result()).isTrue());
        Seq<Outcome> originals = List.ofAll(sent).map(s -> s.result().get()).filter(o -> !o.replayed());
        assertThat(originals.size()).as("rule: exactly one send per distinct message stored it")
            .isEqualTo(WRITERS * SENDS);
        assertThat(originals).as("rule: each storing send stored one message and its event")
            .allMatch(o -> o.messages().size() == 1 && o.changed());

        ConversationStore store = service.store();
        Seq<Message> history = allMessages(service, tenant, id);
        assertThat(history).as("rule: the history holds %d messages", WRITERS * SENDS).hasSize(WRITERS * SENDS);
        assertThat(history.map(Message::id).distinct()).as("rule: no message id is stored twice")
            .hasSize(history.size());
        Set<String> expectedContents = new HashSet<>();
        for (int w = 0; w < WRITERS; w++) {
          for (int i = 0; i < SENDS; i++) {
            expectedContents.add(content(w, i));
          }
        }
        assertThat(history.map(Message::content).toJavaSet()).as("rule: every distinct message is stored, once")
            .isEqualTo(expectedContents);
        assertThat(history.map(Message::id).toJavaSet())
            .as("rule: the history is exactly the messages the storing sends returned")
            .isEqualTo(originals.map(o -> o.messages().head().id()).toJavaSet());

        Map<String, java.util.List<Sent>> byKey = new HashMap<>();
        sent.stream().filter(s -> s.key().isDefined()).forEach(s -> byKey.computeIfAbsent(s.key().get(), k -> new ArrayList<>()).add(s));
        assertThat(byKey).as("rule: every keyed message was sent twice").hasSize(keyed)
            .allSatisfy((key, twice) -> assertThat(twice).hasSize(2));
        byKey.forEach((key, twice) -> {
          Seq<Outcome> outcomes = List.ofAll(twice).map(s -> s.result().get());
          assertThat(outcomes.filter(o -> !o.replayed())).as("rule: exactly one send of key %s stored it", key).hasSize(1);
          Message original = outcomes.find(o -> !o.replayed()).get().messages().head();
          Outcome replay = outcomes.find(Outcome::replayed).get();
          assertThat(replay.messages()).as("rule: the resend of key %s got the original message back", key)
              .containsExactly(original);
          assertThat(replay.events()).as("rule: a replay stores no event").isEmpty();
          assertThat(store.findByIdempotencyKey(tenant, id, key)).as("rule: key %s finds the original", key)
              .contains(original);
        });

        Conversation after = right(service.get(tenant, id));
        assertThat(after.version()).as("rule: the version is 1 plus one per stored change")
            .isEqualTo(1L + originals.size());
        assertThat(after.messageCount()).as("rule: messageCount matches the history").isEqualTo(history.size());

        Seq<StoredEvent> outbox = allEvents(service, tenant);
        assertOrdered(outbox);
        Seq<StoredEvent> committed = created.events().appendAll(originals.flatMap(Outcome::events));
        assertThat(outbox.toJavaList()).as("rule: the outbox holds every committed event exactly once")
            .containsExactlyInAnyOrderElementsOf(committed.toJavaList());
        assertThat(outbox.map(e -> e.event().version()).distinct().toJavaList())
            .as("rule: the conversation's versions appear in the outbox as 1..%d, in order", after.version())
            .isEqualTo(List.rangeClosed(1L, after.version()).toJavaList());
      }
    });
  }

  @Test
  void aRelayReadingTheOutboxWhileEightWritersCommitSeesEveryEventExactlyOnceInPositionOrder() {
    assertTimeoutPreemptively(Duration.ofSeconds(45), () -> {
      try (Conversations service = service()) {
        TenantId tenant = TenantId.of("eight-conversations");
        java.util.List<ConversationId> ids = new ArrayList<>();
        java.util.List<StoredEvent> createdEvents = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          Outcome created = right(service.create(tenant, NewConversation.on(SUPPORT, WEB_CHAT)));
          ids.add(created.conversation().id());
          createdEvents.addAll(created.events().toJavaList());
        }

        AtomicBoolean writersDone = new AtomicBoolean();
        ConcurrentLinkedQueue<StoredEvent> relayed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Problem> relayProblems = new ConcurrentLinkedQueue<>();
        ExecutorService relayThread = Executors.newSingleThreadExecutor();
        Future<Integer> relay = relayThread.submit(() -> {
          long checkpoint = 0;
          int reads = 0;
          while (true) {
            boolean finished = writersDone.get();
            Either<Problem, Seq<StoredEvent>> read = service.events(tenant, checkpoint, 50);
            reads++;
            if (read.isLeft()) {
              relayProblems.add(read.getLeft());
              return reads;
            }
            relayed.addAll(read.get().toJavaList());
            if (read.get().nonEmpty()) {
              checkpoint = read.get().last().position();
            } else if (finished) {
              return reads;
            } else {
              Thread.sleep(1);
            }
          }
        });

        ConcurrentLinkedQueue<Sent> sent;
        try {
          sent = inParallel(writer -> {
            java.util.List<Sent> mine = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
              mine.add(send(service, tenant, ids.get(writer), writer, i));
            }
            return mine;
          });
        } finally {
          writersDone.set(true);
        }
        int reads = relay.get(30, TimeUnit.SECONDS);
        relayThread.shutdownNow();

        assertThat(sent).as("rule: no send returned a problem")
            .allSatisfy(s -> assertThat(s.result().isRight()).as("send of %s: %s", s.content(), s.result()).isTrue());
        assertThat(relayProblems).as("rule: no relay read returned a problem").isEmpty();
        assertThat(reads).as("rule: the relay read while the writers committed, not only afterwards").isGreaterThan(2);

        Seq<StoredEvent> seen = List.ofAll(relayed);
        assertOrdered(seen);
        Seq<StoredEvent> committed = List.ofAll(createdEvents)
            .appendAll(List.ofAll(sent).flatMap(s -> s.result().get().events()));
        assertThat(seen.toJavaList()).as("rule: the relay saw every committed event exactly once")
            .containsExactlyInAnyOrderElementsOf(committed.toJavaList());
        assertThat(seen.toJavaList()).as("rule: the relay saw the outbox exactly as it reads when all is done")
            .isEqualTo(allEvents(service, tenant).toJavaList());
        for (ConversationId id : ids) {
          Seq<Long> versions = seen.filter(e -> e.event().conversationId().equals(id)).map(e -> e.event().version());
          assertThat(versions.toJavaList()).as("rule: the relay saw conversation %s's versions 1..%d in order", id, SENDS + 1)
              .isEqualTo(List.rangeClosed(1L, SENDS + 1L).toJavaList());
          assertThat(right(service.get(tenant, id)).version()).as("rule: each conversation took every send")
              .isEqualTo(SENDS + 1L);
        }
      }
    });
  }

  // ------------------------------------------------------------------------------- helpers

  /**
   * The service as a host builds it, but with a retry budget of ONE attempt: writers of one
   * instance take turns on a conversation, so none may ever meet a stale version; a send refused
   * as Contended fails the test.
   */
  private static Conversations service() {
    return Conversations.builder().store(JdbcConversationStore.on(DATABASE)).directory(JdbcDirectory.on(DATABASE))
        .attempts(1).build();
  }

  private static String content(int writer, int index) {
    return "message " + writer + "-" + index;
  }

  /** Writer {@code writer}'s {@code index}-th message, sent by whoever calls: keyed if its index says so. */
  private static Sent send(Conversations service, TenantId tenant, ConversationId id, int writer, int index) {
    NewMessage message = NewMessage.of(Participant.customer(), content(writer, index));
    Option<String> key = index % KEYED == 0 ? Option.some("key-" + writer + "-" + index) : Option.none();
    if (key.isDefined()) {
      message = message.withIdempotencyKey(key.get());
    }
    return new Sent(message.content(), key, service.send(tenant, id, message));
  }

  /** Runs the writers at once, released together, and returns everything they sent. */
  private static ConcurrentLinkedQueue<Sent> inParallel(Function<Integer, java.util.List<Sent>> writer) throws Exception {
    ConcurrentLinkedQueue<Sent> all = new ConcurrentLinkedQueue<>();
    CountDownLatch ready = new CountDownLatch(WRITERS);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      java.util.List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int number = w;
        writers.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          all.addAll(writer.apply(number));
          return null;
        }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).as("rule: all writers are ready").isTrue();
      go.countDown();
      for (Future<?> f : writers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return all;
  }

  private static void assertOrdered(Seq<StoredEvent> events) {
    assertThat(events.map(StoredEvent::position).sliding(2).forAll(p -> p.size() < 2 || p.get(0) < p.get(1)))
        .as("rule: outbox positions strictly increase in reading order").isTrue();
    Seq<DomainEvent> domain = events.map(StoredEvent::event);
    assertThat(domain.groupBy(DomainEvent::conversationId).forAll(g -> g._2.map(DomainEvent::version)
            .sliding(2).forAll(p -> p.size() < 2 || p.get(0) <= p.get(1))))
        .as("rule: each conversation's events are in version order in the outbox").isTrue();
  }

  private static Seq<StoredEvent> allEvents(Conversations service, TenantId tenant) {
    List<StoredEvent> all = List.empty();
    long checkpoint = 0;
    while (true) {
      Seq<StoredEvent> read = right(service.events(tenant, checkpoint, ConversationStore.MAX_EVENT_BATCH));
      if (read.isEmpty()) {
        return all;
      }
      all = all.appendAll(read);
      checkpoint = read.last().position();
    }
  }

  private static Seq<Message> allMessages(Conversations service, TenantId tenant, ConversationId id) {
    List<Message> all = List.empty();
    Option<String> cursor = Option.none();
    do {
      var page = right(service.history(tenant, id, Option.some(100), cursor));
      all = all.appendAll(page.items());
      cursor = page.next();
    } while (cursor.isDefined());
    return all;
  }

  private static <T> T right(Either<Problem, T> result) {
    assertThat(result.isRight()).as("rule: the call succeeds, got %s", result.isLeft() ? result.getLeft() : null)
        .isTrue();
    return result.get();
  }
}
