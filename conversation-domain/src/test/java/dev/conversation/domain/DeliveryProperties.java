package dev.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.conversation.testkit.ConversationGenerators;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Delivery status of outbound messages: receipts only move it forward, so any order of one
 * message's receipts ends in the same status; a failure raises one attention item; nothing else
 * of the conversation moves.
 */
class DeliveryProperties {

  private static final String REASON = "30003: Unreachable destination handset";

  /** A receipt: a status, and for a failure its reason. */
  private static Gen<Tuple2<DeliveryStatus, Option<String>>> receipts() {
    return Generate.enumValues(DeliveryStatus.class)
        .map(s -> Tuple.of(s, s == DeliveryStatus.FAILED ? Option.some(REASON) : Option.<String>none()));
  }

  /** An open conversation with a human reply just stored: the outbound message and the decision. */
  private static Option<Decision> withReply(Conversation c) {
    if (c.status() == Status.CLOSED) {
      return Option.none();
    }
    HumanAgent agent = HumanAgent.of(HumanAgentId.of("agent-9"), "Ana");
    return Option.some(Lifecycle.decide(c,
        Command.AppendMessage.of(MessageId.of("out-1"), Participant.human(agent), "On its way"), c.updatedAt().plusSeconds(1)).get());
  }

  /** Applies receipts one by one, as the service does: each on the message as it is then. */
  private static Tuple2<Conversation, Message> apply(Conversation c, Message m, List<Tuple2<DeliveryStatus, Option<String>>> receipts) {
    Instant at = c.updatedAt();
    for (Tuple2<DeliveryStatus, Option<String>> r : receipts) {
      at = at.plusSeconds(5);
      Decision d = Lifecycle.decide(c, new Command.RecordDelivery(Participant.system(), m, r._1, Option.none(), r._2), at).get();
      if (d.changed()) {
        assertThat(d.conversation().version()).isEqualTo(c.version() + 1);
        assertThat(d.updated()).hasSize(1);
        c = d.conversation();
        m = d.updated().head();
      } else {
        assertThat(d.conversation()).as("a receipt that does not move the status stores nothing").isSameAs(c);
      }
    }
    return Tuple.of(c, m);
  }

  @Test
  void anyOrderOfOneMessagesReceiptsEndsInTheSameStatusTheFurthest() {
    qt().withExamples(200).forAll(ConversationGenerators.conversations(), lists().of(receipts()).ofSizeBetween(0, 8), longs().all())
        .checkAssert((c, raw, seed) -> withReply(c).forEach(reply -> {
          Message m = reply.messages().head();
          assertThat(m.delivery().map(Delivery::status)).contains(DeliveryStatus.QUEUED);
          List<Tuple2<DeliveryStatus, Option<String>>> receipts = List.ofAll(raw);
          java.util.List<Tuple2<DeliveryStatus, Option<String>>> shuffled = new java.util.ArrayList<>(raw);
          java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
          Tuple2<Conversation, Message> inOrder = apply(reply.conversation(), m, receipts);
          Tuple2<Conversation, Message> permuted = apply(reply.conversation(), m, List.ofAll(shuffled));
          DeliveryStatus furthest = receipts.map(Tuple2::_1).append(DeliveryStatus.QUEUED).max().get();
          assertThat(inOrder._2.delivery().get().status()).isEqualTo(furthest);
          assertThat(permuted._2.delivery().get().status()).isEqualTo(furthest);
          assertThat(inOrder._2.delivery().get().failureReason().isDefined()).isEqualTo(furthest == DeliveryStatus.FAILED);
          Conversation before = reply.conversation();
          for (Conversation after : List.of(inOrder._1, permuted._1)) {
            assertThat(after.status()).as("a receipt never moves the state").isEqualTo(before.status());
            assertThat(after.assignee()).isEqualTo(before.assignee());
            assertThat(after.agentsTurn()).isEqualTo(before.agentsTurn());
            assertThat(after.messageCount()).isEqualTo(before.messageCount());
            assertThat(after.lastMessagePreview()).isEqualTo(before.lastMessagePreview());
            assertThat(after.awaitingReplySince()).isEqualTo(before.awaitingReplySince());
            // At most one failure item per message, and only if a failure ever moved the status.
            assertThat(after.attention().count(i -> i.id().equals(Command.RecordDelivery.attentionId(m.id()))))
                .isLessThanOrEqualTo(1);
          }
          boolean failedFirst = receipts.map(Tuple2::_1).takeWhile(s -> s != DeliveryStatus.READ).contains(DeliveryStatus.FAILED);
          assertThat(inOrder._1.attention().exists(i -> i.id().equals(Command.RecordDelivery.attentionId(m.id()))))
              .as("a failure raises an attention item unless the message was read before it")
              .isEqualTo(failedFirst);
        }));
  }

