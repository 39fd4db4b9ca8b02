package dev.conversation.spring.boot;

import dev.conversation.persistence.ConversationStore;
import dev.conversation.relay.Relay;
import io.vavr.control.Option;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The library's health: UP when the store answers a read, DOWN when it fails; and, when relays
 * run, the configured status (OUT_OF_SERVICE by default, or DOWN) when one lags further than the
 * threshold (its oldest undelivered event has waited longer). Details: the store, and each relay's
 * undelivered events and lag in seconds.
 */
public final class ConversationHealthIndicator implements HealthIndicator {

  private final ConversationStore store;
  private final List<Relay> relays;
  private final ConversationProperties.Health settings;

  /** Creates the indicator. */
  public ConversationHealthIndicator(ConversationStore store, List<Relay> relays, ConversationProperties.Health settings) {
    this.store = store;
    this.relays = List.copyOf(relays);
    this.settings = settings;
  }

  @Override
  public Health health() {
    try {
      store.tenants(Option.none(), 1);
    } catch (RuntimeException e) {
      return Health.down(e).withDetail("store", store.toString()).build();
    }
    Health.Builder health = Health.up().withDetail("store", store.toString());
    for (int i = 0; i < relays.size(); i++) {
      Relay.Lag lag;
      try {
        lag = relays.get(i).lag();
      } catch (RuntimeException e) {
        return Health.down(e).withDetail("store", store.toString()).build();
      }
      String prefix = relays.size() == 1 ? "relay" : "relay-" + i;
      health.withDetail(prefix + ".undeliveredEvents", lag.events())
          .withDetail(prefix + ".lagSeconds", lag.oldest().toSeconds());
      if (lag.oldest().compareTo(settings.getRelayLagThreshold()) > 0) {
        health.status(new Status(settings.getRelayLagStatus()));
      }
    }
    return health.build();
  }
}
