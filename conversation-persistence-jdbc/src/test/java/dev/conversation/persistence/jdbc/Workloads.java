package dev.conversation.persistence.jdbc;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversation lives for the JDBC tests (after the TCK's own helpers, which are private to it):
 * decide with the lifecycle, commit each decision on the version it was taken on, read
 * everything back through the store's pages.
 */
final class Workloads {

  private static final AtomicLong SERIAL = new AtomicLong();

  private Workloads() {}

  /** A number no other call in this JVM returns, to keep tenants and ids of examples apart. */
  static long serial() {
    return SERIAL.incrementAndGet();
  }

  /** A tenant no other test uses. */
  static TenantId freshTenant(String prefix) {
    return TenantId.of(prefix + "-" + serial());
  }

  /** The decision to start a conversation, which the generated or hand-made request must pass. */
  static Decision start(StartConversation request, java.time.Instant at) {
    return Lifecycle.start(request, at).getOrElseThrow(r -> new AssertionError("start rejected: " + r.message()));
  }

  /** The decision to start a web-chat conversation (no address needed) in workspace {@code ws}. */
  static Decision webChat(TenantId tenant, String id, java.time.Instant at) {
    return start(StartConversation.of(dev.conversation.domain.ConversationId.of(id), tenant,
        dev.conversation.domain.WorkspaceId.of("ws"), dev.conversation.domain.Channel.of(dev.conversation.domain.ChannelType.WEB_CHAT)), at);
  }

  /** The decision of a command the workload expects to be accepted and to change something. */
  static Decision decide(Conversation c, Command command, java.time.Instant at) {
    Decision d = Lifecycle.decide(c, command, at)
        .getOrElseThrow(r -> new AssertionError("workload command " + command + " rejected: " + r.message()));
    if (!d.changed()) {
      throw new AssertionError("workload command " + command + " changed nothing");
    }
    return d;
  }

  /** Commits a decision on the version before it, asserting it is accepted. */
  static Committed commit(ConversationStore store, Decision d) {
    Conversation next = d.conversation();
    Either<Conflict, Committed> result = store.commit(next.tenantId(), next.version() - 1, d);
    if (result.isLeft()) {
      throw new AssertionError("rule: a commit on the version it was decided on is accepted; but version "
          + (next.version() - 1) + " -> " + next.version() + " of " + next.id() + " got " + result.getLeft().message());
    }
    return result.get();
  }

  /** Commits the decisions of one life in order. */
  static void commitAll(ConversationStore store, Seq<Decision> decisions) {
    decisions.forEach(d -> commit(store, d));
  }

  /** Every message of a conversation, page by page through the cursors. */
  static Seq<Message> allMessages(ConversationStore store, TenantId tenant, ConversationId id, int limit) {
    List<Message> all = List.empty();
    Page<Message> page = store.messages(tenant, id, MessageQuery.first(limit));
    all = all.appendAll(page.items());
    while (page.next().isDefined()) {
      MessageQuery next = MessageQuery.of(Option.some(limit), page.next()).toEither()
          .getOrElseThrow(v -> new AssertionError("rule: a page's next cursor is valid; but " + v.mkString("; ")));
      page = store.messages(tenant, id, next);
      all = all.appendAll(page.items());
    }
    return all;
  }

  /** Every event of a tenant from the outbox, in batches. */
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

  /** Every conversation a query selects, following the keyset cursors from its first page. */
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
      if (++guard > 10_000) {
        throw new AssertionError("rule: keyset paging ends; but it went on for 10,000 pages");
      }
    }
    return all;
  }

  /** The query of a raw request the test expects to be valid. */
  static ConversationQuery valid(ConversationQuery.Request request) {
    return request.validate().toEither().getOrElseThrow(v -> new AssertionError("request " + request + " refused: " + v.mkString("; ")));
  }
}
