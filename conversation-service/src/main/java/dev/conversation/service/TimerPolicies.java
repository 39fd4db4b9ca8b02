package dev.conversation.service;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.TimerKind;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * Which timer policy a conversation runs under: its workspace's if set, else its channel type's
 * if set, else the default. Immutable.
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

  /**
   * Per timer kind, the shortest delay any policy sets: the store is asked for what is due under
   * it, and each conversation is then decided under its own policy (one whose own delay is longer
   * is found and left alone).
   */
  Map<TimerKind, Duration> delays() {
    Map<TimerKind, Duration> shortest = LinkedHashMap.empty();
    for (TimerPolicy p : byWorkspace.values().appendAll(byChannel.values()).append(fallback)) {
      for (TimerKind k : TimerKind.values()) {
        Option<Duration> d = p.delay(k);
        if (d.isDefined() && shortest.get(k).forAll(current -> d.get().compareTo(current) < 0)) {
          shortest = shortest.put(k, d.get());
        }
      }
    }
    return shortest;
  }
}
