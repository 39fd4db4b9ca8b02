package dev.conversation.persistence.tck;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Workloads of the kit: fresh tenants, conversation lives replayed into a store, full reads. */
final class Lives {

  private Lives() {}

  /** Returns a tenant no other test uses, so tests can share one store. */
  static TenantId freshTenant() {
    return TenantId.of("tck-" + UUID.randomUUID());
  }

  /** Returns a scenario's start, moved to the given tenant and conversation id. */
  static Scenario moved(Scenario scenario, TenantId tenant, ConversationId id) {
    StartConversation s = scenario.start();
    StartConversation start = new StartConversation(id, tenant, s.workspaceId(), s.channel(), s.customerAddress(),
        s.contactId(), s.accountId(), s.subject(), s.aiAgentId(), s.firstMessage());
    return new Scenario(start, scenario.startedAt(), scenario.policy(), scenario.steps());
  }

  /**
   * Plays a scenario and commits every changed decision in order, each with the version it was
   * taken on, asserting each commit is accepted.
   *
   * @return the decisions committed, the start first
   */
  static Seq<Decision> commitLife(ConversationStore store, Scenario scenario) {
    return commitLife(store, scenario, dev.conversation.domain.TimerPolicy.wakeOnly());
  }

  /** Plays and commits a scenario as {@link #commitLife(ConversationStore, Scenario)}, each commit under {@code timers}. */
  static Seq<Decision> commitLife(ConversationStore store, Scenario scenario, dev.conversation.domain.TimerPolicy timers) {
    Scenario.Trace trace = scenario.play();
    List<Decision> decisions = List.of(trace.started());
    for (Scenario.Outcome o : trace.outcomes()) {
      if (o.changed()) {
        decisions = decisions.prepend(o.result().get());
      }
    }
    decisions = decisions.reverse();
    TenantId tenant = scenario.start().tenantId();
    long expected = 0;
    for (Decision d : decisions) {
      Either<Conflict, Committed> result = store.commit(tenant, expected, d, timers);
      if (result.isLeft()) {
        throw new AssertionError("rule: a commit on the version it was decided on is accepted; but version "
            + expected + " -> " + d.conversation().version() + " of " + d.conversation().id() + " got "
            + result.getLeft().message());
      }
      expected = d.conversation().version();
    }
    return decisions;
  }

  /** Starts a web-chat conversation at {@code at}, without messages, and commits it. */
  static Conversation startPlain(ConversationStore store, TenantId tenant, ConversationId id, Instant at) {
    return start(store, tenant, id, at).conversation();
  }

  /** Starts a web-chat conversation at {@code at}, without messages, and returns what the commit stored. */
  static Committed start(ConversationStore store, TenantId tenant, ConversationId id, Instant at) {
    Decision d = Lifecycle.start(StartConversation.of(id, tenant, WorkspaceId.of("ws-tck"), Channel.of(ChannelType.WEB_CHAT)), at)
        .getOrElseThrow(r -> new IllegalStateException(r.message()));
    return store.commit(tenant, 0, d)
        .getOrElseThrow(c -> new AssertionError("rule: a new conversation can be committed; but " + c.message()));
  }

  /** Decides a customer message on a conversation (accepted in every state but CLOSED). */
  static Either<dev.conversation.domain.Rejection, Decision> customerSays(
      Conversation c, String messageId, String content, Option<String> key, Instant at) {
    Command.AppendMessage m = Command.AppendMessage.of(MessageId.of(messageId), Participant.customer(), content);
    return Lifecycle.decide(c, key.map(m::withIdempotencyKey).getOrElse(m), at);
  }

  /**
   * The thread the decisions leave: their messages in commit order, each as the last decision
   * that changed it (a receipt's {@link Decision#updated()}) left it.
   */
  static Seq<Message> thread(Seq<Decision> decisions) {
    return decisions.foldLeft(List.empty(), Lives::after);
  }

  /** The thread after one decision: the messages it updated replaced, the ones it appended added. */
  static Seq<Message> after(Seq<Message> thread, Decision d) {
    Seq<Message> all = thread;
    for (Message m : d.updated()) {
      all = all.replace(all.find(old -> old.id().equals(m.id())).get(), m);
    }
    return all.appendAll(d.messages());
  }

  /** Reads every message of a conversation, page by page through the cursors. */
  static Seq<Message> allMessages(ConversationStore store, TenantId tenant, ConversationId id) {
    List<Message> all = List.empty();
    Page<Message> page = store.messages(tenant, id, MessageQuery.first(ConversationQuery.MAX_LIMIT));
    all = all.appendAll(page.items());
    while (page.next().isDefined()) {
      MessageQuery next = MessageQuery.of(Option.some(ConversationQuery.MAX_LIMIT), page.next()).toEither()
          .getOrElseThrow(v -> new AssertionError("rule: a page's next cursor is valid; but " + v.mkString("; ")));
      page = store.messages(tenant, id, next);
      all = all.appendAll(page.items());
    }
    return all;
  }

  /** Reads every event of a tenant from the outbox in batches of {@code batch}. */
  static Seq<StoredEvent> allEvents(ConversationStore store, TenantId tenant, int batch) {
    List<StoredEvent> all = List.empty();
    long checkpoint = 0;
    while (true) {
      Seq<StoredEvent> read = store.events(tenant, checkpoint, batch);
      if (read.isEmpty()) {
        return all;
      }
      all = all.appendAll(read);
      checkpoint = read.last().position();
    }
  }

  /** Lists every conversation matching the filter, in order, following the keyset cursors. */
  static Seq<Conversation> listAll(ConversationStore store, TenantId tenant, ConversationQuery first) {
    List<Conversation> all = List.empty();
    Page<Conversation> page = store.list(tenant, first);
    all = all.appendAll(page.items());
    int guard = 0;
    while (page.next().isDefined()) {
      ConversationQuery next = first.after(page.next().get()).toEither()
          .getOrElseThrow(v -> new AssertionError("rule: a page's next cursor is valid for its own query; but " + v));
      page = store.list(tenant, next);
      all = all.appendAll(page.items());
      if (++guard > 100_000) {
        throw new AssertionError("rule: keyset paging ends; but it went on for 100,000 pages");
      }
    }
    return all;
  }

  /** Lists every conversation of the tenant. */
  static Seq<Conversation> listAll(ConversationStore store, TenantId tenant) {
    return listAll(store, tenant, ConversationQuery.first(ConversationFilter.all()).withLimit(ConversationQuery.MAX_LIMIT));
  }

  /**
   * Returns the current time at microsecond precision: stores may truncate anything finer, so the
   * kit never hands them a finer instant.
   */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** Returns a time {@code micros} after the kit's epoch, at microsecond precision. */
  static Instant at(long micros) {
    return EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** The kit's epoch for workloads that do not come from scenarios. */
  static final Instant EPOCH = Instant.parse("2026-06-01T00:00:00Z");
}
