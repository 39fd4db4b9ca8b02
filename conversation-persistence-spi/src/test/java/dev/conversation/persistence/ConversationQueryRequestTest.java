package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.T0;
import static dev.conversation.persistence.StoreFixtures.commit;
import static dev.conversation.persistence.StoreFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.Violation;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The rules of {@link ConversationQuery.Request#validate()}: each rule named by field and rule. */
class ConversationQueryRequestTest {

  private static ConversationQuery.Request request() {
    return ConversationQuery.request();
  }

  private static Seq<Violation> problems(ConversationQuery.Request request) {
    Validation<Seq<Violation>, ConversationQuery> v = request.validate();
    assertThat(v.isInvalid()).as("expected violations for %s, got %s", request, v).isTrue();
    return v.getError();
  }

  private static ConversationQuery valid(ConversationQuery.Request request) {
    Validation<Seq<Violation>, ConversationQuery> v = request.validate();
    assertThat(v.isValid()).as("expected a valid query for %s, got %s", request, v).isTrue();
    return v.get();
  }

  private static String base64(String body) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
  }

  /** A real cursor: the next of a first page of two conversations with limit 1. */
  private static String cursorOf(ConversationFilter filter, Order order) {
    Conversation a = started(ACME, "c-a", T0).conversation();
    Conversation b = started(ACME, "c-b", T0.plusSeconds(1)).conversation();
    ConversationQuery q = ConversationQuery.first(filter).withOrder(order).withLimit(1);
    return Page.of(q, io.vavr.collection.List.of(b, a)).next().get();
  }

  @Test
  void anEmptyRequestIsTheFirstPageOfTwentyFiveOfEverythingByLastActivity() {
    ConversationQuery q = valid(request());
    assertThat(q.limit()).isEqualTo(ConversationQuery.DEFAULT_LIMIT).isEqualTo(25);
    assertThat(q.order()).isEqualTo(Order.LAST_ACTIVITY);
    assertThat(q.paging()).isEqualTo(new ConversationQuery.Paging.Offset(0));
    assertThat(q.filter().isAll()).isTrue();
  }

  @Test
  void limitMustBeOneToAHundred() {
    for (int bad : new int[] {0, -1, 101, Integer.MAX_VALUE}) {
      assertThat(problems(request().limit(bad))).as("limit %d", bad)
          .extracting(Violation::field, Violation::rule)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("limit", "limit-out-of-range"));
    }
    assertThat(valid(request().limit(1)).limit()).isEqualTo(1);
    assertThat(valid(request().limit(100)).limit()).isEqualTo(100);
  }

  @Test
  void offsetMustNotBeNegative() {
    assertThat(problems(request().offset(-1)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("offset", "offset-negative"));
    assertThat(valid(request().offset(7)).paging()).isEqualTo(new ConversationQuery.Paging.Offset(7));
  }

  @Test
  void anOffsetCannotBeCombinedWithACursor() {
    String cursor = cursorOf(ConversationFilter.all(), Order.LAST_ACTIVITY);
    assertThat(problems(request().offset(0).cursor(cursor)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("offset", "offset-with-cursor"));
  }

  @Test
  void aCursorThisLibraryDidNotIssueIsMalformed() {
    String[] malformed = {
        "garbage",
        "",
        "c1.",
        "c1.!!!",
        "c1." + base64("just some nonsense"),
        "c1." + base64("LAST_ACTIVITY|not-a-number|0|abc|c-1"),
        "c1." + base64("SIDEWAYS|1|0|abc|c-1"),
        "c1." + base64("LAST_ACTIVITY|1|0|abc|   "),
        "c1." + base64("LAST_ACTIVITY|1|0|abc"),
        "C1." + base64("LAST_ACTIVITY|1|0|abc|c-1"),
        Cursors.messages(3),
    };
    for (String cursor : malformed) {
      assertThat(problems(request().cursor(cursor))).as("cursor '%s'", cursor)
          .extracting(Violation::field, Violation::rule)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("cursor", "malformed-cursor"));
    }
  }

  @Test
  void aCursorFromAListingWithAnotherFilterOrOrderDoesNotMatch() {
    String newOnly = cursorOf(ConversationFilter.all().withStatuses(Status.NEW), Order.LAST_ACTIVITY);
    assertThat(problems(request().statuses("active").cursor(newOnly)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("cursor", "cursor-does-not-match-query"));
    assertThat(problems(request().cursor(newOnly))).as("no filter at all")
        .extracting(Violation::rule).containsExactly("cursor-does-not-match-query");

    String byCreation = cursorOf(ConversationFilter.all(), Order.CREATED);
    assertThat(problems(request().cursor(byCreation))).as("same filter, other order")
        .extracting(Violation::rule).containsExactly("cursor-does-not-match-query");
    assertThat(valid(request().order("created").cursor(byCreation)).paging())
        .isInstanceOf(ConversationQuery.Paging.After.class);
  }

  @Test
  void unknownStatusChannelAndOrderWordsAreNamed() {
    assertThat(problems(request().statuses("new", "open")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("statuses", "unknown-status"));
    assertThat(problems(request().channels("telegram")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("channels", "unknown-channel"));
    assertThat(problems(request().order("newest")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("order", "unknown-order"));
    assertThat(problems(request().statuses("open")).head().message()).contains("'open'").contains("human_managed");
  }

  @Test
  void statusChannelAndOrderWordsIgnoreCaseAndAcceptHyphens() {
    for (String word : new String[] {"human-managed", "HUMAN_MANAGED", "Human_Managed", " human_managed "}) {
      assertThat(valid(request().statuses(word)).filter().statuses()).as(word).containsExactly(Status.HUMAN_MANAGED);
    }
    assertThat(valid(request().statuses(Status.HUMAN_MANAGED, Status.NEW)).filter().statuses())
        .containsExactlyInAnyOrder(Status.HUMAN_MANAGED, Status.NEW);
    assertThat(valid(request().channels("web-chat", "SMS")).filter().channels())
        .containsExactlyInAnyOrder(ChannelType.WEB_CHAT, ChannelType.SMS);
    assertThat(valid(request().order("Created")).order()).isEqualTo(Order.CREATED);
    assertThat(valid(request().order("last-activity")).order()).isEqualTo(Order.LAST_ACTIVITY);
  }

  @Test
  void aCursorForTagsThatOnlyPrintAlikeDoesNotMatch() {
    String commaTag = cursorOf(ConversationFilter.all().withAnyTag(Tag.of("a, b")), Order.LAST_ACTIVITY);
    assertThat(problems(request().anyTags("a", "b").cursor(commaTag)))
        .extracting(Violation::rule).containsExactly("cursor-does-not-match-query");
    assertThat(valid(request().anyTags("a, b").cursor(commaTag)).paging())
        .isInstanceOf(ConversationQuery.Paging.After.class);
  }

  @Test
  void aMalformedCursorIsReportedBesideOtherProblems() {
    assertThat(problems(request().limit(0).cursor("garbage"))).extracting(Violation::rule)
        .containsExactly("limit-out-of-range", "malformed-cursor");
    assertThat(problems(request().statuses("x").cursor("garbage"))).extracting(Violation::rule)
        .containsExactly("unknown-status", "malformed-cursor");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Seq<Violation> all = problems(request().limit(0).offset(-3).statuses("bogus").channels("fax").order("random")
        .anyTags("").allTags("bad\ttag").agent(" "));
    assertThat(all).extracting(Violation::field)
        .containsExactlyInAnyOrder("limit", "offset", "statuses", "channels", "order", "anyTags", "allTags", "agent");
    assertThat(all).extracting(Violation::rule)
        .contains("limit-out-of-range", "offset-negative", "unknown-status", "unknown-channel", "unknown-order", "invalid-id");
  }

  @Test
  void invalidTagWordsNameTheirField() {
    Seq<Violation> tagProblems = problems(request().anyTags("vip", "   ").allTags("x".repeat(51), "line\nbreak"));
    assertThat(tagProblems).extracting(Violation::field).containsExactly("anyTags", "allTags", "allTags");
    assertThat(valid(request().anyTags("vip", "refund").allTags("vip")).filter())
        .isEqualTo(ConversationFilter.all().withAnyTag(Tag.of("refund"), Tag.of("vip")).withAllTags(Tag.of("vip")));
  }

  @Test
  void validIdsAndFlagsBecomeTheFilter() {
    ConversationQuery q = valid(request().contactId("contact-1").agent("agent-1").team("team-1").unread(true).starred(false)
        .updatedSince(T0));
    assertThat(q.filter()).isEqualTo(ConversationFilter.all()
        .withContact(dev.conversation.domain.ContactId.of("contact-1"))
        .withAgent(dev.conversation.domain.HumanAgentId.of("agent-1"))
        .withTeam(dev.conversation.domain.TeamId.of("team-1"))
        .withUnread(true).withStarred(false).withUpdatedSince(T0));
    assertThat(problems(request().contactId("")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("contactId", "invalid-id"));
  }

  @Test
  void aPagesNextCursorFedBackWithTheSameFilterContinuesAfterItsLastItem() {
    ConversationStore store = ConversationStore.inMemory();
    for (int i = 0; i < 7; i++) {
      commit(store, started(ACME, "c-" + i, T0.plusSeconds(i)));
    }
    ConversationQuery first = valid(request().statuses("new").limit(3));
    Page<Conversation> page1 = store.list(ACME, first);
    assertThat(page1.items()).extracting(c -> c.id().value()).containsExactly("c-6", "c-5", "c-4");
    assertThat(page1.next()).isNotEmpty();

    ConversationQuery second = valid(request().statuses("NEW").limit(3).cursor(page1.next().get()));
    assertThat(second.paging()).isEqualTo(new ConversationQuery.Paging.After(
        new Order.Position(T0.plusSeconds(4), ConversationId.of("c-4"))));
    Page<Conversation> page2 = store.list(ACME, second);
    assertThat(page2.items()).extracting(c -> c.id().value()).containsExactly("c-3", "c-2", "c-1");

    Page<Conversation> page3 = store.list(ACME, valid(request().statuses("new").limit(3).cursor(page2.next().get())));
    assertThat(page3.items()).extracting(c -> c.id().value()).containsExactly("c-0");
    assertThat(page3.next()).isEmpty();
  }

  @Test
  void aCursorKeepsIdsWithSeparatorsAndSupplementaryCharactersAndSubMicrosecondTimes() {
    java.time.Instant at = java.time.Instant.parse("1969-12-31T23:59:59.123456789Z");
    ConversationId id = ConversationId.of("a|b|\uD83D\uDE00|c");
    ConversationFilter filter = ConversationFilter.all().withAnyTag(Tag.of("vip"));
    String cursor = Cursors.conversations(Order.CREATED, new Order.Position(at, id), filter);
    ConversationQuery q = ConversationQuery.first(filter).withOrder(Order.CREATED);
    assertThat(q.after(cursor).get().paging())
        .isEqualTo(new ConversationQuery.Paging.After(new Order.Position(at, id)));
  }
}
