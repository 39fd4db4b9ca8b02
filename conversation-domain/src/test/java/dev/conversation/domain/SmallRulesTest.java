package dev.conversation.domain;

import static dev.conversation.domain.Fixtures.BILLING;
import static dev.conversation.domain.Fixtures.OMAR;
import static dev.conversation.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The small rules the big properties pass over: boundaries of limits, values' words, defaults,
 * and the table's own construction. Each test names the rule it pins.
 */
class SmallRulesTest {

  private final Participant ai = Participant.ai();
  private final Participant omar = Participant.human(OMAR);

  @Test
  void everyIdPrintsAsItsValue() {
    assertThat(List.of(AccountId.of("v"), AiAgentId.of("v"), AttentionId.of("v"), ChannelId.of("v"), ContactId.of("v"),
            ConversationId.of("v"), HumanAgentId.of("v"), MessageId.of("v"), TeamId.of("v"), TenantId.of("v"),
            WorkspaceId.of("v"), Tag.of("v")).map(Object::toString).distinct())
        .containsExactly("v");
  }

  @Test
  void tagsOrderByName() {
    assertThat(Tag.of("a").compareTo(Tag.of("b"))).isNegative();
    assertThat(Tag.of("b").compareTo(Tag.of("a"))).isPositive();
    assertThat(Tag.of("a").compareTo(Tag.of("a"))).isZero();
  }

  @Test
  void aResolutionSaysWhetherTheAiResolvedIt() {
    assertThat(new Resolution("done", ai, T0).byAi()).isTrue();
    assertThat(new Resolution("done", omar, T0).byAi()).isFalse();
    assertThat(new Resolution("done", Participant.system(), T0).byAi()).isFalse();
  }

  @Test
  void onlyAClosedConversationGetsAFollowUpAndTheRefusalSaysSo() {
    Conversation open = Lifecycle.start(Fixtures.whatsApp("c-open"), T0).get().conversation();
    Rejection r = Lifecycle.followUp(open, ConversationId.of("c-next"), Option.none(), T0).getLeft();
    assertThat(r.rule()).isEqualTo("follow-up-needs-closed");
    assertThat(r.message()).isEqualTo(
        "conversation c-open is NEW; only a closed conversation gets a follow-up (append to this one instead)");
  }

  @Test
  void aFollowUpStartsNoEarlierThanTheClosedConversationsLastChange() {
    Fixtures.Driver d = new Fixtures.Driver(Fixtures.whatsApp("c-1"));
    d.accept(new Command.Close(ai));
    Instant closedAt = d.conversation.updatedAt();
    Conversation early = Lifecycle.followUp(d.conversation, ConversationId.of("c-2"), Option.none(), closedAt.minusSeconds(60))
        .get().conversation();
    assertThat(early.createdAt()).isEqualTo(closedAt);
    Conversation late = Lifecycle.followUp(d.conversation, ConversationId.of("c-3"), Option.none(), closedAt.plusSeconds(60))
        .get().conversation();
    assertThat(late.createdAt()).isEqualTo(closedAt.plusSeconds(60));
    assertThat(late.followUpOf()).contains(ConversationId.of("c-1"));
  }

  @Test
  void anInvalidFirstMessageIsNamedUnderFirstMessage() {
    StartConversation start = Fixtures.whatsApp("c-1").firstMessage(Command.AppendMessage.of(MessageId.of("m"), ai, " "));
    Rejection r = Lifecycle.start(start, T0).getLeft();
    assertThat(((Rejection.Invalid) r).violations().map(Violation::field)).containsExactly("firstMessage.content");
  }

  @Test
  void aWebChatAddressIsReadByItsShape() {
    StartConversation web = StartConversation.of(ConversationId.of("w"), TenantId.of("t"), WorkspaceId.of("s"),
        Channel.of(ChannelType.WEB_CHAT));
    assertThat(Lifecycle.start(web.customerAddress("+15551234567"), T0).get().conversation().customerAddress().get())
        .isInstanceOf(PhoneNumber.class);
    assertThat(Lifecycle.start(web.customerAddress("jane@example.com"), T0).get().conversation().customerAddress().get())
        .isInstanceOf(EmailAddress.class);
    assertThat(Lifecycle.start(web.customerAddress("jane_doe"), T0).get().conversation().customerAddress().get())
        .isInstanceOf(Handle.class);
  }

