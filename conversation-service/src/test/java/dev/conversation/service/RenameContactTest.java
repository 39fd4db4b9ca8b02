package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.EMAIL;
import static dev.conversation.service.ServiceFixtures.SUPPORT;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Violation;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Naming the customer: rename the linked contact, or save and link a new one. */
class RenameContactTest {

  private final ManualClock clock = new ManualClock(T0);
  private final Conversations service = ServiceFixtures.deterministic(clock).build();

  @AfterEach
  void tearDown() {
    service.close();
  }

  @Test
  void aLinkedContactIsRenamedInTheDirectoryKeepingItsAddressAndTheConversationIsUnchanged() {
    Conversation c = right(service.create(ACME, NewConversation.on(SUPPORT, EMAIL)
        .customerAddress("jane@example.com").customerName("Jane"))).conversation();
    Outcome renamed = right(service.renameContact(ACME, c.id(), "Jane Smith", ALICE_BY));
    assertThat(renamed.changed()).isFalse();
    assertThat(renamed.conversation()).isEqualTo(c);
    Contact contact = service.directory().contact(ACME, c.contactId().get()).get();
    assertThat(contact.name()).contains("Jane Smith");
    assertThat(contact.email()).contains(new EmailAddress("jane@example.com"));
  }

  @Test
  void withoutALinkedContactANewContactIsSavedAndLinkedInANewVersion() {
    Conversation c = right(service.create(ACME, NewConversation.on(SUPPORT, EMAIL).customerAddress("bob@example.com"))).conversation();
    assertThat(c.contactId()).isEmpty();
    Outcome linked = right(service.renameContact(ACME, c.id(), "Bob", ALICE_BY));
    assertThat(linked.changed()).isTrue();
    assertThat(linked.conversation().version()).isEqualTo(2);
    ContactId contactId = linked.conversation().contactId().get();
    assertThat(contactId).isEqualTo(ContactId.of("id-2"));
    assertThat(linked.events().map(e -> e.event().change()))
        .containsExactly(new DomainEvent.MetadataChanged(io.vavr.collection.LinkedHashSet.of("contactId"),
            Option.none(), Option.none(), Option.none(), Option.none(), Option.none(), Option.none(),
            Option.some(contactId), Option.none()));
    Contact contact = service.directory().contact(ACME, contactId).get();
    assertThat(contact.name()).contains("Bob");
    assertThat(contact.email()).contains(new EmailAddress("bob@example.com"));
  }

  @Test
  void aBlankOrOversizedNameIsInvalidAndChangesNothing() {
    Conversation c = right(service.create(ACME, ServiceFixtures.webChat())).conversation();
    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    Problem blank = left(service.renameContact(ACME, c.id(), "  ", ALICE_BY));
    assertThat(((Problem.Invalid) blank).violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("customerName", "not-blank"));
    Problem tooLong = left(service.renameContact(ACME, c.id(), "n".repeat(201), ALICE_BY));
    assertThat(((Problem.Invalid) tooLong).violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("customerName", "max-length"));
    assertThat(snapshot(service, ACME)).isEqualTo(before);
    assertThat(service.directory().contact(ACME, ContactId.of("id-2"))).isEmpty();
  }

  @Test
  void aRefusedLinkSavesNoContact() {
    Conversation c = right(service.create(ACME, NewConversation.on(SUPPORT, EMAIL).customerAddress("bob@example.com")))
        .conversation();
    right(service.execute(ACME, c.id(), new dev.conversation.domain.Command.Close(ALICE_BY)));
    Problem p = left(service.renameContact(ACME, c.id(), "Bob", ALICE_BY));
    assertThat(p).isInstanceOf(Problem.Rejected.class);
    assertThat(service.directory().contact(ACME, ContactId.of("id-2"))).as("no contact saved for a refused link").isEmpty();
    assertThat(service.directory().contact(ACME, ContactId.of("id-3"))).isEmpty();
  }
}
