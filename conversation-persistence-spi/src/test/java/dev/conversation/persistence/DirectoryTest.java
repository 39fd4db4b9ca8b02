package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The in-memory directory: per-tenant contacts and accounts, replaced by id. */
class DirectoryTest {

  private final Directory directory = Directory.inMemory();
  private final ContactId jane = ContactId.of("contact-1");
  private final AccountId acmeCorp = AccountId.of("account-1");

  private static Contact contact(ContactId id, String name) {
    return Contact.builder().id(id).name(Option.some(name)).build();
  }

  @Test
  void aSavedContactAndAccountAreFoundInTheirTenant() {
    Contact c = contact(jane, "Jane");
    Account a = new Account(acmeCorp, "Acme Corp", Option.some("acme.example"));
    directory.save(ACME, c);
    directory.save(ACME, a);
    assertThat(directory.contact(ACME, jane)).contains(c);
    assertThat(directory.account(ACME, acmeCorp)).contains(a);
    assertThat(directory.contact(ACME, ContactId.of("contact-2"))).isEmpty();
    assertThat(directory.account(ACME, AccountId.of("account-2"))).isEmpty();
  }

  @Test
  void savingAgainWithTheSameIdReplaces() {
    directory.save(ACME, contact(jane, "Jane"));
    directory.save(ACME, contact(jane, "Jane Smith"));
    directory.save(ACME, new Account(acmeCorp, "Acme", Option.none()));
    directory.save(ACME, new Account(acmeCorp, "Acme Corp", Option.some("acme.example")));
    assertThat(directory.contact(ACME, jane).flatMap(Contact::name)).contains("Jane Smith");
    assertThat(directory.account(ACME, acmeCorp).map(Account::name)).contains("Acme Corp");
  }

  @Test
  void anotherTenantsContactsAndAccountsAreNotThereEvenWithTheSameId() {
    directory.save(ACME, contact(jane, "Jane at Acme"));
    directory.save(ACME, new Account(acmeCorp, "Acme Corp", Option.none()));
    assertThat(directory.contact(GLOBEX, jane)).isEmpty();
    assertThat(directory.account(GLOBEX, acmeCorp)).isEmpty();

    directory.save(GLOBEX, contact(jane, "Jane at Globex"));
    assertThat(directory.contact(GLOBEX, jane).flatMap(Contact::name)).contains("Jane at Globex");
    assertThat(directory.contact(ACME, jane).flatMap(Contact::name)).as("unchanged by globex's save").contains("Jane at Acme");
    assertThat(directory.account(GLOBEX, acmeCorp)).as("a contact save does not create an account").isEmpty();
  }

  @Test
  void nullTenantOrIdIsRefused() {
    assertThatThrownBy(() -> directory.contact(null, jane)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> directory.account(ACME, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> directory.save(null, contact(jane, "Jane"))).isInstanceOf(NullPointerException.class);
  }
}
