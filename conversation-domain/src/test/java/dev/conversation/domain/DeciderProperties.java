package dev.conversation.domain;

import static dev.conversation.testkit.ConversationGenerators.commands;
import static dev.conversation.testkit.ConversationGenerators.conversations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle as a Decider (DESIGN.md section 11): a command that changes nothing stores
 * nothing, deciding a command twice never changes a conversation twice (unless it appends a
 * message), and {@link Lifecycle#decideAll} is folding {@link Lifecycle#decide} committed as one
 * change.
 */
class DeciderProperties {

  private static final int EXAMPLES = 1_000;

  @Test
  void anUnchangedDecisionKeepsTheConversationAndItsVersionAndEmitsNothing() {
    qt().withExamples(EXAMPLES).forAll(conversations(), commands(), longs().between(0, 86_400)).checkAssert((c, f, dt) -> {
      Instant now = c.updatedAt().plusSeconds(dt);
      Either<Rejection, Decision> d = Lifecycle.decide(c, f.apply(now), now);
      if (d.isRight() && !d.get().changed()) {
        assertThat(d.get().conversation()).isSameAs(c);
        assertThat(d.get().messages()).isEmpty();
      }
      if (d.isRight() && d.get().changed()) {
        assertThat(d.get().conversation().version()).isEqualTo(c.version() + 1);
        assertThat(d.get().events()).allSatisfy(e -> assertThat(e.version()).isEqualTo(c.version() + 1));
      }
    });
  }

  @Test
  void decidingACommandTwiceChangesTheConversationAtMostOnceUnlessItAppendsAMessage() {
    qt().withExamples(EXAMPLES).forAll(conversations(), commands(), longs().between(0, 86_400)).checkAssert((c, f, dt) -> {
      Instant now = c.updatedAt().plusSeconds(dt);
      Command command = f.apply(now);
      Either<Rejection, Decision> first = Lifecycle.decide(c, command, now);
      if (first.isLeft() || command instanceof Command.AppendMessage) {
        return;
      }
      Conversation after = first.get().conversation();
      Either<Rejection, Decision> second = Lifecycle.decide(after, command, now);
      assertThat(second.isLeft() || !second.get().changed())
          .as("%s decided twice on %s changed it again: %s", command, c.status(), second)
          .isTrue();
      if (second.isRight()) {
        assertThat(second.get().conversation()).isSameAs(after);
        assertThat(second.get().events()).isEmpty();
      }
    });
  }

  @Test
  void decideAllIsTheFoldOfDecideCommittedAsOneChange() {
    qt().withExamples(EXAMPLES)
        .forAll(conversations(), lists().of(commands()).ofSizeBetween(0, 6), longs().between(-60, 86_400))
        .checkAssert((c, fs, dt) -> {
          Instant now = c.updatedAt().plusSeconds(dt);
          Seq<Command> commands = List.ofAll(fs).map(f -> f.apply(now));
          Either<Rejection, Decision> all = Lifecycle.decideAll(c, commands, now);
          Seq<MessageId> ids = commands.filter(x -> x instanceof Command.AppendMessage).map(x -> ((Command.AppendMessage) x).id());
          if (ids.distinct().size() != ids.size()) {
            assertThat(all.getLeft()).isInstanceOf(Rejection.Invalid.class);
            return;
          }

          Conversation current = c;
          List<Message> messages = List.empty();
          List<DomainEvent> events = List.empty();
          for (Command command : commands) {
            Either<Rejection, Decision> one = Lifecycle.decide(current, command, now);
            if (one.isLeft()) {
              assertThat(all).as("the first rejection of the fold").isEqualTo(Either.left(one.getLeft()));
              return;
            }
            current = one.get().conversation();
            messages = messages.appendAll(one.get().messages());
            events = events.appendAll(one.get().events());
          }
          assertThat(all.isRight()).as("accepted when every step of the fold is: %s", all).isTrue();
          Decision d = all.get();
          if (events.isEmpty()) {
            assertThat(d.changed()).isFalse();
            assertThat(d.conversation()).isSameAs(c);
            return;
          }
          long version = c.version() + 1;
          assertThat(d.conversation()).isEqualTo(Conversation.builder().from(current).version(version).build());
          assertThat(d.messages()).isEqualTo(messages);
          Function<DomainEvent, DomainEvent> atVersion =
              e -> new DomainEvent(e.conversationId(), e.tenantId(), version, e.at(), e.by(), e.change());
          assertThat(d.events()).isEqualTo(events.map(atVersion));
        });
  }

  @Test
  void oneChangeStoresEachMessageOnceSoABatchMayNotRepeatAMessageIdOrKey() {
    Conversation c = Lifecycle.start(Fixtures.whatsApp("c-1"), Fixtures.T0).get().conversation();
    Command.AppendMessage hello = Command.AppendMessage.of(MessageId.of("m-1"), Participant.customer(), "hello");
    Rejection sameId = Lifecycle.decideAll(c, List.of(hello,
        Command.AppendMessage.of(MessageId.of("m-1"), Participant.customer(), "again")), Fixtures.T0).getLeft();
    assertThat(((Rejection.Invalid) sameId).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("commands[1].id", "duplicate-message-id"));
    Rejection sameKey = Lifecycle.decideAll(c, List.of(hello.withIdempotencyKey("k"),
        Command.AppendMessage.of(MessageId.of("m-2"), Participant.customer(), "again").withIdempotencyKey("k")),
        Fixtures.T0).getLeft();
    assertThat(((Rejection.Invalid) sameKey).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("commands[1].idempotencyKey", "duplicate-idempotency-key"));
    assertThat(Lifecycle.decideAll(c, List.of(hello, Command.AppendMessage.of(MessageId.of("m-2"), Participant.ai(), "hi")),
        Fixtures.T0).get().messages()).hasSize(2);
  }

  @Test
  void everyEventHasAStableNameAndEveryNameOneType() {
    for (DomainEvent.Type type : DomainEvent.Type.values()) {
      assertThat(type.wireName()).matches("conversation\\.[a-z]+(-[a-z]+)*");
      assertThat(DomainEvent.Type.ofWireName(type.wireName())).contains(type);
    }
    assertThat(DomainEvent.Type.ofWireName("HandedOff")).isEmpty();
    assertThat(List.of(DomainEvent.Type.values()).map(DomainEvent.Type::wireName).distinct())
        .hasSize(DomainEvent.Type.values().length);
  }
}
