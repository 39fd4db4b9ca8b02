package dev.conversation.spring.boot.starter;

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
import dev.conversation.service.TimerRunner;
import dev.conversation.spring.boot.ConversationHealthIndicator;
import dev.conversation.spring.boot.ConversationSchema;
import dev.conversation.spring.boot.MicrometerTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new application with only the starter and a JDBC driver (H2) on its class path, started as
 * Boot starts any application: the auto-configuration is found on its own, and the application
 * gets a working service on its database, the schema migrated, metrics and health.
 */
class StarterApplicationTest {

  /** The whole application: nothing but auto-configuration. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  @Test
  void anApplicationWithTheStarterAndADataSourceGetsServiceSchemaMetricsAndHealth() {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.NONE)
        .properties("spring.datasource.url=jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "spring.main.banner-mode=off")
        .run()) {
      assertThat(context.getBean(ConversationStore.class)).isInstanceOf(JdbcConversationStore.class);
      assertThat(context.getBean(ConversationSchema.class).applied()).as("every H2 migration").isEqualTo(9);
      assertThat(context.getBeansOfType(TimerRunner.class)).hasSize(1);
      Conversations conversations = context.getBean(Conversations.class);
      conversations.create(TenantId.of("acme"), NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
          .firstMessage(NewMessage.of(dev.conversation.domain.Participant.customer(), "Hello"))).get();
      assertThat(context.getBean(MeterRegistry.class).get(MicrometerTelemetry.CHANGES).tag("kind", "start")
          .counter().count()).isEqualTo(1.0);
      assertThat(context.getBean(ConversationHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
    }
  }
}
