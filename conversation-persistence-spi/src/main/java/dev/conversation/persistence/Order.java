package dev.conversation.persistence;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import java.time.Instant;
import java.util.Comparator;

/**
 * The order of a listing: newest first by one instant, ties broken by conversation id, larger
 * first, comparing ids by Unicode code point (the order of their UTF-8 bytes, so a SQL store can
 * use a binary collation for the same order). An id with a lone surrogate, which has no UTF-8
 * form, compares by the surrogate's value.
 */
public enum Order {

  /** Most recently updated first ({@link Conversation#updatedAt()}): any change counts as activity. */
  LAST_ACTIVITY,

  /** Most recently created first ({@link Conversation#createdAt()}). */
  CREATED;

  /** Returns the instant this order sorts a conversation by. */
  public Instant key(Conversation conversation) {
    return this == LAST_ACTIVITY ? conversation.updatedAt() : conversation.createdAt();
  }

  /** Returns the position of a conversation in this order. */
  public Position position(Conversation conversation) {
    return new Position(key(conversation), conversation.id());
  }

  /** Returns the comparator of this order: a conversation that comes first compares lower. */
  public Comparator<Conversation> comparator() {
    return (a, b) -> position(a).compareTo(position(b));
  }

  /**
   * A place in an order, used by keyset paging: the sort instant and the id of the last
   * conversation of a page. Positions compare in listing order (a position listed earlier is
   * lower).
   *
   * @param at the sort instant
   * @param id the tie-breaking conversation id
   */
  public record Position(Instant at, ConversationId id) implements Comparable<Position> {

    /** Creates the position. */
    public Position {
      java.util.Objects.requireNonNull(at, "at");
      java.util.Objects.requireNonNull(id, "id");
    }

    @Override
    public int compareTo(Position other) {
      int byTime = other.at.compareTo(at);
      return byTime != 0 ? byTime : compareIds(other.id.value(), id.value());
    }
  }

  /** Compares two ids by Unicode code point, which is also the order of their UTF-8 bytes. */
  static int compareIds(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
