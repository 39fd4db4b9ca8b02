package dev.conversation.domain;

import static dev.conversation.domain.Fixtures.BILLING;
import static dev.conversation.domain.Fixtures.JANE;
import static dev.conversation.domain.Fixtures.OMAR;
import static dev.conversation.domain.Fixtures.T0;
import static dev.conversation.domain.Fixtures.whatsApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One example per lifecycle rule of DESIGN.md section 3. */
class LifecycleTest {

  private final Participant customer = Participant.customer();
  private final Participant ai = Participant.ai();
  private final Participant jane = Participant.human(JANE);

  private Fixtures.Driver started() {
    return new Fixtures.Driver(whatsApp("c-1"));
  }

  @Test
  void startCreatesANewConversationAtVersionOneWithAStartedEvent() {
    Decision d = Lifecycle.start(whatsApp("c-1").subject("Hours"), T0).get();
    assertThat(d.conversation().status()).isEqualTo(Status.NEW);
    assertThat(d.conversation().version()).isEqualTo(1);
    assertThat(d.conversation().subject()).contains("Hours");
    assertThat(d.conversation().customerAddress()).contains(new PhoneNumber("+4915112345678"));
    assertThat(d.events().map(DomainEvent::change)).containsExactly(new DomainEvent.Started(Status.NEW, Option.none()));
  }

  @Test
  void startWithAFirstMessageIsOneChange() {
    Decision d = Lifecycle.start(whatsApp("c-1").firstMessage(
        Command.AppendMessage.of(MessageId.of("m0"), customer, "Hello?")), T0).get();
    assertThat(d.conversation().version()).isEqualTo(1);
    assertThat(d.conversation().messageCount()).isEqualTo(1);
    assertThat(d.messages().map(Message::content)).containsExactly("Hello?");
    assertThat(d.events().map(DomainEvent::version)).containsOnly(1L);
  }

  @Test
  void customerMessageKeepsNewUntilAnAgentReplies() {
    Fixtures.Driver c = started();
    c.say(customer, "Hi");
    assertThat(c.status()).isEqualTo(Status.NEW);
    assertThat(c.conversation.unread(ReadSide.AGENTS)).isTrue();
  }

  @Test
  void aiReplyMovesToWaitingAndRecordsTheFirstReply() {
    Fixtures.Driver c = started();
    c.say(customer, "Hi");
    c.say(ai, "Hello! How can I help?");
    assertThat(c.status()).isEqualTo(Status.WAITING);
    assertThat(c.conversation.firstReplyAt()).isEqualTo(c.conversation.lastMessageAt());
    assertThat(c.conversation.waitingSince()).isEqualTo(c.conversation.lastMessageAt());
  }

  @Test
  void customerAnswerMakesItTheAgentsTurn() {
    Fixtures.Driver c = started();
    c.say(ai, "Hello!");
    c.say(customer, "Where is my order?");
    assertThat(c.status()).isEqualTo(Status.ACTIVE);
    assertThat(c.conversation.waitingSince()).isEmpty();
  }

  @Test
  void theAiNeverTalksOverAHuman() {
    Fixtures.Driver c = started();
    c.say(customer, "I want a person");
    c.accept(Command.HandOff.toTeam(ai, BILLING, "customer asked for a person"));
    Rejection r = c.reject(Command.AppendMessage.of(MessageId.of("x"), ai, "I can help!"));
    assertThat(r.rule()).isEqualTo("ai-never-talks-over-a-human");
    assertThat(r.message()).contains("AI reply is not allowed in HUMAN_MANAGED").contains("returns it to the AI");
  }

