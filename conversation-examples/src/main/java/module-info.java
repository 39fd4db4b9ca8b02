/** Runnable examples of the conversation library. Not published. */
module dev.conversation.examples {
  requires transitive dev.conversation.service;
  requires dev.conversation.persistence.jdbc;
  requires com.zaxxer.hikari;
  requires java.sql;

  exports dev.conversation.examples;
}
