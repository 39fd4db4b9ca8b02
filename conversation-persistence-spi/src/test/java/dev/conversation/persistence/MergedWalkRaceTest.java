package dev.conversation.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.*;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A filter over several values of one index (any of tags a, b), walked in creation order while one
 * conversation flips between the two tags: it matches throughout, so every full walk must return
 * it. (An outside review found walks that missed it before moves between values made a walk retry.)
 */
class MergedWalkRaceTest {
  static final TenantId T = TenantId.of("acme");
  static final Instant T0 = Instant.parse("2026-03-24T08:15:00Z");

  @Test
  void aMultiValueWalkNeverMissesAConversationThatMatchesThroughout() throws Exception {
    InMemoryConversationStore store = new InMemoryConversationStore();
    // 2000 "filler" conversations tagged a or b, plus one "mover" flipping a <-> b
    for (int i = 0; i < 2000; i++) {
      Conversation c = Lifecycle.start(StartConversation.of(ConversationId.of("c" + String.format("%05d", i)), T,
          WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT)), T0.plusSeconds(i)).get().conversation();
      store.commit(T, 0, Lifecycle.start(StartConversation.of(c.id(), T, WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT)), T0.plusSeconds(i)).get());
      Conversation cur = store.find(T, c.id()).get();
      Decision d = Lifecycle.decide(cur, new Command.UpdateMetadata(Participant.system(), Option.none(), Option.none(),
          List.of(i == 0 || i == 1999 ? "b" : "a"), List.empty(), Option.none(), Option.none(), Option.none(), Option.none(), Option.none()), T0.plusSeconds(5000)).get();
      store.commit(T, cur.version(), d);
    }
    ConversationId mover = ConversationId.of("c01000");
    AtomicBoolean stop = new AtomicBoolean();
    Thread flipper = new Thread(() -> {
      Instant now = T0.plusSeconds(10000);
      while (!stop.get()) {
        Conversation cur = store.find(T, mover).get();
        boolean hasA = cur.tags().exists(t -> t.value().equals("a"));
        now = now.plusMillis(1);
        Decision d = Lifecycle.decide(cur, new Command.UpdateMetadata(Participant.system(), Option.none(), Option.none(),
            List.of(hasA ? "b" : "a"), List.of(hasA ? "a" : "b"), Option.none(), Option.none(), Option.none(), Option.none(), Option.none()), now).get();
        store.commit(T, cur.version(), d);
      }
    });
    flipper.start();
    int misses = 0;
    int runs = 0;
    ConversationFilter f = ConversationFilter.all().withAnyTag(Tag.of("a"), Tag.of("b"));
    long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < end) {
      ConversationQuery q = ConversationQuery.first(f).withOrder(Order.CREATED).withLimit(100);
      boolean seen = false;
      Page<Conversation> page = store.list(T, q);
      while (true) {
        if (page.items().exists(c -> c.id().equals(mover))) seen = true;
        if (page.next().isEmpty()) break;
        page = store.list(T, q.after(page.next().get()).get());
      }
      runs++;
      if (!seen) misses++;
    }
    stop.set(true);
    flipper.join();
    assertThat(runs).isPositive();
    assertThat(misses).as("walks that missed the conversation, of %d", runs).isZero();
  }
}
