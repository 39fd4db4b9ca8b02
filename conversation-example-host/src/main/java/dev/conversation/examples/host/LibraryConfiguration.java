package dev.conversation.examples.host;

import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.wire.agentclara.AgentClaraApi;
import dev.conversation.wire.crm.CrmGetConversation;
import dev.conversation.wire.livechatai.LiveChatAiApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One library instance behind all four APIs: the {@link Conversations} service comes from the
 * Spring Boot starter (in memory here; a {@code spring.datasource.url} puts it on the JDBC store,
 * migrated, and nothing else changes), with its timer runner, metrics and health; this class adds
 * each seed API's endpoints over it and the API keys.
 */
@Configuration(proxyBeanMethods = false)
class LibraryConfiguration {

  /**
   * The configured keys; with none configured, the {@linkplain ApiKeys#DEMO demo keys}. Configured
   * keys replace the demo keys entirely, so a deployment that sets its own keys never also
   * answers to the published demo ones.
   */
  @Bean
  ApiKeys apiKeys(HostProperties properties) {
    return ApiKeys.of(properties.apiKeys().isEmpty() ? ApiKeys.DEMO : properties.apiKeys());
  }

  @Bean
  AgentClaraApi agentClaraApi(Conversations conversations, HostProperties properties) {
    return AgentClaraApi.over(conversations, WorkspaceId.of(properties.workspace()));
  }

  @Bean
  LiveChatAiApi liveChatAiApi(Conversations conversations, ApiKeys keys) {
    return LiveChatAiApi.over(conversations, keys::tenant);
  }

  @Bean
  CrmGetConversation crmGetConversation(Conversations conversations) {
    return CrmGetConversation.over(conversations);
  }
}
