package dev.conversation.domain;

import static dev.conversation.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Builders refuse what the lifecycle cannot produce: every structural check of
 * {@link Conversation}, {@link Message} and {@link Contact} is tripped here, alone, on a value
 * that is otherwise valid, and each refusal names its rule.
 */
class StructuralChecksTest {

  private static final Resolution RESOLUTION = new Resolution("done", Participant.ai(), T0);
  private static final Assignee ALICE = Assignee.agent(HumanAgent.of(HumanAgentId.of("alice"), "Alice"));

  private static Conversation.Builder conversation() {
    return Conversation.builder()
        .id(ConversationId.of("c-1")).tenantId(TenantId.of("t")).workspaceId(WorkspaceId.of("w"))
        .channel(Channel.of(ChannelType.WEB_CHAT)).status(Status.ACTIVE)
        .createdAt(T0).updatedAt(T0).version(3);
  }

  private static void refused(UnaryOperator<Conversation.Builder> broken, String rule) {
    assertThatThrownBy(() -> broken.apply(conversation()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(rule);
  }

  private static void accepted(UnaryOperator<Conversation.Builder> edge) {
    assertThat(edge.apply(conversation()).build()).isNotNull();
  }

  @Test
  void theBaseConversationIsValid() {
    accepted(b -> b);
  }

  @Test
  void theAiTurnIsPresentExactlyWhileItIsTheAisTurnAndNotBeforeTheWait() {
    java.time.Instant t1 = T0.plusSeconds(1);
    java.time.Instant t2 = T0.plusSeconds(2);
    String rule = "aiTurnSince must be present exactly while it is the AI's turn";
    refused(b -> b.lastCustomerMessageAt(Option.some(t1)).aiTurnSince(Option.none()), rule);
    refused(b -> b.aiTurnSince(Option.some(t1)), rule);
    refused(b -> b.lastCustomerMessageAt(Option.some(t2)).aiTurnSince(Option.some(t1)), rule);
    refused(b -> b.lastCustomerMessageAt(Option.some(t1)).aiTurnSince(Option.some(t1)).assignee(Option.some(
        Assignee.team(TeamId.of("support")))).status(Status.HUMAN_MANAGED), rule);
    accepted(b -> b.lastCustomerMessageAt(Option.some(t1)).aiTurnSince(Option.some(t2)));
    assertThat(conversation().lastCustomerMessageAt(Option.some(t1)).build().aiTurnSince())
        .as("derived when never set: the start of the wait").contains(t1);
    Conversation later = conversation().lastCustomerMessageAt(Option.some(t1)).aiTurnSince(Option.some(t2)).build();
    assertThat(Conversation.builder().from(later).version(4).build().aiTurnSince()).as("a copy keeps it").contains(t2);
    assertThat(Conversation.builder().from(later).status(Status.WAITING).waitingSince(Option.some(t2)).build().aiTurnSince())
        .as("a copy no longer the AI's turn drops it").isEmpty();
    assertThat(later.toString()).contains("aiTurnSince=Some(" + t2 + ")");
    assertThat(later).isNotEqualTo(conversation().lastCustomerMessageAt(Option.some(t1)).build());
  }

  @Test
  void theWaitForAReplyLiesBetweenTheLastAgentAndTheLastCustomerMessage() {
    java.time.Instant t1 = T0.plusSeconds(1);
    java.time.Instant t2 = T0.plusSeconds(2);
    String rule = "awaitingReplySince must lie between the last agent message and the last customer message";
    refused(b -> b.awaitingReplySince(Option.some(t1)), rule);
    refused(b -> b.lastCustomerMessageAt(Option.some(t1)).awaitingReplySince(Option.some(t2)), rule);
    refused(b -> b.lastAgentMessageAt(Option.some(t1)).lastCustomerMessageAt(Option.some(t2)).awaitingReplySince(Option.some(T0)), rule);
    accepted(b -> b.lastAgentMessageAt(Option.some(t1)).lastCustomerMessageAt(Option.some(t2)).awaitingReplySince(Option.some(t1)));
    accepted(b -> b.lastCustomerMessageAt(Option.some(t2)).awaitingReplySince(Option.some(t2)));
    assertThat(conversation().lastCustomerMessageAt(Option.some(t2)).awaitingReplySince(Option.some(t1)).build()
        .awaitingReplySince()).as("as set").contains(t1);
    assertThat(conversation().lastCustomerMessageAt(Option.some(t1)).build().awaitingReplySince())
        .as("derived when never set: the customer spoke last").contains(t1);
    assertThat(conversation().lastAgentMessageAt(Option.some(t1)).lastCustomerMessageAt(Option.some(t1)).build()
        .awaitingReplySince()).as("derived: a customer message at the agent's instant still waits").contains(t1);
    assertThat(conversation().lastCustomerMessageAt(Option.some(t1)).lastAgentMessageAt(Option.some(t2)).build()
        .awaitingReplySince()).as("derived: answered").isEmpty();
    assertThat(conversation().build().awaitingReplySince()).as("derived: nobody spoke").isEmpty();
    Conversation waiting = conversation().lastCustomerMessageAt(Option.some(t1)).build();
    assertThat(Conversation.builder().from(waiting).awaitingReplySince(Option.none()).build().awaitingReplySince())
        .as("an explicit none is kept").isEmpty();
    assertThat(waiting).isNotEqualTo(Conversation.builder().from(waiting).awaitingReplySince(Option.none()).build());
    assertThat(waiting.toString()).contains("awaitingReplySince=Some(" + t1 + ")");
  }

  @Test
  void anOptionalAttributeMayBeAbsentButNeverHoldNull() {
    assertThatThrownBy(() -> conversation().subject(Option.some(null)))
        .isInstanceOf(NullPointerException.class).hasMessage("subject must not hold null");
    assertThatThrownBy(() -> conversation().assignee(null))
        .isInstanceOf(NullPointerException.class).hasMessage("assignee");
    assertThatThrownBy(() -> conversation().id(null)).isInstanceOf(NullPointerException.class).hasMessage("id");
    assertThat(conversation().subject(Option.some("s")).subject(Option.none()).build().subject()).isEmpty();
  }

  @Test
  void aBuiltConversationEqualsItsCopyAndPrintsItsAttributes() {
    Conversation c = conversation().subject(Option.some("Order 42")).tags(LinkedHashSet.of(Tag.of("vip"))).build();
    Conversation copy = Conversation.builder().from(c).build();
    assertThat(copy).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(Conversation.builder().from(c).version(4).build()).isNotEqualTo(c);
    assertThat(c.toString()).startsWith("Conversation{id=c-1, tenantId=t, workspaceId=w, ")
        .contains("subject=Some(Order 42)", "summary=None", "tags=LinkedHashSet(vip)", "version=3}");
    assertThatThrownBy(() -> Conversation.builder().id(ConversationId.of("c")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot build Conversation, some of required attributes are not set "
            + "[tenantId, workspaceId, channel, status, createdAt, updatedAt, version]");
  }

  @Test
  void versionAndCountAndTimes() {
    refused(b -> b.version(0), "version must be >= 1");
    accepted(b -> b.version(1));
    refused(b -> b.messageCount(-1).lastMessageAt(Option.some(T0)).lastMessagePreview(Option.some("x")),
        "messageCount must be >= 0");
    refused(b -> b.updatedAt(T0.minusNanos(1000)), "updatedAt must not be before createdAt");
    accepted(b -> b.updatedAt(T0));
  }

  @Test
  void lastMessageAndItsPreviewArePresentExactlyWithMessages() {
    refused(b -> b.messageCount(1), "lastMessageAt and lastMessagePreview");
    refused(b -> b.messageCount(1).lastMessageAt(Option.some(T0)), "lastMessageAt and lastMessagePreview");
    refused(b -> b.messageCount(1).lastMessagePreview(Option.some("hi")), "lastMessageAt and lastMessagePreview");
    refused(b -> b.lastMessageAt(Option.some(T0)), "lastMessageAt and lastMessagePreview");
    refused(b -> b.lastMessagePreview(Option.some("hi")), "lastMessageAt and lastMessagePreview");
    accepted(b -> b.messageCount(1).lastMessageAt(Option.some(T0)).lastMessagePreview(Option.some("hi")));
  }

  @Test
  void aResolutionExactlyWhenResolvedAndKeptWhenClosed() {
    refused(b -> b.status(Status.RESOLVED), "resolution must be present when RESOLVED");
    refused(b -> b.resolution(Option.some(RESOLUTION)), "resolution must be present when RESOLVED");
    accepted(b -> b.status(Status.RESOLVED).resolution(Option.some(RESOLUTION)));
    accepted(b -> b.status(Status.CLOSED).resolution(Option.some(RESOLUTION)));
    accepted(b -> b.status(Status.CLOSED));
  }

  @Test
  void anAssigneeExactlyWhenHumansMayOwnIt() {
    refused(b -> b.status(Status.HUMAN_MANAGED), "needs an assignee");
    accepted(b -> b.status(Status.HUMAN_MANAGED).assignee(Option.some(ALICE)));
    for (Status aiManaged : List.of(Status.NEW, Status.ACTIVE)) {
      refused(b -> b.status(aiManaged).assignee(Option.some(ALICE)), "AI-managed conversation (NEW, ACTIVE, WAITING) has no assignee");
    }
    refused(b -> b.status(Status.WAITING).waitingSince(Option.some(T0)).assignee(Option.some(ALICE)),
        "AI-managed conversation (NEW, ACTIVE, WAITING) has no assignee");
    accepted(b -> b.status(Status.SNOOZED).snoozedUntil(Option.some(T0)).assignee(Option.some(ALICE)));
  }

  @Test
  void waitingSinceExactlyWhenWaiting() {
    refused(b -> b.status(Status.WAITING), "waitingSince must be present exactly when WAITING");
    refused(b -> b.waitingSince(Option.some(T0)), "waitingSince must be present exactly when WAITING");
    accepted(b -> b.status(Status.WAITING).waitingSince(Option.some(T0)));
  }

  @Test
  void snoozedUntilExactlyWhenSnoozed() {
    refused(b -> b.status(Status.SNOOZED), "snoozedUntil must be present exactly when SNOOZED");
    refused(b -> b.snoozedUntil(Option.some(T0)), "snoozedUntil must be present exactly when SNOOZED");
  }

  @Test
  void theChannelsAddressKind() {
    refused(b -> b.channel(Channel.of(ChannelType.SMS)), "channel SMS needs a customer address of kind PHONE");
    refused(b -> b.channel(Channel.of(ChannelType.EMAIL)).customerAddress(Option.some(new PhoneNumber("+15551234567"))),
        "channel EMAIL needs a customer address of kind EMAIL");
    accepted(b -> b.channel(Channel.of(ChannelType.INSTAGRAM)).customerAddress(Option.some(new Handle("@jane"))));
    accepted(b -> b.customerAddress(Option.some(new EmailAddress("a@example.com"))));
  }

  @Test
  void tagsAttentionSubjectAndSummaryLimits() {
    LinkedHashSet<Tag> tooMany = LinkedHashSet.ofAll(List.range(0, Limits.MAX_TAGS + 1).map(i -> Tag.of("t" + i)));
    refused(b -> b.tags(tooMany), "at most " + Limits.MAX_TAGS + " tags");
    accepted(b -> b.tags(tooMany.tail()));
    AttentionItem item = new AttentionItem(AttentionId.of("a"), "vip", "call", Actor.AI_AGENT, T0, Option.none());
    refused(b -> b.attention(List.of(item, item)), "attention item ids must be unique");
    accepted(b -> b.attention(List.of(item)));
    refused(b -> b.subject(Option.some(" ")), "subject");
    refused(b -> b.subject(Option.some("s".repeat(Limits.MAX_SUBJECT + 1))), "subject");
    accepted(b -> b.subject(Option.some("s".repeat(Limits.MAX_SUBJECT))));
    refused(b -> b.summary(Option.some("")), "summary");
    refused(b -> b.summary(Option.some("s".repeat(Limits.MAX_SUMMARY + 1))), "summary");
    accepted(b -> b.summary(Option.some("s".repeat(Limits.MAX_SUMMARY))));
  }

  // ---------------------------------------------------------------------------------- Message

  private static Message.Builder message() {
    return Message.builder().id(MessageId.of("m")).conversationId(ConversationId.of("c"))
        .author(Participant.ai()).content("hi").createdAt(T0);
  }

  @Test
  void messagesNeedContentWithinTheLimitAKeyWithinTheLimitAndCitationsOnlyFromTheAi() {
    assertThat(message().build().content()).isEqualTo("hi");
    assertThatThrownBy(() -> message().content(" ").build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content");
    assertThatThrownBy(() -> message().content("x".repeat(Limits.MAX_CONTENT + 1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content");
    assertThat(message().content("x".repeat(Limits.MAX_CONTENT)).build()).isNotNull();
    assertThatThrownBy(() -> message().idempotencyKey(Option.some("k".repeat(Limits.MAX_ID + 1))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotencyKey");
    Citation source = Citation.of(SourceType.QA, "q", 0);
    assertThatThrownBy(() -> message().author(Participant.customer()).citations(List.of(source)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only AI agent messages carry citations");
    assertThat(message().citations(List.fill(Limits.MAX_CITATIONS, source)).build().citations()).hasSize(Limits.MAX_CITATIONS);
    assertThatThrownBy(() -> message().citations(List.fill(Limits.MAX_CITATIONS + 1, source)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + Limits.MAX_CITATIONS + " citations");
  }

  // ---------------------------------------------------------------------------------- Contact

  @Test
  void contactsNeedANameWithinTheLimitAndHandlesOnlyForHandleChannels() {
    Contact.Builder base = Contact.builder().id(ContactId.of("k"));
    assertThat(base.build().name()).isEmpty();
    assertThatThrownBy(() -> Contact.builder().id(ContactId.of("k")).name(Option.some(" ")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> Contact.builder().id(ContactId.of("k")).name(Option.some("n".repeat(Limits.MAX_NAME + 1))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    assertThat(Contact.builder().id(ContactId.of("k")).name(Option.some("n".repeat(Limits.MAX_NAME))).build()).isNotNull();
    assertThatThrownBy(() -> Contact.builder().id(ContactId.of("k")).handles(HashMap.of(ChannelType.SMS, new Handle("@jane"))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handles are only for handle channels and web chat, not SMS");
    assertThat(Contact.builder().id(ContactId.of("k")).handles(HashMap.of(ChannelType.SLACK, new Handle("@jane"))).build()
        .handles()).hasSize(1);
  }
}
