package dev.conversation.persistence;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.Violation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A valid listing query: which conversations ({@link ConversationFilter}), in which
 * {@link Order}, how many, and from where (an offset, or a keyset position decoded from a
 * cursor). Immutable.
 *
 * <p>Build one from typed values with {@link #first(ConversationFilter)} and the withers, or from a
 * client's raw parameters with {@link #request()} and {@link Request#validate()}, which reports
 * every problem at once.
 *
 * @param filter which conversations
 * @param order the listing order
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param paging where the page starts
 */
public record ConversationQuery(ConversationFilter filter, Order order, int limit, Paging paging) {

  /** The page size when a query does not give one. */
  public static final int DEFAULT_LIMIT = 25;

  /** The largest page size a query may ask for. */
  public static final int MAX_LIMIT = 100;

  /**
   * Creates the query.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1 to {@value #MAX_LIMIT}
   */
  public ConversationQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(paging, "paging");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
  }

  /** Returns the first page (offset 0, {@value #DEFAULT_LIMIT} items, last activity first) of a filter. */
  public static ConversationQuery first(ConversationFilter filter) {
    return new ConversationQuery(filter, Order.LAST_ACTIVITY, DEFAULT_LIMIT, new Paging.Offset(0));
  }

  /** Returns a raw request with nothing set: the first page of every conversation. */
  public static Request request() {
    return Request.EMPTY;
  }

  /** Returns this query with another order (and the same paging). */
  public ConversationQuery withOrder(Order value) {
    return new ConversationQuery(filter, value, limit, paging);
  }

  /** Returns this query with another page size. */
  public ConversationQuery withLimit(int value) {
    return new ConversationQuery(filter, order, value, paging);
  }

  /** Returns this query starting at an offset. */
  public ConversationQuery withOffset(int value) {
    return new ConversationQuery(filter, order, limit, new Paging.Offset(value));
  }

  /** Returns this query starting right after a position in its order. */
  public ConversationQuery after(Order.Position position) {
    return new ConversationQuery(filter, order, limit, new Paging.After(position));
  }

  /**
   * Returns this query continuing after the page that returned {@code cursor}.
   *
   * @return the query, or the violation if the cursor is malformed or belongs to another filter or order
   */
  public Validation<Violation, ConversationQuery> after(String cursor) {
    return Cursors.conversations(cursor, order, filter).map(this::after);
  }

  /** Returns the violation of a page size out of 1 to {@value #MAX_LIMIT}, if it is. */
  static Option<Violation> limitProblem(int size) {
    return size >= 1 && size <= MAX_LIMIT ? Option.none() : Option.some(new Violation("limit", "limit-out-of-range",
        "limit must be 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + "), was " + size));
  }

  /** Where a page starts. */
  public sealed interface Paging {

    /**
     * Skip this many matching conversations. Simple, but deep offsets cost a store time and shift
     * under concurrent inserts; use a cursor for deep pages.
     *
     * @param value zero or more
     */
    record Offset(int value) implements Paging {

      /** Creates the paging; {@code value} must not be negative. */
      public Offset {
        if (value < 0) {
          throw new IllegalArgumentException("offset must not be negative: " + value);
        }
      }
    }

    /**
     * Start right after this position (keyset paging): stable under concurrent inserts of newer
     * conversations, and as fast at any depth.
     *
     * @param position the position of the last conversation of the previous page
     */
    record After(Order.Position position) implements Paging {

      /** Creates the paging. */
      public After {
        Objects.requireNonNull(position, "position");
      }
    }
  }

  /**
   * A listing request as a client sends it: raw words and numbers, not yet checked. Immutable;
   * every wither returns a new request. {@link #validate()} turns it into a query or lists every
   * problem, each naming its field and rule.
   *
   * <p>Status words are the lifecycle's names in any case ({@code new}, {@code active},
   * {@code waiting}, {@code human_managed}, {@code snoozed}, {@code resolved}, {@code closed});
   * channel words likewise ({@code sms}, {@code email}, {@code whatsapp}, {@code web_chat}, ...);
   * order words are {@code last_activity} and {@code created}. A vendor's own vocabulary is mapped
   * to these by its adapter.
   *
   * @param limit page size; default {@value #DEFAULT_LIMIT}, 1 to {@value #MAX_LIMIT}
   * @param offset matching conversations to skip; not with a cursor
   * @param cursor the {@link Page#next()} of the previous page
   * @param statuses status words
   * @param channels channel words
   * @param contactId the contact (customer) id
   * @param unread whether the agents' side is unread
   * @param anyTags at least one of these tags
   * @param allTags all of these tags
   * @param agent the assigned human agent's id
   * @param team the assigned team's id
   * @param starred starred or not
   * @param updatedSince updated at or after
   * @param order order word
   */
  public record Request(
      Option<Integer> limit,
      Option<Integer> offset,
      Option<String> cursor,
      Seq<String> statuses,
      Seq<String> channels,
      Option<String> contactId,
      Option<Boolean> unread,
      Seq<String> anyTags,
      Seq<String> allTags,
      Option<String> agent,
      Option<String> team,
      Option<Boolean> starred,
      Option<Instant> updatedSince,
      Option<String> order) {

    private static final Request EMPTY = new Request(Option.none(), Option.none(), Option.none(), List.empty(),
        List.empty(), Option.none(), Option.none(), List.empty(), List.empty(), Option.none(), Option.none(),
        Option.none(), Option.none(), Option.none());

    /** Creates the request; every component is required (empty or none when not given). */
    public Request {
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(offset, "offset");
      Objects.requireNonNull(cursor, "cursor");
      Objects.requireNonNull(statuses, "statuses");
      Objects.requireNonNull(channels, "channels");
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(unread, "unread");
      Objects.requireNonNull(anyTags, "anyTags");
      Objects.requireNonNull(allTags, "allTags");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(team, "team");
      Objects.requireNonNull(starred, "starred");
      Objects.requireNonNull(updatedSince, "updatedSince");
      Objects.requireNonNull(order, "order");
    }

    /** Returns this request with a page size. */
    public Request limit(int value) {
      return new Request(Option.some(value), offset, cursor, statuses, channels, contactId, unread, anyTags, allTags, agent, team, starred, updatedSince, order);
    }

    /** Returns this request with an offset. */
    public Request offset(int value) {
      return new Request(limit, Option.some(value), cursor, statuses, channels, contactId, unread, anyTags, allTags, agent, team, starred, updatedSince, order);
    }

    /** Returns this request continuing after the page that returned {@code value}. */
    public Request cursor(String value) {
      return new Request(limit, offset, Option.some(value), statuses, channels, contactId, unread, anyTags, allTags, agent, team, starred, updatedSince, order);
    }

    /** Returns this request with status words (added to those already given). */
    public Request statuses(String... values) {
      return new Request(limit, offset, cursor, statuses.appendAll(Arrays.asList(values)), channels, contactId, unread, anyTags, allTags, agent, team, starred, updatedSince, order);
    }

    /** Returns this request with statuses (added to those already given). */
    public Request statuses(Status... values) {
      return statuses(List.of(values).map(s -> s.name().toLowerCase(Locale.ROOT)).toJavaArray(String[]::new));
    }

    /** Returns this request with channel words (added to those already given). */
    public Request channels(String... values) {
      return new Request(limit, offset, cursor, statuses, channels.appendAll(Arrays.asList(values)), contactId, unread, anyTags, allTags, agent, team, starred, updatedSince, order);
    }

    /** Returns this request with a contact (customer) id. */
    public Request contactId(String value) {
      return new Request(limit, offset, cursor, statuses, channels, Option.some(value), unread, anyTags, allTags, agent, team, starred, updatedSince, order);
    }

    /** Returns this request selecting unread (true) or read (false) conversations. */
    public Request unread(boolean value) {
      return new Request(limit, offset, cursor, statuses, channels, contactId, Option.some(value), anyTags, allTags, agent, team, starred, updatedSince, order);
    }

    /** Returns this request with tags of which at least one must be present. */
    public Request anyTags(String... values) {
      return new Request(limit, offset, cursor, statuses, channels, contactId, unread, anyTags.appendAll(Arrays.asList(values)), allTags, agent, team, starred, updatedSince, order);
    }

    /** Returns this request with tags that must all be present. */
    public Request allTags(String... values) {
      return new Request(limit, offset, cursor, statuses, channels, contactId, unread, anyTags, allTags.appendAll(Arrays.asList(values)), agent, team, starred, updatedSince, order);
    }

    /** Returns this request selecting conversations assigned to this human agent id. */
    public Request agent(String value) {
      return new Request(limit, offset, cursor, statuses, channels, contactId, unread, anyTags, allTags, Option.some(value), team, starred, updatedSince, order);
    }

    /** Returns this request selecting conversations assigned to this team id. */
    public Request team(String value) {
      return new Request(limit, offset, cursor, statuses, channels, contactId, unread, anyTags, allTags, agent, Option.some(value), starred, updatedSince, order);
    }

    /** Returns this request selecting starred (true) or unstarred (false) conversations. */
    public Request starred(boolean value) {
      return new Request(limit, offset, cursor, statuses, channels, contactId, unread, anyTags, allTags, agent, team, Option.some(value), updatedSince, order);
    }

    /** Returns this request selecting conversations updated at or after this instant. */
    public Request updatedSince(Instant value) {
      return new Request(limit, offset, cursor, statuses, channels, contactId, unread, anyTags, allTags, agent, team, starred, Option.some(value), order);
    }

    /** Returns this request with an order word ({@code last_activity} or {@code created}). */
    public Request order(String value) {
      return new Request(limit, offset, cursor, statuses, channels, contactId, unread, anyTags, allTags, agent, team, starred, updatedSince, Option.some(value));
    }

    /**
     * Checks the request.
     *
     * @return the query, or every violation: {@code limit} out of 1 to {@value #MAX_LIMIT}
     *     ({@code limit-out-of-range}), a negative {@code offset} ({@code offset-negative}), an
     *     offset with a cursor ({@code offset-with-cursor}), a malformed cursor
     *     ({@code malformed-cursor}) or one from another query ({@code cursor-does-not-match-query}),
     *     an unknown status, channel or order word ({@code unknown-status}, {@code unknown-channel},
     *     {@code unknown-order}), an invalid tag or id
     */
    public Validation<Seq<Violation>, ConversationQuery> validate() {
      List<Violation> problems = List.empty();
      int size = limit.getOrElse(DEFAULT_LIMIT);
      problems = problems.appendAll(limitProblem(size));
      if (offset.exists(o -> o < 0)) {
        problems = problems.append(new Violation("offset", "offset-negative",
            "offset must be 0 or more, was " + offset.get()));
      }
      if (offset.isDefined() && cursor.isDefined()) {
        problems = problems.append(new Violation("offset", "offset-with-cursor",
            "give an offset or a cursor, not both"));
      }
      Validation<Seq<Violation>, Set<Status>> parsedStatuses = words("statuses", "unknown-status", statuses, Status.class);
      Validation<Seq<Violation>, Set<ChannelType>> parsedChannels = words("channels", "unknown-channel", channels, ChannelType.class);
      Validation<Seq<Violation>, Order> parsedOrder = order.map(w -> word("order", "unknown-order", w, Order.class))
          .getOrElse(Validation.valid(Order.LAST_ACTIVITY));
      Validation<Seq<Violation>, Set<Tag>> parsedAny = tags("anyTags", anyTags);
      Validation<Seq<Violation>, Set<Tag>> parsedAll = tags("allTags", allTags);
      Validation<Seq<Violation>, Option<ContactId>> parsedContact = id("contactId", contactId, ContactId::of);
      Validation<Seq<Violation>, Option<HumanAgentId>> parsedAgent = id("agent", agent, HumanAgentId::of);
      Validation<Seq<Violation>, Option<TeamId>> parsedTeam = id("team", team, TeamId::of);
      for (Validation<Seq<Violation>, ?> v : List.of(parsedStatuses, parsedChannels, parsedOrder, parsedAny, parsedAll,
          parsedContact, parsedAgent, parsedTeam)) {
        if (v.isInvalid()) {
          problems = problems.appendAll(v.getError());
        }
      }
      if (!problems.isEmpty()) {
        if (cursor.isDefined() && !Cursors.wellFormed(cursor.get())) {
          problems = problems.append(Cursors.conversations(cursor.get(), Order.LAST_ACTIVITY, ConversationFilter.all()).getError());
        }
        return Validation.invalid(problems);
      }
      ConversationFilter filter = new ConversationFilter(parsedStatuses.get(), parsedChannels.get(), parsedContact.get(),
          unread, parsedAny.get(), parsedAll.get(), parsedAgent.get(), parsedTeam.get(), starred, updatedSince);
      ConversationQuery query = new ConversationQuery(filter, parsedOrder.get(), size, new Paging.Offset(offset.getOrElse(0)));
      if (cursor.isEmpty()) {
        return Validation.valid(query);
      }
      return query.after(cursor.get()).mapError(List::of);
    }

    private static <E extends Enum<E>> Validation<Seq<Violation>, Set<E>> words(
        String field, String rule, Seq<String> words, Class<E> type) {
      Seq<Validation<Seq<Violation>, E>> parsed = words.map(w -> word(field, rule, w, type));
      Seq<Violation> problems = parsed.filter(Validation::isInvalid).flatMap(Validation::getError);
      return problems.isEmpty()
          ? Validation.valid(TreeSet.ofAll(parsed.map(Validation::get)))
          : Validation.invalid(problems);
    }

    private static <E extends Enum<E>> Validation<Seq<Violation>, E> word(String field, String rule, String word, Class<E> type) {
      String name = word.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(name)) {
          return Validation.valid(constant);
        }
      }
      String expected = List.of(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).mkString(", ");
      return Validation.invalid(List.of(new Violation(field, rule,
          "unknown word '" + word + "'; expected one of " + expected)));
    }

    private static Validation<Seq<Violation>, Set<Tag>> tags(String field, Seq<String> raw) {
      Seq<Validation<Violation, Tag>> parsed = raw.map(t -> Tag.parse(field, t));
      Seq<Violation> problems = parsed.filter(Validation::isInvalid).map(Validation::getError);
      return problems.isEmpty()
          ? Validation.valid(TreeSet.ofAll(parsed.map(Validation::get)))
          : Validation.invalid(problems);
    }

    private static <T> Validation<Seq<Violation>, Option<T>> id(String field, Option<String> raw, Function<String, T> of) {
      if (raw.isEmpty()) {
        return Validation.valid(Option.none());
      }
      try {
        return Validation.valid(Option.some(of.apply(raw.get())));
      } catch (IllegalArgumentException e) {
        return Validation.invalid(List.of(new Violation(field, "invalid-id", e.getMessage())));
      }
    }
  }
}
