package dev.conversation.wire.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Directory;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.BiFunction;

/** A host's wiring for the endpoint tests: a service over an in-memory store and a scriptable directory. */
final class CrmHost {

  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");
  static final WorkspaceId SUPPORT = WorkspaceId.of("support");
  static final AccountId ACME_CORP = AccountId.of("acct-acme-corp");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-24T08:15:00.123456Z"), ZoneOffset.UTC);

  private CrmHost() {}

  /** A directory over an in-memory one whose lookups a test may replace (to fail, or to be slow). */
  static final class ScriptedDirectory implements Directory {
    final Directory delegate = Directory.inMemory();
    volatile BiFunction<TenantId, ContactId, Option<Contact>> contactLookup = delegate::contact;
    volatile BiFunction<TenantId, AccountId, Option<Account>> accountLookup = delegate::account;

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
      return delegate.delete(tenant, id);
    }
  }

  static Conversations.Builder service(ScriptedDirectory directory) {
    return Conversations.builder().clock(CLOCK).directory(directory);
  }

  /** An e-mail conversation of Jane at Acme Corp: the contact is saved by the create, the account beforehand. */
  static ConversationId janeAtAcme(Conversations service, ScriptedDirectory directory) {
    directory.save(ACME, new Account(ACME_CORP, "Acme Corp", Option.some("acme.example")));
    return right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.EMAIL))
        .customerAddress("jane@example.com").customerName("Jane Doe").accountId(ACME_CORP)
        .subject("Where is my parcel?"))).conversation().id();
  }

  static Outcome say(Conversations service, ConversationId id, Participant by, String text) {
    return right(service.send(ACME, id, NewMessage.of(by, text)));
  }

  static <T> T right(Either<Problem, T> result) {
    assertThat(result.isRight()).as("expected success, got %s", result.isLeft() ? result.getLeft() : null).isTrue();
    return result.get();
  }
}
