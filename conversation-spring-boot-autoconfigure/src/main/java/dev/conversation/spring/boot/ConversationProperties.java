package dev.conversation.spring.boot;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The library's settings under {@code conversation.*}. Each duration is checked as it is bound,
 * and a bad one fails the start with a message naming the property.
 */
@ConfigurationProperties("conversation")
public class ConversationProperties {

  private final Timers timers = new Timers();
  private final Retention retention = new Retention();
  private final Relay relay = new Relay();
  private final Jdbc jdbc = new Jdbc();
  private final Health health = new Health();

  /** Returns the timer runner's settings. */
  public Timers getTimers() {
    return timers;
  }

  /** Returns the retention runner's settings. */
  public Retention getRetention() {
    return retention;
  }

  /** Returns the relay's settings. */
  public Relay getRelay() {
    return relay;
  }

  /** Returns the JDBC store's settings. */
  public Jdbc getJdbc() {
    return jdbc;
  }

  /** Returns the health indicator's settings. */
  public Health getHealth() {
    return health;
  }

  static Duration positive(String property, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(property + " must be a positive duration (for example 30s), was " + value);
    }
    return value;
  }

  /** The timer runner: fires every tenant's due timers by itself. */
  public static class Timers {

    /** Whether the timer runner starts with the application. */
    private boolean enabled = true;

    /** How often the timer runner sweeps for due timers. */
    private Duration period = Duration.ofSeconds(30);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      this.period = positive("conversation.timers.period", period);
    }
  }

  /** Retention: deletes closed conversations once they have been closed long enough. */
  public static class Retention {

    /** How long closed conversations are kept; unset keeps them forever (no runner starts). */
    private @Nullable Duration keepClosedFor;

    /** How often the retention runner sweeps. */
    private Duration period = Duration.ofHours(1);

    public @Nullable Duration getKeepClosedFor() {
      return keepClosedFor;
    }

    public void setKeepClosedFor(@Nullable Duration keepClosedFor) {
      this.keepClosedFor = keepClosedFor == null ? null : positive("conversation.retention.keep-closed-for", keepClosedFor);
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      this.period = positive("conversation.retention.period", period);
    }
  }

  /** The relay: delivers the outbox's events to the application's Sink bean. */
  public static class Relay {

    /** Whether a relay starts, delivering to the application's single Sink bean. */
    private boolean enabled = false;

    /** The relay's name: its checkpoints and parked events are kept under it. */
    private String name = "default";

    /** How often the relay polls the outbox. */
    private Duration period = Duration.ofSeconds(1);

    /** How long delivered events stay in the outbox; unset keeps them. */
    private @Nullable Duration retention;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("conversation.relay.name must not be blank");
      }
      this.name = name;
    }

    public Duration getPeriod() {
      return period;
    }

    public void setPeriod(Duration period) {
      this.period = positive("conversation.relay.period", period);
    }

    public @Nullable Duration getRetention() {
      return retention;
    }

    public void setRetention(@Nullable Duration retention) {
      this.retention = retention == null ? null : positive("conversation.relay.retention", retention);
    }
  }

  /** The JDBC store, used when the application has a DataSource. */
  public static class Jdbc {

    /** Whether the shipped migrations are applied at start-up. */
    private boolean migrate = true;

    /**
     * Flyway's history table for the library's migrations (default conversation_schema_history, so
     * that the application's own Flyway, now or later, keeps flyway_schema_history to itself). Set
     * flyway_schema_history for a database migrated before with Schema.migrate.
     */
    private @Nullable String historyTable;

    public boolean isMigrate() {
      return migrate;
    }

    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    public @Nullable String getHistoryTable() {
      return historyTable;
    }

    public void setHistoryTable(@Nullable String historyTable) {
      if (historyTable != null && historyTable.isBlank()) {
        throw new IllegalArgumentException("conversation.jdbc.history-table must not be blank");
      }
      this.historyTable = historyTable;
    }
  }

  /** The health indicator. */
  public static class Health {

    /** How far behind the relay may be (its oldest undelivered event's age) before health reports it. */
    private Duration relayLagThreshold = Duration.ofMinutes(5);

    /** The status reported when the relay lags more than the threshold: DOWN or OUT_OF_SERVICE. */
    private String relayLagStatus = "OUT_OF_SERVICE";

    public Duration getRelayLagThreshold() {
      return relayLagThreshold;
    }

    public void setRelayLagThreshold(Duration relayLagThreshold) {
      this.relayLagThreshold = positive("conversation.health.relay-lag-threshold", relayLagThreshold);
    }

    public String getRelayLagStatus() {
      return relayLagStatus;
    }

    public void setRelayLagStatus(String relayLagStatus) {
      if (!"DOWN".equals(relayLagStatus) && !"OUT_OF_SERVICE".equals(relayLagStatus)) {
        throw new IllegalArgumentException("conversation.health.relay-lag-status must be DOWN or OUT_OF_SERVICE, was "
            + relayLagStatus);
      }
      this.relayLagStatus = relayLagStatus;
    }
  }
}
