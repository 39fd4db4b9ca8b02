/**
 * The conversation service: the facade a host application calls, over the storage SPI.
 */
module dev.conversation.service {
  requires transitive dev.conversation.persistence;
  requires static transitive org.jspecify;

  exports dev.conversation.service;
}
