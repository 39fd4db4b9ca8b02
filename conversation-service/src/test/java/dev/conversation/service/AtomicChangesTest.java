package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.allMessages;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Command;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import dev.conversation.persistence.ConversationStore;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command that changes nothing stores nothing, and several commands executed together are one
 * change: all stored in one commit, or nothing.
 */
class AtomicChangesTest {

  private static final TeamId BILLING = TeamId.of("billing");

  private final ManualClock clock = new ManualClock(T0);
  private final DelegatingStore store = new DelegatingStore(ConversationStore.inMemory());
  private final Conversations service = ServiceFixtures.deterministic(clock).store(store).build();

  @AfterEach
  void tearDown() {
    service.close();
  }

  @Test
  void aHandOffRetriedToTheSameTeamIsUnchangedAndPutsNoSecondEventInTheOutbox() {
    ConversationId id = started(service, ACME).id();
    Command handOff = Command.HandOff.toTeam(Participant.system(), BILLING, "customer asked for billing");
    Outcome first = right(service.execute(ACME, id, handOff));
    assertThat(first.changed()).isTrue();
    assertThat(first.conversation().version()).isEqualTo(2);
    int commits = store.commits.get();
    ServiceFixtures.Snapshot before = snapshot(service, ACME);

    clock.advance(Duration.ofSeconds(5));
    Outcome again = right(service.execute(ACME, id, handOff));
    Outcome byAHuman = right(service.execute(ACME, id, Command.HandOff.toTeam(ALICE_BY, BILLING, "moving it to billing")));

    assertThat(again.changed()).isFalse();
    assertThat(byAHuman.changed()).isFalse();
    assertThat(again.conversation().version()).isEqualTo(2);
    assertThat(store.commits.get()).as("nothing was committed").isEqualTo(commits);
    assertThat(snapshot(service, ACME)).isEqualTo(before);
    assertThat(allEvents(service, ACME).filter(e -> e.event().type() == DomainEvent.Type.HANDED_OFF)).hasSize(1);
  }

  @Test
  void severalCommandsAreCommittedOnceWithOneVersion() {
    ConversationId id = started(service, ACME).id();
    right(service.send(ACME, id, customer("my invoice is wrong")));
    int commits = store.commits.get();
    clock.advance(Duration.ofMinutes(1));
    Outcome done = right(service.execute(ACME, id, List.of(
        Command.UpdateMetadata.by(Participant.ai()).addTags("billing"),
        Command.AppendMessage.of(MessageId.of("m-ai"), Participant.ai(), "Handing you to billing."),
        Command.HandOff.toTeam(Participant.ai(), BILLING, "invoice dispute"))));

    assertThat(store.commits.get()).as("one commit").isEqualTo(commits + 1);
    assertThat(done.conversation().version()).isEqualTo(3);
    assertThat(done.conversation().status()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(done.conversation().tags()).containsExactly(Tag.of("billing"));
    assertThat(done.messages().map(m -> m.content())).containsExactly("Handing you to billing.");
    assertThat(done.events()).allMatch(e -> e.event().version() == 3);
    assertThat(done.events().map(e -> e.event().type())).containsExactly(
        DomainEvent.Type.METADATA_CHANGED, DomainEvent.Type.MESSAGE_APPENDED, DomainEvent.Type.STATUS_CHANGED,
        DomainEvent.Type.STATUS_CHANGED, DomainEvent.Type.HANDED_OFF);
    assertThat(allMessages(service, ACME, id, 10)).hasSize(2);
  }

  @Test
  void aBatchRefusedInItsLastCommandStoresNothingOfTheOthers() {
    ConversationId id = started(service, ACME).id();
    right(service.send(ACME, id, customer("hello")));
    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    int commits = store.commits.get();
    Problem problem = left(service.execute(ACME, id, List.of(
        Command.UpdateMetadata.by(Participant.ai()).addTags("vip"),
        Command.AppendMessage.of(MessageId.of("m-ai"), Participant.ai(), "One moment."),
        new Command.Reopen(Participant.system()))));

    assertThat(problem).isInstanceOfSatisfying(Problem.Rejected.class,
        r -> assertThat(r.rejection()).isInstanceOf(Rejection.Denied.class));
    assertThat(((Problem.Rejected) problem).rejection().rule()).isEqualTo("only-resolved-reopens");
    assertThat(store.commits.get()).isEqualTo(commits);
    assertThat(snapshot(service, ACME)).isEqualTo(before);
    assertThat(allMessages(service, ACME, id, 10)).hasSize(1);
  }

  @Test
  void aPlanIsMadeOnTheConversationAsItIsWhenDecidedAndMadeAgainAfterAConcurrentChange() {
    ConversationId id = started(service, ACME).id();
    java.util.List<Long> plannedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Another process commits first once: the store answers the first commit with a stale version.
    store.script((n, tenant, expected, decision) -> {
      if (n == 1) {
        store.delegate.commit(tenant, expected, dev.conversation.domain.Lifecycle.decide(
            store.delegate.find(tenant, id).get(),
            Command.UpdateMetadata.by(Participant.system()).addTags("set-by-other"), T0.plusSeconds(1)).get());
        return io.vavr.control.Option.some(Either.left(
            new dev.conversation.persistence.Conflict.StaleVersion(id, expected, expected + 1)));
      }
      return io.vavr.control.Option.none();
    });
    Outcome done = right(service.execute(ACME, id, c -> {
      plannedOn.add(c.version());
      return c.tags().contains(Tag.of("set-by-other"))
          ? List.of(Command.UpdateMetadata.by(Participant.ai()).addTags("seen-it"))
          : List.of(Command.UpdateMetadata.by(Participant.ai()).addTags("first-plan"));
    }));
    assertThat(plannedOn).containsExactly(1L, 2L);
    assertThat(done.conversation().tags()).containsExactly(Tag.of("set-by-other"), Tag.of("seen-it"));
    assertThat(done.conversation().version()).isEqualTo(3);
  }

  @Test
  void aBatchThatRepeatsAMessageIdIsInvalidAndStoresNothing() {
    ConversationId id = started(service, ACME).id();
    Problem p = left(service.execute(ACME, id, List.of(
        Command.AppendMessage.of(MessageId.of("m-1"), Participant.customer(), "a"),
        Command.AppendMessage.of(MessageId.of("m-1"), Participant.customer(), "b"))));
    assertThat(((Problem.Invalid) p).violations().map(v -> v.rule())).containsExactly("duplicate-message-id");
    assertThat(allMessages(service, ACME, id, 10)).isEmpty();
  }

  @Test
  void aBatchOfNoOpsAndAnEmptyBatchAreUnchanged() {
    ConversationId id = started(service, ACME).id();
    int commits = store.commits.get();
    Outcome empty = right(service.execute(ACME, id, List.<Command>empty()));
    Outcome noOps = right(service.execute(ACME, id, List.of(
        Command.UpdateMetadata.by(Participant.ai()).removeTags("absent"),
        new Command.MarkRead(ALICE_BY, dev.conversation.domain.ReadSide.AGENTS))));
    assertThat(empty.changed()).isFalse();
    assertThat(noOps.changed()).isFalse();
    assertThat(noOps.conversation().version()).isEqualTo(1);
    assertThat(store.commits.get()).isEqualTo(commits);
  }
}
