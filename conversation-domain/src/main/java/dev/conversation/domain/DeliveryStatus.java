package dev.conversation.domain;

/**
 * How far an outbound message got, as the channel's receipts report it. The statuses are
 * ordered, and a message's status only moves forward: a receipt for a status at or before the
 * current one changes nothing. So receipts may arrive in any order, late or twice, and one
 * message's receipts end in the same status whatever their order: the furthest of them.
 *
 * <p>The order is {@code QUEUED < SENT < DELIVERED < FAILED < READ}: a failure reported after
 * the channel said "delivered" wins (the provider found out later), but nothing overrides
 * "read", which proves the customer saw it.
 */
public enum DeliveryStatus {
  /** Stored, not yet handed to the channel. Every outbound message starts here. */
  QUEUED,
  /** The channel provider accepted it. */
  SENT,
  /** The provider reports it reached the customer's device or mailbox. */
  DELIVERED,
  /** The provider reports it could not be delivered (with a reason). */
  FAILED,
  /** The customer read it. */
  READ;

  /** Returns whether a receipt for this status moves a message that is at {@code current}. */
  public boolean supersedes(DeliveryStatus current) {
    return compareTo(current) > 0;
  }
}