  @Test
  void theAiDoesNotWriteIntoResolvedOrSnoozedThreads() {
    Fixtures.Driver c = started();
    c.say(ai, "Hello!");
    c.accept(new Command.Snooze(ai, c.now().plus(Duration.ofHours(5))));
    assertThat(c.reject(Command.AppendMessage.of(MessageId.of("x"), ai, "ping")).rule()).isEqualTo("ai-silent-while-snoozed");
    c.accept(new Command.Wake(Participant.system()));
    c.accept(new Command.Resolve(ai, "answered"));
    assertThat(c.reject(Command.AppendMessage.of(MessageId.of("y"), ai, "ping")).rule()).isEqualTo("ai-silent-when-resolved");
  }

  @Test
  void aHumanReplyTakesOverAndAssignsTheReplier() {
    Fixtures.Driver c = started();
    c.say(customer, "Hi");
    Decision d = c.say(jane, "Jane here, let me look.");
    assertThat(c.status()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(c.conversation.assignee()).contains(Assignee.agent(JANE));
    assertThat(d.events().map(DomainEvent::change)).contains(new DomainEvent.HandedOff(Assignee.agent(JANE), "a human agent replied"));
  }

  @Test
  void aHumanReplyJoinsATeamAssignment() {
    Fixtures.Driver c = started();
    c.accept(Command.HandOff.toTeam(ai, BILLING, "billing question"));
    c.say(jane, "On it");
    assertThat(c.conversation.assignee()).contains(new Assignee(Option.some(JANE), Option.some(BILLING)));
  }

  @Test
  void handOffNeedsATargetAndAReasonAndReportsBoth() {
    Fixtures.Driver c = started();
    Rejection r = c.reject(new Command.HandOff(ai, Option.none(), Option.none(), " "));
    assertThat(r).isInstanceOfSatisfying(Rejection.Invalid.class, i ->
        assertThat(i.violations().map(Violation::field)).containsExactly("assignee", "reason"));
  }

  @Test
  void aCustomerCannotHandOff() {
    Fixtures.Driver c = started();
    Rejection r = c.reject(Command.HandOff.toTeam(customer, BILLING, "I want a human"));
    assertThat(r).isInstanceOf(Rejection.ActorNotAllowed.class);
    assertThat(r.message()).contains("not by CUSTOMER");
  }

  @Test
  void onlyAHumanReturnsAConversationToTheAiToWhoseTurnItIs() {
    Fixtures.Driver c = started();
    c.say(customer, "Hi");
    c.accept(Command.HandOff.toAgent(ai, JANE, "asked for a person"));
    assertThat(c.reject(new Command.ReturnToAi(Participant.system()))).isInstanceOf(Rejection.ActorNotAllowed.class);
    Decision d = c.accept(new Command.ReturnToAi(jane));
    assertThat(c.status()).as("the customer spoke last").isEqualTo(Status.ACTIVE);
    assertThat(c.conversation.assignee()).isEmpty();
    assertThat(d.events().map(DomainEvent::change)).contains(new DomainEvent.ReturnedToAi());
    c.accept(Command.HandOff.toAgent(ai, JANE, "again"));
    c.say(jane, "Answered your question.");
    c.accept(new Command.ReturnToAi(jane));
    assertThat(c.status()).as("an agent spoke last").isEqualTo(Status.WAITING);
  }

  @Test
  void onlyAHumanResolvesAHumanManagedConversation() {
    Fixtures.Driver c = started();
    c.accept(Command.HandOff.toTeam(ai, BILLING, "refund"));
    assertThat(c.reject(new Command.Resolve(ai, "done")).rule()).isEqualTo("only-human-agent-may-resolve-in-human-managed");
    c.accept(new Command.Resolve(jane, "Refund issued"));
    assertThat(c.conversation.resolution().map(Resolution::resolver)).contains(jane);
  }

  @Test
  void resolveNeedsAnOutcome() {
    Fixtures.Driver c = started();
    Rejection r = c.reject(new Command.Resolve(ai, ""));
    assertThat(r).isInstanceOfSatisfying(Rejection.Invalid.class, i ->
        assertThat(i.violations()).containsExactly(new Violation("outcome", "not-blank", "outcome must not be blank")));
  }

  @Test
  void aCustomerMessageReopensToTheOwner() {
    Fixtures.Driver byAi = started();
    byAi.say(ai, "Hi");
    byAi.accept(new Command.Resolve(ai, "answered"));
    Decision d = byAi.say(customer, "One more thing");
    assertThat(byAi.status()).isEqualTo(Status.ACTIVE);
    assertThat(byAi.conversation.resolution()).isEmpty();
    assertThat(d.events().map(DomainEvent::change)).contains(new DomainEvent.Reopened());

    Fixtures.Driver byHuman = started();
    byHuman.say(jane, "Hi, Jane here");
    byHuman.accept(new Command.Resolve(jane, "answered"));
    byHuman.say(customer, "One more thing");
    assertThat(byHuman.status()).isEqualTo(Status.HUMAN_MANAGED);
  }

  @Test
  void reopenReturnsAResolvedConversationToItsOwnerAndIsDeniedElsewhere() {
    Fixtures.Driver c = started();
    assertThat(c.reject(new Command.Reopen(jane)).rule()).isEqualTo("only-resolved-reopens");
    c.say(ai, "Hi");
    c.accept(new Command.Resolve(ai, "answered"));
    c.accept(new Command.Reopen(jane));
    assertThat(c.status()).as("the AI spoke last").isEqualTo(Status.WAITING);
  }

  @Test
  void closedIsReadOnlyAndOffersAFollowUp() {
    Fixtures.Driver c = started();
    c.say(ai, "Hi");
    c.accept(new Command.Resolve(ai, "answered"));
    c.accept(new Command.Close(Participant.system()));
    assertThat(c.conversation.resolution()).as("closing keeps who resolved it").isNotEmpty();
    Rejection r = c.reject(Command.AppendMessage.of(MessageId.of("late"), customer, "Hello again"));
    assertThat(r.rule()).isEqualTo("closed-is-read-only");
    assertThat(r.message()).contains("follow-up");

    Decision followUp = Lifecycle.followUp(c.conversation, ConversationId.of("c-2"),
        Option.some(Command.AppendMessage.of(MessageId.of("late"), customer, "Hello again")), c.now()).get();
    assertThat(followUp.conversation().followUpOf()).contains(ConversationId.of("c-1"));
    assertThat(followUp.conversation().customerAddress()).isEqualTo(c.conversation.customerAddress());
    assertThat(followUp.conversation().messageCount()).isEqualTo(1);
  }

  @Test
  void onlyAClosedConversationGetsAFollowUp() {
    Fixtures.Driver c = started();
    assertThat(Lifecycle.followUp(c.conversation, ConversationId.of("c-2"), Option.none(), T0).getLeft())
        .isEqualTo(new Rejection.NotClosed(ConversationId.of("c-1"), Status.NEW));
  }

  @Test
  void snoozeNeedsAFutureTimeAndWakesOnTheCustomersNextMessage() {
    Fixtures.Driver c = started();
    c.say(ai, "Hi");
    assertThat(c.reject(new Command.Snooze(ai, T0)).rule()).isEqualTo("invalid-input");
    c.accept(new Command.Snooze(ai, c.now().plus(Duration.ofDays(1))));
    assertThat(c.conversation.snoozedUntil()).isNotEmpty();
    Decision d = c.say(customer, "Back again");
    assertThat(c.status()).isEqualTo(Status.ACTIVE);
    assertThat(c.conversation.snoozedUntil()).isEmpty();
    assertThat(d.events().map(DomainEvent::change)).contains(new DomainEvent.Woke());
  }

  @Test
  void timersWakeSnoozedResolveSilentAndCloseResolvedConversations() {
    TimerPolicy policy = TimerPolicy.of(Duration.ofHours(24), Duration.ofDays(7));
    Fixtures.Driver c = started();
    c.say(ai, "Hi");
    c.accept(new Command.Snooze(ai, c.now().plus(Duration.ofHours(2))));
    java.time.Instant wakeAt = c.conversation.snoozedUntil().get();
    assertThat(Lifecycle.tick(c.conversation, policy, wakeAt.minusSeconds(1))).isEmpty();
    Conversation woke = Lifecycle.tick(c.conversation, policy, wakeAt).get().conversation();
    assertThat(woke.status()).isEqualTo(Status.WAITING);

    assertThat(Lifecycle.tick(woke, policy, wakeAt.plus(Duration.ofHours(23)))).isEmpty();
    Conversation resolved = Lifecycle.tick(woke, policy, wakeAt.plus(Duration.ofHours(24))).get().conversation();
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.resolution().get().outcome()).contains("PT24H");

    Conversation closed = Lifecycle.tick(resolved, policy, wakeAt.plus(Duration.ofDays(8))).get().conversation();
    assertThat(closed.status()).isEqualTo(Status.CLOSED);
    assertThat(Lifecycle.tick(closed, policy, wakeAt.plus(Duration.ofDays(80)))).isEmpty();
  }

