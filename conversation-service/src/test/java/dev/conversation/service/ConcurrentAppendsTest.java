package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.allMessages;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many writers append to one conversation at once through the real in-memory store and the system
 * clock: writers of one instance take turns on the conversation, so with a retry budget of ONE
 * attempt not a single send meets a stale version (no {@code Contended}), none is lost or
 * duplicated, and the outbox carries one event per version in order.
 */
class ConcurrentAppendsTest {

  private static final int THREADS = 8;
  private static final int SENDS_PER_THREAD = 2_000;
  private static final int TOTAL = THREADS * SENDS_PER_THREAD;

  @Test
  void sixteenThousandConcurrentSendsToOneConversationWithOneAttemptEachAreAllStoredOnceInOrder() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (Conversations service = Conversations.builder().attempts(1).build()) {
        ConversationId id = started(service, ACME).id();
        ConcurrentLinkedQueue<Either<Problem, Outcome>> results = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long started;
        try {
          List<Future<?>> writers = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
              ready.countDown();
              go.await();
              for (int i = 0; i < SENDS_PER_THREAD; i++) {
                results.add(service.send(ACME, id,
                    customer("message " + thread + "-" + i).withIdempotencyKey("key-" + thread + "-" + i)));
              }
              return null;
            }));
          }
          assertThat(ready.await(10, TimeUnit.SECONDS)).as("all writers ready").isTrue();
          started = System.nanoTime();
          go.countDown();
          for (Future<?> writer : writers) {
            writer.get();
          }
        } finally {
          pool.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("ConcurrentAppendsTest: " + TOTAL + " sends by " + THREADS + " threads took " + millis + " ms");

        assertThat(results).hasSize(TOTAL);
        assertThat(results).as("no call was refused (no Contended, no other problem)").allMatch(Either::isRight);
        assertThat(results).as("no send was answered as a replay").noneMatch(r -> r.get().replayed());
        assertThat(results).allMatch(r -> r.get().messages().size() == 1 && r.get().changed());

        Seq<Message> history = allMessages(service, ACME, id, 100);
        assertThat(history).hasSize(TOTAL);
        Set<String> ids = new HashSet<>();
        Set<String> contents = new HashSet<>();
        for (Message m : history) {
          assertThat(ids.add(m.id().value())).as("duplicate message id %s", m.id()).isTrue();
          assertThat(contents.add(m.content())).as("duplicate content %s", m.content()).isTrue();
        }
        assertThat(history.map(Message::createdAt).sliding(2).forAll(p -> p.size() < 2 || p.get(0).isBefore(p.get(1))))
            .as("message times strictly increase in history order").isTrue();

        Conversation after = right(service.get(ACME, id));
        assertThat(after.messageCount()).isEqualTo(TOTAL);
        assertThat(after.version()).isEqualTo(1L + TOTAL);

        Seq<StoredEvent> events = allEvents(service, ACME, 1_000).filter(e -> e.event().conversationId().equals(id));
        assertThat(events.map(e -> e.event().version()).toJavaList())
            .as("event versions are exactly 1..%d in outbox order", TOTAL + 1)
            .isEqualTo(io.vavr.collection.List.rangeClosed(1L, TOTAL + 1L).toJavaList());
        assertThat(events.map(StoredEvent::position).sliding(2).forAll(p -> p.size() < 2 || p.get(0) < p.get(1)))
            .as("outbox positions strictly increase").isTrue();
      }
    });
  }
}
