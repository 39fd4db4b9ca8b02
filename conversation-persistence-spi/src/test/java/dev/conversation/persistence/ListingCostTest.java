package dev.conversation.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a filtered page costs in the in-memory store, counted in index positions visited rather
 * than timed: a page of a filter that matches 1% of 20,000 conversations visits about a page of
 * positions, and paging through every match visits each match about once. Copying every
 * matching id per page, or walking the whole tenant, fails these bounds by two orders of magnitude.
 */
class ListingCostTest {

  private static final int TOTAL = 20_000;
  private static final int MATCHING = 200;
  private static final TenantId TENANT = TenantId.of("acme");
  private static final Instant T0 = Instant.parse("2026-03-24T08:15:00Z");

  private static InMemoryConversationStore populated() {
    InMemoryConversationStore store = new InMemoryConversationStore();
    for (int i = 0; i < TOTAL; i++) {
      // Every hundredth is on e-mail or SMS (alternately) for contact "vip"; the rest web chat.
      boolean rare = i % (TOTAL / MATCHING) == 0;
      ChannelType type = !rare ? ChannelType.WEB_CHAT : (i / (TOTAL / MATCHING)) % 2 == 0 ? ChannelType.EMAIL : ChannelType.SMS;
      StartConversation start = StartConversation.of(ConversationId.of("c" + i), TENANT, WorkspaceId.of("ws"), Channel.of(type))
          .contactId(ContactId.of(rare ? "vip" : "c" + (i % 500)));
      start = type == ChannelType.EMAIL ? start.customerAddress("vip@example.com")
          : type == ChannelType.SMS ? start.customerAddress("+15550100") : start;
      store.commit(TENANT, 0, Lifecycle.start(start, T0.plus(Duration.ofSeconds(i))).get());
    }
    return store;
  }

  private static final InMemoryConversationStore STORE = populated();

  enum Filter {
    ONE_CHANNEL_VALUE(ConversationFilter.all().withChannels(ChannelType.EMAIL), MATCHING / 2),
    TWO_CHANNEL_VALUES_MERGED(ConversationFilter.all().withChannels(ChannelType.EMAIL, ChannelType.SMS), MATCHING),
    CONTACT(ConversationFilter.all().withContact(ContactId.of("vip")), MATCHING);

    final ConversationFilter filter;
    final int matches;

    Filter(ConversationFilter filter, int matches) {
      this.filter = filter;
      this.matches = matches;
    }
  }

  @ParameterizedTest
  @EnumSource(Filter.class)
  void aFilteredPageVisitsAboutAPageAndAWalkVisitsEachMatchAboutOnce(Filter f) {
    for (Order order : Order.values()) {
      ConversationQuery first = ConversationQuery.first(f.filter).withOrder(order).withLimit(10);
      long before = STORE.visits();
      Page<dev.conversation.domain.Conversation> page = STORE.list(TENANT, first);
      assertThat(page.items()).hasSize(10);
      assertThat(STORE.visits() - before).as("positions visited for one page of 10").isLessThanOrEqualTo(11);

      before = STORE.visits();
      int seen = page.items().size();
      while (page.next().isDefined()) {
        page = STORE.list(TENANT, first.after(page.next().get()).get());
        seen += page.items().size();
      }
      assertThat(seen).isEqualTo(f.matches);
      assertThat(STORE.visits() - before).as("positions visited walking every page").isLessThanOrEqualTo(f.matches + 2L * f.matches / 10);
    }
  }
}
