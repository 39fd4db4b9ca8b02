package dev.conversation.relay;

import dev.conversation.domain.TenantId;
import dev.conversation.persistence.StoredEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * An event a relay parked: its receiver refused it, it outlasted its retry budget, or an earlier
 * event of its conversation is parked. Immutable.
 *
 * @param tenant the tenant
 * @param event the event with its outbox position
 * @param reason why it was parked
 * @param parkedAt when
 */
public record Parked(TenantId tenant, StoredEvent event, String reason, Instant parkedAt) {

  /** Creates the value; every component is required. */
  public Parked {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(parkedAt, "parkedAt");
  }
}
