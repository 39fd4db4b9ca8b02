package dev.conversation.spring.boot;

import dev.conversation.relay.Relay;
import dev.conversation.service.Telemetry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer metrics of the library, when the application has a {@link MeterRegistry}: the
 * service's {@link MicrometerTelemetry}, and the relay's deliveries, failures, parked events and
 * lag when a relay runs.
 */
@AutoConfiguration(before = ConversationAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class ConversationMetricsAutoConfiguration {

  /** The relay's lag, in events: {@code conversation.relay.lag.events}. */
  public static final String RELAY_LAG_EVENTS = "conversation.relay.lag.events";
  /** The age of the relay's oldest undelivered event, in seconds: {@code conversation.relay.lag}. */
  public static final String RELAY_LAG = "conversation.relay.lag";

  @Bean
  @ConditionalOnMissingBean(Telemetry.class)
  MicrometerTelemetry conversationTelemetry(MeterRegistry registry) {
    return new MicrometerTelemetry(registry);
  }

  /** The relay's meters. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Relay.class)
  static class RelayMetrics {

    /** Binds every relay's meters once all singletons exist (a relay is built after the registry). */
    @Bean
    SmartInitializingSingleton conversationRelayMeters(MeterRegistry registry, ObjectProvider<Relay> relays) {
      return () -> relays.orderedStream().forEach(relay -> bind(registry, relay));
    }

    private static void bind(MeterRegistry registry, Relay relay) {
      // One lag reading serves both gauges within a second: it reads every tenant's outbox.
      Lagging lagging = new Lagging(relay);
      FunctionCounter.builder("conversation.relay.deliveries", relay, r -> r.stats().delivered()).tag("relay", relay.name())
          .description("Events the relay delivered").register(registry);
      FunctionCounter.builder("conversation.relay.failures", relay, r -> r.stats().failures()).tag("relay", relay.name())
          .description("Deliveries that failed (each is retried)").register(registry);
      FunctionCounter.builder("conversation.relay.parked", relay, r -> r.stats().parked()).tag("relay", relay.name())
          .description("Events the relay parked after its retries").register(registry);
      Gauge.builder(RELAY_LAG_EVENTS, lagging, l -> l.now().events()).tag("relay", relay.name())
          .description("Events not delivered yet (up to 1,000 per tenant)").register(registry);
      Gauge.builder(RELAY_LAG, lagging, l -> l.now().oldest().toMillis() / 1000.0).tag("relay", relay.name())
          .baseUnit("seconds").description("How long the oldest undelivered event has waited").register(registry);
    }
  }

  /** A relay's lag, read at most once a second. */
  static final class Lagging {
    private final Relay relay;
    private volatile Relay.Lag last;
    private volatile long readAt;

    Lagging(Relay relay) {
      this.relay = relay;
    }

    Relay.Lag now() {
      long at = System.nanoTime();
      Relay.Lag lag = last;
      if (lag == null || at - readAt > 1_000_000_000L) {
        lag = relay.lag();
        last = lag;
        readAt = at;
      }
      return lag;
    }
  }
}
