package dev.conversation.domain;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * The delivery status of an outbound message (one written by the AI agent or a human agent for
 * the customer), set by channel receipts through the service. Immutable.
 *
 * @param status how far the message got
 * @param providerMessageId the channel provider's id for it, once the host reported it sent
 *     (receipts find the message by this id); at most {@value Limits#MAX_PROVIDER_ID} characters
 * @param failureReason why it failed, when {@code status} is {@link DeliveryStatus#FAILED}
 *     (the first reason reported); at most {@value Limits#MAX_NOTE} characters
 * @param updatedAt when the status last moved
 */
public record Delivery(DeliveryStatus status, Option<String> providerMessageId, Option<String> failureReason, Instant updatedAt) {

  /**
   * Creates the delivery status.
   *
   * @throws IllegalArgumentException if a failure reason is given for a status other than
   *     FAILED (or none for FAILED), or an id or reason is blank or too long
   */
  public Delivery {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    Objects.requireNonNull(failureReason, "failureReason");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Text.orThrow(Text.optional("providerMessageId", providerMessageId, Limits.MAX_PROVIDER_ID));
    Text.orThrow(Text.optional("failureReason", failureReason, Limits.MAX_NOTE));
    if (failureReason.isDefined() != (status == DeliveryStatus.FAILED)) {
      throw new IllegalArgumentException("a failure reason is given exactly when the status is FAILED, was "
          + status + " with " + (failureReason.isDefined() ? "a reason" : "no reason"));
    }
  }

  /** Returns the status of a message just stored: queued, no provider id yet. */
  public static Delivery queued(Instant at) {
    return new Delivery(DeliveryStatus.QUEUED, Option.none(), Option.none(), at);
  }
}
