/**
 * The conversation domain: an immutable model of customer conversations and the lifecycle
 * engine that decides every change to them.
 *
 * <p>No I/O, no framework, no logging and no clock reads: time comes in as an argument.
 */
module dev.conversation.domain {
  requires transitive io.vavr;
  requires static transitive org.jspecify;
  requires static org.immutables.value.annotations;

  exports dev.conversation.domain;
}
