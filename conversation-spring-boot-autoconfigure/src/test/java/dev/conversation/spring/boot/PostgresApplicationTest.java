package dev.conversation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An application as Boot starts it, with only {@code spring.datasource.*} set, on an embedded
 * PostgreSQL (production durability settings are PostgreSQL's defaults here): Boot makes the
 * DataSource and runs the application's Flyway; the library's schema is migrated beside it in its
 * own history table; the service stores there; changes are metered; health is UP.
 */
class PostgresApplicationTest {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void anApplicationWithADataSourceGetsAWorkingServiceSchemaMetricsAndHealth() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, ConversationAutoConfiguration.class,
            ConversationMetricsAutoConfiguration.class, ConversationHealthAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
            "spring.datasource.username=postgres")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(ConversationStore.class)).isInstanceOf(JdbcConversationStore.class);
          ConversationSchema schema = context.getBean(ConversationSchema.class);
          assertThat(schema.historyTable()).as("beside the application's own Flyway history")
              .isEqualTo(ConversationAutoConfiguration.OWN_HISTORY_TABLE);
          assertThat(schema.applied()).isEqualTo(11);
          try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement();
              ResultSet r = s.executeQuery("SELECT count(*) FROM conversation_schema_history WHERE success AND type = 'SQL'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(11);
          }
          Conversations conversations = context.getBean(Conversations.class);
          conversations.create(TenantId.of("acme"), NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
              .firstMessage(NewMessage.of(dev.conversation.domain.Participant.customer(), "Hello"))).get();
          assertThat(context.getBean(MeterRegistry.class).get(MicrometerTelemetry.CHANGES).tag("result", "accepted")
              .counter().count()).isEqualTo(1.0);
          assertThat(context.getBean(ConversationHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
  }
}
