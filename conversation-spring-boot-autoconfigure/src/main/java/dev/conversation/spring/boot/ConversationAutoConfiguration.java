package dev.conversation.spring.boot;

import dev.conversation.domain.TimerPolicy;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Directory;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import dev.conversation.persistence.jdbc.JdbcDirectory;
import dev.conversation.service.Conversations;
import dev.conversation.service.Retention;
import dev.conversation.service.RetentionRunner;
import dev.conversation.service.Telemetry;
import dev.conversation.service.TimerRunner;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The library in a Spring Boot application: a {@link Conversations} bean on the JDBC store, its
 * schema migrated, when the application has a {@link DataSource}, on the in-memory store when not;
 * the application's own {@link Directory}, {@link Clock}, default {@link TimerPolicy},
 * {@link Telemetry} and {@link ConversationsCustomizer}s picked up; the timer runner (on by
 * default) and the retention runner (when {@code conversation.retention.keep-closed-for} is set)
 * started. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@EnableConfigurationProperties(ConversationProperties.class)
public class ConversationAutoConfiguration {

  /** The history table the library's migrations use beside the application's own Flyway. */
  public static final String OWN_HISTORY_TABLE = "conversation_schema_history";

  /** The JDBC schema, store and directory, on the application's DataSource. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcConversationStore.class)
  @ConditionalOnBean(DataSource.class)
  static class Jdbc {

    @Bean
    @ConditionalOnMissingBean
    ConversationSchema conversationSchema(DataSource dataSource, ConversationProperties properties,
        ObjectProvider<FlywayRun> flyway) {
      flyway.ifAvailable(f -> { });  // Boot's Flyway, when the application uses it, migrates its own schema first
      return ConversationSchema.migrate(dataSource, properties.getJdbc());
    }

    /** The store and directory together: an application's own store or service keeps its own directory too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean({ConversationStore.class, Conversations.class})
    static class Store {

      @Bean
      ConversationStore conversationStore(DataSource dataSource, ConversationSchema schema) {
        return JdbcConversationStore.on(dataSource);
      }

      @Bean
      @ConditionalOnMissingBean
      Directory conversationDirectory(DataSource dataSource, ConversationSchema schema) {
        return JdbcDirectory.on(dataSource);
      }
    }
  }

  /** Orders the library's migrations after the application's own Flyway migrations. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Flyway.class, org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer.class})
  @ConditionalOnBean(Flyway.class)
  static class AfterFlyway {

    @Bean
    FlywayRun conversationAfterFlyway(
        ObjectProvider<org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer> initializer) {
      initializer.ifAvailable(i -> { });  // created (and so run) before the library's migrations
      return new FlywayRun();
    }
  }

  /** The in-memory store and directory, when no other store is configured. */
  @Bean
  @ConditionalOnMissingBean({ConversationStore.class, Conversations.class})
  ConversationStore inMemoryConversationStore() {
    return ConversationStore.inMemory();
  }

  @Bean
  @ConditionalOnMissingBean({Directory.class, Conversations.class})
  Directory inMemoryConversationDirectory() {
    return Directory.inMemory();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Conversations conversations(ConversationStore store, Directory directory, ObjectProvider<Clock> clock,
      ObjectProvider<TimerPolicy> timers, ObjectProvider<Telemetry> telemetry,
      ObjectProvider<ConversationsCustomizer> customizers) {
    Conversations.Builder builder = Conversations.builder().store(store).directory(directory);
    clock.ifUnique(builder::clock);
    timers.ifUnique(builder::timers);
    telemetry.ifUnique(builder::telemetry);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(name = "conversation.timers.enabled", havingValue = "true", matchIfMissing = true)
  TimerRunner conversationTimerRunner(Conversations conversations, ConversationProperties properties) {
    return conversations.startTimers(properties.getTimers().getPeriod());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(name = "conversation.retention.keep-closed-for")
  RetentionRunner conversationRetentionRunner(Conversations conversations, ConversationProperties properties) {
    java.time.Duration keep = properties.getRetention().getKeepClosedFor();
    if (keep == null) {
      throw new IllegalStateException("conversation.retention.keep-closed-for is empty: set a duration such as 30d, or"
          + " leave it out to keep closed conversations forever");
    }
    return conversations.startRetention(Retention.keepClosedFor(keep), properties.getRetention().getPeriod());
  }

  /** The relay, delivering the outbox to the application's {@code Sink} bean, when enabled. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(dev.conversation.relay.Relay.class)
  @ConditionalOnProperty(name = "conversation.relay.enabled", havingValue = "true")
  static class RelayRunner {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    dev.conversation.relay.Relay conversationRelay(Conversations conversations, dev.conversation.relay.Sink sink,
        ObjectProvider<DataSource> dataSource, ConversationProperties properties, ObjectProvider<ConversationSchema> schema,
        ObjectProvider<Clock> clock) {
      schema.ifAvailable(s -> { });  // the relay's tables come with the migrations
      ConversationStore store = conversations.store();  // the service's store, whoever made it
      DataSource database = schema.getIfAvailable() != null ? dataSource.getIfUnique() : null;
      dev.conversation.relay.RelayState state = database == null
          ? dev.conversation.relay.RelayState.inMemory() : dev.conversation.relay.RelayState.jdbc(database);
      ConversationProperties.Relay relay = properties.getRelay();
      dev.conversation.relay.Relay.Builder builder = dev.conversation.relay.Relay.builder(relay.getName(), store, state, sink);
      if (relay.getRetention() != null) {
        builder.retention(relay.getRetention());
      }
      clock.ifUnique(builder::clock);
      return builder.start(relay.getPeriod());
    }
  }

  /** Marks that the application's Flyway migrations ran (see {@link AfterFlyway}). */
  static final class FlywayRun {}
}
