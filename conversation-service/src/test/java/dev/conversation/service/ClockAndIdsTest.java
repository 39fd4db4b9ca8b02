package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.webChat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ids come from the injected supplier and times from the injected clock, to the microsecond. */
class ClockAndIdsTest {

  private static final Instant WITH_NANOS = Instant.parse("2026-03-24T08:15:00.123456789Z");
  private static final Instant TO_MICROS = Instant.parse("2026-03-24T08:15:00.123456Z");

  @Test
  void aCreatedConversationAndItsFirstMessageTakeIdsFromTheSupplierAndTimeFromTheClock() {
    ManualClock clock = new ManualClock(WITH_NANOS);
    try (Conversations service = Conversations.builder().clock(clock).ids(new ServiceFixtures.Counter("x")).build()) {
      Outcome created = right(service.create(ACME, webChat().customerName("Jane").firstMessage(customer("hi"))));
      Conversation c = created.conversation();
      Message first = created.messages().single();
      assertThat(c.id()).isEqualTo(ConversationId.of("x-1"));
      assertThat(first.id()).isEqualTo(MessageId.of("x-2"));
      assertThat(c.contactId()).contains(ContactId.of("x-3"));
      assertThat(c.createdAt()).isEqualTo(TO_MICROS);
      assertThat(c.updatedAt()).isEqualTo(TO_MICROS);
      assertThat(first.createdAt()).isEqualTo(TO_MICROS);
      assertThat(created.events().map(e -> e.event().at())).containsOnly(TO_MICROS);
    }
  }

  @Test
  void aSentMessageTakesTheNextIdAndTheClocksCurrentTime() {
    ManualClock clock = new ManualClock(WITH_NANOS);
    ServiceFixtures.Counter ids = new ServiceFixtures.Counter("x");
    try (Conversations service = Conversations.builder().clock(clock).ids(ids).build()) {
      Conversation c = right(service.create(ACME, webChat())).conversation();
      clock.advance(Duration.ofSeconds(90).plusNanos(999));
      Outcome sent = right(service.send(ACME, c.id(), customer("later")));
      Message m = sent.messages().single();
      assertThat(m.id()).isEqualTo(MessageId.of("x-2"));
      assertThat(m.createdAt()).isEqualTo(TO_MICROS.plusSeconds(90).plusNanos(1_000));
      assertThat(sent.conversation().updatedAt()).isEqualTo(m.createdAt());
      assertThat(sent.conversation().lastMessageAt()).contains(m.createdAt());
      assertThat(ids.issued()).isEqualTo(2);
    }
  }

  @Test
  void aClockThatStandsStillStillGivesEveryChangeALaterTime() {
    ManualClock clock = new ManualClock(WITH_NANOS);
    try (Conversations service = Conversations.builder().clock(clock).ids(new ServiceFixtures.Counter("x")).build()) {
      Conversation c = right(service.create(ACME, webChat())).conversation();
      Message a = right(service.send(ACME, c.id(), customer("one"))).messages().single();
      Message b = right(service.send(ACME, c.id(), customer("two"))).messages().single();
      assertThat(a.createdAt()).isEqualTo(TO_MICROS.plusNanos(1_000));
      assertThat(b.createdAt()).isEqualTo(TO_MICROS.plusNanos(2_000));
    }
  }

  @Test
  void anIdempotentCreateDerivesItsIdFromTenantAndKeyNotFromTheSupplier() {
    ManualClock clock = new ManualClock(WITH_NANOS);
    ServiceFixtures.Counter ids = new ServiceFixtures.Counter("x");
    try (Conversations service = Conversations.builder().clock(clock).ids(ids).build();
        Conversations other = Conversations.builder().clock(clock).ids(new ServiceFixtures.Counter("y")).build()) {
      ConversationId id = right(service.create(ACME, webChat().idempotencyKey("key-1"))).conversation().id();
      assertThat(id.value()).doesNotStartWith("x-");
      assertThat(ids.issued()).isZero();
      assertThat(right(other.create(ACME, webChat().idempotencyKey("key-1"))).conversation().id())
          .as("stable across instances, so a retry after a restart finds it").isEqualTo(id);
    }
  }
}