  @Test
  void aRepeatedOrLateReceiptChangesNothing() {
    qt().withExamples(300).forAll(ConversationGenerators.conversations(), receipts(), receipts())
        .checkAssert((c, first, second) -> withReply(c).forEach(reply -> {
          Tuple2<Conversation, Message> once = apply(reply.conversation(), reply.messages().head(), List.of(first));
          Decision again = Lifecycle.decide(once._1, new Command.RecordDelivery(Participant.system(), once._2, first._1,
              Option.none(), first._2), once._1.updatedAt().plusSeconds(1)).get();
          assertThat(again.changed()).as("the same receipt twice").isFalse();
          Decision later = Lifecycle.decide(once._1, new Command.RecordDelivery(Participant.system(), once._2, second._1,
              Option.none(), second._2), once._1.updatedAt().plusSeconds(1)).get();
          assertThat(later.changed()).isEqualTo(second._1.compareTo(once._2.delivery().get().status()) > 0);
        }));
  }

  @Test
  void receiptsForMessagesThatAreNotOutboundOrWithBadReasonsAreRefused() {
    qt().withExamples(300).forAll(ConversationGenerators.conversations(), ConversationGenerators.texts(), receipts())
        .checkAssert((c, text, r) -> {
          if (c.status() == Status.CLOSED) {
            return;
          }
          Instant at = c.updatedAt().plusSeconds(1);
          Decision customer = Lifecycle.decide(c, Command.AppendMessage.of(MessageId.of("in-1"), Participant.customer(), text), at).get();
          Message inbound = customer.messages().head();
          assertThat(inbound.delivery()).isEmpty();
          Rejection refused = Lifecycle.decide(customer.conversation(),
              new Command.RecordDelivery(Participant.system(), inbound, r._1, Option.none(), r._2), at.plusSeconds(1)).getLeft();
          assertThat(((Rejection.Invalid) refused).violations().map(Violation::rule)).containsExactly("not-outbound");

          Message outbound = withReply(c).get().messages().head();
          Conversation replied = withReply(c).get().conversation();
          Rejection noReason = Lifecycle.decide(replied, new Command.RecordDelivery(Participant.system(), outbound,
              DeliveryStatus.FAILED, Option.none(), Option.none()), at.plusSeconds(2)).getLeft();
          assertThat(((Rejection.Invalid) noReason).violations().map(Violation::field)).containsExactly("failureReason");
          Rejection stray = Lifecycle.decide(replied, new Command.RecordDelivery(Participant.system(), outbound,
              DeliveryStatus.SENT, Option.none(), Option.some("why")), at.plusSeconds(2)).getLeft();
          assertThat(((Rejection.Invalid) stray).violations().map(Violation::rule)).containsExactly("failed-only");
          Rejection byAi = Lifecycle.decide(replied, new Command.RecordDelivery(Participant.ai(), outbound,
              DeliveryStatus.SENT, Option.none(), Option.none()), at.plusSeconds(2)).getLeft();
          assertThat(byAi).as("receipts come from the system (the channel)").isInstanceOf(Rejection.ActorNotAllowed.class);
        });
  }

