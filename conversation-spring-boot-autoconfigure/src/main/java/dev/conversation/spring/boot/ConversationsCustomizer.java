package dev.conversation.spring.boot;

import dev.conversation.service.Conversations;

/**
 * Customizes the {@link Conversations.Builder} the auto-configuration builds the service with:
 * an id supplier, timer policies per channel or workspace, attempts, and so on. Every bean of this
 * type is applied, in {@code @Order}, after the store, directory, clock, default timer policy and
 * telemetry are set.
 */
@FunctionalInterface
public interface ConversationsCustomizer {

  /** Customizes the builder. */
  void customize(Conversations.Builder builder);
}
