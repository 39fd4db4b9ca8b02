/** Runnable examples of the conversation library. Not published. */
module dev.conversation.examples {
  requires transitive dev.conversation.service;

  exports dev.conversation.examples;
}
