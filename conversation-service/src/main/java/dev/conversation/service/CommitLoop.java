package dev.conversation.service;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Trigger;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoreFailure;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * The commit loop every change of an existing conversation goes through: load, plan the
 * commands, decide them as one change, commit on the version they were decided on.
 *
 * <p>Writers in this process that change the same conversation take turns on a lock (one of a
 * fixed set of stripes, chosen by tenant and id), so they never beat each other to a commit and
 * none is refused: a writer that finds the lock taken waits. The optimistic retry is left to
 * writers in other processes. The lock is not fair: a fair one handed a hot conversation back and
 * forth between two threads on every command and cost five sixths of their throughput
 * (ServiceBenchmark), while an unfair one lets the releasing thread go on. When one of those
 * committed first, the loop backs off (full jitter, exponential) and starts again, a bounded
 * number of times, then answers {@link Problem.Contended}. Thread-safe.
 */
final class CommitLoop {

  /** How many lock stripes: enough that unrelated hot conversations rarely share one. */
  static final int STRIPES = 1024;

  private final ConversationStore store;
  private final TimerPolicies timers;
  private final Supplier<Instant> clock;
  private final int attempts;
  private final LongUnaryOperator backOff;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final Telemetry telemetry;

  /**
   * @param backOff parks the thread after the given failed attempt and returns the microseconds it
   *     parked; {@link #backOff(long)} in production, a recorder in tests
   */
  CommitLoop(ConversationStore store, TimerPolicies timers, Supplier<Instant> clock, int attempts, LongUnaryOperator backOff,
      Telemetry telemetry) {
    this.store = store;
    this.telemetry = telemetry;
    this.timers = timers;
    this.clock = clock;
    this.attempts = attempts;
    this.backOff = backOff;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** Writes a decision once, its timer indexed under the conversation's own policy. */
  Either<Conflict, Committed> write(TenantId tenant, long expectedVersion, Decision decision) {
    long start = System.nanoTime();
    Either<Conflict, Committed> written = store.commit(tenant, expectedVersion, decision, timers.policyFor(decision.conversation()));
    if (expectedVersion == 0) {
      created(written, start);
    }
    return written;
  }

  /** Opens a routed conversation once, its timer indexed under its own policy. */
  Either<Conflict, Committed> open(TenantId tenant, dev.conversation.persistence.Route route, Decision decision) {
    long start = System.nanoTime();
    Either<Conflict, Committed> opened = store.open(tenant, route, decision, timers.policyFor(decision.conversation()));
    created(opened, start);
    return opened;
  }

  /** Reports a stored create (a refused one is routed or tried again by its caller). */
  private void created(Either<Conflict, Committed> result, long start) {
    if (result.isRight()) {
      report(true, null, Either.right(new Outcome(result.get().conversation(), result.get().messages(),
          result.get().events(), false)), start);
    }
  }

  /** Reports a create that stored nothing: refused, or a replay (a stored create reported itself). */
  void createEnded(Either<Problem, Outcome> result, long start) {
    if (result.isLeft() || result.get().replayed()) {
      report(true, null, result, start);
    }
  }

  /** Tells the telemetry how a change or a create ended; what it throws is ignored. */
  private void report(boolean create, @Nullable Trigger trigger, Either<Problem, Outcome> result, long start) {
    try {
      Telemetry.Result how = result.isRight()
          ? result.get().changed() && !result.get().replayed() ? Telemetry.Result.ACCEPTED : Telemetry.Result.UNCHANGED
          : Telemetry.Result.of(result.getLeft());
      Option<String> rule = result.isRight() ? Option.none()
          : result.getLeft() instanceof Problem.Rejected r ? Option.some(r.rejection().rule())
          : result.getLeft() instanceof Problem.TurnLost ? Option.some("turn-lost") : Option.none();
      java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
      if (create) {
        telemetry.created(how, rule, took);
      } else {
        telemetry.changed(Option.of(trigger), how, rule, took);
      }
    } catch (RuntimeException ignored) {
      // Telemetry never fails a change.
    }
  }

  /**
   * Changes the conversation by the commands {@code plan} returns for it as loaded (none: nothing
   * to do), all committed as one change or none.
   */
  Either<Problem, Outcome> change(
      TenantId tenant, ConversationId id, Function<Conversation, Either<Problem, Seq<Command>>> plan) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    ReentrantLock lock = stripes[Math.floorMod(Objects.hash(tenant, id), STRIPES)];
    long start = System.nanoTime();
    Trigger[] trigger = new Trigger[1];
    Either<Problem, Outcome> result;
    lock.lock();
    try {
      result = loop(tenant, id, plan, trigger);
    } catch (StoreFailure e) {
      result = Either.left(new Problem.Unavailable("changing conversation " + id, e));
    } finally {
      lock.unlock();
    }
    // A plan that asked for nothing (routing found the conversation closed meanwhile) is no change.
    if (trigger[0] != null || result.isLeft() || result.get().changed() || result.get().replayed()) {
      report(false, trigger[0], result, start);
    }
    return result;
  }

