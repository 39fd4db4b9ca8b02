/**
 * The conversation store on JDBC: {@link dev.conversation.persistence.jdbc.JdbcConversationStore}
 * (PostgreSQL first, H2 as the embedded durable default), a
 * {@link dev.conversation.persistence.jdbc.JdbcDirectory} of contacts and accounts, and the
 * {@link dev.conversation.persistence.jdbc.Schema} migrations they need.
 */
@NullMarked
package dev.conversation.persistence.jdbc;

import org.jspecify.annotations.NullMarked;
