package dev.conversation.service;

/** What a reply on a claim does when the customer wrote again after the claim was taken. */
public enum ReplyPolicy {
  /**
   * Refuse it ({@link Problem.TurnLost.Reason#CUSTOMER_WROTE_AGAIN}), so the worker claims again
   * and answers the newer message too: the default.
   */
  REFUSE_IF_CUSTOMER_WROTE_AGAIN,
  /**
   * Store it anyway, for agents whose answer does not depend on the latest message: like every
   * agent reply, it answers every customer message before it.
   */
  ACCEPT
}
