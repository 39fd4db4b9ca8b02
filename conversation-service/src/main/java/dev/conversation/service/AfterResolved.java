package dev.conversation.service;

/**
 * What a customer's inbound message does to their RESOLVED conversation; set per channel type
 * with {@link Conversations.Builder#afterResolved}.
 */
public enum AfterResolved {
  /** The message reopens the conversation (the default; Chatwoot's and Intercom's behaviour). */
  REOPEN,
  /**
   * The conversation is closed by the system and the message starts a follow-up linked to it
   * (Twilio Conversations' "new matching traffic starts a new conversation"): each resolved
   * matter keeps its own thread and its own reporting.
   */
  FOLLOW_UP
}
