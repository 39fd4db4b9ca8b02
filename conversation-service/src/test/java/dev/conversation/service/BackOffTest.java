package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ConversationId;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationStore;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Between two attempts that lost to another writer, the commit loop backs off: after every lost
 * attempt, for a random time under a ceiling that doubles per attempt up to a cap.
 */
class BackOffTest {

  @Test
  void everyLostAttemptBacksOffBeforeTheNextAndTheLastGivesUpAtOnce() {
    DelegatingStore store = new DelegatingStore(ConversationStore.inMemory());
    CopyOnWriteArrayList<Long> backedOff = new CopyOnWriteArrayList<>();
    try (Conversations service = ServiceFixtures.deterministic(new ManualClock(T0)).store(store).attempts(5)
        .backOff(attempt -> {
          backedOff.add(attempt);
          return 0;
        }).build()) {
      ConversationId id = started(service, ACME).id();
      store.script((n, tenant, expected, decision) ->
          Option.some(Either.left(new Conflict.StaleVersion(id, expected, expected + 1))));
      Problem problem = left(service.send(ACME, id, customer("hello")));
      assertThat(problem).isInstanceOf(Problem.Contended.class);
      assertThat(store.commits.get()).isEqualTo(5);
      assertThat(backedOff).as("no wait after the last attempt").containsExactly(1L, 2L, 3L, 4L);
    }
  }

  @Test
  void theCeilingDoublesFromFortyMicrosecondsUpToACapOfAboutFortyMilliseconds() {
    assertThat(LongStream.rangeClosed(1, 13).map(CommitLoop::ceiling).toArray())
        .containsExactly(40, 80, 160, 320, 640, 1_280, 2_560, 5_120, 10_240, 20_480, 40_960, 40_960, 40_960);
    assertThat(CommitLoop.ceiling(0)).isEqualTo(40);
  }

  @Test
  void aBackOffParksForARandomWholeNumberOfMicrosecondsFromOneUpToTheCeiling() {
    java.util.Set<Long> seen = new java.util.TreeSet<>();
    for (int i = 0; i < 4_000; i++) {
      long[] parked = new long[1];
      long micros = CommitLoop.backOff(1, nanos -> parked[0] = nanos);
      assertThat(parked[0]).as("parks the microseconds it returns").isEqualTo(micros * 1000);
      seen.add(micros);
    }
    assertThat(seen).as("every wait from 1 to 40 us, and no other (4,000 draws)")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
  }

  @Test
  void theProductionBackOffReportsAWaitWithinTheCeiling() {
    assertThat(CommitLoop.backOff(3)).isBetween(1L, CommitLoop.ceiling(3));
  }
}
