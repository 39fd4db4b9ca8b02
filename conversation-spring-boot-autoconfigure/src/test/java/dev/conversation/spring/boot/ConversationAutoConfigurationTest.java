package dev.conversation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Directory;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import dev.conversation.persistence.jdbc.JdbcDirectory;
import dev.conversation.relay.Relay;
import dev.conversation.relay.Sink;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.RetentionRunner;
import dev.conversation.service.Telemetry;
import dev.conversation.service.TimerRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration's conditions, with Boot's own context runner. */
class ConversationAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ConversationAutoConfiguration.class, ConversationMetricsAutoConfiguration.class,
          ConversationHealthAutoConfiguration.class));

  /** An H2 database without a pool: nothing for a closing context to close. */
  private static DataSource h2() {
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL("jdbc:h2:mem:boot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  private static String converse(Conversations conversations) {
    return conversations.create(TenantId.of("acme"), NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
        .firstMessage(NewMessage.of(dev.conversation.domain.Participant.customer(), "Hello"))).get().conversation().id().value();
  }

  @Test
  void withoutADataSourceTheServiceRunsInMemoryWithItsTimerRunner() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Conversations.class).hasSingleBean(TimerRunner.class)
          .doesNotHaveBean(RetentionRunner.class).doesNotHaveBean(Relay.class).doesNotHaveBean(ConversationSchema.class);
      assertThat(context.getBean(ConversationStore.class)).isNotInstanceOf(JdbcConversationStore.class);
      assertThat(converse(context.getBean(Conversations.class))).isNotBlank();
    });
  }

  @Test
  void withADataSourceTheServiceRunsOnTheJdbcStoreWithItsSchemaMigrated() {
    DataSource ds = h2();
    {
      runner.withBean(DataSource.class, () -> ds).run(context -> {
        assertThat(context).hasNotFailed();
        assertThat(context.getBean(ConversationStore.class)).isInstanceOf(JdbcConversationStore.class);
        assertThat(context.getBean(Directory.class)).isInstanceOf(JdbcDirectory.class);
        ConversationSchema schema = context.getBean(ConversationSchema.class);
        assertThat(schema.historyTable()).as("a table of its own, whatever Flyway the application adds later")
            .isEqualTo(ConversationAutoConfiguration.OWN_HISTORY_TABLE);
        assertThat(schema.applied()).isPositive();
        String id = converse(context.getBean(Conversations.class));
        assertThat(JdbcConversationStore.on(ds).find(TenantId.of("acme"), dev.conversation.domain.ConversationId.of(id)))
            .as("stored in the application's database").isNotEmpty();
      });
      runner.withBean(DataSource.class, () -> ds).run(context ->
          assertThat(context.getBean(ConversationSchema.class).applied()).as("a second start migrates nothing").isZero());
    }
  }

  @Test
  void theApplicationsOwnBeansWin() {
    Clock fixed = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    Directory own = Directory.inMemory();
    runner.withBean(Clock.class, () -> fixed).withBean(Directory.class, () -> own)
        .withBean(TimerPolicy.class, () -> TimerPolicy.of(Duration.ofHours(1), Duration.ofHours(2)))
        .withBean(ConversationsCustomizer.class, () -> builder -> builder.ids(() -> "custom-" + UUID.randomUUID()))
        .run(context -> {
          assertThat(context.getBean(Directory.class)).isSameAs(own);
          Conversations conversations = context.getBean(Conversations.class);
          String id = converse(conversations);
          assertThat(id).startsWith("custom-");
          assertThat(conversations.get(TenantId.of("acme"), dev.conversation.domain.ConversationId.of(id)).get().createdAt())
              .as("the application's clock").isEqualTo(fixed.instant());
        });
    Conversations mine = Conversations.inMemory();
    runner.withBean(Conversations.class, () -> mine).run(context ->
        assertThat(context.getBean(Conversations.class)).isSameAs(mine));
    mine.close();
  }

  @Test
  void anApplicationsOwnServiceOrStoreKeepsTheRestOnItsStore() {
    ConversationStore own = ConversationStore.inMemory();
    Conversations mine = Conversations.builder().store(own).build();
    DataSource ds = h2();
    runner.withBean(DataSource.class, () -> ds).withBean(Conversations.class, () -> mine)
        .withBean(Sink.class, () -> event -> Sink.Result.delivered())
        .withPropertyValues("conversation.relay.enabled=true", "conversation.relay.period=1h")
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(JdbcConversationStore.class).doesNotHaveBean(JdbcDirectory.class);
          converse(mine);
          assertThat(context.getBean(Relay.class).pollNow()).as("the relay reads the service's own store").isPositive();
          assertThat(context.getBean(ConversationHealthIndicator.class).health().getDetails().get("store"))
              .isEqualTo(own.toString());
        });
    mine.close();
    runner.withBean(DataSource.class, () -> ds).withBean(ConversationStore.class, ConversationStore::inMemory)
        .run(context -> assertThat(context.getBean(Directory.class)).as("the directory follows the store")
            .isNotInstanceOf(JdbcDirectory.class));
  }

  @Test
  void propertiesBindAndABadValueFailsTheStartNamingTheProperty() {
    runner.withPropertyValues("conversation.timers.enabled=false", "conversation.retention.keep-closed-for=30d",
        "conversation.retention.period=5m").run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(TimerRunner.class).hasSingleBean(RetentionRunner.class);
          ConversationProperties properties = context.getBean(ConversationProperties.class);
          assertThat(properties.getRetention().getKeepClosedFor()).isEqualTo(Duration.ofDays(30));
          assertThat(properties.getRetention().getPeriod()).isEqualTo(Duration.ofMinutes(5));
        });
    runner.withPropertyValues("conversation.timers.period=0s").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessageContaining("conversation.timers.period must be a positive duration"));
    runner.withPropertyValues("conversation.health.relay-lag-status=MAYBE").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessageContaining("conversation.health.relay-lag-status must be DOWN or OUT_OF_SERVICE"));
    runner.withPropertyValues("conversation.retention.keep-closed-for=").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessageContaining("conversation.retention.keep-closed-for is empty"));
    runner.withPropertyValues("conversation.jdbc.history-table= ").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessageContaining("conversation.jdbc.history-table must not be blank"));
  }

  @Test
  void withARegistryEveryChangeIsMeteredAndHealthReportsTheStoreAndTheRelay() {
    java.util.List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    Sink sink = event -> {
      sent.add(event.getType());
      return Sink.Result.delivered();
    };
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withBean(Sink.class, () -> sink)
        .withPropertyValues("conversation.relay.enabled=true", "conversation.relay.period=10ms")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Relay.class);
          assertThat(context.getBean(Telemetry.class)).isInstanceOf(MicrometerTelemetry.class);
          converse(context.getBean(Conversations.class));
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get(MicrometerTelemetry.CHANGES).tag("kind", "start").tag("result", "accepted").counter().count())
              .isEqualTo(1.0);
          assertThat(registry.get(MicrometerTelemetry.CHANGE_DURATION).timer().count()).isEqualTo(1);
          long deadline = System.nanoTime() + 10_000_000_000L;
          while (sent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
          }
          assertThat(sent).anyMatch(type -> type.endsWith("conversation.started"));
          context.getBean(Relay.class).pollNow();
          assertThat(registry.get("conversation.relay.deliveries").tag("relay", "default").functionCounter().count())
              .isPositive();
          assertThat(registry.get(ConversationMetricsAutoConfiguration.RELAY_LAG_EVENTS).gauge().value()).isZero();
          Health health = context.getBean(ConversationHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("relay.undeliveredEvents", 0L);
        });
  }
}
