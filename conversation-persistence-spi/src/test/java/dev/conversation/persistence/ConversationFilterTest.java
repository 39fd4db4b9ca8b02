package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.T0;
import static dev.conversation.persistence.StoreFixtures.customerSays;
import static dev.conversation.persistence.StoreFixtures.decide;
import static dev.conversation.persistence.StoreFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import org.junit.jupiter.api.Test;

/** Examples of {@link ConversationFilter#test}, the reference meaning of every criterion. */
class ConversationFilterTest {

  private static final HumanAgent JANE = HumanAgent.of(HumanAgentId.of("agent-jane"), "Jane");
  private static final TeamId BILLING = TeamId.of("team-billing");

  /** A customer wrote (unread for agents), tagged vip + refund, starred, handed to Jane in billing. */
  private final Conversation busy;
  /** Just started: nothing unread, no tags, not starred, unassigned. */
  private final Conversation quiet = started(ACME, "quiet").conversation();

  ConversationFilterTest() {
    Conversation c = started(ACME, "busy").conversation();
    c = decide(c, customerSays("m1", "I need a refund")).conversation();
    c = decide(c, Command.UpdateMetadata.by(Participant.ai()).addTags("vip", "refund").starred(true)).conversation();
    busy = decide(c, new Command.HandOff(Participant.ai(), io.vavr.control.Option.some(JANE),
        io.vavr.control.Option.some(BILLING), "refund needs a person")).conversation();
  }

  @Test
  void theEmptyFilterSelectsEverything() {
    assertThat(ConversationFilter.all().isAll()).isTrue();
    assertThat(ConversationFilter.all().withUnread(false).isAll()).isFalse();
    assertThat(ConversationFilter.all().test(busy)).isTrue();
    assertThat(ConversationFilter.all().test(quiet)).isTrue();
  }

  @Test
  void updatedSinceIsInclusive() {
    Conversation c = quiet;
    assertThat(ConversationFilter.all().withUpdatedSince(c.updatedAt()).test(c)).isTrue();
    assertThat(ConversationFilter.all().withUpdatedSince(c.updatedAt().minusNanos(1000)).test(c)).isTrue();
    assertThat(ConversationFilter.all().withUpdatedSince(c.updatedAt().plusNanos(1000)).test(c)).isFalse();
  }

  @Test
  void anyTagsNeedsOneOfThemAndAllTagsNeedsEach() {
    Tag vip = Tag.of("vip");
    Tag refund = Tag.of("refund");
    Tag spam = Tag.of("spam");
    assertThat(ConversationFilter.all().withAnyTag(spam, vip).test(busy)).isTrue();
    assertThat(ConversationFilter.all().withAnyTag(spam).test(busy)).isFalse();
    assertThat(ConversationFilter.all().withAllTags(vip, refund).test(busy)).isTrue();
    assertThat(ConversationFilter.all().withAllTags(vip, spam).test(busy)).isFalse();
    assertThat(ConversationFilter.all().withAnyTag(vip).test(quiet)).isFalse();
    assertThat(ConversationFilter.all().withAnyTag(Tag.of("VIP")).test(busy)).as("tags are case-sensitive").isFalse();
  }

  @Test
  void statusChannelUnreadStarredAgentAndTeamMatchTheConversation() {
    assertThat(busy.status()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(busy.unread(ReadSide.AGENTS)).isTrue();
    ConversationFilter all = ConversationFilter.all();
    assertThat(all.withStatuses(Status.NEW, Status.HUMAN_MANAGED).test(busy)).isTrue();
    assertThat(all.withStatuses(Status.NEW).test(busy)).isFalse();
    assertThat(all.withChannels(ChannelType.WEB_CHAT).test(busy)).isTrue();
    assertThat(all.withChannels(ChannelType.SMS, ChannelType.EMAIL).test(busy)).isFalse();
    assertThat(all.withUnread(true).test(busy)).isTrue();
    assertThat(all.withUnread(false).test(quiet)).isTrue();
    assertThat(all.withUnread(true).test(quiet)).isFalse();
    assertThat(all.withStarred(true).test(busy)).isTrue();
    assertThat(all.withStarred(false).test(busy)).isFalse();
    assertThat(all.withAgent(JANE.id()).test(busy)).isTrue();
    assertThat(all.withAgent(HumanAgentId.of("agent-omar")).test(busy)).isFalse();
    assertThat(all.withAgent(JANE.id()).test(quiet)).as("unassigned").isFalse();
    assertThat(all.withTeam(BILLING).test(busy)).isTrue();
    assertThat(all.withTeam(BILLING).test(quiet)).isFalse();
    assertThat(all.withContact(dev.conversation.domain.ContactId.of("contact-x")).test(busy)).isFalse();
    assertThat(all.withStatuses(Status.HUMAN_MANAGED).withStarred(false).test(busy)).as("every criterion must hold").isFalse();
  }

  @Test
  void equalFiltersBuiltInAnyOrderHaveEqualTextSoCursorsCarryOver() {
    ConversationFilter a = ConversationFilter.all().withStatuses(Status.WAITING, Status.NEW).withAnyTag(Tag.of("vip"), Tag.of("bug"));
    ConversationFilter b = ConversationFilter.all().withAnyTag(Tag.of("bug"), Tag.of("vip")).withStatuses(Status.NEW, Status.WAITING);
    assertThat(a).isEqualTo(b);
    assertThat(a.toString()).isEqualTo(b.toString());
    String cursor = Cursors.conversations(Order.LAST_ACTIVITY, new Order.Position(T0, busy.id()), a);
    assertThat(ConversationQuery.first(b).after(cursor).isValid()).isTrue();
  }
}
