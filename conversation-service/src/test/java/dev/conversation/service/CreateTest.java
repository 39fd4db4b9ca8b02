package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.EMAIL;
import static dev.conversation.service.ServiceFixtures.GLOBEX;
import static dev.conversation.service.ServiceFixtures.SMS;
import static dev.conversation.service.ServiceFixtures.SUPPORT;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static dev.conversation.service.ServiceFixtures.webChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conversation.domain.AccountId;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Status;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.StoredEvent;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating conversations: first message, contact from a customer name, validation, idempotency. */
class CreateTest {

  private final ManualClock clock = new ManualClock(T0);
  private final Conversations service = ServiceFixtures.deterministic(clock).build();

  @AfterEach
  void tearDown() {
    service.close();
  }

  @Test
  void aConversationCreatedWithAFirstMessageIsNewAtVersionOneHoldingThatMessage() {
    Outcome created = right(service.create(ACME, webChat().subject("Billing").firstMessage(customer("My invoice is wrong"))));
    Conversation c = created.conversation();
    assertThat(c.version()).isEqualTo(1);
    assertThat(c.messageCount()).isEqualTo(1);
    assertThat(c.status()).isEqualTo(Status.NEW);
    assertThat(c.subject()).contains("Billing");
    assertThat(created.replayed()).isFalse();
    assertThat(created.messages()).singleElement().satisfies(m -> assertThat(m.content()).isEqualTo("My invoice is wrong"));
    assertThat(created.events().map(e -> e.event().change().getClass().getSimpleName()))
        .containsExactly("Started", "MessageAppended");
    assertThat(created.events().map(e -> e.event().version())).containsOnly(1L);
    assertThat(right(service.get(ACME, c.id()))).isEqualTo(c);
    assertThat(allEvents(service, ACME)).isEqualTo(created.events());
  }

  @Test
  void aConversationCreatedWithoutAFirstMessageHasNoMessages() {
    Conversation c = right(service.create(ACME, webChat())).conversation();
    assertThat(c.version()).isEqualTo(1);
    assertThat(c.messageCount()).isZero();
    assertThat(c.lastMessageAt()).isEmpty();
    assertThat(allEvents(service, ACME)).hasSize(1);
  }

  @Test
  void aCustomerNameOnAnEmailChannelSavesALinkedContactWithNameAndEmail() {
    Conversation c = right(service.create(ACME, NewConversation.on(SUPPORT, EMAIL)
        .customerAddress("jane@example.com").customerName("Jane Doe").accountId(AccountId.of("acct-1")))).conversation();
    assertThat(c.contactId().isDefined()).isTrue();
    Contact contact = service.directory().contact(ACME, c.contactId().get()).get();
    assertThat(contact.name()).contains("Jane Doe");
    assertThat(contact.email()).contains(new EmailAddress("jane@example.com"));
    assertThat(contact.phone()).isEmpty();
    assertThat(contact.accountId()).contains(AccountId.of("acct-1"));
    assertThat(service.directory().contact(GLOBEX, c.contactId().get())).as("saved in the tenant only").isEmpty();
  }

  @Test
  void aCustomerNameOnAnSmsChannelSavesALinkedContactWithNameAndPhone() {
    Conversation c = right(service.create(ACME, NewConversation.on(SUPPORT, SMS)
        .customerAddress("+4915112345678").customerName("Max"))).conversation();
    Contact contact = service.directory().contact(ACME, c.contactId().get()).get();
    assertThat(contact.name()).contains("Max");
    assertThat(contact.phone()).contains(new PhoneNumber("+4915112345678"));
    assertThat(contact.email()).isEmpty();
  }

  @Test
  void aKnownContactIdIsLinkedAndNoContactIsSaved() {
    Conversation c = right(service.create(ACME, webChat().contactId(ContactId.of("crm-7")).customerName("Ignored"))).conversation();
    assertThat(c.contactId()).contains(ContactId.of("crm-7"));
    assertThat(service.directory().contact(ACME, ContactId.of("crm-7"))).isEmpty();
  }

