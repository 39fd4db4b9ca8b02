package dev.conversation.service;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Directory;
import io.vavr.Tuple2;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who a customer is, by address: the one place inbound routing and creation find or save a
 * contact. An existing contact holding one of the addresses is used as it is: the directory is
 * the host's CRM, and the library never edits a contact it did not just create. Otherwise a new
 * contact is saved under an id derived from the tenant and its first address, so whoever meets
 * the address first, in any process, saves the same contact; in this process, resolutions of one
 * address take turns on a lock, so the second finds what the first saved. Thread-safe.
 */
final class Contacts {

  /** How many derived ids are tried for one address before giving up (each taken by a contact that gave the address up). */
  static final int MAX_GENERATIONS = 100;

  private final Directory directory;
  private final Object[] locks = new Object[256];

  Contacts(Directory directory) {
    this.directory = directory;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Runs a directory call: the directory is the host's CRM, so any exception of it is an outage
   * ({@link Problem.Unavailable}), except an argument error, which is a bug and propagates.
   */
  static <T> io.vavr.control.Either<Problem, T> calling(String what, java.util.function.Supplier<T> call) {
    try {
      return io.vavr.control.Either.right(call.get());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw e;
    } catch (RuntimeException e) {
      return io.vavr.control.Either.left(new Problem.Unavailable(what, e));
    }
  }

  /** A contact and whether it was saved just now. */
  record Resolved(Contact contact, boolean created) {}

  /**
   * Returns the contact holding the first of {@code addresses} that any contact holds, or saves
   * {@code fresh} of a new derived id. Directory exceptions propagate.
   *
   * @param addresses the addresses, the first being the one the customer was met at; not empty
   * @param fresh the new contact for an id, holding the addresses
   */
  Resolved resolve(TenantId tenant, Seq<Tuple2<ChannelType, ContactPoint>> addresses, Function<ContactId, Contact> fresh) {
    String primary = Contact.addressKey(addresses.head()._1, addresses.head()._2);
    synchronized (locks[Math.floorMod(Objects.hash(tenant, primary), locks.length)]) {
      for (Tuple2<ChannelType, ContactPoint> address : addresses) {
        Option<Contact> found = directory.findByAddress(tenant, address._1, address._2);
        if (found.isDefined()) {
          return new Resolved(found.get(), false);
        }
      }
      Contact created = fresh.apply(freeId(tenant, primary));
      directory.save(tenant, created);
      return new Resolved(created, true);
    }
  }

  /**
   * The derived id for a new contact at the address: the first generation no contact has. A
   * contact under an earlier generation has given the address up (the customer changed number)
   * and keeps its data; every process finds the same free generation.
   */
  private ContactId freeId(TenantId tenant, String addressKey) {
    for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
      ContactId id = idFor(tenant, generation == 0 ? addressKey : addressKey + "#" + generation);
      if (directory.contact(tenant, id).isEmpty()) {
        return id;
      }
    }
    throw new IllegalStateException("every one of " + MAX_GENERATIONS + " contact ids derived from " + addressKey
        + " is taken by a contact that does not hold it any more");
  }

  /**
   * The id of a new contact met at an address: derived from the tenant and the address key. The
   * namespace keeps it apart from the ids the service derives from idempotency keys.
   */
  static ContactId idFor(TenantId tenant, String addressKey) {
    return ContactId.of("contact-" + UUID.nameUUIDFromBytes(
        ("address\u0000" + tenant.value() + "\u0000" + addressKey).getBytes(StandardCharsets.UTF_8)));
  }
}
