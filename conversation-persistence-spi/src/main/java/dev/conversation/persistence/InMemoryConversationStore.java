package dev.conversation.persistence;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Delivery;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Erasure;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory reference store.
 *
 * <p>Each conversation lives in a slot holding an immutable snapshot (header, messages, used
 * idempotency keys and message ids) behind a volatile reference. Commits on one conversation are
 * serialized by the slot's monitor and publish a whole new snapshot, so they are atomic and
 * linearizable; reads take no lock and see either the old snapshot or the new one. Each tenant
 * keeps its own indexes: a set of conversation ids per status, channel, contact, tag, agent and
 * team, the unread and starred sets, each value also with its conversations' positions in both
 * listing orders, and two skip lists of the whole tenant in listing order (last activity,
 * creation). A listing walks the most selective index term in the query's order from its cursor
 * (several values of one index merged), or the tenant's skip list when no index narrows it, so a
 * page costs what it visits; every candidate is checked against its current snapshot, so an index
 * entry that lags a concurrent commit can never put a wrong conversation in a page. The outbox is a
 * persistent vector per tenant, appended under a short per-tenant lock so positions are assigned
 * and published in commit order. A route's latest conversation is one map entry per route, replaced
 * by an open under that entry's lock. Timers: each snapshot keeps the instant its timer falls due
 * under the policy of its write, indexed in due order per tenant and across tenants.
 */
final class InMemoryConversationStore implements ConversationStore {

  private final ConcurrentMap<TenantId, Tenant> tenants = new ConcurrentHashMap<>();
  /** Every tenant's due instants, in (due instant, tenant, id) order: what a runner across tenants walks. */
  private final Timers dueIndex = new Timers();
  /** Every conversation waiting for the AI, in (turn start, tenant, id) order: what AI workers walk. */
  private final Timers turnIndex = new Timers();
  /** Each conversation's claim on the AI's turn, by tenant and id. */
  private final ConcurrentMap<Scheduled.Key, Claim> claims = new ConcurrentHashMap<>();
  /** Every conversation that runs a timer, in (tenant, id) order: what a runner re-indexing its policies walks. */
  private final ConcurrentSkipListSet<Scheduled.Key> timed = new ConcurrentSkipListSet<>();

  @Override
  public Option<Conversation> find(TenantId tenant, ConversationId id) {
    return snapshot(tenant, id).map(Snapshot::header);
  }

