package dev.conversation.relay;

import dev.conversation.domain.TenantId;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.Seq;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * What a relay keeps between runs, per relay name and tenant: its checkpoint (the outbox position
 * delivered up to) and the events it parked. In memory for tests and the embedded default; in the
 * JDBC store's database ({@code relay_checkpoints}, {@code relay_parked}, created by its
 * migrations) for a durable relay. Implementations are thread-safe.
 */
public interface RelayState {

  /** Returns the position the relay delivered up to in the tenant, {@code 0} before its first delivery. */
  long checkpoint(String relay, TenantId tenant);

  /**
   * Records that a relay of this name reads the outbox, so that retention waits for it in every
   * tenant, even one it has not delivered in yet. A {@link Relay} registers itself when built.
   * Registering again changes nothing.
   */
  void register(String relay);

  /** Forgets a relay that will not run again: its registration, checkpoints and parked events. */
  void forget(String relay);

  /**
   * Returns the lowest checkpoint the registered relays keep in the tenant, a relay without one
   * there counting as {@code 0}; {@code 0} if none is registered: what every relay has delivered
   * there, and retention may prune.
   */
  long lowestCheckpoint(TenantId tenant);

  /** Moves the checkpoint forward to {@code position}; a position at or below the current one changes nothing. */
  void advance(String relay, TenantId tenant, long position);

  /** Parks an event; parking one already parked at its position changes nothing. */
  void park(String relay, TenantId tenant, StoredEvent event, String reason, Instant at);

  /** Returns the tenant's parked events, in outbox order. */
  Seq<Parked> parked(String relay, TenantId tenant);

  /** Removes a parked event; returns whether it was parked. */
  boolean unpark(String relay, TenantId tenant, long position);

  /** Returns a new, empty state in memory: lost when the process ends. */
  static RelayState inMemory() {
    return new InMemoryRelayState();
  }

  /**
   * Returns the state kept in the database of a JDBC store, in tables its migrations create
   * ({@code dev.conversation.persistence.jdbc.Schema.migrate}).
   */
  static RelayState jdbc(DataSource dataSource) {
    return new JdbcRelayState(dataSource);
  }
}