  @Test
  void aMissedFirstReplyRaisesOneAttentionItemAndTheNextReplyCountsFromTheOldestUnansweredMessage() {
    TimerPolicy policy = TimerPolicy.wakeOnly().withFirstReplyWithin(Duration.ofMinutes(30))
        .withNextReplyWithin(Duration.ofHours(2));
    Fixtures.Driver c = started();
    c.say(customer, "Hello?");
    java.time.Instant asked = c.conversation.lastCustomerMessageAt().get();
    c.say(customer, "Anyone there?");
    assertThat(c.conversation.awaitingReplySince()).as("writing again does not restart the wait").contains(asked);
    assertThat(Lifecycle.due(c.conversation, policy, asked.plus(Duration.ofMinutes(29)))).isEmpty();
    Decision missed = Lifecycle.tick(c.conversation, policy, asked.plus(Duration.ofMinutes(30))).get();
    AttentionItem item = missed.conversation().openAttention().single();
    assertThat(item.kind()).isEqualTo("sla-breached");
    assertThat(item.id()).isEqualTo(TimerKind.FIRST_REPLY.breachId(asked));
    assertThat(item.note()).contains("first-reply", "PT30M");
    assertThat(item.raisedBy()).isEqualTo(Actor.SYSTEM);
    assertThat(missed.conversation().status()).isEqualTo(Status.NEW);
    assertThat(missed.events().map(DomainEvent::change)).containsExactly(new DomainEvent.AttentionRaised(item));
    assertThat(Lifecycle.tick(missed.conversation(), policy, asked.plus(Duration.ofDays(3))))
        .as("one miss per wait, however late it gets").isEmpty();

    c.conversation = missed.conversation();
    c.accept(new Command.ClearAttention(jane, item.id()));
    assertThat(Lifecycle.timer(c.conversation)).as("clearing the item does not re-arm the same wait").isEmpty();
    c.say(ai, "Here I am");
    assertThat(c.conversation.awaitingReplySince()).isEmpty();
    assertThat(Lifecycle.timer(c.conversation).map(t -> t._1)).contains(TimerKind.AUTO_RESOLVE);
    c.say(customer, "One more thing");
    java.time.Instant again = c.conversation.lastCustomerMessageAt().get();
    assertThat(Lifecycle.timer(c.conversation)).contains(io.vavr.Tuple.of(TimerKind.NEXT_REPLY, again));
    c.accept(Command.HandOff.toAgent(ai, JANE, "needs a human"));
    Decision next = Lifecycle.tick(c.conversation, policy, again.plus(Duration.ofHours(2))).get();
    assertThat(next.conversation().openAttention().single().id()).isEqualTo(TimerKind.NEXT_REPLY.breachId(again));
    assertThat(next.conversation().status()).as("a human-managed conversation is watched too").isEqualTo(Status.HUMAN_MANAGED);
  }

