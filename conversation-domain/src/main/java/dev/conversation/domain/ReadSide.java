package dev.conversation.domain;

/** The two sides of a conversation that read it, each with its own read marker. */
public enum ReadSide {
  /** The host's agents (AI and human): unread means a customer message nobody has read. */
  AGENTS,
  /** The customer: unread means an agent reply the customer has not read. */
  CUSTOMER
}