  @Test
  void theLastMessagePreviewKeepsExactlyOneHundredFortyCharactersAndCutsLonger() {
    Fixtures.Driver d = new Fixtures.Driver(Fixtures.whatsApp("c-1"));
    String exact = "x".repeat(Limits.PREVIEW);
    d.say(Participant.customer(), exact);
    assertThat(d.conversation.lastMessagePreview()).contains(exact);
    d.say(Participant.customer(), exact + "y");
    assertThat(d.conversation.lastMessagePreview().get()).hasSize(Limits.PREVIEW).endsWith("…");
  }

  @Test
  void aReplyCitesAtMostTheLimit() {
    Citation source = Citation.of(SourceType.QA, "q", 0);
    Fixtures.Driver d = new Fixtures.Driver(Fixtures.whatsApp("c-1"));
    d.accept(new Command.AppendMessage(MessageId.of("m-1"), ai, "ok", List.fill(Limits.MAX_CITATIONS, source), Option.none()));
    Rejection r = d.reject(new Command.AppendMessage(MessageId.of("m-2"), ai, "ok", List.fill(Limits.MAX_CITATIONS + 1, source), Option.none()));
    assertThat(((Rejection.Invalid) r).violations().map(Violation::rule)).containsExactly("max-count");
  }

  @Test
  void aConversationHoldsExactlyTheTagLimit() {
    Fixtures.Driver d = new Fixtures.Driver(Fixtures.whatsApp("c-1"));
    String[] max = List.range(0, Limits.MAX_TAGS).map(i -> "t" + i).toJavaArray(String[]::new);
    d.accept(Command.UpdateMetadata.by(ai).addTags(max));
    assertThat(d.conversation.tags()).hasSize(Limits.MAX_TAGS);
    Rejection r = d.reject(Command.UpdateMetadata.by(ai).addTags("one-more"));
    assertThat(((Rejection.Invalid) r).violations().map(Violation::rule)).containsExactly("max-count");
  }

  @Test
  void metadataSetsEachValueAndSettingTheSameValueAgainChangesNothing() {
    Fixtures.Driver d = new Fixtures.Driver(Fixtures.whatsApp("c-1"));
    assertThat(d.conversation.muted()).isFalse();
    assertThat(d.conversation.starred()).isFalse();
    Command.UpdateMetadata all = Command.UpdateMetadata.by(ai).subject("Order 42").summary("Wants a refund")
        .starred(true).muted(true).contactId(ContactId.of("k-1")).accountId(AccountId.of("a-1"));
    Decision first = d.accept(all);
    Conversation c = d.conversation;
    assertThat(c.subject()).contains("Order 42");
    assertThat(c.summary()).contains("Wants a refund");
    assertThat(c.starred()).isTrue();
    assertThat(c.muted()).isTrue();
    assertThat(c.contactId()).contains(ContactId.of("k-1"));
    assertThat(c.accountId()).contains(AccountId.of("a-1"));
    assertThat(((DomainEvent.MetadataChanged) first.events().single().change()).fields())
        .containsExactly("subject", "summary", "starred", "muted", "contactId", "accountId");
    for (Command.UpdateMetadata same : List.of(Command.UpdateMetadata.by(ai).subject("Order 42"),
        Command.UpdateMetadata.by(ai).summary("Wants a refund"), Command.UpdateMetadata.by(ai).starred(true),
        Command.UpdateMetadata.by(ai).muted(true), Command.UpdateMetadata.by(ai).contactId(ContactId.of("k-1")),
        Command.UpdateMetadata.by(ai).accountId(AccountId.of("a-1")))) {
      assertThat(d.accept(same).changed()).as("%s", same).isFalse();
    }
    Decision unmute = d.accept(Command.UpdateMetadata.by(ai).muted(false).summary("Refund sent"));
    assertThat(d.conversation.muted()).isFalse();
    assertThat(d.conversation.summary()).contains("Refund sent");
    assertThat(((DomainEvent.MetadataChanged) unmute.events().single().change()).fields()).containsExactly("summary", "muted");
  }

