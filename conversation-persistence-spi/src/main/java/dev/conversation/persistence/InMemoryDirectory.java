package dev.conversation.persistence;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.TenantId;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory {@link Directory}: two concurrent maps keyed by (tenant, id), and an address
 * index from (tenant, {@link Contact#addressKey address key}) to the contact saved last with it.
 */
final class InMemoryDirectory implements Directory {

  private record Key<I>(TenantId tenant, I id) {}

  private final ConcurrentMap<Key<ContactId>, Contact> contacts = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key<AccountId>, Account> accounts = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key<String>, ContactId> addresses = new ConcurrentHashMap<>();

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
    // The index may lag a save that dropped the address: the contact itself has the last word.
    return Option.of(addresses.get(key)).flatMap(id -> contact(tenant, id)).filter(c -> c.holds(channel, address));
  }

  @Override
  public void save(TenantId tenant, Contact contact) {
    Objects.requireNonNull(contact, "contact");
    contacts.put(new Key<>(Objects.requireNonNull(tenant, "tenant"), contact.id()), contact);
    for (String address : contact.addressKeys()) {
      addresses.put(new Key<>(tenant, address), contact.id());
    }
  }

  @Override
  public void save(TenantId tenant, Account account) {
    accounts.put(new Key<>(Objects.requireNonNull(tenant, "tenant"), account.id()), account);
  }
}
