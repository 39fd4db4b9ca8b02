package dev.conversation.wire.agentclara;

import dev.conversation.domain.Actor;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.Violation;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.wire.ApiError;
import dev.conversation.wire.agentclara.AgentClaraRequest.CreateConversation;
import dev.conversation.wire.agentclara.AgentClaraRequest.ListConversations;
import dev.conversation.wire.agentclara.AgentClaraRequest.SendMessage;
import dev.conversation.wire.agentclara.AgentClaraRequest.UpdateConversation;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * AgentClara's words (seed 001) and the canonical model, both directions. Pure functions over
 * immutable values: no JSON, no I/O; thread-safe.
 *
 * <h2>Status</h2>
 *
 * <p>Outbound ({@link #statusWord}): NEW, ACTIVE, WAITING, HUMAN_MANAGED and SNOOZED are
 * {@code open}; RESOLVED is {@code resolved}; CLOSED is {@code closed}. <b>Lost:</b> who owns an
 * open conversation (AI or human), whose turn it is, that it is snoozed and until when, and who
 * resolved it (AI or human) and with which outcome.
 *
 * <p>Inbound ({@link #statusCommand}): a word and the conversation's current state give the
 * command to run, or none when the word already describes the state:
 *
 * <table>
 *   <caption>status words to commands</caption>
 *   <tr><th>word</th><th>current word</th><th>command</th></tr>
 *   <tr><td>open</td><td>open</td><td>none (no change)</td></tr>
 *   <tr><td>open</td><td>resolved, closed</td><td>{@link Command.Reopen}</td></tr>
 *   <tr><td>resolved</td><td>resolved</td><td>none (no change)</td></tr>
 *   <tr><td>resolved</td><td>open, closed</td><td>{@link Command.Resolve} with the given outcome</td></tr>
 *   <tr><td>closed</td><td>closed</td><td>none (no change)</td></tr>
 *   <tr><td>closed</td><td>open, resolved</td><td>{@link Command.Close}</td></tr>
 * </table>
 *
 * <p>The lifecycle still decides every command: reopening or resolving a closed conversation is
 * its {@code closed-is-read-only} rejection, a system caller resolving a human-managed one its
 * actor rule. This class does not repeat those rules.
 *
 * <h2>Channel</h2>
 *
 * <p>{@code sms, email, instagram, facebook, whatsapp, voice} are SMS, EMAIL, INSTAGRAM,
 * FACEBOOK, WHATSAPP and VOICE, both ways. SLACK and WEB_CHAT have no AgentClara word: they are
 * rendered {@code slack} and {@code web_chat} (so that every conversation can be shown) but
 * refused inbound, in filters and in creates, as not documented.
 *
 * <h2>Sender</h2>
 *
 * <p>{@code customer} is the customer and {@code assistant} (the default) the AI agent. Outbound,
 * every non-customer author (AI agent, human agent, system) is {@code assistant}: <b>lost</b>
 * whether a human or an automation wrote it.
 *
 * <h2>Errors</h2>
 *
 * <p>A check that fails answers a 400 {@link ApiError} ({@link ApiError#invalid}): every problem
 * found, in the parameters' order, in its message, and the first one's parameter and rule.
 *
 * <p>Package-private: {@link AgentClaraApi} is what a host calls.
 */
final class AgentClaraVocabulary {

  /** The status word of the five open states. */
  static final String OPEN = "open";

  /** The status word of RESOLVED. */
  static final String RESOLVED = "resolved";

  /** The status word of CLOSED. */
  static final String CLOSED = "closed";

  /** The documented status words, in the document's order. */
  static final Seq<String> STATUS_WORDS = List.of(OPEN, CLOSED, RESOLVED);

  /** The documented channel words, in the document's order. */
  static final Seq<String> CHANNEL_WORDS = List.of("sms", "email", "instagram", "facebook", "whatsapp", "voice");

  /** The documented sender words; {@code assistant} is the default. */
  static final Seq<String> SENDER_WORDS = List.of("customer", "assistant");

  /** The page size when a listing does not give one. */
  static final int DEFAULT_LIMIT = ConversationQuery.DEFAULT_LIMIT;

  /** The largest page size a listing may ask for. */
  static final int MAX_LIMIT = ConversationQuery.MAX_LIMIT;

  private static final Set<Status> OPEN_STATUSES =
      TreeSet.of(Status.NEW, Status.ACTIVE, Status.WAITING, Status.HUMAN_MANAGED, Status.SNOOZED);
  private static final Pattern DIGITS = Pattern.compile("-?[0-9]+");

  private AgentClaraVocabulary() {}

  // ----------------------------------------------------------------------------------- status

  /** Returns the AgentClara status word of a status: {@code open}, {@code resolved} or {@code closed}. */
  static String statusWord(Status status) {
    Objects.requireNonNull(status, "status");
    return switch (status) {
      case NEW, ACTIVE, WAITING, HUMAN_MANAGED, SNOOZED -> OPEN;
      case RESOLVED -> RESOLVED;
      case CLOSED -> CLOSED;
    };
  }

  /**
   * Returns the statuses a status word selects in a listing: {@code open} selects the five open
   * states.
   *
   * @return the statuses, or a bad request naming {@code status} for any other word
   */
  static Either<ApiError, Set<Status>> statuses(String word) {
    return statusSet(word).mapLeft(ApiError::invalid);
  }

  /** {@link #statuses}, its problem as the violation a check collects. */
  private static Either<Violation, Set<Status>> statusSet(String word) {
    Objects.requireNonNull(word, "word");
    return switch (word) {
      case OPEN -> Either.right(OPEN_STATUSES);
      case RESOLVED -> Either.right(TreeSet.of(Status.RESOLVED));
      case CLOSED -> Either.right(TreeSet.of(Status.CLOSED));
      default -> Either.left(new Violation("status", "unknown-status", unknown("status", word, STATUS_WORDS)));
    };
  }

  /**
   * Returns the command that moves a conversation to the state a status word names (the table
   * in the class comment), or none when it is already there.
   *
   * @param word the requested word
   * @param current the conversation as it is now
   * @param by who asks (the host's API caller: a human agent, or {@link Participant#system()})
   * @param outcome the outcome a {@code resolved} word resolves with (AgentClara sends none)
   * @return the command or none, or a bad request naming {@code status} and the documented words
   *     for any other word
   */
  static Either<ApiError, Option<Command>> statusCommand(
      String word, Conversation current, Participant by, String outcome) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(outcome, "outcome");
    return statuses(word).map(ignored -> {
      if (word.equals(statusWord(current.status()))) {
        return Option.none();
      }
      Command command = switch (word) {
        case OPEN -> new Command.Reopen(by);
        case RESOLVED -> new Command.Resolve(by, outcome);
        default -> new Command.Close(by);
      };
      return Option.some(command);
    });
  }

  // ---------------------------------------------------------------------------------- channel

  /**
   * Returns the channel word of a channel type: the documented word, or {@code slack} and
   * {@code web_chat}, which AgentClara does not document (and {@link #channel} refuses).
   */
  static String channelWord(ChannelType type) {
    Objects.requireNonNull(type, "type");
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Returns the channel type of a documented channel word.
   *
   * @return the type, or a bad request naming {@code channel} and the documented words for any
   *     other word ({@code slack} and {@code web_chat} included)
   */
  static Either<ApiError, ChannelType> channel(String word) {
    return channelType(word).mapLeft(ApiError::invalid);
  }

  /** {@link #channel}, its problem as the violation a check collects. */
  private static Either<Violation, ChannelType> channelType(String word) {
    Objects.requireNonNull(word, "word");
    return switch (word) {
      case "sms" -> Either.right(ChannelType.SMS);
      case "email" -> Either.right(ChannelType.EMAIL);
      case "instagram" -> Either.right(ChannelType.INSTAGRAM);
      case "facebook" -> Either.right(ChannelType.FACEBOOK);
      case "whatsapp" -> Either.right(ChannelType.WHATSAPP);
      case "voice" -> Either.right(ChannelType.VOICE);
      default -> Either.left(new Violation("channel", "unknown-channel", unknown("channel", word, CHANNEL_WORDS)));
    };
  }

  // ----------------------------------------------------------------------------------- sender

  /** Returns the sender word of a message author: {@code customer}, or {@code assistant} for everyone else. */
  static String senderWord(Participant author) {
    Objects.requireNonNull(author, "author");
    return author.actor() == Actor.CUSTOMER ? "customer" : "assistant";
  }

  /**
   * Returns the author a sender word stands for: the customer, or the (unnamed) AI agent for
   * {@code assistant} and for no word at all.
   *
   * @return the author, or a bad request naming {@code sender} for any other word
   */
  static Either<ApiError, Participant> sender(Option<String> word) {
    return author(word).mapLeft(ApiError::invalid);
  }

  /** {@link #sender}, its problem as the violation a check collects. */
  private static Either<Violation, Participant> author(Option<String> word) {
    Objects.requireNonNull(word, "word");
    return switch (word.getOrElse("assistant")) {
      case "customer" -> Either.right(Participant.customer());
      case "assistant" -> Either.right(Participant.ai());
      default -> Either.left(new Violation("sender", "unknown-sender", unknown("sender", word.get(), SENDER_WORDS)));
    };
  }

  // ------------------------------------------------------------------------------- parameters

  /**
   * Checks List Conversations' parameters and returns the listing they ask for: last activity
   * first, {@code limit} (default 25, 1 to 100) from {@code offset} (default 0), filtered by
   * channel, status ({@code open} meaning the five open states), customer (contact) id and
   * unread (the agents' side has unread customer messages).
   *
   * @return the query, or a bad request listing every problem: a {@code limit} or
   *     {@code offset} that is not a whole number ({@code not-a-number}) or out of range, an
   *     unknown {@code channel} or {@code status} word, a malformed {@code customer_id}, an
   *     {@code unread} other than {@code true} or {@code false}
   */
  static Either<ApiError, ConversationQuery> query(ListConversations request) {
    Objects.requireNonNull(request, "request");
    List<Violation> problems = List.empty();
    Validation<Violation, Integer> limit = request.limit()
        .map(raw -> number("limit", raw).flatMap(n -> n >= 1 && n <= MAX_LIMIT ? Validation.valid(n.intValue())
            : Validation.<Violation, Integer>invalid(new Violation("limit", "limit-out-of-range",
                "limit must be 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + "), was " + raw))))
        .getOrElse(Validation.valid(DEFAULT_LIMIT));
    Validation<Violation, Integer> offset = request.offset()
        .map(raw -> number("offset", raw).flatMap(n -> n < 0
            ? Validation.<Violation, Integer>invalid(new Violation("offset", "offset-negative", "offset must be 0 or more, was " + raw))
            : n > Integer.MAX_VALUE
                ? Validation.<Violation, Integer>invalid(new Violation("offset", "offset-out-of-range",
                    "offset must be at most " + Integer.MAX_VALUE + ", was " + raw))
                : Validation.valid(n.intValue())))
        .getOrElse(Validation.valid(0));
    Either<Violation, Option<ChannelType>> channel = optional(request.channel(), AgentClaraVocabulary::channelType);
    Either<Violation, Option<Set<Status>>> statuses = optional(request.status(), AgentClaraVocabulary::statusSet);
    Either<Violation, Option<ContactId>> customer = optional(request.customerId(), AgentClaraVocabulary::customerId);
    Either<Violation, Option<Boolean>> unread = optional(request.unread(), AgentClaraVocabulary::bool);
    for (Validation<Violation, Integer> v : List.of(limit, offset)) {
      problems = v.isInvalid() ? problems.append(v.getError()) : problems;
    }
    for (Either<Violation, ?> e : List.of(channel, statuses, customer, unread)) {
      problems = e.isLeft() ? problems.append(e.getLeft()) : problems;
    }
    if (problems.nonEmpty()) {
      return Either.left(ApiError.invalid(problems));
    }
    ConversationFilter filter = ConversationFilter.all();
    filter = channel.get().map(filter::withChannels).getOrElse(filter);
    filter = statuses.get().map(s -> s.toJavaArray(Status[]::new)).map(filter::withStatuses).getOrElse(filter);
    filter = customer.get().map(filter::withContact).getOrElse(filter);
    filter = unread.get().map(filter::withUnread).getOrElse(filter);
    return Either.right(ConversationQuery.first(filter).withLimit(limit.get()).withOffset(offset.get()));
  }

  /**
   * Checks Create Conversation's parameters and returns the conversation to create in
   * {@code workspace}. The channel decides which address is required: {@code customer_phone}
   * (E.164) for sms, voice and whatsapp (our domain reaches WhatsApp by phone), and
   * {@code customer_email} for email. The other address, if sent, must be well-formed and is kept
   * beside the channel's: with {@code customer_name} or a second address, the contact holding one
   * of the addresses is linked, or else a contact holding the name and both addresses is saved. {@code message} is the first message, sent by the
   * assistant as Send Message's default sender is.
   *
   * @return the request, or a bad request listing every problem: {@code channel} missing, not
   *     documented, or {@code instagram}/{@code facebook} (they need the customer's handle, for
   *     which AgentClara has no parameter: {@code channel-needs-handle}); a required address
   *     missing; a malformed address; a blank or oversized {@code customer_name}
   */
  static Either<ApiError, NewConversation> newConversation(CreateConversation request, WorkspaceId workspace) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(workspace, "workspace");
    List<Violation> problems = List.empty();
    Option<ChannelType> type = Option.none();
    if (request.channel().isEmpty()) {
      problems = problems.append(new Violation("channel", "required",
          "channel is required; one of " + CHANNEL_WORDS.mkString(", ")));
    } else {
      Either<Violation, ChannelType> parsed = channelType(request.channel().get());
      if (parsed.isLeft()) {
        problems = problems.append(parsed.getLeft());
      } else if (parsed.get().requires().contains(ContactPoint.Kind.HANDLE)) {
        problems = problems.append(new Violation("channel", "channel-needs-handle", request.channel().get()
            + " conversations need the customer's handle, for which Create Conversation has no parameter;"
            + " they start when the customer writes on " + request.channel().get()));
      } else {
        type = Option.some(parsed.get());
      }
    }
    Option<ContactPoint.Kind> needs = type.flatMap(ChannelType::requires);
    problems = problems.appendAll(address("customer_phone", request.customerPhone(), needs.contains(ContactPoint.Kind.PHONE),
        type, raw -> PhoneNumber.parse("customer_phone", raw).map(p -> (ContactPoint) p)));
    problems = problems.appendAll(address("customer_email", request.customerEmail(), needs.contains(ContactPoint.Kind.EMAIL),
        type, raw -> EmailAddress.parse("customer_email", raw).map(e -> (ContactPoint) e)));
    problems = problems.appendAll(nameProblems(request.customerName()));
    if (problems.nonEmpty()) {
      return Either.left(ApiError.invalid(problems));
    }
    ChannelType channel = type.get();
    NewConversation created = NewConversation.on(workspace, dev.conversation.domain.Channel.of(channel));
    Option<String> address = needs.contains(ContactPoint.Kind.PHONE) ? request.customerPhone() : request.customerEmail();
    created = address.map(created::customerAddress).getOrElse(created);
    created = request.customerName().map(created::customerName).getOrElse(created);
    // The address the channel does not use is kept on the contact (a phone on an e-mail conversation).
    created = needs.contains(ContactPoint.Kind.PHONE) || request.customerPhone().isEmpty() ? created
        : created.customerPhone(request.customerPhone().get());
    created = needs.contains(ContactPoint.Kind.EMAIL) || request.customerEmail().isEmpty() ? created
        : created.customerEmail(request.customerEmail().get());
    created = request.message().map(m -> NewMessage.of(Participant.ai(), m)).map(created::firstMessage).getOrElse(created);
    return Either.right(created);
  }

  /**
   * Checks Send Message's parameters and returns the message to send.
   *
   * @return the message by the sender ({@code assistant} by default), or a bad request naming
   *     {@code content} when it is missing or {@code sender} for an unknown word (the content's
   *     length and blankness are the lifecycle's rules, reported by the service as {@code content})
   */
  static Either<ApiError, NewMessage> newMessage(SendMessage request) {
    Objects.requireNonNull(request, "request");
    Either<Violation, Participant> sender = author(request.sender());
    List<Violation> problems = request.content().isEmpty()
        ? List.of(new Violation("content", "required", "content is required: the message text"))
        : List.empty();
    problems = sender.isLeft() ? problems.append(sender.getLeft()) : problems;
    return problems.isEmpty()
        ? Either.right(NewMessage.of(sender.get(), request.content().get()))
        : Either.left(ApiError.invalid(problems));
  }

  /**
   * Checks Update Conversation's parameters before anything is changed, so that a request with a
   * bad part changes nothing.
   *
   * @return the request unchanged, or a bad request listing every problem: an unknown
   *     {@code status} word, a blank or oversized {@code customer_name}, an invalid tag
   *     ({@code tags[i]})
   */
  static Either<ApiError, UpdateConversation> checkUpdate(UpdateConversation request) {
    Objects.requireNonNull(request, "request");
    List<Violation> problems = List.empty();
    if (request.status().isDefined()) {
      Either<Violation, Set<Status>> status = statusSet(request.status().get());
      problems = status.isLeft() ? problems.append(status.getLeft()) : problems;
    }
    problems = problems.appendAll(nameProblems(request.customerName()));
    Seq<String> tags = request.tags().getOrElse(List.empty());
    for (int i = 0; i < tags.size(); i++) {
      Validation<Violation, Tag> tag = Tag.parse("tags[" + i + "]", tags.get(i));
      problems = tag.isInvalid() ? problems.append(tag.getError()) : problems;
    }
    return problems.isEmpty() ? Either.right(request) : Either.left(ApiError.invalid(problems));
  }

  // ---------------------------------------------------------------------------------- helpers

  /**
   * Renames a field the service names (camelCase, the service's terms) to AgentClara's parameter:
   * the conversation's {@code id} is {@value AgentClaraApi#CONVERSATION_ID}, the idempotency key
   * the {@code Idempotency-Key} header, the customer's address {@code customer_email} or
   * {@code customer_phone} as {@code addressKind} says, the first message {@code message} and an
   * added tag {@code tags[i]}; any other field keeps its name.
   */
  static String parameter(String field, Option<ContactPoint.Kind> addressKind) {
    if (field.equals("id")) {
      return AgentClaraApi.CONVERSATION_ID;
    }
    if (field.equals("idempotencyKey")) {
      return "Idempotency-Key";
    }
    if (field.equals("customerAddress")) {
      return addressKind.contains(ContactPoint.Kind.EMAIL) ? "customer_email" : "customer_phone";
    }
    if (field.equals("customerName")) {
      return "customer_name";
    }
    if (field.startsWith("firstMessage.")) {
      return "message";
    }
    if (field.startsWith("addTags")) {
      return "tags" + field.substring("addTags".length());
    }
    return field;
  }

  private static Seq<Violation> address(String field, Option<String> raw, boolean required, Option<ChannelType> channel,
      java.util.function.Function<String, Validation<Violation, ContactPoint>> parse) {
    if (raw.isDefined()) {
      Validation<Violation, ContactPoint> parsed = parse.apply(raw.get());
      return parsed.isInvalid() ? List.of(parsed.getError()) : List.empty();
    }
    return required
        ? List.of(new Violation(field, "required", field + " is required for " + channelWord(channel.get()) + " conversations"))
        : List.empty();
  }

  private static Seq<Violation> nameProblems(Option<String> name) {
    if (name.isEmpty()) {
      return List.empty();
    }
    Validation<Seq<Violation>, Contact> checked =
        Contact.parse(ContactId.of("customer"), name, Option.none(), Option.none());
    return checked.isValid() ? List.empty() : checked.getError().map(v -> new Violation("customer_name", v.rule(),
        v.message().startsWith("name ") ? "customer_name " + v.message().substring("name ".length()) : v.message()));
  }

  /** A whole number in decimal digits with an optional minus sign; beyond 18 digits it saturates. */
  private static Validation<Violation, Long> number(String field, String raw) {
    if (!DIGITS.matcher(raw).matches()) {
      return Validation.invalid(new Violation(field, "not-a-number", field + " must be a whole number, was '" + raw + "'"));
    }
    boolean negative = raw.startsWith("-");
    String digits = negative ? raw.substring(1) : raw;
    if (digits.length() > 18) {
      return Validation.valid(negative ? Long.MIN_VALUE : Long.MAX_VALUE);
    }
    long value = Long.parseLong(digits);
    return Validation.valid(negative ? -value : value);
  }

  private static <T> Either<Violation, Option<T>> optional(Option<String> raw, java.util.function.Function<String, Either<Violation, T>> parse) {
    return raw.isEmpty() ? Either.right(Option.none()) : parse.apply(raw.get()).map(Option::some);
  }

  private static Either<Violation, ContactId> customerId(String raw) {
    try {
      return Either.right(ContactId.of(raw));
    } catch (IllegalArgumentException e) {
      return Either.left(new Violation("customer_id", "invalid-id",
          "customer_id must be 1 to 128 characters of well-formed text, not blank"));
    }
  }

  private static Either<Violation, Boolean> bool(String raw) {
    return switch (raw) {
      case "true" -> Either.right(true);
      case "false" -> Either.right(false);
      default -> Either.left(new Violation("unread", "not-a-boolean", "unread must be true or false, was '" + raw + "'"));
    };
  }

  private static String unknown(String field, String word, Seq<String> allowed) {
    return field + " must be one of " + allowed.mkString(", ") + "; was '" + word + "'";
  }
}
