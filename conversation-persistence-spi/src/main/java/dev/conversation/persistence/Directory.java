package dev.conversation.persistence;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.TenantId;
import io.vavr.control.Option;

/**
 * The host's contact and account directory (its CRM): where a conversation's contact and
 * account are looked up to enrich it, and where a renamed or newly met contact is saved.
 *
 * <p>Scoped by tenant like the store: another tenant's contact is not there. The calls are
 * blocking and may be slow or fail (a remote CRM); callers such as the service run lookups in
 * parallel with a timeout and treat an exception as "not enriched", never as a failed request.
 * Implementations are thread-safe.
 */
public interface Directory {

  /** Returns a new, empty in-memory directory, thread-safe: the embedded default. */
  static Directory inMemory() {
    return new InMemoryDirectory();
  }

  /** Returns the tenant's contact with this id, or none. */
  Option<Contact> contact(TenantId tenant, ContactId id);

  /** Returns the tenant's account with this id, or none. */
  Option<Account> account(TenantId tenant, AccountId id);

  /**
   * Returns the tenant's contact that holds this address: found by any of a contact's addresses
   * (phone, e-mail, handle per channel type, web chat visitor id), compared as
   * {@link Contact#addressKey} spells them. If several saved contacts hold it, the one with the
   * smallest id.
   *
   * @param channel the channel type the address was met on (it qualifies handles)
   * @param address the address
   */
  Option<Contact> findByAddress(TenantId tenant, ChannelType channel, ContactPoint address);

  /**
   * Saves the contact in the tenant, replacing any contact with the same id; from now on the
   * contact is found by each of its addresses.
   */
  void save(TenantId tenant, Contact contact);

  /** Saves the account in the tenant, replacing any account with the same id. */
  void save(TenantId tenant, Account account);

  /**
   * Deletes the tenant's contact with this id: it is no longer found by id or by any of its
   * addresses. What an erasure calls first.
   *
   * @return whether there was such a contact
   */
  boolean delete(TenantId tenant, ContactId id);
}
