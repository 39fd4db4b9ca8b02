package dev.conversation.spring.boot;

import dev.conversation.service.Conversations;
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
@ConditionalOnBean(Conversations.class)
public class ConversationHealthAutoConfiguration {

  /** On the service's own store, whoever made it. */
  @Bean(name = "conversationHealthIndicator")
  @ConditionalOnMissingBean(name = "conversationHealthIndicator")
  ConversationHealthIndicator conversationHealthIndicator(Conversations conversations, ObjectProvider<Relay> relays,
      ConversationProperties properties) {
    return new ConversationHealthIndicator(conversations.store(), relays.orderedStream().toList(), properties.getHealth());
  }
}
