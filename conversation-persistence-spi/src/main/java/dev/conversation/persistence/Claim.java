package dev.conversation.persistence;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker's claim on the AI agent's turn in one conversation: while its lease runs, no other
 * worker can claim that turn. Immutable; {@code Conversations.claim} makes them.
 *
 * @param tenant the tenant
 * @param conversation the conversation
 * @param token a unique value naming this claim (a release or a reply must present it)
 * @param worker who holds it (a name for logs and metrics, 1 to 128 characters)
 * @param turnSince when the turn it claims began ({@link dev.conversation.domain.Lifecycle#aiTurn})
 * @param customerWroteAt the customer's last message when the claim was taken: a reply made for it
 *     is stale once the customer wrote again
 * @param version the conversation's version the claim was taken on
 * @param leaseUntil when the claim lapses if the worker neither replies nor releases it
 */
public record Claim(TenantId tenant, ConversationId conversation, String token, String worker, Instant turnSince,
    Instant customerWroteAt, long version, Instant leaseUntil) {

  /** Creates the claim; every component is required. */
  public Claim {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(turnSince, "turnSince");
    Objects.requireNonNull(customerWroteAt, "customerWroteAt");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
  }

  /**
   * Returns whether this claim, stored, keeps {@code other} from being taken at {@code now}: its
   * lease has not ended and {@code other} is not for a later turn or for a later message of the
   * same turn (so a worker told the customer wrote again can claim the newer message at once).
   */
  public boolean blocks(Claim other, Instant now) {
    return leaseUntil.isAfter(now) && !other.isLaterThan(this);
  }

  /**
   * Returns whether this claim, stored, holds the turn that began at {@code turnSince} at
   * {@code now}, so the turns query leaves it out: its lease has not ended and it is for that turn
   * or a later one. (A stale claim on the same turn, made before the customer wrote again, still
   * holds it until it lapses or a worker claims the newer message.)
   */
  public boolean holds(Instant turnSince, Instant now) {
    return leaseUntil.isAfter(now) && !this.turnSince.isBefore(turnSince);
  }

  /** Whether this claim is for a later turn than {@code other}, or a later customer message of the same turn. */
  boolean isLaterThan(Claim other) {
    int turn = turnSince.compareTo(other.turnSince);
    return turn > 0 || (turn == 0 && customerWroteAt.isAfter(other.customerWroteAt));
  }
}
