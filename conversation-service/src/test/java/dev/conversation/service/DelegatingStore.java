package dev.conversation.service;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Message;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that passes every call to a real one, except that a test may script what
 * {@link #commit} answers. Counts commits and finds.
 */
class DelegatingStore implements ConversationStore {

  /** What a scripted commit does instead of (or before) delegating. */
  @FunctionalInterface
  interface CommitScript {
    /** Returns the answer to give, or none to delegate; may throw to simulate a failure. */
    Option<Either<Conflict, Committed>> answer(int commitNumber, TenantId tenant, long expectedVersion, Decision decision);
  }

  final ConversationStore delegate;
  final AtomicInteger commits = new AtomicInteger();
  final AtomicInteger finds = new AtomicInteger();
  final AtomicInteger messageReads = new AtomicInteger();
  /** Which personal-data call fails next with a StoreFailure: "ofContact", "erase" or "purgeClosed". */
  volatile String failing = "";
  private volatile CommitScript script = (n, t, v, d) -> Option.none();

  DelegatingStore(ConversationStore delegate) {
    this.delegate = delegate;
  }

  /** Scripts the following commits; numbering starts again at 1. */
  void script(CommitScript value) {
    commits.set(0);
    finds.set(0);
    this.script = value;
  }

  @Override
  public Option<Conversation> find(TenantId tenant, ConversationId id) {
    finds.incrementAndGet();
    return delegate.find(tenant, id);
  }

  @Override
  public io.vavr.collection.Seq<dev.conversation.persistence.Due> due(dev.conversation.persistence.DueQuery query) {
    return delegate.due(query);
  }

  @Override
  public Either<Conflict, Committed> open(TenantId tenant, dev.conversation.persistence.Route route, Decision decision,
      dev.conversation.domain.TimerPolicy timers) {
    return delegate.open(tenant, route, decision, timers);
  }

  @Override
  public io.vavr.collection.Seq<TenantId> tenants(Option<TenantId> after, int limit) {
    return delegate.tenants(after, limit);
  }

  @Override
  public long pruneEvents(TenantId tenant, long upToPosition, java.time.Instant before, int limit) {
    return delegate.pruneEvents(tenant, upToPosition, before, limit);
  }

  @Override
  public io.vavr.collection.Seq<dev.conversation.domain.ConversationId> ofContact(TenantId tenant,
      dev.conversation.domain.ContactId contact, io.vavr.control.Option<dev.conversation.domain.ConversationId> after,
      int limit) {
    failIf("ofContact");
    return delegate.ofContact(tenant, contact, after, limit);
  }

  @Override
  public io.vavr.control.Option<dev.conversation.persistence.Redaction> erase(TenantId tenant,
      dev.conversation.domain.ConversationId id, java.time.Instant at) {
    failIf("erase");
    return delegate.erase(tenant, id, at);
  }

  @Override
  public long purgeClosed(io.vavr.control.Option<TenantId> tenant, io.vavr.collection.Set<TenantId> except,
      java.time.Instant closedBefore, int limit) {
    failIf("purgeClosed");
    return delegate.purgeClosed(tenant, except, closedBefore, limit);
  }

  private void failIf(String call) {
    if (failing.equals(call)) {
      throw new dev.conversation.persistence.StoreFailure(call + " failed", new java.io.IOException("down"));
    }
  }

  @Override
  public boolean reschedule(TenantId tenant, Conversation conversation, dev.conversation.domain.TimerPolicy timers) {
    return delegate.reschedule(tenant, conversation, timers);
  }

  @Override
  public io.vavr.collection.Seq<dev.conversation.persistence.Scheduled> scheduled(
      Option<dev.conversation.persistence.Scheduled.Key> after, int limit) {
    return delegate.scheduled(after, limit);
  }

  @Override
  public Option<Conversation> latest(TenantId tenant, dev.conversation.persistence.Route route) {
    return delegate.latest(tenant, route);
  }

  @Override
  public Either<Conflict, Committed> commit(TenantId tenant, long expectedVersion, Decision decision,
      dev.conversation.domain.TimerPolicy timers) {
    int n = commits.incrementAndGet();
    Option<Either<Conflict, Committed>> scripted = script.answer(n, tenant, expectedVersion, decision);
    return scripted.isDefined() ? scripted.get() : delegate.commit(tenant, expectedVersion, decision, timers);
  }

  @Override
  public Option<Message> findByIdempotencyKey(TenantId tenant, ConversationId id, String idempotencyKey) {
    return delegate.findByIdempotencyKey(tenant, id, idempotencyKey);
  }

  @Override
  public Option<Message> findMessage(TenantId tenant, ConversationId id, dev.conversation.domain.MessageId messageId) {
    return delegate.findMessage(tenant, id, messageId);
  }

  @Override
  public io.vavr.collection.Seq<dev.conversation.persistence.Turn> turns(dev.conversation.persistence.TurnQuery query) {
    return delegate.turns(query);
  }

  @Override
  public boolean claim(dev.conversation.persistence.Claim claim, java.time.Instant now) {
    return delegate.claim(claim, now);
  }

  @Override
  public Option<dev.conversation.persistence.Claim> claimOf(TenantId tenant, ConversationId id) {
    return delegate.claimOf(tenant, id);
  }

  @Override
  public boolean release(dev.conversation.persistence.Claim claim) {
    return delegate.release(claim);
  }

  @Override
  public Option<Message> findByProviderMessageId(TenantId tenant, String providerMessageId) {
    return delegate.findByProviderMessageId(tenant, providerMessageId);
  }

  @Override
  public Page<Message> messages(TenantId tenant, ConversationId id, MessageQuery query) {
    messageReads.incrementAndGet();
    return delegate.messages(tenant, id, query);
  }

  @Override
  public Page<Conversation> list(TenantId tenant, ConversationQuery query) {
    return delegate.list(tenant, query);
  }

  @Override
  public long count(TenantId tenant, ConversationFilter filter) {
    return delegate.count(tenant, filter);
  }

  @Override
  public Seq<StoredEvent> events(TenantId tenant, long afterPosition, int limit) {
    return delegate.events(tenant, afterPosition, limit);
  }
}
