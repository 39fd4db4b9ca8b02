package dev.conversation.domain;

/**
 * What can happen to a conversation: the columns of the {@link TransitionTable}. Each
 * {@link Command} has exactly one trigger.
 */
public enum Trigger {
  /** The customer wrote a message. */
  CUSTOMER_MESSAGE("customer message"),
  /** The AI agent replied. */
  AI_REPLY("AI reply"),
  /** A human agent replied. */
  HUMAN_REPLY("human reply"),
  /** The host system posted a message (an automated notice). */
  SYSTEM_MESSAGE("system message"),
  /** Staff (a human, the AI agent or the system) added an internal note the customer never sees. */
  ADD_NOTE("add note"),
  /** A channel receipt moves an outbound message's delivery status. */
  RECORD_DELIVERY("record delivery"),
  /** The conversation is handed to a human agent or team. */
  HAND_OFF("hand off"),
  /** A human hands the conversation back to the AI agent. */
  RETURN_TO_AI("return to AI"),
  /** The conversation is resolved with an outcome. */
  RESOLVE("resolve"),
  /** The timers resolve a human-managed conversation nobody has touched for its policy's time. */
  RESOLVE_IDLE("resolve idle"),
  /** A resolved conversation is reopened. */
  REOPEN("reopen"),
  /** The conversation is closed for good. */
  CLOSE("close"),
  /** The conversation is parked until a time. */
  SNOOZE("snooze"),
  /** A snoozed conversation is woken (its time came, or someone woke it). */
  WAKE("wake"),
  /** Subject, summary, tags, priority, star, mute or contact links change. */
  UPDATE_METADATA("update metadata"),
  /** One side marks the conversation read. */
  MARK_READ("mark read"),
  /** An attention item is raised for a human. */
  RAISE_ATTENTION("raise attention"),
  /** An attention item is cleared. */
  CLEAR_ATTENTION("clear attention");

  private final String label;

  Trigger(String label) {
    this.label = label;
  }

  /** Returns the trigger in words, as the diagram shows it. */
  public String label() {
    return label;
  }
}
