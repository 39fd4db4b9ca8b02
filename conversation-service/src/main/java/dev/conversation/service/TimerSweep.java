package dev.conversation.service;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Order;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoreFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The timer sweep: walks a tenant's conversations that a timer can move and commits what
 * {@link Lifecycle#due} says is due, each through the {@link CommitLoop} (so a timer decided on a
 * conversation that changed meanwhile is decided again, or found no longer due). Thread-safe.
 */
final class TimerSweep {

  private final ConversationStore store;
  private final CommitLoop commits;
  private final TimerPolicy timers;
  private final Supplier<Instant> clock;

  TimerSweep(ConversationStore store, CommitLoop commits, TimerPolicy timers, Supplier<Instant> clock) {
    this.store = store;
    this.commits = commits;
    this.timers = timers;
    this.clock = clock;
  }

  Either<Problem, Seq<Outcome>> tick(TenantId tenant) {
    // Creation order: a timer's change moves a conversation in last-activity order, not in this one.
    ConversationQuery query = ConversationQuery.first(ConversationFilter.all()
            .withStatuses(Status.SNOOZED, Status.WAITING, Status.RESOLVED))
        .withOrder(Order.CREATED)
        .withLimit(ConversationQuery.MAX_LIMIT);
    List<Outcome> changed = List.empty();
    Page<Conversation> page;
    ConversationQuery next = query;
    do {
      try {
        page = store.list(tenant, next);
      } catch (StoreFailure e) {
        return Either.left(new Problem.Unavailable("listing timers", e));
      }
      for (Conversation c : page.items()) {
        if (Lifecycle.due(c, timers, clock.get()).isEmpty()) {
          continue;
        }
        Either<Problem, Outcome> outcome =
            commits.change(tenant, c.id(), current -> Either.right(Lifecycle.due(current, timers, clock.get()).toList()));
        if (outcome.isLeft()) {
          return Either.left(outcome.getLeft());
        }
        if (outcome.get().changed()) {
          changed = changed.append(outcome.get());
        }
      }
      if (page.next().isDefined()) {
        next = query.after(page.next().get()).get();
      }
    } while (page.next().isDefined());
    return Either.right(changed);
  }
}
