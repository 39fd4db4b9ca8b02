package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.T0;
import static dev.conversation.persistence.StoreFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Status;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** {@link Page#of}: a page holds at most {@code limit} items and has a next cursor exactly when one more was fetched. */
class PageTest {

  /** Conversations in LAST_ACTIVITY order: c-(n-1) is newest. */
  private static List<Conversation> newestFirst(int n) {
    return List.range(0, n).map(i -> started(ACME, "c-" + i, T0.plusSeconds(i)).conversation()).reverse();
  }

  private static List<Message> messages(int n) {
    return List.range(0, n).map(i -> Message.builder().id(MessageId.of("m" + i))
        .conversationId(dev.conversation.domain.ConversationId.of("c-1")).author(Participant.customer())
        .content("text " + i).createdAt(T0.plusSeconds(i)).build());
  }

  @Test
  void aPageOfAtMostLimitFetchedItemsKeepsThemAllAndIsTheLast() {
    ConversationQuery q = ConversationQuery.first(ConversationFilter.all()).withLimit(3);
    for (int n = 0; n <= 3; n++) {
      Page<Conversation> page = Page.of(q, newestFirst(n));
      assertThat(page.items()).as("%d fetched", n).isEqualTo(newestFirst(n));
      assertThat(page.next()).as("%d fetched", n).isEmpty();
    }
  }

  @Test
  void limitPlusOneFetchedItemsAreTrimmedAndTheNextCursorPointsAfterTheLastKeptItem() {
    ConversationFilter filter = ConversationFilter.all().withStatuses(Status.NEW);
    ConversationQuery q = ConversationQuery.first(filter).withLimit(3);
    List<Conversation> fetched = newestFirst(4);
    Page<Conversation> page = Page.of(q, fetched);
    assertThat(page.items()).isEqualTo(fetched.take(3));
    assertThat(page.next()).isNotEmpty();
    assertThat(q.after(page.next().get()).get().paging())
        .isEqualTo(new ConversationQuery.Paging.After(Order.LAST_ACTIVITY.position(fetched.get(2))));
  }

  @Test
  void moreThanLimitPlusOneFetchedItemsAreAProgrammingError() {
    ConversationQuery q = ConversationQuery.first(ConversationFilter.all()).withLimit(3);
    assertThatThrownBy(() -> Page.of(q, newestFirst(5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Page.of(new MessageQuery(3, 0), messages(5))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMessagePageWithOneExtraMessageContinuesAfterTheLastKeptMessage() {
    MessageQuery q = new MessageQuery(2, 4);
    Page<Message> full = Page.of(q, messages(3));
    assertThat(full.items()).isEqualTo(messages(2));
    assertThat(full.next()).isNotEmpty();
    assertThat(MessageQuery.of(Option.some(2), full.next()).get()).isEqualTo(new MessageQuery(2, 6));

    Page<Message> last = Page.of(q, messages(2));
    assertThat(last.items()).hasSize(2);
    assertThat(last.next()).isEmpty();
  }

  @Test
  void anEmptyPageHasNoItemsAndNoNext() {
    assertThat(Page.<Conversation>empty().items()).isEmpty();
    assertThat(Page.empty().next()).isEmpty();
  }
}
