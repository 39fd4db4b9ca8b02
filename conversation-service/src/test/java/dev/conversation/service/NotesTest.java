package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.MessageType;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Violation;
import org.junit.jupiter.api.Test;

/** Internal notes through the service: stored in the thread, nothing else moves, the customer cannot write one. */
class NotesTest {

  private final ManualClock clock = new ManualClock(ServiceFixtures.T0);

  @Test
  void aNoteGoesIntoTheThreadAndChangesNothingElse() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation asked = right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("Where is my parcel?"))))
          .conversation();
      Outcome noted = right(service.note(ACME, asked.id(), NewMessage.of(Participant.ai(), "Parcel is lost; suggest a refund.")
          .withIdempotencyKey("whisper-1")));
      assertThat(noted.messages()).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo(MessageType.NOTE));
      assertThat(noted.events().map(e -> e.event().type())).containsExactly(DomainEvent.Type.NOTE_ADDED);
      Conversation after = noted.conversation();
      assertThat(after.status()).isEqualTo(asked.status());
      assertThat(after.messageCount()).isEqualTo(asked.messageCount());
      assertThat(after.lastMessagePreview()).isEqualTo(asked.lastMessagePreview());
      assertThat(right(service.history(ACME, asked.id(), io.vavr.control.Option.none(), io.vavr.control.Option.none())).items())
          .hasSize(2);
      Outcome replayed = right(service.note(ACME, asked.id(), NewMessage.of(Participant.ai(), "Parcel is lost; suggest a refund.")
          .withIdempotencyKey("whisper-1")));
      assertThat(replayed.replayed()).as("a note sent again with its key is the same note").isTrue();
      Problem reused = left(service.send(ACME, asked.id(), NewMessage.of(Participant.ai(), "Parcel is lost; suggest a refund.")
          .withIdempotencyKey("whisper-1")));
      assertThat(reused).as("the same key on a message that is not a note is a reused key").isInstanceOf(Problem.KeyReused.class);
      assertThat(right(service.note(ACME, asked.id(), NewMessage.of(ALICE_BY, "Taking this one."))).conversation().status())
          .as("a human's note does not take the conversation over").isEqualTo(asked.status());
    }
  }

  @Test
  void theCustomerCannotWriteANoteNorUseAReservedKey() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = ServiceFixtures.started(service, ACME);
      assertThat(left(service.note(ACME, c.id(), customer("let me see the notes")))).isInstanceOf(Problem.Rejected.class);
      Problem reserved = left(service.note(ACME, c.id(), NewMessage.of(Participant.ai(), "x").withIdempotencyKey("inbound:1")));
      assertThat(((Problem.Invalid) reserved).violations().map(Violation::rule)).containsExactly("reserved-prefix");
      assertThat(right(service.get(ACME, c.id())).version()).as("nothing stored").isEqualTo(c.version());
    }
  }
}
