package dev.conversation.domain;

import static dev.conversation.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The builder for stored conversations refuses structurally impossible ones, naming the rule. */
class ConversationStructureTest {

  private static Conversation.Builder valid() {
    return Conversation.builder()
        .id(ConversationId.of("c-1")).tenantId(TenantId.of("t")).workspaceId(WorkspaceId.of("w"))
        .channel(Channel.of(ChannelType.WEB_CHAT)).status(Status.ACTIVE)
        .createdAt(T0).updatedAt(T0).version(3);
  }

  @Test
  void aValidStoredConversationRoundTripsThroughTheBuilder() {
    Conversation c = valid().build();
    assertThat(Conversation.builder().from(c).build()).isEqualTo(c);
    assertThat(c.priority()).isEqualTo(Priority.NORMAL);
    assertThat(c.tags()).isEmpty();
  }

  @Test
  void tagsKeepTheirOrderAreAskedOneByOneAndCompareAsASet() {
    Tag vip = Tag.of("vip");
    Tag billing = Tag.of("billing");
    Tag urgent = Tag.of("urgent");
    Conversation c = valid().tags(io.vavr.collection.LinkedHashSet.of(vip, billing)).build();
    assertThat(c.tags()).containsExactly(vip, billing);
    assertThat(c.hasTag(vip)).isTrue();
    assertThat(c.hasTag(billing)).isTrue();
    assertThat(c.hasTag(urgent)).isFalse();
    assertThat(valid().build().hasTag(vip)).isFalse();
    assertThat(Conversation.builder().from(c).build()).isEqualTo(c);
    // Equal as sets: the order tags were added in is kept but is not part of equality.
    assertThat(valid().tags(io.vavr.collection.LinkedHashSet.of(billing, vip)).build()).isEqualTo(c);
    assertThat(valid().tags(io.vavr.collection.LinkedHashSet.of(vip, urgent)).build()).isNotEqualTo(c);
    assertThat(valid().tags(io.vavr.collection.LinkedHashSet.of(vip)).build()).isNotEqualTo(c);
    assertThat(valid().tags(io.vavr.collection.LinkedHashSet.of(vip, billing, urgent)).build()).isNotEqualTo(c);
    assertThat(c.toString()).contains("tags=LinkedHashSet(vip, billing)");
    assertThatThrownBy(() -> c.hasTag(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> valid().tags(io.vavr.collection.LinkedHashSet.of(vip, null)).build())
        .isInstanceOf(NullPointerException.class).hasMessageContaining("tags must not contain null");
    // A set whose comparator disagrees with equals may hold repeats; the header keeps one of each.
    Conversation repeats = valid().tags(io.vavr.collection.TreeSet.<Tag>of((java.util.Comparator<Tag>) (x, y) -> 1, vip, Tag.of("vip"))).build();
    assertThat(repeats.tags()).containsExactly(vip);
    assertThat(repeats).isEqualTo(valid().tags(io.vavr.collection.LinkedHashSet.of(vip)).build());
  }

  @Test
  void humanManagedNeedsAnAssignee() {
    assertThatThrownBy(() -> valid().status(Status.HUMAN_MANAGED).build()).hasMessageContaining("needs an assignee");
  }

  @Test
  void resolvedNeedsAResolution() {
    assertThatThrownBy(() -> valid().status(Status.RESOLVED).build()).hasMessageContaining("resolution");
  }

  @Test
  void snoozedNeedsAWakeUpTimeAndOnlySnoozedHasOne() {
    assertThatThrownBy(() -> valid().status(Status.SNOOZED).build()).hasMessageContaining("snoozedUntil");
    assertThatThrownBy(() -> valid().snoozedUntil(Option.some(T0)).build()).hasMessageContaining("snoozedUntil");
  }

  @Test
  void aPhoneChannelNeedsAPhoneAddress() {
    assertThatThrownBy(() -> valid().channel(Channel.of(ChannelType.SMS)).build()).hasMessageContaining("PHONE");
    assertThat(valid().channel(Channel.of(ChannelType.SMS)).customerAddress(Option.some(new PhoneNumber("+15551234567"))).build()
        .customerAddress()).isNotEmpty();
  }

  @Test
  void messageCountAndLastMessageAgree() {
    assertThatThrownBy(() -> valid().messageCount(2).build()).hasMessageContaining("lastMessageAt");
  }

  @Test
  void versionStartsAtOneAndTimeRunsForward() {
    assertThatThrownBy(() -> valid().version(0).build()).hasMessageContaining("version");
    assertThatThrownBy(() -> valid().updatedAt(T0.minusSeconds(1)).build()).hasMessageContaining("updatedAt");
  }

  @Test
  void aMissingRequiredAttributeIsNamed() {
    assertThatThrownBy(() -> Conversation.builder().id(ConversationId.of("c")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tenantId");
  }

  @Test
  void messagesRefuseCitationsFromAnyoneButTheAi() {
    assertThatThrownBy(() -> Message.builder().id(MessageId.of("m")).conversationId(ConversationId.of("c"))
        .author(Participant.customer()).content("hi").createdAt(T0)
        .citations(io.vavr.collection.List.of(Citation.of(SourceType.QA, "q", 0))).build())
        .hasMessageContaining("citations");
  }
}
