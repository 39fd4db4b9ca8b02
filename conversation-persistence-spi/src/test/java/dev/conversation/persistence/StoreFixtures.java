package dev.conversation.persistence;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;

/** Shared example data and helpers that build decisions and commit them. */
final class StoreFixtures {

  static final Instant T0 = Instant.parse("2026-03-24T08:15:00Z");
  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");
  static final TenantId INITECH = TenantId.of("initech");

  private StoreFixtures() {}

  /** A web chat start request (needs no customer address). */
  static StartConversation webChat(TenantId tenant, String id) {
    return StartConversation.of(ConversationId.of(id), tenant, WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT));
  }

  /** The decision that starts a web chat conversation at {@code at} (version 1). */
  static Decision started(TenantId tenant, String id, Instant at) {
    return Lifecycle.start(webChat(tenant, id), at).getOrElseThrow(r -> new AssertionError("rejected: " + r.message()));
  }

  /** The decision that starts a web chat conversation at {@link #T0} (version 1). */
  static Decision started(TenantId tenant, String id) {
    return started(tenant, id, T0);
  }

  /** Decides a command a minute after the conversation's last change; fails the test if rejected. */
  static Decision decide(Conversation conversation, Command command) {
    return Lifecycle.decide(conversation, command, conversation.updatedAt().plusSeconds(60))
        .getOrElseThrow(r -> new AssertionError("rejected: " + r.message()));
  }

  /** A plain customer message. */
  static Command.AppendMessage customerSays(String messageId, String text) {
    return Command.AppendMessage.of(MessageId.of(messageId), Participant.customer(), text);
  }

  /** A customer message with an idempotency key. */
  static Command.AppendMessage customerSays(String messageId, String text, String key) {
    return customerSays(messageId, text).withIdempotencyKey(key);
  }

  /** Commits a decision on the version before it; fails the test on a conflict. */
  static Committed commit(ConversationStore store, Decision decision) {
    Conversation c = decision.conversation();
    return store.commit(c.tenantId(), c.version() - 1, decision)
        .getOrElseThrow(conflict -> new AssertionError("conflict: " + conflict.message()));
  }

  /** Starts a conversation and appends {@code n} customer messages (ids {@code <id>-m1..n}), committing each. */
  static Conversation conversationWithMessages(ConversationStore store, TenantId tenant, String id, int n) {
    Conversation c = commit(store, started(tenant, id)).conversation();
    for (int i = 1; i <= n; i++) {
      c = commit(store, decide(c, customerSays(id + "-m" + i, "message " + i))).conversation();
    }
    return c;
  }

  /**
   * Returns the scenario moved to another tenant and start time, with its appended messages
   * renumbered {@code m-1, m-2, ...}. (The testkit draws message ids at random and often repeats
   * one within a life, which the lifecycle accepts but a store rightly refuses as
   * {@link Conflict.DuplicateMessageId}.)
   */
  static Scenario inTenant(Scenario s, TenantId tenant, Instant startedAt) {
    StartConversation st = s.start();
    StartConversation moved = new StartConversation(st.id(), tenant, st.workspaceId(), st.channel(), st.customerAddress(),
        st.contactId(), st.accountId(), st.subject(), st.aiAgentId(), st.firstMessage());
    List<Scenario.Step> steps = List.empty();
    int n = 0;
    for (Scenario.Step step : s.steps()) {
      if (step instanceof Scenario.Do d && d.command() instanceof Command.AppendMessage m) {
        step = new Scenario.Do(d.at(), new Command.AppendMessage(MessageId.of("m-" + ++n), m.by(), m.content(),
            m.citations(), m.idempotencyKey()));
      }
      steps = steps.prepend(step);
    }
    return new Scenario(moved, startedAt, s.policy(), steps.reverse());
  }

  /** Returns the scenario starting a conversation with another id (the first message keeps its id). */
  static Scenario renamed(Scenario s, ConversationId id) {
    StartConversation st = s.start();
    StartConversation moved = new StartConversation(id, st.tenantId(), st.workspaceId(), st.channel(), st.customerAddress(),
        st.contactId(), st.accountId(), st.subject(), st.aiAgentId(), st.firstMessage());
    return new Scenario(moved, s.startedAt(), s.policy(), s.steps());
  }

  /** Every decision of a played scenario that changed something, in order: what a host commits. */
  static Seq<Decision> changes(Scenario.Trace trace) {
    return trace.outcomes().filter(Scenario.Outcome::changed).map(o -> o.result().get()).prepend(trace.started());
  }

  /** Commits every change of a trace in order; fails the test on a conflict. Returns the commits. */
  static Seq<Committed> commitAll(ConversationStore store, Scenario.Trace trace) {
    List<Committed> out = List.empty();
    for (Decision d : changes(trace)) {
      Either<Conflict, Committed> r = store.commit(d.conversation().tenantId(), d.conversation().version() - 1, d);
      if (r.isLeft()) {
        throw new AssertionError("conflict committing version " + d.conversation().version() + ": " + r.getLeft().message());
      }
      out = out.prepend(r.get());
    }
    return out.reverse();
  }
}
