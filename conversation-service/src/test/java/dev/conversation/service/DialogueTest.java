package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.ai;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Actor;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.Claim;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dialogue a model sees, and whether a claimed turn still stands before the model is asked. */
class DialogueTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock(ServiceFixtures.T0);

  private Conversation asked(Conversations service, String text) {
    return right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer(text)))).conversation();
  }

  @Test
  void theDialogueIsWhatTheCustomerAndTheAgentsSaidInItsWindowOldestFirst() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "Where is my parcel?");
      right(service.send(ACME, c.id(), ai("Let me check.")));
      right(service.note(ACME, c.id(), ai("Carrier says lost; suggest refund.")));
      right(service.send(ACME, c.id(), NewMessage.of(Participant.system(), "Alice joined.")));
      right(service.send(ACME, c.id(), NewMessage.of(ALICE_BY, "Hi, I am Alice.")));
      right(service.send(ACME, c.id(), customer("").withAttachments(List.of(
          Attachment.of("label.png", "image/png", 1_200, "s3://x/label.png").withCaption("the label"),
          Attachment.of("receipt.pdf", "application/pdf", 9_000, "s3://x/receipt.pdf")))));
      right(service.send(ACME, c.id(), customer("See above").withAttachments(List.of(
          Attachment.of("a.txt", "text/plain", 1, "s3://x/a.txt")))));

      Seq<DialogueLine> all = right(service.dialogue(ACME, c.id(), 100));
      assertThat(all.map(DialogueLine::speaker)).as("no notes, no system messages").containsExactly(
          Actor.CUSTOMER, Actor.AI_AGENT, Actor.HUMAN_AGENT, Actor.CUSTOMER, Actor.CUSTOMER);
      assertThat(all.map(DialogueLine::text)).containsExactly("Where is my parcel?", "Let me check.", "Hi, I am Alice.",
          "[attachment: label.png (image/png): the label]\n[attachment: receipt.pdf (application/pdf)]",
          "See above\n[attachment: a.txt (text/plain)]");
      assertThat(all.map(DialogueLine::byCustomer)).containsExactly(true, false, false, true, true);
      assertThat(all.head().id()).isEqualTo(right(service.history(ACME, c.id(), io.vavr.control.Option.none(),
          io.vavr.control.Option.none())).items().head().id());
      assertThat(all.head().at()).isEqualTo(ServiceFixtures.T0);
      assertThat(right(service.dialogue(ACME, c.id(), 2))).isEqualTo(all.takeRight(2));
      assertThat(right(service.dialogue(ACME, c.id(), 1))).isEqualTo(all.takeRight(1));
      assertThat(right(service.dialogue(ACME, c.id(), 5))).isEqualTo(all);
    }
  }

  @Test
  void aLongThreadIsReadBackwardsAcrossPagesPastItsNotes() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "line 0");
      for (int i = 1; i < 250; i++) {
        right(service.send(ACME, c.id(), i % 2 == 0 ? customer("line " + i) : ai("line " + i)));
      }
      for (int i = 0; i < 150; i++) {
        right(service.note(ACME, c.id(), ai("note " + i)));
      }
      Seq<DialogueLine> window = right(service.dialogue(ACME, c.id(), 120));
      assertThat(window).hasSize(120);
      assertThat(window.head().text()).isEqualTo("line 130");
      assertThat(window.last().text()).as("the 150 notes after the last line are passed over").isEqualTo("line 249");
      assertThat(right(service.dialogue(ACME, c.id(), 1_000)).map(DialogueLine::text))
          .as("a window larger than the thread is the whole dialogue")
          .isEqualTo(List.range(0, 250).map(i -> "line " + i));
    }
  }

  @Test
  void notesAnywhereInALongThreadCostAFewOneRowReadsNotAPageEach() {
    DelegatingStore store = new DelegatingStore(dev.conversation.persistence.ConversationStore.inMemory());
    try (Conversations service = ServiceFixtures.deterministic(clock).store(store).build()) {
      Conversation c = asked(service, "line 0");
      for (int i = 0; i < 3_000; i++) {
        right(service.note(ACME, c.id(), ai("early note " + i)));
      }
      for (int i = 1; i < 1_000; i++) {
        right(service.send(ACME, c.id(), i % 2 == 0 ? customer("line " + i) : ai("line " + i)));
      }
      right(service.note(ACME, c.id(), ai("a late note")));
      store.messageReads.set(0);
      Seq<DialogueLine> window = right(service.dialogue(ACME, c.id(), 20));
      assertThat(window.map(DialogueLine::text)).isEqualTo(List.range(980, 1_000).map(i -> "line " + i));
      assertThat(store.messageReads.get()).as("the end is found in O(log notes) one-row reads, then one page")
          .isLessThanOrEqualTo(2 * 12 + 2);
      assertThat(right(service.dialogue(ACME, c.id(), 1_000)).head().text()).isEqualTo("line 0");
    }
  }

  @Test
  void theLastMessagesAreEveryKindInThreadOrderReadFromTheEnd() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "line 0");
      for (int i = 1; i < 150; i++) {
        right(i % 3 == 0 ? service.note(ACME, c.id(), ai("line " + i)) : service.send(ACME, c.id(), customer("line " + i)));
      }
      Seq<dev.conversation.domain.Message> last = right(service.lastMessages(ACME, c.id(), 120));
      assertThat(last.map(dev.conversation.domain.Message::content)).as("notes included, oldest first")
          .isEqualTo(List.range(30, 150).map(i -> "line " + i));
      assertThat(right(service.lastMessages(ACME, c.id(), 1_000))).hasSize(150);
      assertThat(((Problem.Invalid) left(service.lastMessages(ACME, c.id(), 0))).violations().map(Violation::field))
          .containsExactly("limit");
      assertThat(left(service.lastMessages(ACME, c.id(), 1_001))).isInstanceOf(Problem.Invalid.class);
      assertThat(left(service.lastMessages(ACME, ConversationId.of("nope"), 10))).isInstanceOf(Problem.NotFound.class);
    }
  }

  @Test
  void badDialogueRequestsAreTypedErrors() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "Hi");
      assertThat(((Problem.Invalid) left(service.dialogue(ACME, c.id(), 0))).violations().map(Violation::field))
          .containsExactly("window");
      assertThat(left(service.dialogue(ACME, c.id(), 1_001))).isInstanceOf(Problem.Invalid.class);
      assertThat(right(service.dialogue(ACME, c.id(), 1_000))).hasSize(1);
      assertThat(left(service.dialogue(TenantId.of("other"), c.id(), 10))).isInstanceOf(Problem.NotFound.class);
      assertThat(left(service.dialogue(ACME, ConversationId.of("nope"), 10))).isInstanceOf(Problem.NotFound.class);
      assertThatThrownBy(() -> new DialogueLine(MessageId.of("m"), Actor.SYSTEM, "x", ServiceFixtures.T0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SYSTEM");
    }
  }

  @Test
  void aClaimStandsUntilSomethingItDidNotSeeHappens() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = asked(service, "Hi");
      Claim claim = right(service.claim(ACME, c.id(), "w", LEASE));
      assertThat(right(service.stands(claim)).version()).isEqualTo(c.version());
      clock.advance(LEASE.multipliedBy(2));
      assertThat(service.stands(claim).isRight()).as("a lapsed claim nobody took over still stands").isTrue();
      right(service.send(ACME, c.id(), customer("hello?")));
      assertThat(reason(service.stands(claim))).isEqualTo(Problem.TurnLost.Reason.CUSTOMER_WROTE_AGAIN);
      assertThat(service.stands(claim, ReplyPolicy.ACCEPT).isRight()).isTrue();
      right(service.execute(ACME, c.id(), Command.HandOff.toTeam(Participant.system(), TeamId.of("t"), "escalated")));
      assertThat(reason(service.stands(claim))).isEqualTo(Problem.TurnLost.Reason.HUMAN_TOOK_OVER);
      right(service.execute(ACME, c.id(), new Command.ReturnToAi(ALICE_BY)));
      assertThat(reason(service.stands(claim, ReplyPolicy.ACCEPT))).as("the turn came back: a new one")
          .isEqualTo(Problem.TurnLost.Reason.NEW_TURN);
      assertThat(right(service.release(claim))).isTrue();
      assertThat(reason(service.stands(claim))).isEqualTo(Problem.TurnLost.Reason.CLAIM_LOST);

      Conversation other = asked(service, "Bye");
      Claim resolved = right(service.claim(ACME, other.id(), "w", LEASE));
      right(service.execute(ACME, other.id(), new Command.Resolve(ALICE_BY, "done")));
      assertThat(reason(service.stands(resolved))).isEqualTo(Problem.TurnLost.Reason.RESOLVED);
      Claim elsewhere = new Claim(TenantId.of("other"), other.id(), resolved.token(), "w", resolved.turnSince(),
          resolved.customerWroteAt(), resolved.version(), resolved.leaseUntil());
      assertThat(left(service.stands(elsewhere))).isInstanceOf(Problem.NotFound.class);
    }
  }

  private static Problem.TurnLost.Reason reason(io.vavr.control.Either<Problem, ?> result) {
    return ((Problem.TurnLost) left(result)).reason();
  }
}
