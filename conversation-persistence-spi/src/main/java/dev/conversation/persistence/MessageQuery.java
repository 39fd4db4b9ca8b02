package dev.conversation.persistence;

import dev.conversation.domain.Violation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/**
 * A page request for a conversation's message history, oldest first. Messages are numbered
 * 1, 2, 3, ... in commit order; a page holds the messages numbered {@code after + 1} to
 * {@code after + limit}. Immutable.
 *
 * @param limit page size, 1 to {@value ConversationQuery#MAX_LIMIT}
 * @param after the number of messages to skip (0 for the first page)
 */
public record MessageQuery(int limit, long after) {

  /**
   * Creates the query.
   *
   * @throws IllegalArgumentException if {@code limit} is out of range or {@code after} is negative
   */
  public MessageQuery {
    if (limit < 1 || limit > ConversationQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + ConversationQuery.MAX_LIMIT + ": " + limit);
    }
    if (after < 0) {
      throw new IllegalArgumentException("after must not be negative: " + after);
    }
  }

  /** Returns the first page of {@code limit} messages. */
  public static MessageQuery first(int limit) {
    return new MessageQuery(limit, 0);
  }

  /**
   * Checks a client's raw page request.
   *
   * @param limit page size; default {@value ConversationQuery#DEFAULT_LIMIT}
   * @param cursor the {@link Page#next()} of the previous page, if any
   * @return the query, or every violation ({@code limit-out-of-range}, {@code malformed-cursor})
   */
  public static Validation<Seq<Violation>, MessageQuery> of(Option<Integer> limit, Option<String> cursor) {
    int size = limit.getOrElse(ConversationQuery.DEFAULT_LIMIT);
    List<Violation> problems = ConversationQuery.limitProblem(size).toList();
    Validation<Violation, Long> after = cursor.map(Cursors::messages).getOrElse(Validation.valid(0L));
    if (after.isInvalid()) {
      problems = problems.append(after.getError());
    }
    return problems.isEmpty() ? Validation.valid(new MessageQuery(size, after.get())) : Validation.invalid(problems);
  }
}
