package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.GLOBEX;
import static dev.conversation.persistence.StoreFixtures.changes;
import static dev.conversation.persistence.StoreFixtures.inTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.conversation.domain.Decision;
import dev.conversation.domain.TenantId;
import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The outbox of random interleaved conversation lives, read in random batches from checkpoints. */
class OutboxProperties {

  @Test
  void batchesReadFromACheckpointYieldEveryEventOnceInCommitOrder() {
    qt().withExamples(60).withShrinkCycles(50)
        .forAll(lists().of(ConversationGenerators.scenarios(15)).ofSizeBetween(1, 8), longs().all(), integers().between(1, 9))
        .checkAssert((scenarios, seed, batch) -> {
          Random random = new Random(seed);
          ConversationStore store = ConversationStore.inMemory();
          java.util.List<Deque<Decision>> lives = new ArrayList<>();
          Set<String> ids = new HashSet<>();
          for (Scenario s : scenarios) {
            TenantId tenant = random.nextInt(3) == 0 ? GLOBEX : ACME;
            if (ids.add(tenant + "/" + s.start().id().value())) {
              lives.add(new ArrayDeque<>(changes(inTenant(s, tenant, s.startedAt()).play()).toJavaList()));
            }
          }
          java.util.Map<TenantId, java.util.List<StoredEvent>> committed = new java.util.HashMap<>();
          while (!lives.isEmpty()) {
            Deque<Decision> life = lives.get(random.nextInt(lives.size()));
            Decision d = life.removeFirst();
            if (life.isEmpty()) {
              lives.remove(life);
            }
            TenantId tenant = d.conversation().tenantId();
            Committed c = store.commit(tenant, d.conversation().version() - 1, d)
                .getOrElseThrow(conflict -> new AssertionError(conflict.message()));
            assertThat(c.events().map(StoredEvent::event)).isEqualTo(d.events());
            committed.computeIfAbsent(tenant, t -> new ArrayList<>()).addAll(c.events().toJavaList());
          }

          for (TenantId tenant : java.util.List.of(ACME, GLOBEX)) {
            Seq<StoredEvent> expected = List.ofAll(committed.getOrDefault(tenant, java.util.List.of()));
            Seq<StoredEvent> all = store.events(tenant, 0, ConversationStore.MAX_EVENT_BATCH);
            assertThat(all).as("%s outbox in commit order", tenant).isEqualTo(expected);
            assertThat(all).allSatisfy(e -> assertThat(e.event().tenantId()).isEqualTo(tenant));
            for (int i = 1; i < all.size(); i++) {
              assertThat(all.get(i).position()).as("strictly increasing").isGreaterThan(all.get(i - 1).position());
            }

            java.util.List<StoredEvent> relayed = new ArrayList<>();
            long checkpoint = 0;
            while (true) {
              Seq<StoredEvent> next = store.events(tenant, checkpoint, batch);
              assertThat(next.size()).isLessThanOrEqualTo(batch);
              if (next.isEmpty()) {
                break;
              }
              long after = checkpoint;
              assertThat(next).allSatisfy(e -> assertThat(e.position()).isGreaterThan(after));
              relayed.addAll(next.toJavaList());
              checkpoint = next.last().position();
            }
            assertThat(List.ofAll(relayed)).as("%s relayed in batches of %d", tenant, batch).isEqualTo(expected);
          }
        });
  }
}
