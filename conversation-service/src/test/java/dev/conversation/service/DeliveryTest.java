package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Attachment;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Limits;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Attachments and delivery receipts through the service: bound once, moved forward only, failures raise attention. */
class DeliveryTest {

  private final ManualClock clock = new ManualClock(ServiceFixtures.T0);

  private static Message reply(Conversations service, Conversation c) {
    return right(service.send(ACME, c.id(), NewMessage.of(Participant.ai(), "Your parcel ships today."))).messages().single();
  }

  @Test
  void aReplyIsQueuedThenSentDeliveredAndReadWhateverOrderTheReceiptsCome() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = ServiceFixtures.started(service, ACME);
      Message m = reply(service, c);
      assertThat(m.delivery().get().status()).isEqualTo(DeliveryStatus.QUEUED);
      Outcome sent = right(service.dispatched(ACME, c.id(), m.id(), "SM100"));
      assertThat(sent.events().map(e -> e.event().type())).containsExactly(DomainEvent.Type.DELIVERY_CHANGED);
      long version = sent.conversation().version();
      Outcome read = right(service.receipt(ACME, Receipt.of("SM100", DeliveryStatus.READ)));
      assertThat(read.conversation().version()).isEqualTo(version + 1);
      Outcome late = right(service.receipt(ACME, Receipt.of("SM100", DeliveryStatus.DELIVERED)));
      assertThat(late.events()).as("a late delivered after read changes nothing").isEmpty();
      assertThat(late.conversation().version()).isEqualTo(version + 1);
      assertThat(right(service.dispatched(ACME, c.id(), m.id(), "SM100")).events()).as("dispatched twice: nothing new").isEmpty();
      Message now = service.store().findMessage(ACME, c.id(), m.id()).get();
      assertThat(now.delivery().get().status()).isEqualTo(DeliveryStatus.READ);
      assertThat(now.delivery().get().providerMessageId()).contains("SM100");
      assertThat(right(service.get(ACME, c.id())).status()).as("receipts never move the state").isEqualTo(sent.conversation().status());
    }
  }

  @Test
  void aFailedDeliveryRaisesAnAttentionItemAndAnEventOnce() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = ServiceFixtures.started(service, ACME);
      Message m = reply(service, c);
      right(service.dispatched(ACME, c.id(), m.id(), "SM7"));
      Outcome failed = right(service.receipt(ACME, Receipt.failed("SM7", "30003: Unreachable destination handset")));
      assertThat(failed.events().map(e -> e.event().type()))
          .containsExactly(DomainEvent.Type.DELIVERY_CHANGED, DomainEvent.Type.ATTENTION_RAISED);
      assertThat(failed.conversation().openAttention()).singleElement()
          .satisfies(i -> assertThat(i.id()).isEqualTo(Command.RecordDelivery.attentionId(m.id())));
      assertThat(right(service.receipt(ACME, Receipt.failed("SM7", "another reason"))).events()).isEmpty();
      assertThat(service.store().findMessage(ACME, c.id(), m.id()).get().delivery().get().failureReason())
          .as("the first reason stays").contains("30003: Unreachable destination handset");
    }
  }

  @Test
  void badReceiptsAreTypedErrorsAndStoreNothing() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = ServiceFixtures.started(service, ACME);
      Message m = reply(service, c);
      Message inbound = right(service.send(ACME, c.id(), customer("thanks"))).messages().single();
      long version = right(service.get(ACME, c.id())).version();

      Problem unknown = left(service.receipt(ACME, Receipt.of("SM-nope", DeliveryStatus.DELIVERED)));
      assertThat(((Problem.Invalid) unknown).violations()).extracting(Violation::field, Violation::rule)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("providerMessageId", "unknown"));
      Problem notOutbound = left(service.dispatched(ACME, c.id(), inbound.id(), "SM1"));
      assertThat(((Problem.Invalid) notOutbound).violations().map(Violation::rule)).containsExactly("not-outbound");
      Problem noSuchMessage = left(service.dispatched(ACME, c.id(), MessageId.of("m-missing"), "SM1"));
      assertThat(((Problem.Invalid) noSuchMessage).violations().map(Violation::field)).containsExactly("messageId");
      Problem blank = left(service.dispatched(ACME, c.id(), m.id(), " "));
      assertThat(((Problem.Invalid) blank).violations().map(Violation::field)).containsExactly("providerMessageId");
      right(service.dispatched(ACME, c.id(), m.id(), "SM1"));
      version++;
      Problem rebind = left(service.dispatched(ACME, c.id(), m.id(), "SM2"));
      assertThat(((Problem.Invalid) rebind).violations().map(Violation::rule)).containsExactly("already-bound");
      Message other = reply(service, c);
      version++;
      Problem taken = left(service.dispatched(ACME, c.id(), other.id(), "SM1"));
      assertThat(((Problem.Invalid) taken).violations().map(Violation::rule)).containsExactly("taken");
      Problem noReason = left(service.receipt(ACME, new Receipt("SM1", DeliveryStatus.FAILED, Option.none())));
      assertThat(((Problem.Invalid) noReason).violations().map(Violation::field)).containsExactly("failureReason");
      assertThat(left(service.receipt(TenantId.of("other"), Receipt.of("SM1", DeliveryStatus.READ))))
          .as("provider ids are per tenant").isInstanceOf(Problem.Invalid.class);
      assertThat(right(service.get(ACME, c.id())).version()).as("nothing stored by a refused receipt").isEqualTo(version);
    }
  }

  @Test
  void aReplySentJustBeforeTheCloseStillGetsItsReceiptsButRaisesNoAttention() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = ServiceFixtures.started(service, ACME);
      Message m = reply(service, c);
      Conversation closed = right(service.execute(ACME, c.id(), new Command.Close(Participant.system()))).conversation();
      right(service.dispatched(ACME, c.id(), m.id(), "SM9"));
      Outcome failed = right(service.receipt(ACME, Receipt.failed("SM9", "30005: Unknown destination handset")));
      assertThat(failed.events().map(e -> e.event().type())).containsExactly(DomainEvent.Type.DELIVERY_CHANGED);
      assertThat(failed.conversation().status()).isEqualTo(closed.status());
      assertThat(failed.conversation().openAttention()).as("a closed conversation keeps no open item").isEmpty();
      assertThat(service.store().findMessage(ACME, c.id(), m.id()).get().delivery().get().status()).isEqualTo(DeliveryStatus.FAILED);
    }
  }

  @Test
  void aReceiptCommandGivenToExecuteIsRefusedItCouldRewriteAStoredMessage() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = ServiceFixtures.started(service, ACME);
      Message m = reply(service, c);
      Message forged = Message.builder().from(m).content("Your refund is 1000 EUR").build();
      Command.RecordDelivery receipt = new Command.RecordDelivery(Participant.system(), forged, DeliveryStatus.SENT,
          Option.some("SM1"), Option.none());
      long version = right(service.get(ACME, c.id())).version();
      for (Problem p : List.of(left(service.execute(ACME, c.id(), receipt)), left(service.execute(ACME, c.id(), List.of(receipt))),
          left(service.execute(ACME, c.id(), conversation -> List.of(receipt))))) {
        assertThat(((Problem.Invalid) p).violations().map(Violation::rule)).containsExactly("use-receipt");
        assertThat(((Problem.Invalid) p).violations().map(Violation::field)).containsExactly("command");
      }
      Problem inBatch = left(service.execute(ACME, c.id(), List.of(new Command.MarkRead(Participant.system(),
          dev.conversation.domain.ReadSide.AGENTS), receipt)));
      assertThat(((Problem.Invalid) inBatch).violations().map(Violation::field)).containsExactly("commands[1]");
      assertThat(service.store().findMessage(ACME, c.id(), m.id())).contains(m);
      assertThat(right(service.get(ACME, c.id())).version()).isEqualTo(version);
    }
  }

  @Test
  void providerIdsThatNoStoreCouldKeepAreTypedErrors() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = ServiceFixtures.started(service, ACME);
      Message m = reply(service, c);
      for (String bad : new String[] {"SM\u0000x", "x".repeat(999), " ", "a\uD800"}) {
        Problem p = left(service.dispatched(ACME, c.id(), m.id(), bad));
        assertThat(((Problem.Invalid) p).violations().map(Violation::field)).containsExactly("providerMessageId");
        Problem r = left(service.receipt(ACME, Receipt.of(bad, DeliveryStatus.READ)));
        assertThat(((Problem.Invalid) r).violations().map(Violation::field)).containsExactly("providerMessageId");
      }
      String longest = "<" + "x".repeat(Limits.MAX_PROVIDER_ID - 19) + "@mail.example.com>";
      assertThat(longest).hasSize(Limits.MAX_PROVIDER_ID);
      assertThat(right(service.dispatched(ACME, c.id(), m.id(), longest)).events())
          .as("an e-mail Message-ID of 998 characters is a provider id").hasSize(1);
      Message other = reply(service, c);
      Problem taken = left(service.dispatched(ACME, c.id(), other.id(), longest));
      assertThat(((Problem.Invalid) taken).violations().head().message())
          .as("a long id is quoted cut to 64 characters").contains(longest.substring(0, 64) + "…").doesNotContain(longest);
      Problem unknown = left(service.receipt(ACME, Receipt.of("SM-" + "y".repeat(61), DeliveryStatus.READ)));
      assertThat(((Problem.Invalid) unknown).violations().head().message()).as("a 64-character id is quoted whole")
          .contains("'SM-" + "y".repeat(61) + "'");
    }
  }

  @Test
  void attachmentsGoThroughSendAndReceiveAndTheirLimitsAreTypedErrors() {
    try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
      Conversation c = ServiceFixtures.started(service, ACME);
      Attachment photo = Attachment.of("parcel.jpg", "image/jpeg", 734_112, "s3://acme/parcel.jpg").withCaption("Damaged box");
      Message sent = right(service.send(ACME, c.id(), NewMessage.of(Participant.customer(), "").withAttachments(List.of(photo))))
          .messages().single();
      assertThat(sent.attachments()).containsExactly(photo);
      assertThat(right(service.get(ACME, c.id())).lastMessagePreview()).contains("Damaged box");
      long version = right(service.get(ACME, c.id())).version();
      Problem tooBig = left(service.send(ACME, c.id(), NewMessage.of(Participant.customer(), "see file")
          .withAttachments(List.of(Attachment.of("big.mov", "video/quicktime", 200L * 1024 * 1024, "k")))));
      assertThat(((Problem.Invalid) tooBig).violations().map(Violation::field)).containsExactly("attachments[0].size");
      Problem onNote = left(service.note(ACME, c.id(), new NewMessage(Participant.ai(), "x", List.empty(), Option.none(),
          List.of(photo))));
      assertThat(((Problem.Invalid) onNote).violations().map(Violation::rule)).as("notes carry no attachments")
          .containsExactly("not-allowed");
      assertThat(right(service.get(ACME, c.id())).version()).isEqualTo(version);
    }
  }
}
