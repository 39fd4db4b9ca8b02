package dev.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Erasure over generated lives: it leaves nothing to erase (erasing twice is erasing once), keeps
 * the skeleton (ids, statuses, times, counts, timers, the AI's turn), and its decision is the next
 * version with one Erased event that carries nothing.
 */
class ErasureProperties {

  @Test
  void anErasedHeaderKeepsItsSkeletonAndHoldsNothingToErase() {
    qt().withExamples(100).forAll(ConversationGenerators.scenarios(30)).checkAssert(scenario -> {
      Conversation c = scenario.play().last();
      Conversation e = Erasure.header(c);
      assertThat(Erasure.header(e)).as("erasing twice is erasing once").isEqualTo(e);
      assertThat(Erasure.isErased(e)).isTrue();
      assertThat(Erasure.isErased(c)).isEqualTo(e.equals(c));
      assertThat(e.contactId()).isEmpty();
      assertThat(e.customerAddress().map(ContactPoint::kind)).as("an address keeps its kind")
          .isEqualTo(c.customerAddress().map(ContactPoint::kind));
      assertThat(e.customerAddress()).isEqualTo(c.customerAddress().map(a -> Erasure.address(a.kind())));
      for (Option<String> text : List.of(e.subject(), e.summary(), e.lastMessagePreview(),
          e.resolution().map(Resolution::outcome))) {
        assertThat(text.forAll(Erasure.MARKER::equals)).as("free text is the marker: %s", text).isTrue();
      }
      assertThat(List.of(e.subject().isDefined(), e.summary().isDefined(), e.lastMessagePreview().isDefined()))
          .as("present exactly where it was").isEqualTo(List.of(c.subject().isDefined(), c.summary().isDefined(),
              c.lastMessagePreview().isDefined()));
      assertThat(e.attention().map(AttentionItem::note)).allMatch(Erasure.MARKER::equals);
      assertThat(e.attention().map(i -> List.of(i.id(), i.kind(), i.raisedAt(), i.clearedAt())))
          .isEqualTo(c.attention().map(i -> List.of(i.id(), i.kind(), i.raisedAt(), i.clearedAt())));
      assertThat(List.of(e.id(), e.status(), e.version(), e.createdAt(), e.updatedAt(), e.messageCount(), e.tags(),
          e.priority(), e.assignee(), e.channel(), e.accountId(), e.resolution().map(Resolution::resolver)))
          .as("the skeleton stays").isEqualTo(List.of(c.id(), c.status(), c.version(), c.createdAt(), c.updatedAt(),
              c.messageCount(), c.tags(), c.priority(), c.assignee(), c.channel(), c.accountId(),
              c.resolution().map(Resolution::resolver)));
      assertThat(Lifecycle.timer(e)).isEqualTo(Lifecycle.timer(c));
      assertThat(Lifecycle.aiTurn(e)).isEqualTo(Lifecycle.aiTurn(c));
      assertThat(Lifecycle.dueAt(e, TimerPolicy.of(Duration.ofHours(1), Duration.ofHours(2))))
          .isEqualTo(Lifecycle.dueAt(c, TimerPolicy.of(Duration.ofHours(1), Duration.ofHours(2))));
    });
  }

  @Test
  void theErasureDecisionIsTheNextVersionWithOneEventThatCarriesNothing() {
    qt().withExamples(100).forAll(ConversationGenerators.scenarios(20)).checkAssert(scenario -> {
      Conversation c = scenario.play().last();
      java.time.Instant at = c.updatedAt().plusSeconds(60);
      Decision d = Erasure.decide(c, at);
      assertThat(d.messages()).isEmpty();
      assertThat(d.events()).hasSize(1);
      DomainEvent event = d.events().head();
      assertThat(event.change()).isEqualTo(new DomainEvent.Erased());
      assertThat(event.type().wireName()).isEqualTo("conversation.erased");
      assertThat(List.of(event.version(), event.at(), event.by(), event.conversationId(), event.tenantId()))
          .isEqualTo(List.of(c.version() + 1, at, Participant.system(), c.id(), c.tenantId()));
      assertThat(d.conversation().version()).isEqualTo(c.version() + 1);
      assertThat(d.conversation().updatedAt()).as("an erasure is not activity").isEqualTo(c.updatedAt());
      assertThat(d.conversation()).isEqualTo(Conversation.builder().from(Erasure.header(c)).version(c.version() + 1).build());
      assertThat(Evolve.evolve(c, d.events().toList())).as("evolving the event is the decision").isEqualTo(d.conversation());
    });
  }

  @Test
  void erasedMessagesAndEventsHoldNothingToEraseAndKeepTheirShape() {
    qt().withExamples(100).forAll(ConversationGenerators.scenarios(30)).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      Seq<Decision> decisions = trace.outcomes().filter(Scenario.Outcome::changed).map(o -> o.result().get())
          .prepend(trace.started());
      for (Message m : decisions.flatMap(Decision::messages).appendAll(decisions.flatMap(Decision::updated))) {
        Message e = Erasure.message(m);
        assertThat(Erasure.message(e)).isEqualTo(e);
        assertThat(e.content()).isEqualTo(m.content().isEmpty() ? "" : Erasure.MARKER);
        assertThat(e.attachments().map(a -> List.of(a.name(), a.location())))
            .allMatch(pair -> pair.forAll(Erasure.MARKER::equals));
        assertThat(e.attachments().map(a -> List.of(a.mediaType(), a.size())))
            .isEqualTo(m.attachments().map(a -> List.of(a.mediaType(), a.size())));
        assertThat(e.attachments().flatMap(Attachment::caption)).isEmpty();
        assertThat(List.of(e.id(), e.author(), e.type(), e.citations(), e.createdAt(), e.idempotencyKey(),
            e.delivery().map(Delivery::status), e.delivery().flatMap(Delivery::providerMessageId)))
            .isEqualTo(List.of(m.id(), m.author(), m.type(), m.citations(), m.createdAt(), m.idempotencyKey(),
                m.delivery().map(Delivery::status), m.delivery().flatMap(Delivery::providerMessageId)));
        assertThat(e.delivery().flatMap(Delivery::failureReason).forAll(Erasure.MARKER::equals)).isTrue();
      }
      for (DomainEvent event : decisions.flatMap(Decision::events)) {
        DomainEvent e = Erasure.event(event);
        assertThat(Erasure.event(e)).isEqualTo(e);
        assertThat(List.of(e.type(), e.version(), e.at(), e.by(), e.conversationId()))
            .isEqualTo(List.of(event.type(), event.version(), event.at(), event.by(), event.conversationId()));
        String text = e.change().toString();
        String before = event.change().toString();
        if (e.change() instanceof DomainEvent.MessageAppended m) {
          assertThat(m.preview().forAll(Erasure.MARKER::equals)).isTrue();
        } else if (e.change() instanceof DomainEvent.NoteAdded n) {
          assertThat(n.preview()).isEqualTo(Erasure.MARKER);
        } else if (e.change() instanceof DomainEvent.HandedOff h) {
          assertThat(h.reason()).isEqualTo(Erasure.MARKER);
          assertThat(h.assignee()).isEqualTo(((DomainEvent.HandedOff) event.change()).assignee());
        } else if (e.change() instanceof DomainEvent.Resolved r) {
          assertThat(r.resolution().outcome()).isEqualTo(Erasure.MARKER);
        } else if (e.change() instanceof DomainEvent.AttentionRaised a) {
          assertThat(a.item().note()).isEqualTo(Erasure.MARKER);
        } else if (e.change() instanceof DomainEvent.DeliveryChanged d) {
          assertThat(d.delivery().failureReason().forAll(Erasure.MARKER::equals)).isTrue();
          assertThat(d.delivery().status()).isEqualTo(((DomainEvent.DeliveryChanged) event.change()).delivery().status());
        } else if (e.change() instanceof DomainEvent.MetadataChanged m) {
          assertThat(m.subject().forAll(Erasure.MARKER::equals) && m.summary().forAll(Erasure.MARKER::equals)).isTrue();
          assertThat(m.tags()).isEqualTo(((DomainEvent.MetadataChanged) event.change()).tags());
        } else {
          assertThat(text).as("a kind without personal data is left as it is").isEqualTo(before);
        }
      }
    });
  }

  @Test
  void anAddressIsReplacedByAPlaceholderOfItsKind() {
    assertThat(Erasure.address(ContactPoint.Kind.PHONE)).isEqualTo(new PhoneNumber("+9990000000"));
    assertThat(Erasure.address(ContactPoint.Kind.EMAIL)).isEqualTo(new EmailAddress("erased@erased.invalid"));
    assertThat(Erasure.address(ContactPoint.Kind.HANDLE)).isEqualTo(new Handle(Erasure.MARKER));
  }
}
