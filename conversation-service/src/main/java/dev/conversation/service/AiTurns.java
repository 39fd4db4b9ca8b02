package dev.conversation.service;

import dev.conversation.domain.Actor;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Limits;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.MessageType;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.Claim;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Turn;
import dev.conversation.persistence.TurnQuery;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The AI's turn: which conversations wait for the AI agent, a claim with a lease so one worker
 * answers a turn, and a reply stored only while the turn stands. Part of {@link Conversations};
 * thread-safe.
 */
final class AiTurns {

  /** The longest lease a claim may ask for. */
  static final Duration MAX_LEASE = Duration.ofHours(1);

  private final ConversationStore store;
  private final CommitLoop commits;
  private final Supplier<Instant> clock;
  private final Supplier<String> ids;

  AiTurns(ConversationStore store, CommitLoop commits, Supplier<Instant> clock, Supplier<String> ids) {
    this.store = store;
    this.commits = commits;
    this.clock = clock;
    this.ids = ids;
  }

  Either<Problem, Seq<Turn>> turns(Option<TenantId> tenant, Option<Turn.Position> after, int limit) {
    if (limit < 1 || limit > ConversationStore.MAX_TURN_BATCH) {
      return Either.left(new Problem.Invalid(List.of(new Violation("limit", "range",
          "limit must be 1 to " + ConversationStore.MAX_TURN_BATCH + ", was " + limit))));
    }
    TurnQuery query = new TurnQuery(tenant, clock.get(), after, limit);
    return Conversations.reading("find the turns waiting for the AI", () -> store.turns(query));
  }

  Either<Problem, Claim> claim(TenantId tenant, ConversationId id, String worker, Duration lease) {
    List<Violation> problems = List.empty();
    if (worker.isBlank() || worker.length() > Limits.MAX_ID) {
      problems = problems.append(new Violation("worker", "length", "worker must be 1 to " + Limits.MAX_ID
          + " characters and not blank"));
    } else if (worker.codePoints().anyMatch(ch -> ch == 0 || ch >= Character.MIN_SURROGATE && ch <= Character.MAX_SURROGATE)) {
      problems = problems.append(new Violation("worker", "malformed-text",
          "worker must be well-formed Unicode text without NUL characters"));
    }
    if (lease.isNegative() || lease.isZero() || lease.compareTo(MAX_LEASE) > 0) {
      problems = problems.append(new Violation("lease", "range", "lease must be more than zero and at most " + MAX_LEASE
          + ", was " + lease));
    }
    if (problems.nonEmpty()) {
      return Either.left(new Problem.Invalid(problems));
    }
    Either<Problem, Option<Conversation>> found =
        Conversations.reading("read conversation " + id, () -> store.find(tenant, id));
    if (found.isLeft()) {
      return Either.left(found.getLeft());
    }
    if (found.get().isEmpty()) {
      return Either.left(new Problem.NotFound(id));
    }
    Conversation c = found.get().get();
    Option<Instant> turn = Lifecycle.aiTurn(c);
    if (turn.isEmpty()) {
      return Either.left(lost(c));
    }
    Instant at = clock.get();
    Claim claim = new Claim(tenant, id, ids.get(), worker, turn.get(), c.lastCustomerMessageAt().getOrElse(turn.get()),
        c.version(), at.plus(lease));
    Either<Problem, Boolean> stored = Conversations.reading("claim the AI's turn in " + id, () -> store.claim(claim, at));
    if (stored.isLeft()) {
      return Either.left(stored.getLeft());
    }
    if (!stored.get()) {
      String holder = Conversations.reading("read the claim on " + id, () -> store.claimOf(tenant, id))
          .getOrElse(Option.none())
          .map(h -> h.worker() + " until " + h.leaseUntil()).getOrElse("another worker");
      return Either.left(new Problem.TurnLost(id, Problem.TurnLost.Reason.TAKEN, "held by " + holder));
    }
    // Another worker may have answered between the read above and the claim: it releases its claim
    // only after its reply is committed, so reading again now sees that reply.
    Either<Problem, Option<Conversation>> again =
        Conversations.reading("read conversation " + id, () -> store.find(tenant, id));
    if (again.isLeft()) {
      release(claim);  // best effort: the lease ends it otherwise
      return Either.left(again.getLeft());
    }
    Option<Conversation> now = again.get();
    if (now.isDefined() && !Lifecycle.aiTurn(now.get()).contains(turn.get())) {
      release(claim);
      return Either.left(Lifecycle.aiTurn(now.get()).isEmpty() ? lost(now.get())
          : new Problem.TurnLost(id, Problem.TurnLost.Reason.ANSWERED, "the turn was answered and a newer one began"));
    }
    return Either.right(claim);
  }

