package dev.conversation.persistence;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.TenantId;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The in-memory {@link Directory}: two concurrent maps keyed by (tenant, id), and an address
 * index from (tenant, {@link Contact#addressKey address key}) to the ids of the contacts holding
 * it, in id order. A save moves the contact's index entries from its old addresses to its new
 * ones; a lookup checks the contact itself, so an entry that lags a concurrent save is never
 * answered.
 */
final class InMemoryDirectory implements Directory {

  private record Key<I>(TenantId tenant, I id) {}

  private final ConcurrentMap<Key<ContactId>, Contact> contacts = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key<AccountId>, Account> accounts = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key<String>, Set<ContactId>> addresses = new ConcurrentHashMap<>();

  @Override
  public Option<Contact> contact(TenantId tenant, ContactId id) {
    return Option.of(contacts.get(new Key<>(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(id, "id"))));
  }

  @Override
  public Option<Account> account(TenantId tenant, AccountId id) {
    return Option.of(accounts.get(new Key<>(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(id, "id"))));
  }

  @Override
  public Option<Contact> findByAddress(TenantId tenant, ChannelType channel, ContactPoint address) {
    Key<String> key = new Key<>(Objects.requireNonNull(tenant, "tenant"), Contact.addressKey(channel, address));
    Set<ContactId> holders = addresses.getOrDefault(key, Set.of());
    // The index may lag a concurrent save: the contact itself has the last word.
    for (ContactId id : holders) {
      Option<Contact> found = contact(tenant, id).filter(c -> c.holds(channel, address));
      if (found.isDefined()) {
        return found;
      }
    }
    return Option.none();
  }

  /** Saves take turns, so a contact's record and its index entries move together; reads take no lock. */
  @Override
  public synchronized void save(TenantId tenant, Contact contact) {
    Objects.requireNonNull(contact, "contact");
    Contact before = contacts.put(new Key<>(Objects.requireNonNull(tenant, "tenant"), contact.id()), contact);
    io.vavr.collection.Set<String> now = contact.addressKeys();
    for (String address : now) {
      addresses.computeIfAbsent(new Key<>(tenant, address), k -> new ConcurrentSkipListSet<>(BY_VALUE)).add(contact.id());
    }
    if (before != null) {
      for (String dropped : before.addressKeys().removeAll(now)) {
        addresses.computeIfPresent(new Key<>(tenant, dropped), (k, ids) -> {
          ids.remove(contact.id());
          return ids;
        });
      }
    }
  }

  /** Takes its turn with saves, so the contact's index entries go with it. */
  @Override
  public synchronized boolean delete(TenantId tenant, ContactId id) {
    Contact before = contacts.remove(new Key<>(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(id, "id")));
    if (before == null) {
      return false;
    }
    for (String dropped : before.addressKeys()) {
      addresses.computeIfPresent(new Key<>(tenant, dropped), (k, ids) -> {
        ids.remove(id);
        return ids.isEmpty() ? null : ids;
      });
    }
    return true;
  }

  private static final Comparator<ContactId> BY_VALUE = Comparator.comparing(ContactId::value);

  @Override
  public void save(TenantId tenant, Account account) {
    accounts.put(new Key<>(Objects.requireNonNull(tenant, "tenant"), account.id()), account);
  }
}