  @Test
  void aBadAddressNameAndFirstMessageAreAllReportedAtOnceAndNothingIsStored() {
    Problem problem = left(service.create(ACME, NewConversation.on(SUPPORT, EMAIL)
        .customerAddress("jane@").customerName("n".repeat(201)).firstMessage(customer(" "))));
    assertThat(problem).isInstanceOf(Problem.Invalid.class);
    assertThat(((Problem.Invalid) problem).violations()).extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("customerAddress", "email"),
            tuple("firstMessage.content", "not-blank"),
            tuple("customerName", "max-length"));
    assertThat(service.store().count(ACME, ConversationFilter.all())).isZero();
    assertThat(allEvents(service, ACME)).isEmpty();
    // ids: id-1 for the conversation, id-2 for the would-be contact
    assertThat(service.directory().contact(ACME, ContactId.of("id-2"))).isEmpty();
  }

  @Test
  void aMissingAddressForAnSmsChannelAndABlankNameAreBothReported() {
    Problem problem = left(service.create(ACME, NewConversation.on(SUPPORT, SMS).customerName(" ")));
    assertThat(((Problem.Invalid) problem).violations()).extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(tuple("customerAddress", "required-for-channel"), tuple("customerName", "not-blank"));
  }

  @Test
  void aRetriedCreateWithTheSameKeyReturnsTheSameConversationAsAReplayAndStoresNothingNew() {
    NewConversation request = webChat().firstMessage(customer("Hi")).idempotencyKey("req-42");
    Outcome first = right(service.create(ACME, request));
    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    Outcome again = right(service.create(ACME, request));
    assertThat(again.replayed()).isTrue();
    assertThat(again.changed()).isFalse();
    assertThat(again.events()).isEmpty();
    assertThat(again.conversation()).isEqualTo(first.conversation());
    assertThat(again.messages()).isEqualTo(first.messages());
    assertThat(snapshot(service, ACME)).isEqualTo(before);
    assertThat(service.store().count(ACME, ConversationFilter.all())).isEqualTo(1);
  }

  @Test
  void aReplayedCreateReturnsOnlyTheMessageTheCreateMadeNotLaterOnes() {
    NewConversation request = webChat().idempotencyKey("req-43");
    Outcome first = right(service.create(ACME, request));
    right(service.send(ACME, first.conversation().id(), customer("later message")));
    Outcome again = right(service.create(ACME, request));
    assertThat(again.replayed()).isTrue();
    assertThat(again.messages()).as("the create had no first message").isEmpty();
  }

  @Test
  void aCreateKeyReusedForAnotherConversationIsInvalidAndStoresNothing() {
    right(service.create(ACME, webChat().idempotencyKey("req-44")));
    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    Problem p = left(service.create(ACME, NewConversation.on(SUPPORT, EMAIL).customerAddress("x@example.com")
        .idempotencyKey("req-44")));
    assertThat(p).isInstanceOfSatisfying(Problem.Invalid.class, invalid -> assertThat(invalid.violations())
        .extracting(Violation::field, Violation::rule).containsExactly(tuple("idempotencyKey", "idempotency-key-reused")));
    assertThat(snapshot(service, ACME)).isEqualTo(before);
  }

  @Test
  void aKeyedCreateSavesOneContactFoundByItsAddressSoARetrySavesNoSecondContact() {
    NewConversation request = NewConversation.on(SUPPORT, EMAIL).customerAddress("jane@example.com").customerName("Jane")
        .idempotencyKey("req-45");
    Conversation first = right(service.create(ACME, request)).conversation();
    Conversation again = right(service.create(ACME, request)).conversation();
    assertThat(again.contactId()).isEqualTo(first.contactId());
    assertThat(service.directory().findByAddress(ACME, dev.conversation.domain.ChannelType.EMAIL,
        new dev.conversation.domain.EmailAddress("jane@example.com")).map(c -> c.id())).isEqualTo(first.contactId());
  }

  @Test
  void theSameCreateKeyInTwoTenantsMakesTwoDifferentConversations() {
    Outcome acme = right(service.create(ACME, webChat().idempotencyKey("same-key")));
    Outcome globex = right(service.create(GLOBEX, webChat().idempotencyKey("same-key")));
    assertThat(acme.replayed()).isFalse();
    assertThat(globex.replayed()).isFalse();
    assertThat(globex.conversation().id()).isNotEqualTo(acme.conversation().id());
    assertThat(service.store().count(ACME, ConversationFilter.all())).isEqualTo(1);
    assertThat(service.store().count(GLOBEX, ConversationFilter.all())).isEqualTo(1);
    assertThat(allEvents(service, GLOBEX).map(StoredEvent::event).map(DomainEvent::conversationId))
        .containsExactly(globex.conversation().id());
    assertThat(service.get(GLOBEX, acme.conversation().id()).isLeft()).isTrue();
  }

  @Test
  void aCreateWithoutAnIdempotencyKeyIsNeverAReplay() {
    Outcome a = right(service.create(ACME, webChat()));
    Outcome b = right(service.create(ACME, webChat()));
    assertThat(b.replayed()).isFalse();
    assertThat(b.conversation().id()).isNotEqualTo(a.conversation().id());
    assertThat(service.store().count(ACME, ConversationFilter.all())).isEqualTo(2);
    assertThat(Option.of(a.conversation().id().value())).contains("id-1");
  }
}
