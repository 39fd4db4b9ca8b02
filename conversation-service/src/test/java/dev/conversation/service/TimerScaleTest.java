package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.Status;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationStore;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A tick over 200,000 conversations of one tenant, 500 of them due: it reads what is due, not
 * what is stored. Counted, not timed: the store is asked for one batch of due conversations, and
 * each of the 500 is loaded a bounded number of times; none of the 199,500 others is read. (The
 * elapsed time is printed for the record.)
 */
class TimerScaleTest {

  private static final int CONVERSATIONS = 200_000;
  private static final int DUE = 500;
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

  @Test
  void aTickReadsWhatIsDueNotWhatIsStored() {
    AtomicLong returned = new AtomicLong();
    AtomicLong dueCalls = new AtomicLong();
    DelegatingStore store = new DelegatingStore(ConversationStore.inMemory()) {
      @Override
      public Seq<dev.conversation.persistence.Due> due(dev.conversation.persistence.DueQuery query) {
        dueCalls.incrementAndGet();
        Seq<dev.conversation.persistence.Due> found = super.due(query);
        returned.addAndGet(found.size());
        return found;
      }
    };
    for (int i = 0; i < CONVERSATIONS; i++) {
      Instant at = T0.plusMillis(i);
      Conversation c = store.commit(ACME, 0, Lifecycle.start(StartConversation.of(ConversationId.of("c" + i), ACME,
          WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT)), at).get()).get().conversation();
      Command reply = Command.AppendMessage.of(MessageId.of("m" + i), Participant.ai(), "How can I help?");
      io.vavr.collection.List<Command> next = i % (CONVERSATIONS / DUE) == 0
          ? io.vavr.collection.List.of(reply, new Command.Snooze(Participant.system(), at.plus(Duration.ofMinutes(30))))  // due
          : i % 2 == 0 ? io.vavr.collection.List.of(reply, new Command.Snooze(Participant.system(), at.plus(Duration.ofDays(30))))
          : io.vavr.collection.List.of(reply);  // WAITING, not due for a day
      store.commit(ACME, 1, Lifecycle.decideAll(c, next, at.plusMillis(1)).get());
    }
    ManualClock clock = new ManualClock(T0.plus(Duration.ofHours(2)));
    try (Conversations service = Conversations.builder().store(store).clock(clock)
        .timers(TimerPolicy.of(Duration.ofDays(1), Duration.ofDays(3))).build()) {
      store.script((n, t, v, d) -> io.vavr.control.Option.none());  // resets the find counter
      long started = System.nanoTime();
      Seq<Outcome> fired = right(service.tick(ACME));
      long micros = (System.nanoTime() - started) / 1000;
      System.out.printf("tick over %,d conversations with %d due: %,d us%n", CONVERSATIONS, DUE, micros);
      assertThat(fired).hasSize(DUE);
      assertThat(fired.map(o -> o.conversation().status())).doesNotContain(Status.SNOOZED);
      assertThat(returned.get()).as("the store returned only the due conversations").isEqualTo(DUE);
      assertThat(dueCalls.get()).as("in one batch").isEqualTo(1);
      assertThat(store.finds.get()).as("each due conversation loaded once to fire it, nothing else").isEqualTo(DUE);
      assertThat(service.store().count(ACME, ConversationFilter.all().withStatuses(Status.SNOOZED)))
          .as("the snoozed ones not due stay snoozed").isEqualTo(CONVERSATIONS / 2 - DUE);
    }
  }
}
