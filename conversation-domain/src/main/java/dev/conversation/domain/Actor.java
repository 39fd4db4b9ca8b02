package dev.conversation.domain;

/** Who acts on a conversation: every message has an author and every event an actor. */
public enum Actor {
  /** The customer on the other end of the channel. */
  CUSTOMER,
  /** The AI agent. */
  AI_AGENT,
  /** A human agent of the host's team. */
  HUMAN_AGENT,
  /** The host system: automations, API integrations and timers. */
  SYSTEM
}
