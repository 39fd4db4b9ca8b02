package dev.conversation.persistence;

import dev.conversation.domain.DomainEvent;
import java.util.Objects;

/**
 * A domain event with its position in the tenant's outbox. Immutable.
 *
 * @param position positive, strictly increasing in commit order within a tenant (gaps allowed)
 * @param event the event
 */
public record StoredEvent(long position, DomainEvent event) {

  /**
   * Creates the value.
   *
   * @throws IllegalArgumentException if {@code position} is not positive
   */
  public StoredEvent {
    Objects.requireNonNull(event, "event");
    if (position <= 0) {
      throw new IllegalArgumentException("position must be positive: " + position);
    }
  }
}
