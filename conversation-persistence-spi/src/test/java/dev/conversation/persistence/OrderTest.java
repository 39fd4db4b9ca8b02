package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.T0;
import static dev.conversation.persistence.StoreFixtures.commit;
import static dev.conversation.persistence.StoreFixtures.customerSays;
import static dev.conversation.persistence.StoreFixtures.decide;
import static dev.conversation.persistence.StoreFixtures.started;
import static dev.conversation.persistence.StoreFixtures.webChat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Lifecycle;
import org.junit.jupiter.api.Test;

/** Examples of the two listing orders, alone and through the in-memory store. */
class OrderTest {

  @Test
  void lastActivitySortsByUpdatedAtAndCreatedByCreatedAt() {
    Conversation old = started(ACME, "old", T0).conversation();
    Conversation fresh = started(ACME, "fresh", T0.plusSeconds(10)).conversation();
    Conversation oldButBusy = decide(old, customerSays("m1", "hello")).conversation();

    assertThat(Order.LAST_ACTIVITY.key(oldButBusy)).isEqualTo(oldButBusy.updatedAt());
    assertThat(Order.CREATED.key(oldButBusy)).isEqualTo(T0);
    assertThat(Order.LAST_ACTIVITY.comparator().compare(oldButBusy, fresh)).as("busier first").isNegative();
    assertThat(Order.CREATED.comparator().compare(oldButBusy, fresh)).as("newer first").isPositive();
    assertThat(Order.CREATED.position(fresh)).isEqualTo(new Order.Position(T0.plusSeconds(10), ConversationId.of("fresh")));
  }

  @Test
  void theStoreBreaksEqualTimesByCodePointOrderNotUtf16OrderOnBothListingPaths() {
    ConversationStore store = ConversationStore.inMemory();
    ContactId tie = ContactId.of("contact-tie");
    for (String id : new String[] {"\uFFFF", "\uD83D\uDE00", "z", "\uD7FF"}) {
      commit(store, Lifecycle.start(webChat(ACME, id).contactId(tie), T0).get());
    }
    for (int i = 0; i < 36; i++) {
      commit(store, started(ACME, "filler-" + i, T0.minusSeconds(3600 + i)));
    }
    for (Order order : Order.values()) {
      Page<Conversation> walked = store.list(ACME, ConversationQuery.first(ConversationFilter.all()).withOrder(order).withLimit(4));
      assertThat(walked.items()).extracting(c -> c.id().value()).as(order.name())
          .containsExactly("\uD83D\uDE00", "\uFFFF", "\uD7FF", "z");
      Page<Conversation> indexed = store.list(ACME,
          ConversationQuery.first(ConversationFilter.all().withContact(tie)).withOrder(order));
      assertThat(indexed.items()).extracting(c -> c.id().value()).as(order.name())
          .containsExactly("\uD83D\uDE00", "\uFFFF", "\uD7FF", "z");
    }
  }
}
