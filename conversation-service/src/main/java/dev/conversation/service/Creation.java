package dev.conversation.service;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Handle;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Directory;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.StoreFailure;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creation: starts a conversation (linking the contact that holds one of the customer's
 * addresses, or saving a new one, when the request names the customer or gives a further
 * address), and answers a retried create with the conversation the first one made. Thread-safe.
 */
final class Creation {

  private final ConversationStore store;
  private final CommitLoop commits;
  private final Directory directory;
  private final Contacts contacts;
  private final Supplier<String> ids;
  private final Supplier<Instant> clock;
  private final Function<NewMessage, Command.AppendMessage> append;

  Creation(ConversationStore store, CommitLoop commits, Directory directory, Contacts contacts, Supplier<String> ids, Supplier<Instant> clock,
      Function<NewMessage, Command.AppendMessage> append) {
    this.store = store;
    this.commits = commits;
    this.directory = directory;
    this.contacts = contacts;
    this.ids = ids;
    this.clock = clock;
    this.append = append;
  }

  Either<Problem, Outcome> create(TenantId tenant, NewConversation request) {
    ConversationId id = request.idempotencyKey()
        .map(key -> ConversationId.of(UUID.nameUUIDFromBytes((tenant.value() + "\u0000" + key).getBytes(StandardCharsets.UTF_8)).toString()))
        .getOrElse(() -> ConversationId.of(ids.get()));
    boolean saveContact = request.contactId().isEmpty() && (request.customerName().isDefined()
        || request.customerEmail().isDefined() || request.customerPhone().isDefined());
    StartConversation start = new StartConversation(id, tenant, request.workspace(), request.channel(),
        request.customerAddress(), request.contactId(), request.accountId(), request.subject(),
        request.aiAgentId(), request.firstMessage().map(append));
    Seq<Violation> nameProblems = request.customerName().map(Creation::nameProblems).getOrElse(List.empty())
        .appendAll(request.customerEmail().flatMap(e -> EmailAddress.parse("customerEmail", e).swap().toOption()))
        .appendAll(request.customerPhone().flatMap(p -> PhoneNumber.parse("customerPhone", p).swap().toOption()));
    Instant now = clock.get();
    Either<Rejection, Decision> decided = Lifecycle.start(start, now);
    if (decided.isLeft() || nameProblems.nonEmpty()) {
      Seq<Violation> all = decided.isLeft() && decided.getLeft() instanceof Rejection.Invalid invalid
          ? invalid.violations().appendAll(nameProblems) : nameProblems;
      return Either.left(all.isEmpty() ? new Problem.Rejected(decided.getLeft()) : new Problem.Invalid(all));
    }
    Decision decision = decided.get();
    try {
      if (store.find(tenant, id).isDefined()) {
        return replayed(tenant, id, request);
      }
      if (saveContact) {
        Either<Problem, Contact> contact = contact(tenant, id, request, decision.conversation());
        if (contact.isLeft()) {
          return Either.left(contact.getLeft());
        }
        // The same checks pass again: only the contact link differs.
        decision = Lifecycle.start(start.contactId(contact.get().id()), now).get();
      }
      Either<Conflict, Committed> result = commits.write(tenant, 0, decision);
      if (result.isLeft()) {
        return replayed(tenant, id, request);
      }
      Committed done = result.get();
      return Either.right(new Outcome(done.conversation(), done.messages(), done.events(), false));
    } catch (StoreFailure e) {
      return Either.left(new Problem.Unavailable("creating conversation " + id, e));
    }
  }

