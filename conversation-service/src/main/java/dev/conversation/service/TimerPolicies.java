package dev.conversation.service;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.Map;

/**
 * Which timer policy a conversation runs under: its workspace's if set, else its channel type's
 * if set, else the default. Every write indexes the conversation's timer under it, so the due query
 * needs no policy. Immutable.
 */
final class TimerPolicies {

  private final TimerPolicy fallback;
  private final Map<ChannelType, TimerPolicy> byChannel;
  private final Map<WorkspaceId, TimerPolicy> byWorkspace;

  TimerPolicies(TimerPolicy fallback, Map<ChannelType, TimerPolicy> byChannel, Map<WorkspaceId, TimerPolicy> byWorkspace) {
    this.fallback = fallback;
    this.byChannel = byChannel;
    this.byWorkspace = byWorkspace;
  }

  /** The policy the conversation's timers follow. */
  TimerPolicy policyFor(Conversation c) {
    return byWorkspace.get(c.workspaceId()).orElse(() -> byChannel.get(c.channel().type())).getOrElse(fallback);
  }
}
