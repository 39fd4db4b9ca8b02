package dev.conversation.examples.host;

import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.TimerRunner;
import dev.conversation.wire.agentclara.AgentClaraApi;
import dev.conversation.wire.crm.CrmGetConversation;
import dev.conversation.wire.livechatai.LiveChatAiApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One library instance behind all four APIs: a single {@link Conversations} service over the
 * embedded in-memory store and directory, and each seed API's endpoints over it. A host with a
 * database swaps the service for {@code Conversations.builder().store(JdbcConversationStore.on(ds))
 * .directory(JdbcDirectory.on(ds)).build()} and nothing else changes.
 */
@Configuration(proxyBeanMethods = false)
class LibraryConfiguration {

  /** The service; Spring closes it (and its enrichment executor) on shutdown. */
  @Bean(destroyMethod = "close")
  Conversations conversations() {
    return Conversations.inMemory();
  }

  /**
   * The configured keys; with none configured, the {@linkplain ApiKeys#DEMO demo keys}. Configured
   * keys replace the demo keys entirely, so a deployment that sets its own keys never also
   * answers to the published demo ones.
   */
  @Bean
  ApiKeys apiKeys(HostProperties properties) {
    return ApiKeys.of(properties.apiKeys().isEmpty() ? ApiKeys.DEMO : properties.apiKeys());
  }

  /** The timers, run by themselves; Spring closes the runner before the service it uses. */
  @Bean(destroyMethod = "close")
  TimerRunner timerRunner(Conversations conversations, HostProperties properties) {
    return conversations.startTimers(properties.timerPeriod());
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
