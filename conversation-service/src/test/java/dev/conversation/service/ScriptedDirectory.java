package dev.conversation.service;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Directory;
import io.vavr.control.Option;
import java.util.function.BiFunction;

/**
 * A directory over a real in-memory one whose lookups a test may replace: to fail, to be slow,
 * or to wait for each other.
 */
class ScriptedDirectory implements Directory {

  final Directory delegate = Directory.inMemory();
  volatile BiFunction<TenantId, ContactId, Option<Contact>> contactLookup = delegate::contact;
  volatile BiFunction<TenantId, AccountId, Option<Account>> accountLookup = delegate::account;
  volatile BiFunction<TenantId, ContactId, Boolean> deletion = delegate::delete;

  @Override
  public Option<Contact> contact(TenantId tenant, ContactId id) {
    return contactLookup.apply(tenant, id);
  }

  @Override
  public Option<Account> account(TenantId tenant, AccountId id) {
    return accountLookup.apply(tenant, id);
  }

  @Override
  public Option<Contact> findByAddress(TenantId tenant, dev.conversation.domain.ChannelType channel,
      dev.conversation.domain.ContactPoint address) {
    return delegate.findByAddress(tenant, channel, address);
  }

  @Override
  public void save(TenantId tenant, Contact contact) {
    delegate.save(tenant, contact);
  }

  @Override
  public void save(TenantId tenant, Account account) {
    delegate.save(tenant, account);
  }

  @Override
  public boolean delete(TenantId tenant, dev.conversation.domain.ContactId id) {
    return deletion.apply(tenant, id);
  }
}