  @Test
  void breachIdsAreReservedSoNoOtherItemCanSilenceAReplyTarget() {
    Fixtures.Driver c = started();
    c.say(customer, "Hello?");
    java.time.Instant asked = c.conversation.awaitingReplySince().get();
    AttentionId breach = TimerKind.FIRST_REPLY.breachId(asked);
    for (Command raise : java.util.List.of(new Command.RaiseAttention(jane, breach, TimerKind.SLA_BREACHED, "mine"),
        new Command.RaiseAttention(Participant.system(), breach, "other-kind", "mine"),
        new Command.RaiseAttention(ai, AttentionId.of("sla-anything"), "x", "y"))) {
      assertThat(c.reject(raise)).isInstanceOfSatisfying(Rejection.Invalid.class, i ->
          assertThat(i.violations().map(Violation::rule)).containsExactly("reserved"));
    }
    assertThat(Lifecycle.timer(c.conversation)).contains(io.vavr.Tuple.of(TimerKind.FIRST_REPLY, asked));
    c.accept(new Command.RaiseAttention(Participant.system(), breach, TimerKind.SLA_BREACHED, "the timers' own"));
    assertThat(Lifecycle.timer(c.conversation)).isEmpty();
  }

  @Test
  void aSnoozedOrResolvedConversationHasNoReplyDue() {
    TimerPolicy policy = TimerPolicy.wakeOnly().withFirstReplyWithin(Duration.ofMinutes(1));
    Fixtures.Driver c = started();
    c.say(customer, "Hello?");
    c.accept(new Command.Resolve(ai, "spam"));
    assertThat(Lifecycle.timer(c.conversation).map(t -> t._1)).contains(TimerKind.AUTO_CLOSE);
    assertThat(Lifecycle.due(c.conversation, policy, c.now().plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  void anIdleHumanManagedConversationResolvesOnlyWhenNoCustomerWaits() {
    TimerPolicy policy = TimerPolicy.wakeOnly().withResolveIdleHumanAfter(Duration.ofDays(3));
    Fixtures.Driver c = started();
    c.say(customer, "Refund please");
    c.accept(Command.HandOff.toAgent(ai, JANE, "refund"));
    assertThat(Lifecycle.timer(c.conversation).map(t -> t._1)).as("the customer waits for an answer").contains(TimerKind.FIRST_REPLY);
    assertThat(Lifecycle.due(c.conversation, policy, c.now().plus(Duration.ofDays(30)))).isEmpty();
    c.say(jane, "Refunded.");
    java.time.Instant answered = c.conversation.updatedAt();
    assertThat(Lifecycle.timer(c.conversation)).contains(io.vavr.Tuple.of(TimerKind.IDLE_RESOLVE, answered));
    assertThat(Lifecycle.tick(c.conversation, policy, answered.plus(Duration.ofDays(3)).minusNanos(1000))).isEmpty();
    Conversation resolved = Lifecycle.tick(c.conversation, policy, answered.plus(Duration.ofDays(3))).get().conversation();
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.resolution().get().resolver()).isEqualTo(Participant.system());
    assertThat(resolved.resolution().get().outcome()).contains("PT72H");
    assertThat(Lifecycle.due(c.conversation, TimerPolicy.wakeOnly(), answered.plus(Duration.ofDays(300))))
        .as("off unless the policy sets it").isEmpty();
    assertThat(c.reject(new Command.ResolveIdle(jane, "idle")).rule()).as("only the timers resolve as idle")
        .isEqualTo("only-system-may-resolve-idle-in-human-managed");
    assertThat(c.reject(new Command.Resolve(Participant.system(), "idle")).rule()).as("the system still may not resolve a human's")
        .isEqualTo("only-human-agent-may-resolve-in-human-managed");
    c.say(customer, "One more thing");
    assertThat(c.reject(new Command.ResolveIdle(Participant.system(), "idle"))).as("nobody waiting is what idle means")
        .isInstanceOfSatisfying(Rejection.Invalid.class, i -> assertThat(i.violations().map(Violation::rule))
            .containsExactly("customer-waiting"));
    c.say(jane, "Done.");
    c.accept(new Command.ReturnToAi(jane));
    assertThat(c.reject(new Command.ResolveIdle(Participant.system(), "idle")).rule())
        .isEqualTo("only-human-managed-resolves-idle");
  }

  @Test
  void metadataUpdatesReportEveryProblemAtOnce() {
    Fixtures.Driver c = started();
    Rejection r = c.reject(Command.UpdateMetadata.by(ai)
        .subject("s".repeat(Limits.MAX_SUBJECT + 1))
        .summary(" ")
        .addTags("vip", "", "vip", "x".repeat(Limits.MAX_TAG + 1))
        .removeTags("vip"));
    assertThat(r).isInstanceOfSatisfying(Rejection.Invalid.class, i -> assertThat(i.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("subject", "max-length"),
            org.assertj.core.groups.Tuple.tuple("summary", "not-blank"),
            org.assertj.core.groups.Tuple.tuple("addTags[1]", "not-blank"),
            org.assertj.core.groups.Tuple.tuple("addTags[2]", "duplicate"),
            org.assertj.core.groups.Tuple.tuple("addTags[3]", "max-length"),
            org.assertj.core.groups.Tuple.tuple("removeTags[0]", "conflict")));
  }

  @Test
  void metadataUpdatesChangeOnlyWhatDiffersAndANoOpIsNotAChange() {
    Fixtures.Driver c = started();
    Decision d = c.accept(Command.UpdateMetadata.by(ai).addTags("vip", "refund").priority(Priority.HIGH).starred(true));
    assertThat(c.conversation.tags()).containsExactly(Tag.of("vip"), Tag.of("refund"));
    assertThat(d.events().map(DomainEvent::change))
        .containsExactly(new DomainEvent.MetadataChanged(io.vavr.collection.LinkedHashSet.of("tags", "priority", "starred"),
            Option.none(), Option.none(), Option.some(io.vavr.collection.LinkedHashSet.of(Tag.of("vip"), Tag.of("refund"))),
            Option.some(Priority.HIGH), Option.some(true), Option.none(), Option.none(), Option.none()));
    long version = c.conversation.version();
    Decision again = c.accept(Command.UpdateMetadata.by(ai).addTags("vip").priority(Priority.HIGH));
    assertThat(again.changed()).isFalse();
    assertThat(c.conversation.version()).isEqualTo(version);
    c.accept(Command.UpdateMetadata.by(ai).removeTags("vip", "unknown"));
    assertThat(c.conversation.tags()).containsExactly(Tag.of("refund"));
  }

  @Test
  void markReadMovesOnlyTheGivenSidesMarker() {
    Fixtures.Driver c = started();
    c.say(customer, "Hi");
    c.say(ai, "Hello");
    assertThat(c.conversation.unread(ReadSide.AGENTS)).isTrue();
    assertThat(c.conversation.unread(ReadSide.CUSTOMER)).isTrue();
    c.accept(new Command.MarkRead(jane, ReadSide.AGENTS));
    assertThat(c.conversation.unread(ReadSide.AGENTS)).isFalse();
    assertThat(c.conversation.unread(ReadSide.CUSTOMER)).isTrue();
    assertThat(c.accept(new Command.MarkRead(jane, ReadSide.AGENTS)).changed()).as("nothing left unread").isFalse();
    assertThat(c.reject(new Command.MarkRead(customer, ReadSide.AGENTS)).rule()).isEqualTo("invalid-input");
  }

  @Test
  void attentionItemsAreRaisedClearedAndKept() {
    Fixtures.Driver c = started();
    c.accept(new Command.RaiseAttention(ai, AttentionId.of("a1"), "refund", "Refund over 500 EUR"));
    assertThat(c.reject(new Command.RaiseAttention(ai, AttentionId.of("a1"), "refund", "again")).rule()).isEqualTo("invalid-input");
    assertThat(c.conversation.openAttention()).hasSize(1);
    c.accept(new Command.ClearAttention(jane, AttentionId.of("a1")));
    assertThat(c.conversation.openAttention()).isEmpty();
    assertThat(c.conversation.attention()).hasSize(1);
    assertThat(c.reject(new Command.ClearAttention(jane, AttentionId.of("a1"))))
        .isInstanceOfSatisfying(Rejection.Invalid.class, i -> assertThat(i.violations().head().rule()).isEqualTo("already-cleared"));
    assertThat(c.reject(new Command.ClearAttention(jane, AttentionId.of("nope"))))
        .isInstanceOfSatisfying(Rejection.Invalid.class, i -> assertThat(i.violations().head().rule()).isEqualTo("unknown"));
  }

  @Test
  void aClockThatStepsBackNeverMovesUpdatedAtBackwards() {
    Conversation c = Lifecycle.start(whatsApp("c-1"), T0).get().conversation();
    Decision d = Lifecycle.decide(c, Command.AppendMessage.of(MessageId.of("m"), customer, "Hi"), T0.minusSeconds(30)).get();
    assertThat(d.conversation().updatedAt()).isEqualTo(T0.plus(1, java.time.temporal.ChronoUnit.MICROS));
    assertThat(d.messages().head().createdAt()).isEqualTo(d.conversation().updatedAt());
  }

  @Test
  void aMessageArrivingInTheSameInstantAsAReadMarkerIsStillUnread() {
    Conversation c = Lifecycle.start(whatsApp("c-1"), T0).get().conversation();
    Conversation read = Lifecycle.decide(c, new Command.MarkRead(jane, ReadSide.AGENTS), T0).get().conversation();
    Conversation written = Lifecycle.decide(read, Command.AppendMessage.of(MessageId.of("m"), customer, "Hi"), T0).get().conversation();
    assertThat(written.unread(ReadSide.AGENTS)).isTrue();
  }

  @Test
  void anAiReplyInTheSameInstantAsTheCustomerStillHasTheLastWord() {
    Conversation c = Lifecycle.start(whatsApp("c-1"), T0).get().conversation();
    c = Lifecycle.decide(c, Command.AppendMessage.of(MessageId.of("m1"), customer, "Hi"), T0).get().conversation();
    c = Lifecycle.decide(c, Command.AppendMessage.of(MessageId.of("m2"), ai, "Hello"), T0).get().conversation();
    c = Lifecycle.decide(c, new Command.Resolve(ai, "answered"), T0).get().conversation();
    c = Lifecycle.decide(c, new Command.Reopen(Participant.system()), T0).get().conversation();
    assertThat(c.status()).as("the AI spoke last, so it is the customer's turn").isEqualTo(Status.WAITING);
  }

  @Test
  void whoMayResolveOrCloseASnoozedConversationDependsOnItsOwner() {
    Fixtures.Driver aiOwned = started();
    aiOwned.say(ai, "Hi");
    aiOwned.accept(new Command.Snooze(ai, aiOwned.now().plus(Duration.ofDays(1))));
    aiOwned.accept(new Command.Resolve(ai, "nothing more to do"));
    assertThat(aiOwned.status()).isEqualTo(Status.RESOLVED);

    Fixtures.Driver humanOwned = started();
    humanOwned.say(jane, "Jane here");
    humanOwned.accept(new Command.Snooze(jane, humanOwned.now().plus(Duration.ofDays(1))));
    assertThat(humanOwned.reject(new Command.Resolve(ai, "done")).rule()).isEqualTo("only-human-agent-may-resolve-in-snoozed");
    assertThat(humanOwned.reject(new Command.Close(ai))).isInstanceOfSatisfying(Rejection.ActorNotAllowed.class,
        r -> assertThat(r.allowed()).containsExactly(Actor.HUMAN_AGENT, Actor.SYSTEM));
    humanOwned.accept(new Command.Close(jane));
  }

  @Test
  void closingClearsOpenAttentionAndTheAgentsUnread() {
    Fixtures.Driver c = started();
    c.say(customer, "Hi");
    c.accept(new Command.RaiseAttention(ai, AttentionId.of("a1"), "refund", "Refund over 500 EUR"));
    Decision closed = c.accept(new Command.Close(Participant.system()));
    assertThat(c.conversation.openAttention()).isEmpty();
    assertThat(c.conversation.attention()).singleElement().satisfies(i -> assertThat(i.clearedAt()).contains(c.conversation.updatedAt()));
    assertThat(c.conversation.unread(ReadSide.AGENTS)).isFalse();
    assertThat(closed.events().map(DomainEvent::change)).contains(
        new DomainEvent.AttentionCleared(AttentionId.of("a1")), new DomainEvent.Closed());
  }

  @Test
  void onlyTheCustomerOrTheSystemMarksTheCustomerSideRead() {
    Fixtures.Driver c = started();
    c.say(ai, "Hello");
    assertThat(c.reject(new Command.MarkRead(ai, ReadSide.CUSTOMER))).isInstanceOfSatisfying(Rejection.Invalid.class,
        i -> assertThat(i.violations().head().field()).isEqualTo("side"));
    c.accept(new Command.MarkRead(Participant.system(), ReadSide.CUSTOMER));
    assertThat(c.conversation.unread(ReadSide.CUSTOMER)).isFalse();
  }

  @Test
  void anUnspecifiedSenderIsTheAiAgent() {
    Command.AppendMessage m = Command.AppendMessage.of(MessageId.of("m"), Option.none(), "Hello");
    assertThat(m.by()).isEqualTo(Participant.ai());
    assertThat(m.trigger()).isEqualTo(Trigger.AI_REPLY);
  }

  @Test
  void citationsBelongToAiRepliesOnly() {
    Fixtures.Driver c = started();
    Rejection r = c.reject(new Command.AppendMessage(MessageId.of("m"), customer, "see this",
        List.of(Citation.of(SourceType.WEBSITE, "https://example.com", 0.2)), Option.none()));
    assertThat(r).isInstanceOfSatisfying(Rejection.Invalid.class, i ->
        assertThat(i.violations().map(Violation::rule)).containsExactly("ai-only"));
  }

  @Test
  void oversizedContentIsRejectedWithTheDocumentedLimit() {
    Fixtures.Driver c = started();
    c.say(customer, "😀".repeat(Limits.MAX_CONTENT));
    Rejection r = c.reject(Command.AppendMessage.of(MessageId.of("big"), customer, "x".repeat(Limits.MAX_CONTENT + 1)));
    assertThat(r.message()).contains("content").contains("16384");
  }

  @Test
  void nullArgumentsAreProgrammingErrorsNamingTheArgument() {
    Conversation c = Lifecycle.start(whatsApp("c-1"), T0).get().conversation();
    assertThatThrownBy(() -> Lifecycle.decide(c, null, T0)).isInstanceOf(NullPointerException.class).hasMessage("command");
    assertThatThrownBy(() -> new Command.Resolve(ai, null)).isInstanceOf(NullPointerException.class).hasMessage("outcome");
  }

  @Test
  void transferringAHumanManagedConversationKeepsItWithHumans() {
    Fixtures.Driver c = started();
    c.accept(Command.HandOff.toAgent(ai, JANE, "asked for a person"));
    Decision d = c.accept(Command.HandOff.toAgent(jane, OMAR, "Omar knows billing"));
    assertThat(c.status()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(c.conversation.assignee()).contains(Assignee.agent(OMAR));
    assertThat(d.events().map(DomainEvent::change)).containsExactly(new DomainEvent.HandedOff(Assignee.agent(OMAR), "Omar knows billing"));
  }
}