  /**
   * The request's customer as a contact: the contact holding the channel's address, or else the
   * further e-mail or phone, is linked as it is (see {@link Contacts}); otherwise a new contact
   * holding the name and every address is saved. Without any address, a new contact is saved
   * under an id derived from the idempotency key (so a retry saves no second one) or a new id.
   */
  private Either<Problem, Contact> contact(TenantId tenant, ConversationId id, NewConversation request, Conversation c) {
    Function<ContactId, Contact> fresh = contactId -> contactFor(contactId, request.customerName(), c,
        request.customerEmail().map(EmailAddress::new), request.customerPhone().map(PhoneNumber::new));
    Contact wanted = fresh.apply(ContactId.of("new"));
    List<io.vavr.Tuple2<ChannelType, ContactPoint>> addresses = c.customerAddress().map(a -> io.vavr.Tuple.of(c.channel().type(), a)).toList()
        .appendAll(wanted.email().map(e -> io.vavr.Tuple.of(ChannelType.EMAIL, (ContactPoint) e)))
        .appendAll(wanted.phone().map(p -> io.vavr.Tuple.of(ChannelType.SMS, (ContactPoint) p)))
        .distinctBy(a -> Contact.addressKey(a._1, a._2));
    return Contacts.calling("saving the contact of conversation " + id, () -> {
      if (addresses.nonEmpty()) {
        return contacts.resolve(tenant, addresses, fresh).contact();
      }
      Contact created = fresh.apply(request.idempotencyKey().isDefined() ? ContactId.of("contact-" + id) : ContactId.of(ids.get()));
      directory.save(tenant, created);
      return created;
    });
  }

  /** Answers a create whose id is taken: a replay if the request had a key, else a broken id supplier. */
  private Either<Problem, Outcome> replayed(TenantId tenant, ConversationId id, NewConversation request) {
    if (request.idempotencyKey().isEmpty()) {
      throw new IllegalStateException("the id supplier returned " + id + ", which the tenant already uses;"
          + " ids must be unique (random UUIDs are, a counter that restarts is not)");
    }
    Conversation existing = store.find(tenant, id).getOrElseThrow(() -> new IllegalStateException(
        "conversation " + id + " conflicted on create but is not there"));
    Seq<Message> first = request.firstMessage().isDefined()
        ? store.messages(tenant, id, MessageQuery.first(1)).items() : List.empty();
    boolean same = existing.workspaceId().equals(request.workspace()) && existing.channel().equals(request.channel())
        && request.firstMessage().forAll(m -> first.exists(f -> f.content().equals(m.content()) && f.author().equals(m.author())));
    if (!same) {
      return Either.left(new Problem.Invalid(List.of(new Violation("idempotencyKey", "idempotency-key-reused",
          "idempotency key '" + request.idempotencyKey().get() + "' already created conversation " + id
              + " with another workspace, channel or first message; use a new key for a new conversation"))));
    }
    return Either.right(new Outcome(existing, first, List.empty(), true));
  }

  /** Returns what is wrong with a customer name by the contact's rules, as {@code customerName} violations. */
  static Seq<Violation> nameProblems(String name) {
    Validation<Seq<Violation>, Contact> checked = Contact.parse(ContactId.of("check"), Option.some(name), Option.none(), Option.none());
    return checked.isValid() ? List.empty() : checked.getError().map(v -> new Violation("customerName", v.rule(), v.message()));
  }

  /** The contact a conversation's customer becomes: the name, the account, the address the channel gave. */
  static Contact contactFor(ContactId id, String name, Conversation c) {
    return contactFor(id, Option.some(name), c, Option.none(), Option.none());
  }

  /**
   * The contact a conversation's customer becomes, holding the channel's address and the further
   * e-mail address and phone number given (the channel's address wins where both are of one kind).
   */
  static Contact contactFor(ContactId id, Option<String> name, Conversation c, Option<EmailAddress> email,
      Option<PhoneNumber> phone) {
    Contact.Builder contact = Contact.builder().id(id).name(name).accountId(c.accountId()).email(email).phone(phone);
    Option<ContactPoint> point = c.customerAddress();
    if (point.isDefined()) {
      ContactPoint p = point.get();
      if (p instanceof EmailAddress address) {
        contact.email(Option.some(address));
      } else if (p instanceof PhoneNumber number) {
        contact.phone(Option.some(number));
      } else if (p instanceof Handle handle && (c.channel().type().requires().contains(ContactPoint.Kind.HANDLE)
          || c.channel().type() == ChannelType.WEB_CHAT)) {
        contact.handles(HashMap.of(c.channel().type(), handle));
      }
    }
    return contact.build();
  }
}
