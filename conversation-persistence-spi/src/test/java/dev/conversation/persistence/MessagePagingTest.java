package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.GLOBEX;
import static dev.conversation.persistence.StoreFixtures.conversationWithMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Violation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@link MessageQuery} validation and paging through a conversation's history in commit order. */
class MessagePagingTest {

  private static Seq<Violation> problems(Option<Integer> limit, Option<String> cursor) {
    return MessageQuery.of(limit, cursor).getError();
  }

  @Test
  void aMessageQueryDefaultsToTwentyFiveFromTheStart() {
    assertThat(MessageQuery.of(Option.none(), Option.none()).get()).isEqualTo(new MessageQuery(25, 0));
    assertThat(MessageQuery.first(7)).isEqualTo(new MessageQuery(7, 0));
  }

  @Test
  void aMessageQueryRejectsAnOutOfRangeLimitAndAMalformedCursorTogether() {
    assertThat(problems(Option.some(0), Option.none())).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("limit", "limit-out-of-range"));
    assertThat(problems(Option.some(101), Option.none())).extracting(Violation::rule).containsExactly("limit-out-of-range");
    String negative = "m1." + Base64.getUrlEncoder().withoutPadding().encodeToString("-5".getBytes(StandardCharsets.UTF_8));
    String text = "m1." + Base64.getUrlEncoder().withoutPadding().encodeToString("five".getBytes(StandardCharsets.UTF_8));
    String conversationCursor = Cursors.conversations(Order.CREATED,
        new Order.Position(StoreFixtures.T0, ConversationId.of("c-1")), ConversationFilter.all());
    for (String cursor : new String[] {"garbage", "m1.!!!", "m1.", negative, text, conversationCursor}) {
      assertThat(problems(Option.none(), Option.some(cursor))).as(cursor)
          .extracting(Violation::field, Violation::rule).containsExactly(tuple("cursor", "malformed-cursor"));
    }
    assertThat(problems(Option.some(0), Option.some("garbage"))).extracting(Violation::rule)
        .containsExactly("limit-out-of-range", "malformed-cursor");
    assertThatThrownBy(() -> new MessageQuery(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageQuery(101, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageQuery(10, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pagingThroughAHistoryWithNextCursorsReturnsEveryMessageOnceInCommitOrder() {
    ConversationStore store = ConversationStore.inMemory();
    conversationWithMessages(store, ACME, "c-1", 23);
    ConversationId id = ConversationId.of("c-1");
    java.util.List<Message> seen = new ArrayList<>();
    java.util.List<Integer> sizes = new ArrayList<>();
    Option<String> cursor = Option.none();
    do {
      MessageQuery q = MessageQuery.of(Option.some(5), cursor).get();
      Page<Message> page = store.messages(ACME, id, q);
      seen.addAll(page.items().toJavaList());
      sizes.add(page.items().size());
      cursor = page.next();
    } while (cursor.isDefined());

    assertThat(sizes).containsExactly(5, 5, 5, 5, 3);
    assertThat(seen).extracting(m -> m.id().value())
        .containsExactlyElementsOf(List.rangeClosed(1, 23).map(i -> "c-1-m" + i));
    assertThat(seen).extracting(Message::createdAt).isSorted();
  }

  @Test
  void aHistoryThatFillsItsLastPageExactlyHasNoNextCursorThere() {
    ConversationStore store = ConversationStore.inMemory();
    conversationWithMessages(store, ACME, "c-1", 10);
    ConversationId id = ConversationId.of("c-1");
    Page<Message> first = store.messages(ACME, id, MessageQuery.first(5));
    Page<Message> second = store.messages(ACME, id, MessageQuery.of(Option.some(5), first.next()).get());
    assertThat(second.items()).extracting(m -> m.id().value()).containsExactly("c-1-m6", "c-1-m7", "c-1-m8", "c-1-m9", "c-1-m10");
    assertThat(second.next()).isEmpty();
    assertThat(store.messages(ACME, id, new MessageQuery(5, 10)).items()).isEmpty();
    assertThat(store.messages(ACME, id, new MessageQuery(5, Long.MAX_VALUE)).items()).isEmpty();
  }

  @Test
  void aMissingConversationOrAnotherTenantsHasNoMessages() {
    ConversationStore store = ConversationStore.inMemory();
    conversationWithMessages(store, ACME, "c-1", 3);
    assertThat(store.messages(ACME, ConversationId.of("c-2"), MessageQuery.first(10))).isEqualTo(Page.empty());
    assertThat(store.messages(GLOBEX, ConversationId.of("c-1"), MessageQuery.first(10))).isEqualTo(Page.empty());
  }
}