  @Test
  void aProviderIdIsBoundOnceAndAReceiptNamingAnotherIsRefused() {
    Conversation open = Lifecycle.start(StartConversation.of(ConversationId.of("c-1"), TenantId.of("t"), WorkspaceId.of("w"),
        Channel.of(ChannelType.WEB_CHAT)).firstMessage(Command.AppendMessage.of(MessageId.of("m-1"), Participant.customer(), "Hi")),
        Instant.parse("2026-11-30T10:00:00Z")).get().conversation();
    Decision reply = Lifecycle.decide(open, Command.AppendMessage.of(MessageId.of("m-2"), Participant.ai(), "Hello"),
        Instant.parse("2026-11-30T10:00:01Z")).get();
    Message m = reply.messages().head();
    Decision sent = Lifecycle.decide(reply.conversation(), new Command.RecordDelivery(Participant.system(), m, DeliveryStatus.SENT,
        Option.some("SM1"), Option.none()), Instant.parse("2026-11-30T10:00:02Z")).get();
    Message bound = sent.updated().head();
    assertThat(bound.delivery().get()).isEqualTo(new Delivery(DeliveryStatus.SENT, Option.some("SM1"), Option.none(),
        Instant.parse("2026-11-30T10:00:02Z")));
    assertThat(sent.events().map(DomainEvent::change)).containsExactly(new DomainEvent.DeliveryChanged(m.id(), bound.delivery().get()));
    Rejection other = Lifecycle.decide(sent.conversation(), new Command.RecordDelivery(Participant.system(), bound,
        DeliveryStatus.DELIVERED, Option.some("SM2"), Option.none()), Instant.parse("2026-11-30T10:00:03Z")).getLeft();
    assertThat(((Rejection.Invalid) other).violations().map(Violation::rule)).containsExactly("already-bound");
    Decision failed = Lifecycle.decide(sent.conversation(), new Command.RecordDelivery(Participant.system(), bound,
        DeliveryStatus.FAILED, Option.none(), Option.some(REASON)), Instant.parse("2026-11-30T10:00:04Z")).get();
    assertThat(failed.updated().head().delivery().get().providerMessageId()).as("the id stays").contains("SM1");
    assertThat(failed.conversation().openAttention()).singleElement().satisfies(item -> {
      assertThat(item.kind()).isEqualTo("delivery-failed");
      assertThat(item.id()).isEqualTo(AttentionId.of("delivery-failed:m-2"));
      assertThat(item.note()).contains(REASON);
    });
    Rejection reserved = Lifecycle.decide(failed.conversation(), new Command.RaiseAttention(Participant.ai(),
        AttentionId.of("delivery-failed:x"), "delivery-failed", "spoof"), Instant.parse("2026-11-30T10:00:05Z")).getLeft();
    assertThat(((Rejection.Invalid) reserved).violations().map(Violation::rule)).contains("reserved");
    assertThat(Command.RecordDelivery.attentionId(MessageId.of("m".repeat(Limits.MAX_ID))).value())
        .as("a long message id still gives a valid attention id").startsWith("delivery-failed:").hasSizeLessThanOrEqualTo(Limits.MAX_ID);
  }

  @Test
  void aClosedConversationTakesReceiptsButKeepsNoOpenItemAndTwoReceiptsForOneMessageAreNotOneChange() {
    Conversation open = Lifecycle.start(StartConversation.of(ConversationId.of("c-1"), TenantId.of("t"), WorkspaceId.of("w"),
        Channel.of(ChannelType.WEB_CHAT)).firstMessage(Command.AppendMessage.of(MessageId.of("m-1"), Participant.customer(), "Hi")),
        Instant.parse("2026-11-30T10:00:00Z")).get().conversation();
    Decision reply = Lifecycle.decide(open, Command.AppendMessage.of(MessageId.of("m-2"), Participant.ai(), "Hello"),
        Instant.parse("2026-11-30T10:00:01Z")).get();
    Conversation closed = Lifecycle.decide(reply.conversation(), new Command.Close(Participant.system()),
        Instant.parse("2026-11-30T10:00:02Z")).get().conversation();
    Message m = reply.messages().head();
    String longReason = "r".repeat(Limits.MAX_NOTE);
    Decision failed = Lifecycle.decide(closed, new Command.RecordDelivery(Participant.system(), m, DeliveryStatus.FAILED,
        Option.some("SM1"), Option.some(longReason)), Instant.parse("2026-11-30T10:00:03Z")).get();
    assertThat(failed.conversation().status()).isEqualTo(Status.CLOSED);
    assertThat(failed.conversation().openAttention()).isEmpty();
    assertThat(failed.updated().head().delivery().get().status()).isEqualTo(DeliveryStatus.FAILED);

    Decision inOpen = Lifecycle.decide(reply.conversation(), new Command.RecordDelivery(Participant.system(), m,
        DeliveryStatus.FAILED, Option.none(), Option.some(longReason)), Instant.parse("2026-11-30T10:00:03Z")).get();
    assertThat(inOpen.conversation().openAttention()).singleElement()
        .satisfies(i -> assertThat(Text.length(i.note())).as("the note is cut to fit").isEqualTo(Limits.MAX_NOTE));

    Rejection twice = Lifecycle.decideAll(reply.conversation(), List.of(
        new Command.RecordDelivery(Participant.system(), m, DeliveryStatus.READ, Option.none(), Option.none()),
        new Command.RecordDelivery(Participant.system(), m, DeliveryStatus.DELIVERED, Option.none(), Option.none())),
        Instant.parse("2026-11-30T10:00:03Z")).getLeft();
    assertThat(((Rejection.Invalid) twice).violations().map(Violation::rule)).containsExactly("duplicate-receipt");
  }

