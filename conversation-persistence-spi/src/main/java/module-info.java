/**
 * The storage SPI for conversations: the ports a store implements, the query model, and the
 * in-memory reference store and directory that are the embedded default.
 */
module dev.conversation.persistence {
  requires transitive dev.conversation.domain;
  requires static transitive org.jspecify;

  exports dev.conversation.persistence;
}
