package dev.conversation.spring.boot;

import dev.conversation.persistence.ConversationStore;
import dev.conversation.relay.Relay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The library's health indicator ({@code conversation}), when Boot's health support is there. */
@AutoConfiguration(after = ConversationAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, Relay.class})
@ConditionalOnBean(ConversationStore.class)
public class ConversationHealthAutoConfiguration {

  @Bean(name = "conversationHealthIndicator")
  @ConditionalOnMissingBean(name = "conversationHealthIndicator")
  ConversationHealthIndicator conversationHealthIndicator(ConversationStore store, ObjectProvider<Relay> relays,
      ConversationProperties properties) {
    return new ConversationHealthIndicator(store, relays.orderedStream().toList(), properties.getHealth());
  }
}