  @Test
  void attachmentsWithinTheLimitsAreStoredAndAMessageMayBeAttachmentsOnly() {
    qt().withExamples(300).forAll(ConversationGenerators.conversations(), lists().of(ConversationGenerators.attachments()).ofSizeBetween(1, 3),
        integers().between(0, 2)).checkAssert((c, raw, who) -> {
          if (c.status() == Status.CLOSED) {
            return;
          }
          List<Attachment> files = List.ofAll(raw);
          Participant by = who == 0 ? Participant.customer()
              : who == 1 ? Participant.human(HumanAgent.of(HumanAgentId.of("agent-9"), "Ana")) : Participant.system();
          Either<Rejection, Decision> decided = Lifecycle.decide(c,
              Command.AppendMessage.of(MessageId.of("f-1"), by, "").withAttachments(files), c.updatedAt().plusSeconds(1));
          boolean valid = files.forAll(a -> a.problems("a").isEmpty());
          if (by.actor() == Actor.SYSTEM) {
            assertThat(((Rejection.Invalid) decided.getLeft()).violations().map(Violation::rule)).contains("not-allowed");
          } else if (!valid) {
            assertThat(((Rejection.Invalid) decided.getLeft()).violations().map(Violation::field))
                .allSatisfy(f -> assertThat(f).matches("attachments\\[\\d\\]\\.(name|mediaType|size)"));
          } else {
            Decision d = decided.get();
            assertThat(d.messages().head().attachments()).isEqualTo(files);
            assertThat(d.messages().head().content()).isEmpty();
            assertThat(d.conversation().lastMessagePreview())
                .contains(Text.preview(files.head().caption().getOrElse(files.head().name())));
          }
        });
  }

  @Test
  void theAttachmentLimitsAreTheDocumentedOnes() {
    Attachment ok = Attachment.of("a.pdf", "application/pdf", Limits.MAX_ATTACHMENT_BYTES, "s3://bucket/a.pdf");
    assertThat(ok.problems("a")).isEmpty();
    assertThat(Attachment.of("a.pdf", "application/pdf", Limits.MAX_ATTACHMENT_BYTES + 1, "k").problems("a")
        .map(Violation::rule)).containsExactly("range");
    assertThat(Attachment.of("a.pdf", "application/pdf", -1, "k").problems("a").map(Violation::rule)).containsExactly("range");
    assertThat(Attachment.of("n".repeat(Limits.MAX_ATTACHMENT_NAME + 1), "image/png", 1, "k").problems("a")
        .map(Violation::field)).containsExactly("a.name");
    assertThat(Attachment.of("x", "image/png", 1, "k".repeat(Limits.MAX_LOCATION + 1)).problems("a")
        .map(Violation::field)).containsExactly("a.location");
    for (String bad : new String[] {"image", "*/*", "image/png; q=1", "/png", "image/", "a/b/c"}) {
      assertThat(Attachment.of("x", bad, 1, "k").problems("a").map(Violation::rule)).as(bad).containsExactly("media-type");
    }
    assertThat(Attachment.problems(List.fill(Limits.MAX_ATTACHMENTS + 1, ok)).map(Violation::rule)).containsExactly("max-count");
    assertThat(Attachment.problems(List.fill(Limits.MAX_ATTACHMENTS, ok))).isEmpty();
    assertThat(ok.isImage()).isFalse();
    assertThat(Attachment.of("p", "IMAGE/png", 1, "k").isImage()).isTrue();
  }
}
