package dev.conversation.service;

import dev.conversation.domain.DeliveryStatus;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A channel provider's report on an outbound message, for {@link Conversations#receipt}.
 * Immutable; the service checks the values.
 *
 * @param providerMessageId the provider's id of the message, as {@link Conversations#dispatched}
 *     recorded it
 * @param status the status the provider reports
 * @param failureReason why it failed: required for {@link DeliveryStatus#FAILED}, absent otherwise
 */
public record Receipt(String providerMessageId, DeliveryStatus status, Option<String> failureReason) {

  /** Creates the receipt; every component is required (use {@link Option#none()} for no reason). */
  public Receipt {
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(failureReason, "failureReason");
  }

  /** Returns a receipt for a status other than FAILED. */
  public static Receipt of(String providerMessageId, DeliveryStatus status) {
    return new Receipt(providerMessageId, status, Option.none());
  }

  /** Returns a failure receipt with the provider's reason (its error code and text, say). */
  public static Receipt failed(String providerMessageId, String reason) {
    return new Receipt(providerMessageId, DeliveryStatus.FAILED, Option.some(reason));
  }
}
