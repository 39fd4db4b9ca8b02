package dev.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.conversation.testkit.ConversationGenerators;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Internal notes: accepted from the staff in every state but CLOSED, they add a staff-only
 * message to the thread and change nothing else; the customer can neither write one nor see one.
 */
class NotesProperties {

  private static Gen<Participant> staff() {
    return Generate.frequency(org.quicktheories.api.Pair.of(2, Generate.constant(Participant.ai())),
        org.quicktheories.api.Pair.of(2, ConversationGenerators.humanAgents().map(Participant::human)),
        org.quicktheories.api.Pair.of(1, Generate.constant(Participant.system())));
  }

  @Test
  void aNoteFromTheStaffChangesNothingButTheThreadAndIsNeverTheCustomers() {
    qt().withExamples(1000).forAll(ConversationGenerators.conversations(), staff(), ConversationGenerators.texts())
        .checkAssert((c, by, text) -> {
          Instant at = c.updatedAt().plusSeconds(1);
          Either<Rejection, Decision> decided = Lifecycle.decide(c, Command.AppendMessage.note(MessageId.of("n-1"), by, text), at);
          if (c.status() == Status.CLOSED) {
            assertThat(decided.getLeft()).isInstanceOf(Rejection.Denied.class);
            assertThat(((Rejection.Denied) decided.getLeft()).denial().rule()).isEqualTo("closed-is-read-only");
            return;
          }
          Decision d = decided.get();
          Conversation next = d.conversation();
          assertThat(next.version()).isEqualTo(c.version() + 1);
          assertThat(next.status()).as("status").isEqualTo(c.status());
          assertThat(next.assignee()).as("owner").isEqualTo(c.assignee());
          assertThat(next.agentsTurn()).as("whose turn").isEqualTo(c.agentsTurn());
          for (ReadSide side : ReadSide.values()) {
            assertThat(next.unread(side)).as("unread of %s", side).isEqualTo(c.unread(side));
          }
          assertThat(next.messageCount()).as("notes do not count").isEqualTo(c.messageCount());
          assertThat(next.lastMessagePreview()).as("nor become the preview").isEqualTo(c.lastMessagePreview());
          assertThat(next.lastMessageAt()).isEqualTo(c.lastMessageAt());
          assertThat(next.awaitingReplySince()).as("nor answer the customer").isEqualTo(c.awaitingReplySince());
          assertThat(next.waitingSince()).isEqualTo(c.waitingSince());
          assertThat(next.attention()).isEqualTo(c.attention());
          assertThat(Lifecycle.timer(next)).as("nor move a timer").isEqualTo(Lifecycle.timer(c).map(t ->
              t._1 == TimerKind.IDLE_RESOLVE ? io.vavr.Tuple.of(t._1, next.updatedAt()) : t));
          assertThat(d.messages()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(MessageType.NOTE);
            assertThat(m.author()).isEqualTo(by);
            assertThat(Visibility.customerSees(m)).as("the customer never sees it").isFalse();
          });
          assertThat(d.events().map(DomainEvent::change)).containsExactly(
              new DomainEvent.NoteAdded(MessageId.of("n-1"), by.actor(), Text.preview(text)));
        });
  }

  @Test
  void theCustomerCannotWriteANoteAndANoteCitesNothing() {
    qt().withExamples(300).forAll(ConversationGenerators.conversations(), ConversationGenerators.texts()).checkAssert((c, text) -> {
      Instant at = c.updatedAt().plusSeconds(1);
      Either<Rejection, Decision> byCustomer =
          Lifecycle.decide(c, Command.AppendMessage.note(MessageId.of("n-1"), Participant.customer(), text), at);
      assertThat(byCustomer.isLeft()).isTrue();
      if (c.status() != Status.CLOSED) {
        assertThat(byCustomer.getLeft()).isInstanceOf(Rejection.ActorNotAllowed.class);
        Command.AppendMessage citing = new Command.AppendMessage(MessageId.of("n-2"), Participant.ai(), text,
            List.of(new Citation(Option.none(), SourceType.TEXT, Option.none(), 0.1)), Option.none(), MessageType.NOTE);
        Rejection invalid = Lifecycle.decide(c, citing, at).getLeft();
        assertThat(invalid).isInstanceOf(Rejection.Invalid.class);
        assertThat(((Rejection.Invalid) invalid).violations().map(Violation::rule)).contains("not-on-notes");
      }
    });
  }

  @Test
  void visibilityKeepsEveryMessageButNotesInOrder() {
    Instant t = Instant.parse("2026-11-30T10:00:00Z");
    ConversationId id = ConversationId.of("c");
    Message text = Message.builder().id(MessageId.of("a")).conversationId(id).author(Participant.customer()).content("hi")
        .createdAt(t).build();
    Message note = Message.builder().id(MessageId.of("b")).conversationId(id).author(Participant.ai()).content("whisper")
        .type(MessageType.NOTE).createdAt(t.plusSeconds(1)).build();
    Message reply = Message.builder().id(MessageId.of("c")).conversationId(id).author(Participant.ai()).content("hello")
        .createdAt(t.plusSeconds(2)).build();
    assertThat(Visibility.forCustomer(List.of(text, note, reply))).containsExactly(text, reply);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Message.builder().from(note).author(Participant.customer()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never by the customer");
  }
}