  @Test
  void returnedToTheAiAConversationIsActiveIfTheCustomerSpokeLastAndWaitingIfAnAgentDid() {
    Fixtures.Driver d = new Fixtures.Driver(Fixtures.whatsApp("c-1"));
    d.say(Participant.customer(), "hi");
    d.say(omar, "Omar here");
    d.say(Participant.customer(), "thanks, one more thing");
    d.accept(new Command.ReturnToAi(omar));
    assertThat(d.status()).isEqualTo(Status.ACTIVE);
    d.accept(Command.HandOff.toTeam(ai, BILLING, "billing question"));
    d.say(omar, "I'll check");
    d.accept(new Command.ReturnToAi(omar));
    assertThat(d.status()).isEqualTo(Status.WAITING);
    assertThat(d.conversation.waitingSince()).contains(d.conversation.updatedAt());
  }

  @Test
  void autoCloseWaitsForTheWholeGracePeriod() {
    Fixtures.Driver d = new Fixtures.Driver(Fixtures.whatsApp("c-1"));
    d.accept(new Command.Resolve(ai, "answered"));
    Instant resolvedAt = d.conversation.resolution().get().resolvedAt();
    TimerPolicy policy = TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(1));
    assertThat(Lifecycle.due(d.conversation, policy, resolvedAt.plus(Duration.ofDays(1)).minusNanos(1000))).isEmpty();
    assertThat(Lifecycle.due(d.conversation, policy, resolvedAt.plus(Duration.ofDays(1))).get())
        .isInstanceOf(Command.Close.class);
  }

  @Test
  void eMailAddressesAndAccountDomainsHaveALengthLimit() {
    String local = "a".repeat(64);
    String host = "b".repeat(61) + "." + "c".repeat(61) + "." + "d".repeat(61);
    String longest = local + "@" + host.substring(0, 254 - local.length() - 1 - 4) + ".com";
    assertThat(longest).hasSize(254);
    assertThat(new EmailAddress(longest).value()).isEqualTo(longest);
    assertThatThrownBy(() -> new EmailAddress("a" + longest))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("email must be an e-mail address such as jane@example.com (at most 254 characters), was 'a" + longest + "'");

    String domain = "a".repeat(61) + "." + "b".repeat(61) + "." + "c".repeat(61) + "." + "d".repeat(61) + ".abcde";
    assertThat(domain).hasSize(253);
    assertThat(new Account(AccountId.of("a"), "Acme", Option.some(domain)).domain()).contains(domain);
    assertThatThrownBy(() -> new Account(AccountId.of("a"), "Acme", Option.some("x" + domain)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain must be a host name");
  }

  @Test
  void theStandardTableIsBuiltTheSameEveryTime() {
    TransitionTable again = TransitionTable.standardTable();
    assertThat(again.transitions()).isEqualTo(TransitionTable.standard().transitions());
    assertThat(again.denials()).isEqualTo(TransitionTable.standard().denials());
  }

  @Test
  void theTablesActorBitsAgreeWithItsTransitionsInEveryCell() {
    TransitionTable table = TransitionTable.standardTable(); // built here, not reused from class initialization
    for (Status status : Status.values()) {
      for (Trigger trigger : Trigger.values()) {
        for (Actor owner : List.of(Actor.AI_AGENT, Actor.HUMAN_AGENT)) {
          for (Actor actor : Actor.values()) {
            boolean expected = table.lookup(status, trigger).exists(t -> t.actorsFor(owner).contains(actor));
            assertThat(table.allows(status, trigger, owner, actor))
                .as("%s x %s, owner %s, actor %s", status, trigger, owner, actor).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void aTableDefinesEveryCellExactlyOnce() {
    TransitionTable.Cells twice = new TransitionTable.Cells();
    twice.deny(Status.NEW, Trigger.WAKE, "r", "reason");
    assertThatThrownBy(() -> twice.deny(Status.NEW, Trigger.WAKE, "r", "reason"))
        .isInstanceOf(IllegalStateException.class).hasMessage("cell defined twice: NEW x WAKE");
    assertThatThrownBy(twice::build).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cell not defined: ");
  }

  @Test
  void transitionsAndTargetsRefuseImpossibleShapes() {
    Set actors = new Set(LinkedHashSet.of(Actor.AI_AGENT, Actor.HUMAN_AGENT), LinkedHashSet.of(Actor.HUMAN_AGENT));
    assertThat(new Transition(Status.NEW, Trigger.RESOLVE, actors.all, actors.human, Target.to(Status.RESOLVED), "r").actorsFor(Actor.HUMAN_AGENT))
        .containsExactly(Actor.HUMAN_AGENT);
    assertThatThrownBy(() -> new Transition(Status.NEW, Trigger.RESOLVE, LinkedHashSet.empty(), actors.human, Target.stay(), "r"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transition(Status.NEW, Trigger.RESOLVE, actors.all, LinkedHashSet.empty(), Target.stay(), "r"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transition(Status.NEW, Trigger.RESOLVE, actors.human, actors.all, Target.stay(), "r"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Target(Target.Kind.FIXED, Option.none())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Target(Target.Kind.STAY, Option.some(Status.NEW))).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Target(Target.Kind.OWNER, Option.none()).kind()).isEqualTo(Target.Kind.OWNER);
  }

  @Test
  void everyIdRefusesBlankOverlongAndMalformedValues() {
    java.util.List<java.util.function.Function<String, Object>> ids = java.util.List.of(AccountId::of, AiAgentId::of,
        AttentionId::of, ChannelId::of, ContactId::of, ConversationId::of, HumanAgentId::of, MessageId::of, TeamId::of,
        TenantId::of, WorkspaceId::of);
    for (java.util.function.Function<String, Object> id : ids) {
      for (String bad : List.of(" ", "x".repeat(Limits.MAX_ID + 1), "a\u0000b")) {
        assertThatThrownBy(() -> id.apply(bad)).as("%s", id.apply("ok").getClass().getSimpleName())
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(id.apply("x".repeat(Limits.MAX_ID)).toString()).hasSize(Limits.MAX_ID);
    }
  }

  @Test
  void aLimitCountsCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDE00";
    String longest = emoji.repeat(Limits.MAX_NOTE);
    Fixtures.Driver d = new Fixtures.Driver(Fixtures.whatsApp("c-1"));
    d.accept(Command.HandOff.toTeam(ai, BILLING, longest));
    assertThat(d.conversation.assignee()).isNotEmpty();
    Fixtures.Driver e = new Fixtures.Driver(Fixtures.whatsApp("c-2"));
    Rejection r = e.reject(Command.HandOff.toTeam(ai, BILLING, longest + emoji));
    assertThat(((Rejection.Invalid) r).violations().map(Violation::rule)).containsExactly("max-length");
  }

  @Test
  void evolvingChecksTheHeaderAndReReadsTextAnEventSet() {
    Conversation c = Lifecycle.start(Fixtures.whatsApp("c-1"), T0).get().conversation();
    Instant at = T0.plusSeconds(1);
    DomainEvent humanManagedWithoutAssignee = new DomainEvent(c.id(), c.tenantId(), 2, at, omar,
        new DomainEvent.StatusChanged(Status.NEW, Status.HUMAN_MANAGED));
    assertThatThrownBy(() -> Evolve.evolve(c, List.of(humanManagedWithoutAssignee)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an assignee");
    for (DomainEvent.MetadataChanged bad : List.of(
        new DomainEvent.MetadataChanged(LinkedHashSet.of("subject"), Option.some(" "), Option.none(), Option.none(),
            Option.none(), Option.none(), Option.none(), Option.none(), Option.none()),
        new DomainEvent.MetadataChanged(LinkedHashSet.of("summary"), Option.none(), Option.some("s".repeat(Limits.MAX_SUMMARY + 1)),
            Option.none(), Option.none(), Option.none(), Option.none(), Option.none(), Option.none()))) {
      assertThatThrownBy(() -> Evolve.evolve(c, List.of(new DomainEvent(c.id(), c.tenantId(), 2, at, ai, bad))))
          .as("%s", bad.fields()).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Evolve.evolve(c, List.empty())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void conversationsAreEqualByValueAndHashByIdentityAndVersion() {
    Conversation c = Lifecycle.start(Fixtures.whatsApp("c-1"), T0).get().conversation();
    assertThat(c).isNotEqualTo("c-1").isNotEqualTo(null);
    Conversation next = Conversation.builder().from(c).version(2).build();
    Conversation other = Conversation.builder().from(c).id(ConversationId.of("c-2")).build();
    Conversation elsewhere = Conversation.builder().from(c).tenantId(TenantId.of("tenant-b")).build();
    assertThat(List.of(c, next, other, elsewhere).map(Conversation::hashCode).distinct()).hasSize(4);
    assertThat(Conversation.builder().from(c).build().hashCode()).isEqualTo(c.hashCode());
  }

  private record Set(io.vavr.collection.Set<Actor> all, io.vavr.collection.Set<Actor> human) {}
}