  @Override
  public Either<Conflict, Committed> commit(TenantId tenant, long expectedVersion, Decision decision, TimerPolicy policy) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(policy, "timers");
    Conversation next = decision.conversation();
    ConversationStore.checkCommit(tenant, expectedVersion, decision);
    // Only a create may add a tenant or a slot, so refused commits leave nothing behind.
    Tenant space = expectedVersion == 0 ? tenants.computeIfAbsent(tenant, t -> new Tenant()) : tenants.get(tenant);
    Slot slot = space == null ? null
        : expectedVersion == 0 ? space.slots.computeIfAbsent(next.id(), id -> new Slot()) : space.slots.get(next.id());
    if (space == null || slot == null) {
      return Either.left(new Conflict.StaleVersion(next.id(), expectedVersion, 0));
    }
    synchronized (slot) {
      Snapshot current = slot.snapshot;
      long actual = current == null ? 0 : current.header.version();
      if (actual != expectedVersion) {
        return Either.left(new Conflict.StaleVersion(next.id(), expectedVersion, actual));
      }
      if (current != null) {
        for (Message m : decision.messages()) {
          if (current.messageIds.contains(m.id())) {
            return Either.left(new Conflict.DuplicateMessageId(next.id(), m.id()));
          }
          Option<Message> original = m.idempotencyKey().flatMap(current.byKey::get);
          if (original.isDefined()) {
            return Either.left(new Conflict.DuplicateKey(next.id(), m.idempotencyKey().get(), original.get()));
          }
        }
      }
      if (decision.updated().nonEmpty()
          && (current == null || decision.updated().exists(m -> !current.messageIds.contains(m.id())))) {
        throw new IllegalArgumentException("the decision updates a message conversation " + next.id() + " does not hold");
      }
      Option<Conflict> taken = bindProviderIds(space, next.id(), decision.messages().appendAll(decision.updated()));
      if (taken.isDefined()) {
        return Either.left(taken.get());
      }
      java.time.Instant dueAt = Lifecycle.dueAt(next, policy).getOrNull();
      Snapshot updated = Snapshot.next(current, next, decision.messages(), decision.updated(), dueAt);
      Seq<StoredEvent> stored = space.append(decision.events());
      slot.snapshot = updated;
      if (current == null) {
        space.size.incrementAndGet();
      }
      space.index(current == null ? null : current.header, next);
      moveTimer(tenant, space, next.id(), current, updated);
      return Either.right(new Committed(next, decision.messages(), stored));
    }
  }

  /**
   * Binds the provider ids the messages carry to them, all or none: an id another message holds is
   * refused and the ids bound here are released again. The last check of a commit, so a bound id
   * is never left behind by a refused one.
   */
  private static Option<Conflict> bindProviderIds(Tenant space, ConversationId id, Seq<Message> messages) {
    java.util.List<String> bound = new ArrayList<>();
    for (Message m : messages) {
      Option<String> provider = m.delivery().flatMap(Delivery::providerMessageId);
      if (provider.isEmpty()) {
        continue;
      }
      MessageKey key = new MessageKey(id, m.id());
      MessageKey holder = space.providerIds.putIfAbsent(provider.get(), key);
      if (holder == null) {
        bound.add(provider.get());
      } else if (!holder.equals(key)) {
        bound.forEach(space.providerIds::remove);
        return Option.some(new Conflict.ProviderIdTaken(id, provider.get()));
      }
    }
    return Option.none();
  }

  /** Moves the conversation's entries in the due indexes and the walk of timed conversations; under its slot monitor. */
  private void moveTimer(TenantId tenant, Tenant space, ConversationId id, @Nullable Snapshot before, Snapshot after) {
    java.time.Instant turnWas = before == null ? null : Lifecycle.aiTurn(before.header).getOrNull();
    java.time.Instant turnIs = Lifecycle.aiTurn(after.header).getOrNull();
    turnIndex.move(tenant, id, turnWas, turnIs);
    space.turns.move(tenant, id, turnWas, turnIs);
    java.time.Instant was = before == null ? null : before.dueAt;
    dueIndex.move(tenant, id, was, after.dueAt);
    space.timers.move(tenant, id, was, after.dueAt);
    if (Lifecycle.timer(after.header).isDefined()) {
      timed.add(new Scheduled.Key(tenant, id));
    } else if (before != null) {
      timed.remove(new Scheduled.Key(tenant, id));
    }
  }

  @Override
  public Either<Conflict, Committed> open(TenantId tenant, Route route, Decision decision, TimerPolicy policy) {
    ConversationStore.checkOpen(tenant, route, decision);
    Objects.requireNonNull(policy, "timers");
    Tenant space = tenants.computeIfAbsent(tenant, t -> new Tenant());
    ConversationId id = decision.conversation().id();
    @SuppressWarnings("unchecked")
    Either<Conflict, Committed>[] result = new Either[1];
    // compute() holds the route's bin while it runs: opens of one route take turns, so the check
    // for an open holder and the create it allows are one step. A close needs no entry here: it
    // changes the holder's status, which is what the check reads.
    space.routes.compute(route.key(), (key, holder) -> {
      Snapshot held = holder == null ? null : space.current(holder);
      if (space.current(id) != null) {
        result[0] = commit(tenant, 0, decision, policy);  // the id is taken: a stale version, whatever the route
        return holder;
      }
      // An erased conversation (unlinked from its contact) holds no route, even before erase()
      // has let go of the entry.
      if (held != null && held.header.status() != Status.CLOSED && held.header.contactId().isDefined()) {
        result[0] = Either.left(new Conflict.RouteTaken(id, route, holder));
        return holder;
      }
      result[0] = commit(tenant, 0, decision, policy);
      return result[0].isRight() ? id : holder;
    });
    return result[0];
  }

  @Override
  public Option<Conversation> latest(TenantId tenant, Route route) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(route, "route");
    Tenant space = tenants.get(tenant);
    return Option.of(space == null ? null : space.routes.get(route.key()))
        .flatMap(id -> Option.of(space.current(id)))
        .map(Snapshot::header)
        .filter(c -> c.contactId().isDefined());  // an erased conversation is no route's, from its commit on
  }

  @Override
  public Seq<Due> due(DueQuery query) {
    Objects.requireNonNull(query, "query");
    Iterator<TimerEntry> walk = walk(query.tenant(), space -> space.timers, dueIndex,
        query.after().map(p -> new TimerEntry(p.dueAt(), p.tenant(), p.id())));
    java.util.List<Due> found = new ArrayList<>();
    while (walk.hasNext() && found.size() < query.limit()) {
      TimerEntry e = walk.next();
      if (e.at().isAfter(query.now())) {
        break;
      }
      Tenant space = tenants.get(e.tenant());
      Snapshot s = space == null ? null : space.current(e.id());
      if (s == null || !e.at().equals(s.dueAt)) {
        continue;  // an entry a concurrent commit is moving
      }
      found.add(new Due(e.tenant(), s.header, e.at()));
    }
    return List.ofAll(found);
  }

  @Override
  public boolean reschedule(TenantId tenant, Conversation conversation, TimerPolicy policy) {
    ConversationStore.checkReschedule(tenant, conversation, policy);
    Tenant space = tenants.get(tenant);
    Slot slot = space == null ? null : space.slots.get(conversation.id());
    if (slot == null) {
      return false;
    }
    synchronized (slot) {
      Snapshot current = slot.snapshot;
      if (current == null || current.header.version() != conversation.version()) {
        return false;
      }
      java.time.Instant dueAt = Lifecycle.dueAt(current.header, policy).getOrNull();
      if (Objects.equals(dueAt, current.dueAt)) {
        return false;
      }
      Snapshot updated = current.withDueAt(dueAt);
      slot.snapshot = updated;
      moveTimer(tenant, space, conversation.id(), current, updated);
      return true;
    }
  }

  @Override
  public Seq<Scheduled> scheduled(Option<Scheduled.Key> after, int limit) {
    ConversationStore.checkScheduled(after, limit);
    Iterator<Scheduled.Key> walk = after.map(k -> timed.tailSet(k, false).iterator()).getOrElse(timed::iterator);
    java.util.List<Scheduled> found = new ArrayList<>();
    while (walk.hasNext() && found.size() < limit) {
      Scheduled.Key k = walk.next();
      Tenant space = tenants.get(k.tenant());
      Snapshot s = space == null ? null : space.current(k.id());
      if (s == null || Lifecycle.timer(s.header).isEmpty()) {
        continue;  // an entry a concurrent commit is removing
      }
      found.add(new Scheduled(k.tenant(), s.header, Option.of(s.dueAt)));
    }
    return List.ofAll(found);
  }

  /** A conversation's due instant in an index: the instant, then tenant and id. */
  private record TimerEntry(java.time.Instant at, TenantId tenant, ConversationId id) implements Comparable<TimerEntry> {
    @Override
    public int compareTo(TimerEntry other) {
      int c = at.compareTo(other.at);
      if (c == 0) {
        c = Order.compareIds(tenant.value(), other.tenant.value());
      }
      return c != 0 ? c : Order.compareIds(id.value(), other.id.value());
    }
  }

  /** Conversations with a due instant, in due order; moved under the conversation's slot monitor. */
  private static final class Timers {
    final ConcurrentSkipListSet<TimerEntry> due = new ConcurrentSkipListSet<>();

    /** Adds the new entry before it removes the old one, so a reader never misses both. */
    void move(TenantId tenant, ConversationId id, java.time.@Nullable Instant before, java.time.@Nullable Instant after) {
      if (after != null) {
        due.add(new TimerEntry(after, tenant, id));
      }
      if (before != null && !before.equals(after)) {
        due.remove(new TimerEntry(before, tenant, id));
      }
    }
  }

  /**
   * A walk of an instant-ordered index after {@code from}: one tenant's ({@code own}) or every
   * tenant's ({@code across}); nothing for a tenant with no conversations.
   */
  private Iterator<TimerEntry> walk(Option<TenantId> tenant, java.util.function.Function<Tenant, Timers> own, Timers across,
      Option<TimerEntry> from) {
    Timers index = across;
    if (tenant.isDefined()) {
      Tenant space = tenants.get(tenant.get());
      if (space == null) {
        return Collections.emptyIterator();
      }
      index = own.apply(space);
    }
    Timers walked = index;
    return from.map(f -> walked.due.tailSet(f, false).iterator()).getOrElse(walked.due::iterator);
  }

  @Override
  public Seq<Turn> turns(TurnQuery query) {
    Objects.requireNonNull(query, "query");
    Iterator<TimerEntry> walk = walk(query.tenant(), space -> space.turns, turnIndex,
        query.after().map(p -> new TimerEntry(p.since(), p.tenant(), p.id())));
    java.util.List<Turn> found = new ArrayList<>();
    while (walk.hasNext() && found.size() < query.limit()) {
      TimerEntry e = walk.next();
      Tenant space = tenants.get(e.tenant());
      Snapshot s = space == null ? null : space.current(e.id());
      if (s == null || !Lifecycle.aiTurn(s.header).contains(e.at())) {
        continue;  // an entry a concurrent commit is moving
      }
      Claim held = claims.get(new Scheduled.Key(e.tenant(), e.id()));
      if (held != null && held.holds(e.at(), query.now())) {
        continue;
      }
      found.add(new Turn(e.tenant(), s.header, e.at()));
    }
    return List.ofAll(found);
  }

  @Override
  public boolean claim(Claim claim, java.time.Instant now) {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(now, "now");
    boolean[] stored = {false};
    claims.compute(new Scheduled.Key(claim.tenant(), claim.conversation()), (key, held) -> {
      if (held != null && held.blocks(claim, now)) {
        return held;
      }
      stored[0] = true;
      return claim;
    });
    return stored[0];
  }

  @Override
  public Option<Claim> claimOf(TenantId tenant, ConversationId id) {
    return Option.of(claims.get(new Scheduled.Key(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(id, "id"))));
  }

  @Override
  public boolean release(Claim claim) {
    Objects.requireNonNull(claim, "claim");
    boolean[] removed = {false};
    claims.computeIfPresent(new Scheduled.Key(claim.tenant(), claim.conversation()), (key, held) -> {
      if (held.token().equals(claim.token())) {
        removed[0] = true;
        return null;
      }
      return held;
    });
    return removed[0];
  }

  @Override
  public Option<Message> findByIdempotencyKey(TenantId tenant, ConversationId id, String idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return snapshot(tenant, id).flatMap(s -> s.byKey.get(idempotencyKey));
  }

  @Override
  public Option<Message> findMessage(TenantId tenant, ConversationId id, MessageId messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return snapshot(tenant, id).flatMap(s -> s.messageIds.contains(messageId)
        ? s.messages.findLast(m -> m.id().equals(messageId)) : Option.none());
  }

  @Override
  public Option<Message> findByProviderMessageId(TenantId tenant, String providerMessageId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    Tenant space = tenants.get(tenant);
    MessageKey key = space == null ? null : space.providerIds.get(providerMessageId);
    return key == null ? Option.none()
        : snapshot(tenant, key.conversation()).flatMap(s -> s.messages.findLast(m -> m.id().equals(key.message())));
  }

  @Override
  public Page<Message> messages(TenantId tenant, ConversationId id, MessageQuery query) {
    Objects.requireNonNull(query, "query");
    return snapshot(tenant, id)
        .map(s -> {
          Vector<Message> all = s.messages;
          long from = Math.min(query.after(), all.size());
          long to = Math.min(from + query.limit() + 1L, all.size());
          return Page.of(query, all.slice((int) from, (int) to));
        })
        .getOrElse(Page::empty);
  }

  @Override
  public Page<Conversation> list(TenantId tenant, ConversationQuery query) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(query, "query");
    Tenant space = tenants.get(tenant);
    if (space == null) {
      return Page.empty();
    }
    int skip = query.paging() instanceof ConversationQuery.Paging.Offset offset ? offset.value() : 0;
    Option<Order.Position> after = query.paging() instanceof ConversationQuery.Paging.After a
        ? Option.some(a.position()) : Option.none();
    int wanted = query.limit() + 1;
    java.util.List<Conversation> page = new ArrayList<>(wanted);
    // The most selective index term is walked in the query's order from the cursor on: a page
    // costs what it visits, never a copy of every matching id.
    Term term = space.term(query.filter());
    // A walk merging several values is checked against moves between values made while it ran
    // (see Index.move), walked again if any, and after three tries walks the tenant's list instead.
    for (int attempt = 1; ; attempt++) {
      boolean merged = term != null && term.merges() && attempt <= 3;
      long moves = space.valueMoves.get();
      page.clear();
      walk(space, query, term != null && (merged || !term.merges()) ? term : null, after, skip, wanted, page);
      if (!merged || space.valueMoves.get() == moves) {
        break;
      }
    }
    return Page.of(query, List.ofAll(page));
  }

  /** Walks a term (or the tenant's list, if none) from the cursor, filling the page. */
  private void walk(Tenant space, ConversationQuery query, @Nullable Term term, Option<Order.Position> after, int skip,
      int wanted, java.util.List<Conversation> page) {
    Iterator<Order.Position> walk = term != null ? term.walk(query.order(), after)
        : after.isDefined() ? space.ordered(query.order()).tailSet(after.get(), false).iterator()
        : space.ordered(query.order()).iterator();
    Option<java.time.Instant> since = query.order() == Order.LAST_ACTIVITY ? query.filter().updatedSince() : Option.none();
    int skipped = 0;
    long visited = 0;
    while (walk.hasNext() && page.size() < wanted) {
      Order.Position position = walk.next();
      visited++;
      if (since.exists(position.at()::isBefore)) {
        break;
      }
      Snapshot s = space.current(position.id());
      if (s == null || !query.order().position(s.header).equals(position) || !query.filter().test(s.header)) {
        continue;
      }
      if (skipped < skip) {
        skipped++;
      } else {
        page.add(s.header);
      }
    }
    visits.add(visited);
  }

  @Override
  public long count(TenantId tenant, ConversationFilter filter) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(filter, "filter");
    Tenant space = tenants.get(tenant);
    if (space == null) {
      return 0;
    }
    if (filter.isAll()) {
      return space.size.get();
    }
    Term term = space.term(filter);
    Iterable<ConversationId> ids = term != null ? term.ids() : space.slots.keySet();
    long n = 0;
    for (ConversationId id : ids) {
      Snapshot s = space.current(id);
      if (s != null && filter.test(s.header)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public Seq<StoredEvent> events(TenantId tenant, long afterPosition, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    if (afterPosition < 0) {
      throw new IllegalArgumentException("afterPosition must not be negative: " + afterPosition);
    }
    if (limit < 1 || limit > MAX_EVENT_BATCH) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_EVENT_BATCH + ": " + limit);
    }
    Tenant space = tenants.get(tenant);
    if (space == null) {
      return List.empty();
    }
    // Positions are 1, 2, 3, ... in this store, with gaps where events were pruned or deleted:
    // the first event after the position is found by binary search.
    Vector<StoredEvent> kept = space.outbox.events();
    int low = 0;
    int high = kept.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (kept.get(mid).position() <= afterPosition) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return kept.slice(low, (int) Math.min((long) low + limit, kept.size()));
  }

  @Override
  public Seq<TenantId> tenants(Option<TenantId> after, int limit) {
    ConversationStore.checkTenants(after, limit);
    return List.ofAll(tenants.entrySet()).filter(e -> e.getValue().outbox.events().nonEmpty()).map(Map.Entry::getKey)
        .filter(t -> after.forAll(a -> Order.compareIds(t.value(), a.value()) > 0))
        .sorted((a, b) -> Order.compareIds(a.value(), b.value()))
        .take(limit);
  }

  @Override
  public long pruneEvents(TenantId tenant, long upToPosition, java.time.Instant before, int limit) {
    ConversationStore.checkPrune(tenant, upToPosition, before, limit);
    Tenant space = tenants.get(tenant);
    return space == null ? 0 : space.prune(upToPosition, before, limit);
  }

  @Override
  public Seq<ConversationId> ofContact(TenantId tenant, ContactId contact, Option<ConversationId> after, int limit) {
    ConversationStore.checkOfContact(tenant, contact, after, limit);
    Tenant space = tenants.get(tenant);
    if (space == null) {
      return List.empty();
    }
    return List.ofAll(space.byContact.get(contact))
        .filter(id -> after.forAll(a -> Order.compareIds(id.value(), a.value()) > 0))
        .filter(id -> {
          Snapshot s = space.current(id);
          return s != null && s.header.contactId().contains(contact);  // the index may lag a commit
        })
        .sorted((a, b) -> Order.compareIds(a.value(), b.value()))
        .take(limit);
  }

  @Override
  public Option<Redaction> erase(TenantId tenant, ConversationId id, java.time.Instant at) {
    Objects.requireNonNull(at, "at");
    Tenant space = tenants.get(Objects.requireNonNull(tenant, "tenant"));
    Slot slot = space == null ? null : space.slots.get(Objects.requireNonNull(id, "id"));
    if (slot == null) {
      return Option.none();
    }
    Redaction result;
    synchronized (slot) {
      Snapshot current = slot.snapshot;
      if (current == null) {
        return Option.none();
      }
      long[] messages = {0};
      Vector<Message> redacted = current.messages.map(m -> {
        Message r = Erasure.message(m);
        if (!r.equals(m)) {
          messages[0]++;
        }
        return r;
      });
      long events = space.redact(id, Erasure::event);
      if (messages[0] == 0 && events == 0 && Erasure.isErased(current.header)) {
        return Option.some(new Redaction(current.header, 0, 0, Option.none()));
      }
      Decision decision = Erasure.decide(current.header, at);
      Conversation next = decision.conversation();
      HashMap<String, Message> keys = HashMap.empty();
      for (Message m : redacted) {
        if (m.idempotencyKey().isDefined()) {
          keys = keys.put(m.idempotencyKey().get(), m);
        }
      }
      Snapshot updated = new Snapshot(next, redacted, keys, current.messageIds, current.dueAt);
      Seq<StoredEvent> stored = space.append(decision.events());
      slot.snapshot = updated;
      space.index(current.header, next);
      moveTimer(tenant, space, id, current, updated);
      result = new Redaction(next, messages[0], events, stored.headOption());
    }
    // Outside the slot's monitor: an open of the same id holds a route's bin and then takes the
    // monitor. Every route that still names the conversation lets go of it (its contact may have
    // changed since it was opened); latest() reads the snapshot, so the moment between is harmless.
    space.routes.values().removeIf(id::equals);
    return Option.some(result);
  }

  @Override
  public long purgeClosed(Option<TenantId> tenant, io.vavr.collection.Set<TenantId> except, java.time.Instant closedBefore,
      int limit) {
    ConversationStore.checkPurge(tenant, except, closedBefore, limit);
    java.util.List<TimerEntry> candidates = new ArrayList<>();
    for (Map.Entry<TenantId, Tenant> e : tenants.entrySet()) {
      if (tenant.exists(t -> !t.equals(e.getKey())) || except.contains(e.getKey())) {
        continue;
      }
      for (ConversationId id : e.getValue().byStatus.get(Status.CLOSED)) {
        Snapshot s = e.getValue().current(id);
        if (s != null && s.header.status() == Status.CLOSED && s.header.updatedAt().isBefore(closedBefore)) {
          candidates.add(new TimerEntry(s.header.updatedAt(), e.getKey(), id));
        }
      }
    }
    // Oldest first; walks every closed conversation of the tenants (no index by age here).
    java.util.Collections.sort(candidates);
    long deleted = 0;
    for (TimerEntry c : candidates) {
      if (deleted == limit) {
        break;
      }
      if (delete(c.tenant(), c.id(), closedBefore)) {
        deleted++;
      }
    }
    return deleted;
  }

  /** Deletes a closed conversation last changed before the instant, with everything stored for it. */
  private boolean delete(TenantId tenant, ConversationId id, java.time.Instant closedBefore) {
    Tenant space = tenants.get(tenant);
    Slot slot = space.slots.get(id);
    if (slot == null) {
      return false;
    }
    synchronized (slot) {
      Snapshot current = slot.snapshot;
      if (current == null || current.header.status() != Status.CLOSED || !current.header.updatedAt().isBefore(closedBefore)) {
        return false;
      }
      // A commit that still holds the slot finds no snapshot: a stale version.
      slot.snapshot = null;
      space.slots.remove(id, slot);
      space.size.decrementAndGet();
      space.unindex(current.header);
      moveTimer(tenant, space, id, current, current.withDueAt(null));
      claims.remove(new Scheduled.Key(tenant, id));
      for (Message m : current.messages) {
        m.delivery().flatMap(Delivery::providerMessageId).forEach(p -> space.providerIds.remove(p, new MessageKey(id, m.id())));
      }
      space.deleteEvents(id);
    }
    space.routes.values().removeIf(id::equals);  // outside the monitor, as in erase
    return true;
  }

  private Option<Snapshot> snapshot(TenantId tenant, ConversationId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Tenant space = tenants.get(tenant);
    return Option.of(space == null ? null : space.current(id));
  }

  /** A message's address within a tenant. */
  private record MessageKey(ConversationId conversation, MessageId message) {}

  /** One conversation: its current snapshot, replaced whole under the slot's monitor. */
  private static final class Slot {
    volatile @Nullable Snapshot snapshot;
  }

  /** Everything stored for one conversation at one version. */
  private record Snapshot(Conversation header, Vector<Message> messages, HashMap<String, Message> byKey,
      HashSet<MessageId> messageIds, java.time.@Nullable Instant dueAt) {

    /**
     * Returns the snapshot after a commit of {@code header} and {@code appended} onto {@code base}
     * (none: new), whose timer falls due at {@code dueAt} (none: never).
     */
    static Snapshot next(@Nullable Snapshot base, Conversation header, Seq<Message> appended, Seq<Message> changed,
        java.time.@Nullable Instant dueAt) {
      Vector<Message> messages = base == null ? Vector.empty() : base.messages;
      HashMap<String, Message> keys = base == null ? HashMap.empty() : base.byKey;
      HashSet<MessageId> ids = base == null ? HashSet.empty() : base.messageIds;
      for (Message m : changed) {
        // Receipts name recent messages: look from the end.
        int at = messages.lastIndexWhere(old -> old.id().equals(m.id()));
        messages = messages.update(at, m);
        if (m.idempotencyKey().isDefined()) {
          keys = keys.put(m.idempotencyKey().get(), m);
        }
      }
      for (Message m : appended) {
        ids = ids.add(m.id());
        if (m.idempotencyKey().isDefined()) {
          keys = keys.put(m.idempotencyKey().get(), m);
        }
      }
      return new Snapshot(header, messages.appendAll(appended), keys, ids, dueAt);
    }

    /** Returns this snapshot with another due instant. */
    Snapshot withDueAt(java.time.@Nullable Instant value) {
      return new Snapshot(header, messages, byKey, messageIds, value);
    }
  }

  /**
   * A tenant's outbox: the events kept, in position order, and the last position given out (events
   * pruned from the front or deleted with their conversation leave gaps).
   */
  private record Outbox(long last, Vector<StoredEvent> events) {}

  /** One tenant's conversations, indexes and outbox. */
  private static final class Tenant {
    final ConcurrentMap<ConversationId, Slot> slots = new ConcurrentHashMap<>();
    final Timers timers = new Timers();
    final Timers turns = new Timers();
    /** The message each provider message id was first bound to. */
    final ConcurrentMap<String, MessageKey> providerIds = new ConcurrentHashMap<>();
    /** Each route's latest conversation: the open one, or the one last opened there. */
    final ConcurrentMap<String, ConversationId> routes = new ConcurrentHashMap<>();
    final AtomicInteger size = new AtomicInteger();
    /** Bumped before a conversation leaves an index value: a walk over several values that saw it change walks again. */
    final java.util.concurrent.atomic.AtomicLong valueMoves = new java.util.concurrent.atomic.AtomicLong();
    final Index<Status> byStatus = new Index<>(valueMoves);
    final Index<ChannelType> byChannel = new Index<>(valueMoves);
    final Index<ContactId> byContact = new Index<>(valueMoves);
    final Index<Tag> byTag = new Index<>(valueMoves);
    final Index<HumanAgentId> byAgent = new Index<>(valueMoves);
    final Index<TeamId> byTeam = new Index<>(valueMoves);
    final Index<Boolean> unread = new Index<>(valueMoves);
    final Index<Boolean> starred = new Index<>(valueMoves);
    final ConcurrentSkipListSet<Order.Position> byActivity = new ConcurrentSkipListSet<>();
    final ConcurrentSkipListSet<Order.Position> byCreation = new ConcurrentSkipListSet<>();
    private final Object outboxLock = new Object();
    volatile Outbox outbox = new Outbox(0, Vector.empty());

    /** Appends events to the outbox, giving them the next positions, all under one lock. */
    Seq<StoredEvent> append(Seq<DomainEvent> events) {
      synchronized (outboxLock) {
        Outbox current = outbox;
        Vector<StoredEvent> stored = Vector.empty();
        long position = current.last();
        for (DomainEvent e : events) {
          stored = stored.append(new StoredEvent(++position, e));
        }
        outbox = new Outbox(position, current.events().appendAll(stored));
        return stored;
      }
    }

    /** Drops the outbox's oldest events, up to the first one past the position, not before the instant, or the limit. */
    long prune(long upToPosition, java.time.Instant before, int limit) {
      synchronized (outboxLock) {
        Outbox current = outbox;
        int n = 0;
        for (StoredEvent e : current.events()) {
          if (n == limit || e.position() > upToPosition || !e.event().at().isBefore(before)) {
            break;
          }
          n++;
        }
        outbox = new Outbox(current.last(), current.events().drop(n));
        return n;
      }
    }

    /**
     * Rewrites the conversation's events with {@code redact}, in place (same positions); returns
     * how many changed. Walks the tenant's whole outbox: the in-memory store keeps no index of a
     * conversation's events.
     */
    long redact(ConversationId id, java.util.function.UnaryOperator<DomainEvent> redact) {
      synchronized (outboxLock) {
        Outbox current = outbox;
        long[] changed = {0};
        Vector<StoredEvent> events = current.events().map(e -> {
          if (!e.event().conversationId().equals(id)) {
            return e;
          }
          DomainEvent r = redact.apply(e.event());
          if (r.equals(e.event())) {
            return e;
          }
          changed[0]++;
          return new StoredEvent(e.position(), r);
        });
        if (changed[0] > 0) {
          outbox = new Outbox(current.last(), events);
        }
        return changed[0];
      }
    }

    /** Deletes the conversation's events; the positions they held stay unused. */
    void deleteEvents(ConversationId id) {
      synchronized (outboxLock) {
        Outbox current = outbox;
        outbox = new Outbox(current.last(), current.events().filter(e -> !e.event().conversationId().equals(id)));
      }
    }

    /** Returns the conversation's current snapshot, or null if it is not there. */
    @Nullable Snapshot current(ConversationId id) {
      Slot slot = slots.get(id);
      return slot == null ? null : slot.snapshot;
    }

    ConcurrentSkipListSet<Order.Position> ordered(Order order) {
      return order == Order.LAST_ACTIVITY ? byActivity : byCreation;
    }

    /** Moves a conversation's index entries from its old header to its new one; adds before it removes. */
    void index(@Nullable Conversation before, Conversation after) {
      byStatus.move(before, after, c -> List.of(c.status()));
      byChannel.move(before, after, c -> List.of(c.channel().type()));
      byContact.move(before, after, c -> c.contactId().toList());
      byTag.move(before, after, c -> c.tags().toList());
      byAgent.move(before, after, Tenant::agent);
      byTeam.move(before, after, Tenant::team);
      unread.move(before, after, Tenant::unread);
      starred.move(before, after, Tenant::starred);
      byActivity.add(Order.LAST_ACTIVITY.position(after));
      byCreation.add(Order.CREATED.position(after));
      if (before != null) {
        Order.Position old = Order.LAST_ACTIVITY.position(before);
        if (!old.equals(Order.LAST_ACTIVITY.position(after))) {
          byActivity.remove(old);
        }
      }
    }

    /** Removes a deleted conversation's index entries. */
    void unindex(Conversation before) {
      byStatus.remove(before, c -> List.of(c.status()));
      byChannel.remove(before, c -> List.of(c.channel().type()));
      byContact.remove(before, c -> c.contactId().toList());
      byTag.remove(before, c -> c.tags().toList());
      byAgent.remove(before, Tenant::agent);
      byTeam.remove(before, Tenant::team);
      unread.remove(before, Tenant::unread);
      starred.remove(before, Tenant::starred);
      byActivity.remove(Order.LAST_ACTIVITY.position(before));
      byCreation.remove(Order.CREATED.position(before));
    }

    private static List<HumanAgentId> agent(Conversation c) {
      return c.assignee().flatMap(a -> a.agent()).map(HumanAgent::id).toList();
    }

    private static List<TeamId> team(Conversation c) {
      return c.assignee().flatMap(a -> a.team()).toList();
    }

    /** The unread index holds only TRUE: the conversations whose agents' side is unread. */
    private static List<Boolean> unread(Conversation c) {
      return c.unread(ReadSide.AGENTS) ? List.of(Boolean.TRUE) : List.empty();
    }

    /** The starred index holds only TRUE: the starred conversations. */
    private static List<Boolean> starred(Conversation c) {
      return c.starred() ? List.of(Boolean.TRUE) : List.empty();
    }

    /**
     * Returns the most selective index term that every conversation matching the filter is
     * under (the values of one index, any of which a match has), or null if no index narrows the
     * filter (then a listing walks the tenant's ordered skip list).
     */
    @Nullable Term term(ConversationFilter filter) {
      java.util.List<Term> options = new ArrayList<>();
      if (filter.statuses().nonEmpty()) {
        options.add(new Term(byStatus, filter.statuses().toJavaList()));
      }
      if (filter.channels().nonEmpty()) {
        options.add(new Term(byChannel, filter.channels().toJavaList()));
      }
      filter.contactId().forEach(c -> options.add(new Term(byContact, java.util.List.of(c))));
      if (filter.anyTags().nonEmpty()) {
        options.add(new Term(byTag, filter.anyTags().toJavaList()));
      }
      filter.allTags().forEach(t -> options.add(new Term(byTag, java.util.List.of(t))));
      filter.agent().forEach(a -> options.add(new Term(byAgent, java.util.List.of(a))));
      filter.team().forEach(t -> options.add(new Term(byTeam, java.util.List.of(t))));
      if (filter.unread().contains(true)) {
        options.add(new Term(unread, java.util.List.of(Boolean.TRUE)));
      }
      if (filter.starred().contains(true)) {
        options.add(new Term(starred, java.util.List.of(Boolean.TRUE)));
      }
      return options.stream().min(Comparator.comparingLong(Term::size)).orElse(null);
    }
  }

  /** Some values of one index: the conversations under any of them. */
  private static final class Term {
    private final Index<Object> index;
    private final java.util.List<Object> values;

    @SuppressWarnings("unchecked")
    <V> Term(Index<V> index, java.util.List<V> values) {
      this.index = (Index<Object>) index;
      this.values = (java.util.List<Object>) values;
    }

    /** Whether the term walks several values merged. */
    boolean merges() {
      return values.size() > 1;
    }

    /** How many conversations are under the values (an upper bound: one may be under several). */
    long size() {
      long n = 0;
      for (Object v : values) {
        n += index.size(v);
      }
      return n;
    }

    /** The ids under the values, for counting (each once). */
    Iterable<ConversationId> ids() {
      if (values.size() == 1) {
        return index.get(values.get(0));
      }
      Set<ConversationId> union = new java.util.HashSet<>();
      values.forEach(v -> union.addAll(index.get(v)));
      return union;
    }

    /**
     * Walks the positions under the values in the order's sequence, after the cursor if any: one
     * ordered set per value, merged; a conversation under several values comes once.
     */
    Iterator<Order.Position> walk(Order order, Option<Order.Position> after) {
      java.util.List<Iterator<Order.Position>> walks = new ArrayList<>(values.size());
      for (Object v : values) {
        ConcurrentSkipListSet<Order.Position> ordered = index.ordered(v, order);
        walks.add(after.isDefined() ? ordered.tailSet(after.get(), false).iterator() : ordered.iterator());
      }
      return walks.size() == 1 ? walks.get(0) : new Merged(walks);
    }
  }

  /** Several ascending iterators merged into one ascending iterator without repeats. */
  private static final class Merged implements Iterator<Order.Position> {
    private final java.util.PriorityQueue<Map.Entry<Order.Position, Iterator<Order.Position>>> heads =
        new java.util.PriorityQueue<>(Map.Entry.comparingByKey());
    private Order.@Nullable Position last;

    Merged(java.util.List<Iterator<Order.Position>> walks) {
      walks.forEach(this::advance);
    }

    private void advance(Iterator<Order.Position> walk) {
      if (walk.hasNext()) {
        heads.add(new java.util.AbstractMap.SimpleImmutableEntry<>(walk.next(), walk));
      }
    }

    @Override
    public boolean hasNext() {
      while (!heads.isEmpty() && heads.peek().getKey().equals(last)) {
        advance(heads.poll().getValue());
      }
      return !heads.isEmpty();
    }

    @Override
    public Order.Position next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Map.Entry<Order.Position, Iterator<Order.Position>> head = heads.poll();
      last = head.getKey();
      advance(head.getValue());
      return last;
    }
  }

  /**
   * A concurrent multimap from an indexed value to the conversations that have it: their ids (for
   * counts and sizes) and their positions in each listing order (for pages).
   */
  private static final class Index<V> {
    private final java.util.concurrent.atomic.AtomicLong valueMoves;
    private final ConcurrentMap<V, Set<ConversationId>> ids = new ConcurrentHashMap<>();
    private final ConcurrentMap<V, ConcurrentSkipListSet<Order.Position>> byActivity = new ConcurrentHashMap<>();
    private final ConcurrentMap<V, ConcurrentSkipListSet<Order.Position>> byCreation = new ConcurrentHashMap<>();

    Index(java.util.concurrent.atomic.AtomicLong valueMoves) {
      this.valueMoves = valueMoves;
    }

    Set<ConversationId> get(V value) {
      Set<ConversationId> set = ids.get(value);
      return set == null ? Collections.emptySet() : set;
    }

    int size(V value) {
      return get(value).size();
    }

    ConcurrentSkipListSet<Order.Position> ordered(V value, Order order) {
      ConcurrentSkipListSet<Order.Position> set = (order == Order.LAST_ACTIVITY ? byActivity : byCreation).get(value);
      return set == null ? EMPTY : set;
    }

    /** Removes a deleted conversation's entries. */
    void remove(Conversation before, java.util.function.Function<Conversation, Seq<V>> values) {
      for (V v : values.apply(before)) {
        valueMoves.incrementAndGet();
        get(v).remove(before.id());
        ordered(v, Order.LAST_ACTIVITY).remove(Order.LAST_ACTIVITY.position(before));
        ordered(v, Order.CREATED).remove(Order.CREATED.position(before));
      }
    }

    /**
     * Moves a conversation's entries from the values of its old header to those of its new one;
     * adds before it removes, so a concurrent reader of one value may see an entry twice (and
     * skips the stale one), never none. A reader merging several values can still pass a
     * conversation that moves from a value it has not reached to one it has passed: the move
     * bumps the tenant's {@code valueMoves} first, and such a reader walks again.
     */
    void move(@Nullable Conversation before, Conversation after, java.util.function.Function<Conversation, Seq<V>> values) {
      ConversationId id = after.id();
      Seq<V> old = before == null ? List.empty() : values.apply(before);
      Seq<V> now = values.apply(after);
      Order.Position activity = Order.LAST_ACTIVITY.position(after);
      Order.Position creation = Order.CREATED.position(after);
      for (V v : now) {
        ids.computeIfAbsent(v, k -> ConcurrentHashMap.newKeySet()).add(id);
        byActivity.computeIfAbsent(v, k -> new ConcurrentSkipListSet<>()).add(activity);
        byCreation.computeIfAbsent(v, k -> new ConcurrentSkipListSet<>()).add(creation);
      }
      if (before == null) {
        return;
      }
      Order.Position oldActivity = Order.LAST_ACTIVITY.position(before);
      for (V v : old) {
        if (!now.contains(v)) {
          valueMoves.incrementAndGet();
          get(v).remove(id);
          ordered(v, Order.LAST_ACTIVITY).remove(oldActivity);
          ordered(v, Order.CREATED).remove(Order.CREATED.position(before));
        } else if (!oldActivity.equals(activity)) {
          ordered(v, Order.LAST_ACTIVITY).remove(oldActivity);
        }
      }
    }
  }

  private static final ConcurrentSkipListSet<Order.Position> EMPTY = new ConcurrentSkipListSet<>();

  /** Positions visited by listings since the store was made: for tests that a page costs what it visits. */
  long visits() {
    return visits.sum();
  }

  private final java.util.concurrent.atomic.LongAdder visits = new java.util.concurrent.atomic.LongAdder();
}