  private Either<Problem, Outcome> loop(TenantId tenant, ConversationId id,
      Function<Conversation, Either<Problem, Seq<Command>>> plan, Trigger[] trigger) {
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Option<Conversation> found = store.find(tenant, id);
      if (found.isEmpty()) {
        return Either.left(new Problem.NotFound(id));
      }
      Conversation current = found.get();
      Either<Problem, Seq<Command>> planned = plan.apply(current);
      if (planned.isLeft()) {
        return Either.left(planned.getLeft());
      }
      Seq<Command> commands = planned.get();
      trigger[0] = commands.headOption().map(Command::trigger).getOrNull();
      Option<Command.AppendMessage> keyed = single(commands).filter(c -> c instanceof Command.AppendMessage)
          .map(c -> (Command.AppendMessage) c).filter(m -> m.idempotencyKey().isDefined());
      if (keyed.isDefined()) {
        Option<Message> original = store.findByIdempotencyKey(tenant, id, keyed.get().idempotencyKey().get());
        if (original.isDefined()) {
          return replay(current, keyed.get(), original.get());
        }
      }
      Either<Rejection, Decision> decided = Lifecycle.decideAll(current, commands, clock.get());
      if (decided.isLeft()) {
        return Either.left(Problem.of(decided.getLeft()));
      }
      Decision decision = decided.get();
      if (!decision.changed()) {
        return Either.right(new Outcome(current, List.empty(), List.empty(), false));
      }
      Either<Conflict, Committed> result = write(tenant, current.version(), decision);
      if (result.isRight()) {
        Committed done = result.get();
        return Either.right(new Outcome(done.conversation(), done.messages(), done.events(), false));
      }
      Conflict conflict = result.getLeft();
      if (conflict instanceof Conflict.DuplicateKey dk) {
        // A keyed message committed by another writer since the check above.
        return keyed.isDefined()
            ? replay(store.find(tenant, id).getOrElse(current), keyed.get(), dk.original())
            : Either.left(new Problem.KeyReused(id, dk.original().idempotencyKey().get(), dk.original()));
      }
      if (conflict instanceof Conflict.ProviderIdTaken taken) {
        return Either.left(new Problem.Invalid(List.of(new Violation("providerMessageId", "taken",
            "provider message id '" + Conversations.clip(taken.providerMessageId()) + "' is already bound to another message"))));
      }
      if (conflict instanceof Conflict.DuplicateMessageId dup) {
        return Either.left(new Problem.Invalid(List.of(new Violation("id", "duplicate-message-id",
            "message id " + dup.messageId() + " is already used in conversation " + id))));
      }
      if (attempt < attempts) {
        retried(trigger[0]);
        backOff.applyAsLong(attempt);
      }
    }
    return Either.left(new Problem.Contended(id, attempts));
  }

  private void retried(@Nullable Trigger trigger) {
    try {
      telemetry.retried(Option.of(trigger));
    } catch (RuntimeException ignored) {
      // Telemetry never fails a change.
    }
  }

  private static Option<Command> single(Seq<Command> commands) {
    return commands.size() == 1 ? Option.some(commands.head()) : Option.none();
  }

  /** A keyed message sent again: the original if it is the same message, else the key was reused. */
  private static Either<Problem, Outcome> replay(Conversation current, Command.AppendMessage m, Message original) {
    boolean same = original.author().equals(m.by()) && original.content().equals(m.content()) && original.type() == m.type()
        && original.attachments().equals(m.attachments());
    return same
        ? Either.right(new Outcome(current, List.of(original), List.empty(), true))
        : Either.left(new Problem.KeyReused(current.id(), m.idempotencyKey().get(), original));
  }

  /**
   * Full-jitter exponential back-off after failed attempt {@code attempt}: a random wait from 1 µs
   * up to {@link #ceiling} (40 µs after the first attempt, doubling per attempt to about 41 ms
   * from the eleventh on): long enough that a writer that lost to
   * another process's durable commit (a millisecond or more) is not beaten again at once.
   *
   * @return the microseconds parked
   */
  static long backOff(long attempt) {
    return backOff(attempt, java.util.concurrent.locks.LockSupport::parkNanos);
  }

  /** {@link #backOff(long)} with the parking given, so a test can see how long it would park. */
  static long backOff(long attempt, java.util.function.LongConsumer parkNanos) {
    long micros = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, ceiling(attempt) + 1);
    parkNanos.accept(micros * 1000);
    return micros;
  }

  /** The longest back-off after failed attempt {@code attempt}, in microseconds. */
  static long ceiling(long attempt) {
    return 20L << Math.min(Math.max(attempt, 1), 11);
  }
}
