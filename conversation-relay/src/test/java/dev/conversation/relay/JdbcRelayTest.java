package dev.conversation.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay state in the JDBC store's database, on H2 and PostgreSQL; and a relay that delivers
 * while eight writers commit in one tenant misses nothing and keeps each conversation's order.
 */
class JdbcRelayTest {

  private static final TenantId ACME = TenantId.of("acme");

  private static HikariDataSource database(String engine) {
    return engine.equals("postgresql") ? Databases.postgres() : Databases.h2();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void theStateKeepsCheckpointsForwardAndParkedEventsOnceInOrder(String engine) {
    try (HikariDataSource db = database(engine); Conversations service = Conversations.builder()
        .store(JdbcConversationStore.on(db)).build()) {
      ConversationId id = service.create(ACME, NewConversation.on(WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT))
          .firstMessage(NewMessage.of(Participant.customer(), "hello"))).get().conversation().id();
      Seq<StoredEvent> events = service.store().events(ACME, 0, 10);
      RelayState state = RelayState.jdbc(db);
      assertThat(state.checkpoint("r", ACME)).isZero();
      state.advance("r", ACME, 7);
      state.advance("r", ACME, 5);
      assertThat(state.checkpoint("r", ACME)).as("a checkpoint never moves back").isEqualTo(7);
      state.advance("r", ACME, 9);
      assertThat(state.checkpoint("r", ACME)).isEqualTo(9);
      assertThat(state.checkpoint("other", ACME)).as("per relay name").isZero();
      assertThat(state.checkpoint("r", TenantId.of("globex"))).as("per tenant").isZero();
      assertThat(state.lowestCheckpoint(ACME)).as("no relay registered: nothing may be pruned").isZero();
      state.register("r");
      state.register("r");
      assertThat(state.lowestCheckpoint(ACME)).isEqualTo(9);
      state.register("slow");
      assertThat(state.lowestCheckpoint(ACME)).as("a registered relay without a checkpoint here holds everything").isZero();
      state.advance("slow", ACME, 4);
      assertThat(state.lowestCheckpoint(ACME)).as("the lowest of the registered relays' checkpoints").isEqualTo(4);
      assertThat(state.lowestCheckpoint(TenantId.of("globex"))).as("none kept: nothing delivered").isZero();
      state.forget("slow");
      assertThat(state.lowestCheckpoint(ACME)).as("a forgotten relay holds nothing back").isEqualTo(9);
      assertThat(state.checkpoint("slow", ACME)).isZero();
      Instant at = Instant.parse("2026-11-30T10:00:00Z");
      state.park("r", ACME, events.get(1), "held", at);
      state.park("r", ACME, events.get(0), "refused: HTTP 400", at);
      state.park("r", ACME, events.get(0), "again", at);
      Seq<Parked> parked = state.parked("r", ACME);
      assertThat(parked.map(p -> p.event())).as("once each, in outbox order, the event as stored").containsExactly(events.get(0), events.get(1));
      assertThat(parked.map(Parked::reason)).containsExactly("refused: HTTP 400", "held");
      assertThat(parked.head().event().event().conversationId()).isEqualTo(id);
      assertThat(parked.head().parkedAt()).isEqualTo(at);
      assertThat(state.parked("other", ACME)).isEmpty();
      assertThat(state.unpark("r", ACME, events.get(0).position())).isTrue();
      assertThat(state.unpark("r", ACME, events.get(0).position())).isFalse();
      assertThat(state.parked("r", ACME).map(Parked::event)).containsExactly(events.get(1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aRelayDeliveringWhileEightWritersCommitInOneTenantMissesNothing(String engine) throws Exception {
    try (HikariDataSource db = database(engine);
         Conversations service = Conversations.builder().store(JdbcConversationStore.on(db)).build()) {
      Set<String> seen = ConcurrentHashMap.newKeySet();
      java.util.Map<String, Long> lastVersion = new ConcurrentHashMap<>();
      AtomicBoolean outOfOrder = new AtomicBoolean();
      Sink recording = event -> {
        String conversation = event.getSubject();
        long version = Long.parseLong(String.valueOf(event.getExtension("conversationversion")));
        if (seen.add(event.getId())) {
          Long before = lastVersion.put(conversation, version);
          if (before != null && before > version) {
            outOfOrder.set(true);
          }
        }
        return Sink.Result.delivered();
      };
      Relay relay = Relay.builder("kafka-like", service.store(), RelayState.jdbc(db), recording).tenants(() -> List.of(ACME))
          .batch(50).build();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      java.util.List<Future<?>> done = new java.util.ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        done.add(writers.submit(() -> {
          ConversationId id = service.create(ACME, NewConversation.on(WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT))
              .firstMessage(NewMessage.of(Participant.customer(), "hello from " + writer))).get().conversation().id();
          for (int i = 0; i < 40; i++) {
            service.send(ACME, id, NewMessage.of(i % 2 == 0 ? Participant.ai() : Participant.customer(), "m" + i)).get();
          }
          return null;
        }));
      }
      Supplier<Boolean> finished = () -> done.stream().allMatch(Future::isDone);
      while (!finished.get()) {
        relay.pollNow();
      }
      for (Future<?> f : done) {
        f.get();
      }
      writers.shutdown();
      relay.pollNow();
      relay.pollNow();
      List<String> all = List.empty();
      long after = 0;
      while (true) {
        Seq<StoredEvent> page = service.store().events(ACME, after, 1000);
        all = all.appendAll(page.map(e -> Envelope.id(ACME, e.position())));
        if (page.size() < 1000) {
          break;
        }
        after = page.last().position();
      }
      assertThat(seen).as("every event committed while the relay ran was delivered").containsExactlyInAnyOrderElementsOf(all);
      assertThat(all.size()).as("8 conversations, 41 commits each, at least one event per commit").isGreaterThanOrEqualTo(8 * 41);
      assertThat(outOfOrder.get()).as("each conversation's events in version order").isFalse();
      assertThat(RelayState.jdbc(db).checkpoint("kafka-like", ACME)).as("the durable checkpoint is at the last event")
          .isEqualTo(lastPosition(service.store()));
    }
  }

  private static long lastPosition(ConversationStore store) {
    long after = 0;
    long last = 0;
    while (true) {
      Seq<StoredEvent> page = store.events(ACME, after, 1000);
      if (page.isEmpty()) {
        return last;
      }
      last = page.last().position();
      after = last;
    }
  }
}
