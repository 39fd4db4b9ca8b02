/**
 * Optional bridge from the conversation lifecycle to Spring Statemachine: a model built from
 * {@code TransitionTable.standard()} and a bridge that runs one event through a machine loaded
 * with a conversation's state.
 */
module dev.conversation.lifecycle.spring {
  requires transitive dev.conversation.domain;
  requires transitive spring.statemachine.core;
  requires transitive spring.messaging;
  requires transitive reactor.core;
  requires static org.jspecify;

  exports dev.conversation.lifecycle.spring;
}
