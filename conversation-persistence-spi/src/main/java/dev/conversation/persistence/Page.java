package dev.conversation.persistence;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * One page of a listing. Immutable.
 *
 * @param items the items of the page, in the listing's order
 * @param next an opaque cursor for the following page, present exactly when there are more items
 * @param <T> the item type
 */
public record Page<T>(Seq<T> items, Option<String> next) {

  /** Creates the page. */
  public Page {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(next, "next");
  }

  /** Returns an empty last page. */
  public static <T> Page<T> empty() {
    return new Page<>(List.empty(), Option.none());
  }

  /**
   * Builds a conversation page from what a store fetched: up to {@code limit + 1} matching
   * conversations in the query's order, starting where the query says. The extra one, if
   * present, only signals that there is a next page.
   *
   * @throws IllegalArgumentException if more than {@code limit + 1} conversations are given
   */
  public static Page<Conversation> of(ConversationQuery query, Seq<Conversation> fetched) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(fetched, "fetched");
    if (fetched.size() > query.limit() + 1) {
      throw new IllegalArgumentException("fetched " + fetched.size() + " conversations for a limit of " + query.limit());
    }
    if (fetched.size() <= query.limit()) {
      return new Page<>(fetched, Option.none());
    }
    Seq<Conversation> items = fetched.take(query.limit());
    return new Page<>(items, Option.some(
        Cursors.conversations(query.order(), query.order().position(items.last()), query.filter())));
  }

  /**
   * Builds a message page from what a store fetched: up to {@code limit + 1} messages, oldest
   * first, starting right after the query's sequence number.
   *
   * @throws IllegalArgumentException if more than {@code limit + 1} messages are given
   */
  public static Page<Message> of(MessageQuery query, Seq<Message> fetched) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(fetched, "fetched");
    if (fetched.size() > query.limit() + 1) {
      throw new IllegalArgumentException("fetched " + fetched.size() + " messages for a limit of " + query.limit());
    }
    if (fetched.size() <= query.limit()) {
      return new Page<>(fetched, Option.none());
    }
    return new Page<>(fetched.take(query.limit()), Option.some(Cursors.messages(query.after() + query.limit())));
  }
}
