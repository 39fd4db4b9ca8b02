package dev.conversation.persistence;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Erasure;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Where conversations, their messages and the events they emitted are kept: the storage port.
 *
 * <p><b>Tenancy.</b> Every call names the tenant. A conversation is addressed by the pair (tenant,
 * id): another tenant's conversation, even with the same id, is simply not there. It is never
 * returned, listed, counted or named in a conflict.
 *
 * <p><b>Writes.</b> {@link #commit} writes one {@link Decision} of the lifecycle: the new
 * conversation header, its new messages and its events, all together or not at all, and only if
 * the stored version is still the one the decision was taken on (optimistic concurrency). Commits
 * on one conversation are linearizable.
 *
 * <p><b>Timers.</b> Each write names the {@link TimerPolicy} the conversation runs under, and the
 * store indexes when its timer falls due under that policy ({@link
 * dev.conversation.domain.Lifecycle#dueAt}), so {@link #due} finds what is due under each
 * conversation's own policy, reading nothing else. When a host changes its policies, {@link
 * #scheduled} and {@link #reschedule} bring the stored instants up to date.
 *
 * <p><b>Idempotency.</b> A message's {@linkplain Message#idempotencyKey() idempotency key} is
 * unique within its conversation: a commit that would store a second message with a key already
 * used is refused with {@link Conflict.DuplicateKey}, which carries the original message.
 *
 * <p><b>Time.</b> A store keeps instants with at least microsecond precision (the lifecycle's
 * decision times are microsecond-distinct); anything finer may be truncated.
 *
 * <p><b>Failures.</b> Business outcomes are values ({@link Conflict}); an infrastructure failure
 * (a lost connection, a full disk) is thrown as a {@link StoreFailure}, after which nothing of the
 * failed commit is visible, unless the failure left the outcome unknown (a connection lost while
 * the database committed): then the commit may have been stored, and the failure's message says so. A programming error (a decision for another tenant, a version that
 * does not follow the expected one) throws {@link IllegalArgumentException} and writes nothing.
 *
 * <p>Implementations are thread-safe. Check one with the {@code conversation-persistence-tck}.
 */
public interface ConversationStore {

  /** The most events one {@link #events} call returns. */
  int MAX_EVENT_BATCH = 1000;

  /** The most conversations one {@link #due} call returns. */
  int MAX_DUE_BATCH = 1000;

  /** The most turns one {@link #turns} call returns. */
  int MAX_TURN_BATCH = 1000;

  /** The most conversations one {@link #scheduled} call returns. */
  int MAX_SCHEDULED_BATCH = 1000;

  /** Returns a new, empty in-memory store: thread-safe, indexed, the embedded default. */
  static ConversationStore inMemory() {
    return new InMemoryConversationStore();
  }

  /**
   * Returns the conversation with this id in this tenant.
   *
   * @return the stored conversation, or none if the tenant has no conversation with this id
   */
  Option<Conversation> find(TenantId tenant, ConversationId id);

  /**
   * Writes a decision atomically: the conversation header, the messages appended, the messages
   * updated ({@link Decision#updated()}: replaced by id, with the provider id they carry made
   * findable by {@link #findByProviderMessageId}) and the events.
   *
   * @param tenant the tenant the conversation belongs to
   * @param expectedVersion the version the decision was taken on; {@code 0} for a new conversation
   * @param decision a changed decision of the lifecycle whose conversation has version
   *     {@code expectedVersion + 1} and belongs to {@code tenant}
   * @return what was stored, events with their outbox positions; or the conflict that prevented
   *     it: {@link Conflict.StaleVersion} if the stored version is not {@code expectedVersion} (or
   *     the conversation is absent when expected, or present when new),
   *     {@link Conflict.DuplicateKey} if a message reuses an idempotency key of the conversation,
   *     {@link Conflict.DuplicateMessageId} if a message id is already used in the conversation,
   *     {@link Conflict.ProviderIdTaken} if a message carries a provider message id another
   *     message of the tenant carries. After a conflict nothing has been written.
   * @param timers the policy the conversation's timer runs under: the store indexes when it falls
   *     due ({@link dev.conversation.domain.Lifecycle#dueAt})
   * @throws IllegalArgumentException if the decision is unchanged, belongs to another tenant, does
   *     not raise the version by exactly one, or carries messages or events of another conversation
   */
  Either<Conflict, Committed> commit(TenantId tenant, long expectedVersion, Decision decision, TimerPolicy timers);

  /**
   * Writes a decision as {@link #commit(TenantId, long, Decision, TimerPolicy)} does, with its
   * timer under {@link TimerPolicy#wakeOnly()} (a snoozed conversation wakes; nothing else is due).
   */
  default Either<Conflict, Committed> commit(TenantId tenant, long expectedVersion, Decision decision) {
    return commit(tenant, expectedVersion, decision, TimerPolicy.wakeOnly());
  }

  /**
   * Creates a conversation that receives a route's inbound messages: like {@link #commit} with
   * expected version {@code 0}, and in the same atomic step the conversation takes the route,
   * which it holds until a commit closes it. A tenant has at most one open conversation per
   * route: while one holds it, opening another is refused. Stores enforce this themselves (a
   * unique constraint, a lock per route), so concurrent opens for one customer create one
   * conversation. Commits of the conversation keep its route; a commit that closes it frees the
   * route, and {@link #latest} still finds it there until a newer one is opened.
   *
   * @param tenant the tenant
   * @param route the route the conversation takes
   * @param decision the decision that starts the conversation (version 1)
   * @return what was stored, or {@link Conflict.RouteTaken} naming the open conversation on the
   *     route, or any conflict of a create; after a conflict nothing has been written
   * @param timers the policy the conversation's timer runs under, as for {@link #commit}
   * @throws IllegalArgumentException as {@link #commit}, or if the decision does not start a conversation
   */
  Either<Conflict, Committed> open(TenantId tenant, Route route, Decision decision, TimerPolicy timers);

  /** Opens a conversation as {@link #open(TenantId, Route, Decision, TimerPolicy)} does, under {@link TimerPolicy#wakeOnly()}. */
  default Either<Conflict, Committed> open(TenantId tenant, Route route, Decision decision) {
    return open(tenant, route, decision, TimerPolicy.wakeOnly());
  }

  /**
   * Returns the conversation that holds the route, or if none is open, the one that held it
   * last (the most recently opened): where a customer's next message goes, or what it follows up.
   *
   * @return the open conversation on the route, else the latest closed one, else none
   */
  Option<Conversation> latest(TenantId tenant, Route route);

  /**
   * Checks the arguments of an {@link #open}, for store implementations, before any data is touched.
   *
   * @throws IllegalArgumentException as {@link #checkCommit} with expected version {@code 0}, or if
   *     the conversation's channel or contact is not the route's
   */
  static void checkOpen(TenantId tenant, Route route, Decision decision) {
    Objects.requireNonNull(route, "route");
    checkCommit(tenant, 0, decision);
    Conversation next = decision.conversation();
    if (!Route.of(next.channel(), route.contact()).equals(route) || !next.contactId().contains(route.contact())) {
      throw new IllegalArgumentException("conversation " + next.id() + " on " + next.channel() + " with contact "
          + next.contactId().map(c -> c.value()).getOrElse("none") + " cannot open the " + route);
    }
  }

  /**
   * Checks the arguments of a {@link #commit} against the contract, for store implementations: a
   * store calls this first, before it touches its data.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the decision is unchanged, belongs to another tenant, does
   *     not raise the version by exactly one, carries messages or events of another conversation,
   *     repeats a message id or idempotency key within itself, or both appends and updates a message
   */
  static void checkCommit(TenantId tenant, long expectedVersion, Decision decision) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(decision, "decision");
    Conversation next = decision.conversation();
    if (!decision.changed()) {
      throw new IllegalArgumentException("decision is unchanged: there is nothing to commit");
    }
    if (!next.tenantId().equals(tenant)) {
      throw new IllegalArgumentException("decision belongs to tenant " + next.tenantId() + ", not " + tenant);
    }
    if (expectedVersion < 0 || next.version() != expectedVersion + 1) {
      throw new IllegalArgumentException("decision has version " + next.version() + "; expected version "
          + expectedVersion + " needs version " + (expectedVersion + 1));
    }
    java.util.Set<String> keys = new java.util.HashSet<>();
    java.util.Set<MessageId> ids = new java.util.HashSet<>();
    for (Message m : decision.messages()) {
      if (!m.conversationId().equals(next.id())) {
        throw new IllegalArgumentException("message " + m.id() + " belongs to conversation " + m.conversationId());
      }
      if (!ids.add(m.id()) || m.idempotencyKey().exists(k -> !keys.add(k))) {
        throw new IllegalArgumentException("message " + m.id() + " repeats an id or idempotency key of the same commit");
      }
    }
    for (Message m : decision.updated()) {
      if (!m.conversationId().equals(next.id())) {
        throw new IllegalArgumentException("updated message " + m.id() + " belongs to conversation " + m.conversationId());
      }
      if (ids.contains(m.id())) {
        throw new IllegalArgumentException("message " + m.id() + " is both appended and updated by the same commit");
      }
    }
    for (DomainEvent e : decision.events()) {
      if (!e.conversationId().equals(next.id()) || !e.tenantId().equals(tenant)) {
        throw new IllegalArgumentException("event " + e + " belongs to another conversation or tenant");
      }
    }
  }

  /**
   * Returns the message of this conversation stored with this idempotency key.
   *
   * @return the original message, or none if the key is unused or the conversation is not there
   */
  Option<Message> findByIdempotencyKey(TenantId tenant, ConversationId id, String idempotencyKey);

  /**
   * Returns the conversations waiting for the AI agent ({@link dev.conversation.domain.Lifecycle#aiTurn},
   * which stores index on every commit), oldest turn first, leaving out those a live claim
   * holds at the query's instant. Answered from an index: a batch reads about its limit.
   */
  Seq<Turn> turns(TurnQuery query);

  /**
   * Stores {@code claim} if no stored claim {@linkplain Claim#blocks blocks} it at {@code now}
   * (none, or one whose lease ended, or one for an earlier turn), replacing what was there;
   * atomically, so of two workers claiming one turn at once exactly one succeeds.
   *
   * @return whether the claim was stored
   */
  boolean claim(Claim claim, Instant now);

  /** Returns the claim stored for the conversation, if any (live or lapsed). */
  Option<Claim> claimOf(TenantId tenant, ConversationId id);

  /**
   * Deletes the claim if it is still the one stored (same token).
   *
   * @return whether it was deleted
   */
  boolean release(Claim claim);

  /**
   * Returns one message of a conversation by its id, as stored now.
   *
   * @return the message, or none if the conversation or the message is not there
   */
  Option<Message> findMessage(TenantId tenant, ConversationId id, MessageId messageId);

  /**
   * Returns the outbound message the channel provider knows by this id (its
   * {@link dev.conversation.domain.Delivery#providerMessageId()}), in any conversation of the
   * tenant: how a channel receipt finds its message. A provider id names one message of a tenant:
   * a commit that would give it to a second one is refused ({@link Conflict.ProviderIdTaken}).
   *
   * @return the message as stored now, or none
   */
  Option<Message> findByProviderMessageId(TenantId tenant, String providerMessageId);

  /**
   * Returns a page of a conversation's messages, oldest first (in commit order).
   *
   * @return the page; empty if the conversation is not there
   */
  Page<Message> messages(TenantId tenant, ConversationId id, MessageQuery query);

  /**
   * Returns a page of the tenant's conversations that match the query's filter, in its order.
   * Stores fetch {@code limit + 1} rows and build the page with
   * {@link Page#of(ConversationQuery, Seq)}.
   */
  Page<Conversation> list(TenantId tenant, ConversationQuery query);

  /** Returns how many of the tenant's conversations match the filter. */
  long count(TenantId tenant, ConversationFilter filter);

  /**
   * Returns the tenant's events after an outbox position, in commit order: the outbox a host
   * relays to its broker, keeping the last position it relayed as its checkpoint.
   *
   * <p>Positions are positive and strictly increasing within a tenant, in commit order for commits
   * that follow one another (they may have gaps, and concurrent commits of different conversations
   * may come out in either order). One conversation's events come out in version order. Once a
   * reader has seen position {@code p}, no event with a position at or below {@code p} appears
   * later, so a relay that resumes after its checkpoint misses nothing. Stores need not make a
   * tenant's writers wait for one another to keep this (the JDBC store on PostgreSQL does not).
   *
   * @param afterPosition the checkpoint; {@code 0} to read from the start
   * @param limit at most this many events, 1 to {@value #MAX_EVENT_BATCH}
   * @throws IllegalArgumentException if {@code afterPosition} is negative or {@code limit} is out of range
   */
  Seq<StoredEvent> events(TenantId tenant, long afterPosition, int limit);

  /**
   * Returns the tenants whose outbox holds events, in code-point order after a tenant, at most
   * {@code limit}: what a relay walks to find every tenant without a list from its host.
   *
   * @param after the last tenant of the previous batch, or none to start
   * @param limit at most this many, 1 to {@value #MAX_TENANT_BATCH}
   * @throws IllegalArgumentException if {@code limit} is out of range
   */
  Seq<TenantId> tenants(Option<TenantId> after, int limit);

  /**
   * Deletes the tenant's oldest events: in position order, those at or below {@code upToPosition}
   * whose change happened before {@code before}, stopping at the first that is not, or after
   * {@code limit}. What a relay's retention calls once every relay has delivered them (pass a
   * position already read: on PostgreSQL only those are settled); readers after a deleted
   * position read on from the first event kept. Other tenants are untouched.
   *
   * @param limit at most this many, 1 to {@value #MAX_EVENT_BATCH}
   * @return how many were deleted
   * @throws IllegalArgumentException if {@code upToPosition} is negative or {@code limit} is out of range
   */
  long pruneEvents(TenantId tenant, long upToPosition, java.time.Instant before, int limit);

  /**
   * Returns the tenant's conversations linked to the contact ({@link Conversation#contactId()}),
   * in id order (code points) after {@code after}, at most {@code limit}: what an erasure and an
   * export walk. An erased conversation is no longer linked.
   *
   * @param limit at most this many, 1 to {@value #MAX_CONTACT_BATCH}
   * @throws IllegalArgumentException if {@code limit} is out of range
   */
  Seq<ConversationId> ofContact(TenantId tenant, ContactId contact, Option<ConversationId> after, int limit);

  /** The most conversations one {@link #ofContact} or {@link #purgeClosed} call returns or deletes. */
  int MAX_CONTACT_BATCH = 1000;

  /**
   * Erases the personal data of one conversation, in one transaction, as {@link Erasure} says:
   * every message and every event of the conversation that holds any is rewritten in place (same
   * ids, same positions), and so are copies a relay parked in the same database; if any was, or
   * the header holds any, the header becomes {@link Erasure#decide}'s (the next version, unlinked
   * from its contact and its inbound route) and its {@code Erased} event is appended to the
   * outbox. A conversation erased before is left as it is. Concurrent commits to the conversation
   * are ordered before or after it by its version, so a message is either in the thread when it
   * is erased or stored after it (inbound routing then finds no route and opens a new
   * conversation). Messages and events are read and rewritten in batches, so a long thread does
   * not sit in memory.
   *
   * @param at the erasure's time
   * @return what was rewritten, or none if the tenant has no such conversation
   */
  Option<Redaction> erase(TenantId tenant, ConversationId id, Instant at);

  /**
   * Deletes {@link dev.conversation.domain.Status#CLOSED closed} conversations last changed
   * before {@code closedBefore}, oldest first, with everything stored for them (messages, tags,
   * events, claims, copies a relay parked in the same database): what retention runs. A
   * conversation that is not closed is never deleted, whatever its age; the status and the time
   * are checked again as each is deleted.
   *
   * @param tenant one tenant, or none for every tenant
   * @param except tenants to leave alone (those under a retention of their own)
   * @param limit at most this many, 1 to {@value #MAX_CONTACT_BATCH}
   * @return how many were deleted
   * @throws IllegalArgumentException if {@code limit} is out of range
   */
  long purgeClosed(Option<TenantId> tenant, io.vavr.collection.Set<TenantId> except, Instant closedBefore, int limit);

  /** Checks the arguments of {@link #ofContact}, for stores. */
  static void checkOfContact(TenantId tenant, ContactId contact, Option<ConversationId> after, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_CONTACT_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_CONTACT_BATCH + ": " + limit);
    }
  }

  /** Checks the arguments of {@link #purgeClosed}, for stores. */
  static void checkPurge(Option<TenantId> tenant, io.vavr.collection.Set<TenantId> except, Instant closedBefore, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(except, "except");
    Objects.requireNonNull(closedBefore, "closedBefore");
    if (limit < 1 || limit > MAX_CONTACT_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_CONTACT_BATCH + ": " + limit);
    }
  }

  /** The most tenants one {@link #tenants} call returns. */
  int MAX_TENANT_BATCH = 1000;

  /** Checks the arguments of {@link #tenants}, for store implementations. */
  static void checkTenants(Option<TenantId> after, int limit) {
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_TENANT_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_TENANT_BATCH + ": " + limit);
    }
  }

  /** Checks the arguments of {@link #pruneEvents}, for store implementations. */
  static void checkPrune(TenantId tenant, long upToPosition, java.time.Instant before, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(before, "before");
    if (upToPosition < 0) {
      throw new IllegalArgumentException("upToPosition must not be negative: " + upToPosition);
    }
    if (limit < 1 || limit > MAX_EVENT_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_EVENT_BATCH + ": " + limit);
    }
  }

  /**
   * Returns the conversations whose timer is due: whose due instant, as indexed under the policy
   * of their last write ({@link dev.conversation.domain.Lifecycle#dueAt}), is at or before the
   * query's {@code now}, in one tenant or across all, in due order ({@link Due.Position}) after the
   * query's position, at most its limit. Stores answer from an index on the due instant, so the
   * cost grows with the number returned, not with the number stored, whatever policies the
   * conversations run under. A conversation has at most one timer, so it appears at most once. A
   * conversation whose timer a concurrent commit moved may be missed by a batch (it is due again,
   * or not, by then), never returned with a stale header.
   */
  Seq<Due> due(DueQuery query);

  /**
   * Indexes the conversation's due instant under another policy, if it is still stored at the
   * version given: what a timer runner does when it finds a conversation whose stored instant its
   * current policy no longer agrees with. Changes nothing else: not the version, not the outbox.
   *
   * @param tenant the tenant
   * @param conversation the conversation as read from this store
   * @param timers the policy its timer runs under now
   * @return whether the stored due instant changed (false if the conversation is gone, at another
   *     version, or already indexed so)
   * @throws IllegalArgumentException if the conversation belongs to another tenant
   */
  boolean reschedule(TenantId tenant, Conversation conversation, TimerPolicy timers);

  /**
   * Returns the conversations that run a timer ({@link dev.conversation.domain.Lifecycle#timer}),
   * across tenants, in (tenant, id) order after a key, at most {@code limit}, each with its
   * stored due instant: what a runner walks to {@link #reschedule} every timer after its host
   * changed policies. Its cost grows with what it walks; a runner does this at start, not every
   * sweep.
   *
   * @param after the key of the last conversation of the previous batch, or none to start
   * @param limit at most this many, 1 to {@value #MAX_SCHEDULED_BATCH}
   * @throws IllegalArgumentException if {@code limit} is out of range
   */
  Seq<Scheduled> scheduled(Option<Scheduled.Key> after, int limit);

  /** Checks the arguments of {@link #scheduled}, for store implementations. */
  static void checkScheduled(Option<Scheduled.Key> after, int limit) {
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_SCHEDULED_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_SCHEDULED_BATCH + ": " + limit);
    }
  }

  /** Checks the arguments of {@link #reschedule}, for store implementations. */
  static void checkReschedule(TenantId tenant, Conversation conversation, TimerPolicy timers) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(timers, "timers");
    if (!conversation.tenantId().equals(tenant)) {
      throw new IllegalArgumentException("conversation belongs to tenant " + conversation.tenantId() + ", not " + tenant);
    }
  }
}
