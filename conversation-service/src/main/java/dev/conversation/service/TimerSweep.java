package dev.conversation.service;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Due;
import dev.conversation.persistence.DueQuery;
import dev.conversation.persistence.StoreFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The timer sweep: asks the store for the conversations whose timer is due ({@link
 * ConversationStore#due}, answered from an index of each conversation's due instant under its own
 * policy, so a sweep costs what is due) and commits what {@link Lifecycle#due} says, each through
 * the {@link CommitLoop}: a timer decided on a conversation that changed meanwhile, or that another
 * node fired first, is decided again and found no longer due. A conversation the store found due
 * that is not due under the policy it runs under now (the host changed its policies) is re-indexed
 * under it, so it is not found again. Thread-safe.
 */
final class TimerSweep {

  private final Telemetry telemetry;

  /** How many failures a sweep keeps the problems of (it counts them all). */
  static final int KEPT_PROBLEMS = 10;

  private final ConversationStore store;
  private final CommitLoop commits;
  private final TimerPolicies timers;
  private final Supplier<Instant> clock;

  TimerSweep(ConversationStore store, CommitLoop commits, TimerPolicies timers, Supplier<Instant> clock, Telemetry telemetry) {
    this.telemetry = telemetry;
    this.store = store;
    this.commits = commits;
    this.timers = timers;
    this.clock = clock;
  }

  /** Fires the tenant's due timers; stops at the first problem. */
  Either<Problem, Seq<Outcome>> tick(TenantId tenant) {
    DueQuery query = DueQuery.at(clock.get()).inTenant(tenant);
    List<Outcome> changed = List.empty();
    while (true) {
      Seq<Due> batch;
      try {
        batch = store.due(query);
      } catch (StoreFailure e) {
        return Either.left(new Problem.Unavailable("finding due timers", e));
      }
      for (Due due : batch) {
        Either<Problem, Outcome> outcome = fire(due);
        if (outcome.isLeft()) {
          return Either.left(outcome.getLeft());
        }
        if (outcome.get().changed()) {
          changed = changed.append(outcome.get());
        }
      }
      if (batch.size() < query.limit()) {
        return Either.right(changed);
      }
      query = query.after(batch.last().position());
    }
  }

  /**
   * Fires every tenant's due timers, in batches (each in a random order), past any conversation
   * whose timer is refused or contended; stops early, as unavailable, when the store fails (to
   * say what is due, or to load or commit a conversation).
   */
  TimerRunner.Sweep sweep() {
    DueQuery query = DueQuery.at(clock.get());
    long fired = 0;
    long skipped = 0;
    long failed = 0;
    List<String> problems = List.empty();
    while (true) {
      Seq<Due> batch;
      try {
        batch = store.due(query);
      } catch (StoreFailure e) {
        return new TimerRunner.Sweep(fired, skipped, failed, problems.append("finding due timers: " + e.getMessage()), true);
      }
      // In a random order: runners on other nodes fetch the same batch, and if all walked it in
      // due order they would contend for every conversation in turn.
      for (Due due : batch.shuffle()) {
        Either<Problem, Outcome> outcome;
        String failure;
        try {
          outcome = fire(due);
          failure = outcome.isLeft() ? outcome.getLeft().message() : null;
        } catch (RuntimeException e) {
          // Not the store (its failures come back as Unavailable): a bug, counted against this one.
          outcome = null;
          failure = String.valueOf(e);
        }
        if (failure != null) {
          failed++;
          if (problems.size() < KEPT_PROBLEMS) {
            problems = problems.append(due.tenant() + "/" + due.conversation().id() + ": " + failure);
          }
          if (outcome != null && outcome.getLeft() instanceof Problem.Unavailable) {
            // The store is failing, not this conversation: stop and let the runner back off.
            return new TimerRunner.Sweep(fired, skipped, failed, problems, true);
          }
        } else if (outcome.get().changed()) {
          fired++;
        } else {
          skipped++;
        }
      }
      if (batch.size() < query.limit()) {
        return new TimerRunner.Sweep(fired, skipped, failed, problems, false);
      }
      query = query.after(batch.last().position());
    }
  }

  /**
   * Re-indexes every conversation's timer whose stored due instant its policy no longer agrees
   * with (the host changed its policies): walks every conversation that runs a timer, in batches.
   *
   * @return how many were re-indexed
   * @throws StoreFailure if the store fails; what was re-indexed stays so, and walking again is safe
   */
  long retime() {
    return retime(() -> false).getAsLong();
  }

  /**
   * Re-indexes as {@link #retime()} does, checking {@code stop} between batches.
   *
   * @return how many were re-indexed, or nothing if it stopped before the end
   */
  java.util.OptionalLong retime(java.util.function.BooleanSupplier stop) {
    long retimed = 0;
    io.vavr.control.Option<dev.conversation.persistence.Scheduled.Key> after = io.vavr.control.Option.none();
    while (true) {
      if (stop.getAsBoolean()) {
        return java.util.OptionalLong.empty();
      }
      Seq<dev.conversation.persistence.Scheduled> batch = store.scheduled(after, ConversationStore.MAX_SCHEDULED_BATCH);
      for (dev.conversation.persistence.Scheduled s : batch) {
        dev.conversation.domain.TimerPolicy policy = timers.policyFor(s.conversation());
        if (!Lifecycle.dueAt(s.conversation(), policy).equals(s.dueAt()) && store.reschedule(s.tenant(), s.conversation(), policy)) {
          retimed++;
        }
      }
      if (batch.size() < ConversationStore.MAX_SCHEDULED_BATCH) {
        return java.util.OptionalLong.of(retimed);
      }
      after = io.vavr.control.Option.some(batch.last().key());
    }
  }

  /**
   * Decides the conversation's due timer again, on the conversation as it is and under its own
   * policy, and commits it (nothing if it is not due under that policy).
   */
  private Either<Problem, Outcome> fire(Due due) {
    Conversation c = due.conversation();
    // Indexed under the policy of its last write: a conversation not due under the policy it runs
    // under now, as the query read it, is re-indexed under it without being loaded again, so the
    // next sweeps do not find it. (If a commit since moved it, the re-index changes nothing, and
    // the commit indexed it under this policy.)
    dev.conversation.domain.TimerPolicy policy = timers.policyFor(c);
    if (Lifecycle.due(c, policy, clock.get()).isEmpty()) {
      try {
        store.reschedule(due.tenant(), c, policy);
      } catch (StoreFailure e) {
        return Either.left(new Problem.Unavailable("re-indexing the timer of " + c.id(), e));
      }
      return Either.right(new Outcome(c, io.vavr.collection.List.empty(), io.vavr.collection.List.empty(), false));
    }
    dev.conversation.domain.TimerKind[] kind = new dev.conversation.domain.TimerKind[1];
    Either<Problem, Outcome> fired = commits.change(due.tenant(), c.id(), current -> {
      kind[0] = Lifecycle.timer(current).map(t -> t._1).getOrNull();
      return Either.right(Lifecycle.due(current, timers.policyFor(current), clock.get()).toList());
    });
    if (kind[0] != null && fired.isRight() && fired.get().changed()) {
      try {
        telemetry.timerFired(kind[0]);
      } catch (RuntimeException ignored) {
        // Telemetry never fails a timer.
      }
    }
    return fired;
  }
}