  /**
   * The reply, decided and stored only while the claim is the stored one and the turn it claimed
   * stands; both are checked again on every attempt, against the version the commit is made on.
   */
  Either<Problem, Outcome> reply(Claim claim, NewMessage reply, boolean acceptNewerMessages) {
    if (reply.author().actor() != Actor.AI_AGENT) {
      return Either.left(new Problem.Invalid(List.of(new Violation("author", "ai-only",
          "a reply on a claim is the AI agent's; a " + reply.author().actor() + " writes with send"))));
    }
    if (reply.idempotencyKey().exists(Routing::reserved)) {
      return Either.left(new Problem.Invalid(List.of(new Violation("idempotencyKey", "reserved-prefix",
          "idempotencyKey must not start with 'inbound:' or 'inbound#': those keys are inbound messages' provider ids"))));
    }
    Command.AppendMessage command = new Command.AppendMessage(MessageId.of(ids.get()), reply.author(), reply.content(),
        reply.citations(), reply.idempotencyKey(), MessageType.TEXT, reply.attachments());
    Either<Problem, Outcome> outcome = commits.change(claim.tenant(), claim.conversation(), c -> {
      // A retry of a reply that was stored (its claim released, its turn over) is answered as a replay.
      if (reply.idempotencyKey().isDefined()
          && store.findByIdempotencyKey(claim.tenant(), claim.conversation(), reply.idempotencyKey().get()).isDefined()) {
        return Either.right(List.of(command));
      }
      Option<Problem> lost = standing(claim, c, store.claimOf(claim.tenant(), claim.conversation()), acceptNewerMessages);
      if (lost.isDefined()) {
        return Either.left(lost.get());
      }
      return Either.right(List.of(command));
    });
    if (outcome.isRight() && !outcome.get().replayed()) {
      release(claim);
    }
    return outcome;
  }

  /** The conversation if the claimed turn still stands: what a reply committed now would find. */
  Either<Problem, Conversation> stands(Claim claim, boolean acceptNewerMessages) {
    Either<Problem, Option<Conversation>> found = Conversations.reading("read conversation " + claim.conversation(),
        () -> store.find(claim.tenant(), claim.conversation()));
    if (found.isLeft()) {
      return Either.left(found.getLeft());
    }
    if (found.get().isEmpty()) {
      return Either.left(new Problem.NotFound(claim.conversation()));
    }
    Either<Problem, Option<Claim>> held = Conversations.reading("read the claim on " + claim.conversation(),
        () -> store.claimOf(claim.tenant(), claim.conversation()));
    if (held.isLeft()) {
      return Either.left(held.getLeft());
    }
    Conversation c = found.get().get();
    return standing(claim, c, held.get(), acceptNewerMessages).<Either<Problem, Conversation>>map(Either::left)
        .getOrElse(() -> Either.right(c));
  }

  /** Why the claimed turn no longer stands on {@code c}, if it does not; {@code held} is the stored claim. */
  private static Option<Problem> standing(Claim claim, Conversation c, Option<Claim> held, boolean acceptNewerMessages) {
    if (!held.exists(h -> h.token().equals(claim.token()))) {
      return Option.some(new Problem.TurnLost(c.id(), Problem.TurnLost.Reason.CLAIM_LOST,
          held.map(h -> "the turn is held by " + h.worker() + " now").getOrElse("the claim was released")));
    }
    Option<Instant> turn = Lifecycle.aiTurn(c);
    if (turn.isEmpty()) {
      return Option.some(lost(c));
    }
    if (!turn.contains(claim.turnSince())) {
      return Option.some(new Problem.TurnLost(c.id(), Problem.TurnLost.Reason.NEW_TURN, "the claimed turn ended (a"
          + " hand-off, a resolve or a snooze) and a new one began at " + turn.get() + "; claim it"));
    }
    if (!acceptNewerMessages && !c.lastCustomerMessageAt().contains(claim.customerWroteAt())) {
      return Option.some(new Problem.TurnLost(c.id(), Problem.TurnLost.Reason.CUSTOMER_WROTE_AGAIN,
          "the customer wrote again at " + c.lastCustomerMessageAt().getOrNull() + ", after the claim; claim the"
              + " newer turn and answer it"));
    }
    return Option.none();
  }

  Either<Problem, Boolean> release(Claim claim) {
    return Conversations.reading("release the claim on " + claim.conversation(), () -> store.release(claim));
  }

  /** Why a conversation is not the AI's turn, as a problem. */
  private static Problem lost(Conversation c) {
    Problem.TurnLost.Reason reason;
    if (c.status() == Status.CLOSED) {
      reason = Problem.TurnLost.Reason.CLOSED;
    } else if (c.status() == Status.RESOLVED) {
      reason = Problem.TurnLost.Reason.RESOLVED;
    } else if (c.status() == Status.SNOOZED) {
      reason = Problem.TurnLost.Reason.SNOOZED;
    } else if (c.owner() == Actor.HUMAN_AGENT) {
      reason = Problem.TurnLost.Reason.HUMAN_TOOK_OVER;
    } else {
      reason = Problem.TurnLost.Reason.ANSWERED;
    }
    String detail = switch (reason) {
      case CLOSED -> "it is closed";
      case RESOLVED -> "it was resolved";
      case SNOOZED -> "it is snoozed until " + c.snoozedUntil().getOrNull();
      case HUMAN_TOOK_OVER -> "a human agent or team has it: " + c.assignee().get();
      default -> "no customer waits for an answer (status " + c.status() + ")";
    };
    return new Problem.TurnLost(c.id(), reason, detail);
  }

}
