package dev.conversation.service;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Handle;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Route;
import dev.conversation.persistence.StoreFailure;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Inbound routing and follow-ups: finds (or saves) the sender's contact, then the one open
 * conversation on the route (channel, contact), and appends, creates, or follows up a closed one.
 *
 * <p>Exactly once comes from the store, not from timing: a new conversation is
 * {@linkplain ConversationStore#open opened} on its route, which the store refuses while another
 * is open there, and the message carries the provider's id as its idempotency key, which the
 * store keeps unique per conversation. A loser of either race routes again and finds the
 * winner's conversation, or its message. Thread-safe.
 */
final class Routing {

  /** The longest provider message id accepted (an e-mail {@code Message-ID} may be long). */
  static final int MAX_PROVIDER_ID = dev.conversation.domain.Limits.MAX_PROVIDER_ID;

  private final ConversationStore store;
  private final CommitLoop commits;
  private final Supplier<String> ids;
  private final Supplier<Instant> clock;
  private final Map<ChannelType, AfterResolved> afterResolved;
  private final int attempts;
  private final Contacts contacts;

  Routing(ConversationStore store, Contacts contacts, CommitLoop commits, Supplier<String> ids, Supplier<Instant> clock,
      Map<ChannelType, AfterResolved> afterResolved, int attempts) {
    this.store = store;
    this.contacts = contacts;
    this.commits = commits;
    this.ids = ids;
    this.clock = clock;
    this.afterResolved = afterResolved.isEmpty() ? new EnumMap<>(ChannelType.class) : new EnumMap<>(afterResolved);
    this.attempts = attempts;
  }

  Either<Problem, Received> receive(TenantId tenant, InboundMessage in) {
    Validation<Seq<Violation>, ContactPoint> checked = check(tenant, in);
    if (checked.isInvalid()) {
      return Either.left(new Problem.Invalid(checked.getError()));
    }
    ContactPoint from = checked.get();
    Either<Problem, Contacts.Resolved> contact = contact(tenant, in, from);
    if (contact.isLeft()) {
      return Either.left(contact.getLeft());
    }
    Contacts.Resolved sender = contact.get();
    Route route = Route.of(in.channel(), sender.contact().id());
    Command.AppendMessage message = new Command.AppendMessage(MessageId.of(ids.get()), Participant.customer(), in.content(),
        List.empty(), Option.some(idempotencyKey(in.providerMessageId())), dev.conversation.domain.MessageType.TEXT,
        in.attachments());
    try {
      for (int attempt = 1; attempt <= attempts; attempt++) {
        Option<Either<Problem, Received>> done = route(tenant, in, from, sender, route, message);
        if (done.isDefined()) {
          return done.get();
        }
      }
      return Either.left(new Problem.Contended(store.latest(tenant, route).map(Conversation::id)
          .getOrElse(() -> ConversationId.of("none")), attempts));
    } catch (StoreFailure e) {
      return Either.left(new Problem.Unavailable("receiving message " + in.providerMessageId(), e));
    }
  }

  /** One routing attempt; none if a concurrent writer changed the route and it must be routed again. */
  private Option<Either<Problem, Received>> route(
      TenantId tenant, InboundMessage in, ContactPoint from, Contacts.Resolved sender, Route route, Command.AppendMessage message) {
    Option<Conversation> hinted = in.replyTo().flatMap(id -> store.find(tenant, id))
        .filter(c -> c.contactId().contains(sender.contact().id()) && c.channel().equals(in.channel()) && c.status() != Status.CLOSED);
    Option<Conversation> latest = hinted.orElse(() -> store.latest(tenant, route));
    if (latest.isEmpty()) {
      StartConversation start = StartConversation.of(ConversationId.of(ids.get()), tenant, in.workspace(), in.channel())
          .contactId(sender.contact().id()).firstMessage(message);
      start = in.channel().type().requires().isDefined() ? start.customerAddress(from.value()) : start;
      start = sender.contact().accountId().map(start::accountId).getOrElse(start);
      return open(tenant, route, Lifecycle.start(start, clock.get()), Received.Delivery.CREATED, sender);
    }
    Conversation current = latest.get();
    Option<Either<Problem, Received>> duplicate = duplicate(tenant, current, message, sender);
    if (duplicate.isDefined()) {
      return duplicate;
    }
    boolean followUp = afterResolved.getOrDefault(in.channel().type(), AfterResolved.REOPEN) == AfterResolved.FOLLOW_UP;
    if (current.status() == Status.CLOSED) {
      return open(tenant, route, Lifecycle.followUp(current, ConversationId.of(ids.get()), Option.some(message), clock.get()),
          Received.Delivery.FOLLOW_UP, sender);
    }
    if (current.status() == Status.RESOLVED && followUp) {
      Either<Problem, Outcome> closed = commits.change(tenant, current.id(), c -> Either.right(
          c.status() == Status.RESOLVED && !erased(c) ? List.of(new Command.Close(Participant.system())) : List.empty()));
      if (closed.isLeft()) {
        return Option.some(Either.left(closed.getLeft()));
      }
      Conversation now = closed.get().conversation();
      return now.status() == Status.CLOSED
          ? open(tenant, route, Lifecycle.followUp(now, ConversationId.of(ids.get()), Option.some(message), clock.get()),
              Received.Delivery.FOLLOW_UP, sender)
          : Option.none();  // reopened meanwhile: route again
    }
    Status[] before = new Status[1];
    Either<Problem, Outcome> appended = commits.change(tenant, current.id(), c -> {
      if (c.status() == Status.CLOSED || c.status() == Status.RESOLVED && followUp || erased(c)) {
        return Either.right(List.empty());  // route again
      }
      before[0] = c.status();
      return Either.right(List.of(message));
    });
    if (appended.isLeft()) {
      return Option.some(Either.left(appended.getLeft()));
    }
    Outcome outcome = appended.get();
    if (outcome.replayed()) {
      return Option.some(Either.right(new Received(outcome, Received.Delivery.DUPLICATE, sender.contact().id(), sender.created())));
    }
    if (!outcome.changed()) {
      return Option.none();  // closed or erased meanwhile: route again
    }
    Received.Delivery how = before[0] == Status.RESOLVED ? Received.Delivery.REOPENED
        : before[0] == Status.SNOOZED ? Received.Delivery.WOKEN : Received.Delivery.CONTINUED;
    return Option.some(Either.right(new Received(outcome, how, sender.contact().id(), sender.created())));
  }

  /**
   * Whether the conversation was erased since routing found it: an erasure unlinks a routed
   * conversation from its contact (nothing else does) and from its route, so routing again opens
   * a new conversation rather than writing the person's new message into the erased one.
   */
  private static boolean erased(Conversation c) {
    return c.contactId().isEmpty();
  }

  /**
   * The original, if the provider message id was already received in this conversation or the
   * one it follows up (a redelivery after the thread moved on); or {@link Problem.KeyReused} if
   * it was received with other content.
   */
  private Option<Either<Problem, Received>> duplicate(TenantId tenant, Conversation current, Command.AppendMessage m,
      Contacts.Resolved sender) {
    String key = m.idempotencyKey().get();
    Option<Message> original = store.findByIdempotencyKey(tenant, current.id(), key)
        .orElse(() -> current.followUpOf().flatMap(previous -> store.findByIdempotencyKey(tenant, previous, key)));
    if (original.isEmpty()) {
      return Option.none();
    }
    Message o = original.get();
    if (!o.content().equals(m.content()) || !o.author().equals(m.by()) || !o.attachments().equals(m.attachments())) {
      return Option.some(Either.left(new Problem.KeyReused(o.conversationId(), key, o)));
    }
    Conversation holder = o.conversationId().equals(current.id()) ? current
        : store.find(tenant, o.conversationId()).getOrElse(current);
    return Option.some(Either.right(new Received(new Outcome(holder, List.of(o), List.empty(), true),
        Received.Delivery.DUPLICATE, sender.contact().id(), sender.created())));
  }

  /** Opens a conversation on the route; none if another was opened there first. */
  private Option<Either<Problem, Received>> open(TenantId tenant, Route route, Either<Rejection, Decision> decided,
      Received.Delivery how, Contacts.Resolved sender) {
    if (decided.isLeft()) {
      return Option.some(Either.left(Problem.of(decided.getLeft())));
    }
    Either<Conflict, Committed> result = commits.open(tenant, route, decided.get());
    if (result.isRight()) {
      Committed done = result.get();
      return Option.some(Either.right(new Received(new Outcome(done.conversation(), done.messages(), done.events(), false),
          how, sender.contact().id(), sender.created())));
    }
    if (result.getLeft() instanceof Conflict.RouteTaken) {
      return Option.none();
    }
    throw unusableId(result.getLeft());
  }

  /** Starts a follow-up of a closed conversation for staff (the "compose" path). */
  Either<Problem, Outcome> followUp(TenantId tenant, ConversationId closedId, Option<Command.AppendMessage> first) {
    try {
      Option<Conversation> found = store.find(tenant, closedId);
      if (found.isEmpty()) {
        return Either.left(new Problem.NotFound(closedId));
      }
      Conversation closed = found.get();
      Either<Rejection, Decision> decided = Lifecycle.followUp(closed, ConversationId.of(ids.get()), first, clock.get());
      if (decided.isLeft()) {
        return Either.left(Problem.of(decided.getLeft()));
      }
      Either<Conflict, Committed> result = closed.contactId().isDefined()
          ? commits.open(tenant, Route.of(closed.channel(), closed.contactId().get()), decided.get())
          : commits.write(tenant, 0, decided.get());
      if (result.isLeft() && result.getLeft() instanceof Conflict.RouteTaken taken) {
        return Either.left(new Problem.AlreadyOpen(closedId, taken.holder()));
      }
      Committed done = result.getOrElseThrow(Routing::unusableId);
      return Either.right(new Outcome(done.conversation(), done.messages(), done.events(), false));
    } catch (StoreFailure e) {
      return Either.left(new Problem.Unavailable("following up conversation " + closedId, e));
    }
  }

  private static IllegalStateException unusableId(Conflict conflict) {
    return new IllegalStateException("the id supplier returned an id the tenant already uses (" + conflict.message()
        + "); ids must be unique (random UUIDs are, a counter that restarts is not)");
  }

  /**
   * Finds the contact holding the sender's address, or saves a new one holding it with the
   * sender's name (see {@link Contacts}); a known contact is not edited.
   */
  private Either<Problem, Contacts.Resolved> contact(TenantId tenant, InboundMessage in, ContactPoint from) {
    ChannelType type = in.channel().type();
    return Contacts.calling("finding the contact of the sender of " + in.providerMessageId(),
        () -> contacts.resolve(tenant, List.of(io.vavr.Tuple.of(type, from)), id -> {
          Contact.Builder contact = Contact.builder().id(id).name(in.senderName());
          if (from instanceof PhoneNumber phone) {
            contact.phone(Option.some(phone));
          } else if (from instanceof EmailAddress email) {
            contact.email(Option.some(email));
          } else if (from instanceof Handle handle) {
            contact.handles(HashMap.of(type, handle));
          }
          return contact.build();
        }));
  }

  /**
   * Checks the message before anything is looked up or stored, reporting every problem: the
   * sender's address for the channel ({@code from}), the content by the lifecycle's rules
   * ({@code content}), the provider message id ({@code providerMessageId}), the sender's name
   * ({@code senderName}).
   */
  private Validation<Seq<Violation>, ContactPoint> check(TenantId tenant, InboundMessage in) {
    ChannelType type = in.channel().type();
    Validation<Violation, ? extends ContactPoint> from = switch (type.requires().getOrElse(ContactPoint.Kind.HANDLE)) {
      case PHONE -> PhoneNumber.parse("from", in.from());
      case EMAIL -> EmailAddress.parse("from", in.from());
      case HANDLE -> Handle.parse("from", in.from());
    };
    List<Violation> problems = from.isInvalid() ? List.of(from.getError()) : List.empty();
    // The content's rules are the lifecycle's: ask it to start a conversation with this message.
    StartConversation probe = StartConversation.of(ConversationId.of("check"), tenant, in.workspace(), Channel.of(ChannelType.WEB_CHAT))
        .firstMessage(Command.AppendMessage.of(MessageId.of("check"), Participant.customer(), in.content())
            .withAttachments(in.attachments()));
    Either<Rejection, Decision> decided = Lifecycle.start(probe, Instant.EPOCH);
    if (decided.isLeft() && decided.getLeft() instanceof Rejection.Invalid invalid) {
      problems = problems.appendAll(invalid.violations().map(v -> new Violation(
          v.field().replaceFirst("^firstMessage\\.", ""), v.rule(), v.message().replace("firstMessage.", ""))));
    }
    problems = problems.appendAll(providerIdProblem(in.providerMessageId(), "the provider's id of the message, which makes"
        + " redeliveries harmless"));
    problems = problems.appendAll(in.senderName().map(Creation::nameProblems).getOrElse(List.empty())
        .map(v -> new Violation("senderName", v.rule(), v.message())));
    return problems.isEmpty() ? Validation.valid(from.get()) : Validation.invalid(problems);
  }

  /**
   * The problem with a channel provider's message id, if any: required, at most
   * {@value #MAX_PROVIDER_ID} characters, well-formed text without NUL. Checked before the id
   * reaches a store, so that no store can fail on it.
   */
  static Option<Violation> providerIdProblem(String id, String what) {
    if (id.isBlank()) {
      return Option.some(new Violation("providerMessageId", "required", "providerMessageId is required: " + what));
    }
    if (id.length() > MAX_PROVIDER_ID) {
      return Option.some(new Violation("providerMessageId", "too-long",
          "providerMessageId must be at most " + MAX_PROVIDER_ID + " characters, was " + id.length()));
    }
    if (id.codePoints().anyMatch(c -> c == 0 || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      return Option.some(new Violation("providerMessageId", "malformed-text",
          "providerMessageId must be well-formed Unicode text without NUL characters"));
    }
    return Option.none();
  }

  /** Whether a client's idempotency key uses the prefixes reserved for inbound messages. */
  static boolean reserved(String idempotencyKey) {
    return idempotencyKey.startsWith("inbound:") || idempotencyKey.startsWith("inbound#");
  }

  /**
   * The message's idempotency key: the provider's id, prefixed (clients may not use the prefix,
   * see {@link #reserved}); hashed when the id would not fit a key.
   */
  static String idempotencyKey(String providerMessageId) {
    String plain = "inbound:" + providerMessageId;
    if (plain.length() <= dev.conversation.domain.Limits.MAX_ID) {
      return plain;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(providerMessageId.getBytes(StandardCharsets.UTF_8));
      return "inbound#" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
