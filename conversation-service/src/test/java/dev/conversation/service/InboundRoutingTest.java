package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.GLOBEX;
import static dev.conversation.service.ServiceFixtures.SUPPORT;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Handle;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Status;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.ConversationFilter;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every documented route of {@link Conversations#receive}, and {@link Conversations#followUp}. */
class InboundRoutingTest {

  private static final Channel SMS_LINE = Channel.of(ChannelType.SMS, ChannelId.of("+15550001111"));
  private static final String ANN = "+15551230001";

  private final ManualClock clock = new ManualClock(T0);
  private final Conversations service = ServiceFixtures.deterministic(clock).build();

  @AfterEach
  void close() {
    service.close();
  }

  private static InboundMessage sms(String from, String text, String providerId) {
    return InboundMessage.of(SUPPORT, SMS_LINE, from, text, providerId);
  }

  private Received receive(InboundMessage m) {
    clock.advance(Duration.ofSeconds(1));
    return right(service.receive(ACME, m));
  }

  @Test
  void aFirstMessageCreatesTheContactAndTheConversationAndTheNextContinuesIt() {
    Received first = receive(sms(ANN, "Where is my order?", "SM1").senderName("Ann"));
    assertThat(first.delivery()).isEqualTo(Received.Delivery.CREATED);
    assertThat(first.contactCreated()).isTrue();
    Conversation c = first.outcome().conversation();
    assertThat(c.channel()).isEqualTo(SMS_LINE);
    assertThat(c.customerAddress()).contains(new PhoneNumber(ANN));
    assertThat(c.contactId()).contains(first.contactId());
    assertThat(first.message().content()).isEqualTo("Where is my order?");
    assertThat(first.message().author()).isEqualTo(Participant.customer());
    Contact ann = service.directory().contact(ACME, first.contactId()).get();
    assertThat(ann.name()).contains("Ann");
    assertThat(ann.phone()).contains(new PhoneNumber(ANN));

    assertThat(first.contactId()).as("a new sender's contact id is derived from the address")
        .isEqualTo(Contacts.idFor(ACME, Contact.addressKey(ChannelType.SMS, new PhoneNumber(ANN))));
    assertThat(first.message().idempotencyKey()).contains("inbound:SM1");

    Received second = receive(sms(ANN, "Order 4521", "SM2"));
    assertThat(second.delivery()).isEqualTo(Received.Delivery.CONTINUED);
    assertThat(second.contactCreated()).isFalse();
    assertThat(second.conversationId()).isEqualTo(first.conversationId());
    assertThat(second.outcome().conversation().version()).isEqualTo(2);
    assertThat(service.store().count(ACME, ConversationFilter.all())).isEqualTo(1);
  }

  @Test
  void aRedeliveredMessageStoresNothingAndAnswersTheOriginal() {
    Received first = receive(sms(ANN, "hello", "SM1"));
    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    Received again = receive(sms(ANN, "hello", "SM1"));
    assertThat(again.delivery()).isEqualTo(Received.Delivery.DUPLICATE);
    assertThat(again.outcome().replayed()).isTrue();
    assertThat(again.message()).isEqualTo(first.message());
    assertThat(again.conversationId()).isEqualTo(first.conversationId());
    assertThat(snapshot(service, ACME)).isEqualTo(before);
  }

  @Test
  void aProviderIdReusedWithOtherContentIsKeyReusedAndStoresNothing() {
    receive(sms(ANN, "hello", "SM1"));
    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    Problem p = left(service.receive(ACME, sms(ANN, "something else", "SM1")));
    assertThat(p).isInstanceOf(Problem.KeyReused.class);
    assertThat(snapshot(service, ACME)).isEqualTo(before);
  }

  @Test
  void aMessageReopensAResolvedConversationAndWakesASnoozedOne() {
    Received first = receive(sms(ANN, "hello", "SM1"));
    right(service.execute(ACME, first.conversationId(), new Command.Resolve(Participant.ai(), "answered")));
    Received reopened = receive(sms(ANN, "one more thing", "SM2"));
    assertThat(reopened.delivery()).isEqualTo(Received.Delivery.REOPENED);
    assertThat(reopened.conversationId()).isEqualTo(first.conversationId());
    assertThat(reopened.outcome().conversation().status()).isNotIn(Status.RESOLVED, Status.CLOSED);

    right(service.execute(ACME, first.conversationId(), new Command.Snooze(Participant.ai(), T0.plus(Duration.ofDays(1)))));
    Received woken = receive(sms(ANN, "are you there?", "SM3"));
    assertThat(woken.delivery()).isEqualTo(Received.Delivery.WOKEN);
    assertThat(woken.outcome().conversation().status()).isNotEqualTo(Status.SNOOZED);
  }

  @Test
  void aMessageAfterCloseStartsALinkedFollowUpWhichTheNextMessageContinues() {
    Received first = receive(sms(ANN, "hello", "SM1"));
    right(service.execute(ACME, first.conversationId(), new Command.Close(Participant.system())));
    Received next = receive(sms(ANN, "new question", "SM2"));
    assertThat(next.delivery()).isEqualTo(Received.Delivery.FOLLOW_UP);
    assertThat(next.conversationId()).isNotEqualTo(first.conversationId());
    assertThat(next.outcome().conversation().followUpOf()).contains(first.conversationId());
    assertThat(next.outcome().conversation().contactId()).contains(first.contactId());
    assertThat(next.message().content()).isEqualTo("new question");
    Received third = receive(sms(ANN, "still there?", "SM3"));
    assertThat(third.delivery()).isEqualTo(Received.Delivery.CONTINUED);
    assertThat(third.conversationId()).isEqualTo(next.conversationId());
    Received late = receive(sms(ANN, "hello", "SM1"));
    assertThat(late.delivery()).as("a redelivery after the follow-up finds the original").isEqualTo(Received.Delivery.DUPLICATE);
    assertThat(late.message()).isEqualTo(first.message());
    assertThat(late.conversationId()).as("the duplicate names the conversation that holds the original")
        .isEqualTo(first.conversationId());
  }

  @Test
  void underTheFollowUpPolicyAMessageAfterResolvedClosesItAndStartsAFollowUp() {
    try (Conversations strict = ServiceFixtures.deterministic(clock).afterResolved(ChannelType.SMS, AfterResolved.FOLLOW_UP).build()) {
      Received first = right(strict.receive(ACME, sms(ANN, "hello", "SM1")));
      right(strict.execute(ACME, first.conversationId(), new Command.Resolve(Participant.ai(), "answered")));
      clock.advance(Duration.ofSeconds(1));
      Received next = right(strict.receive(ACME, sms(ANN, "new matter", "SM2")));
      assertThat(next.delivery()).isEqualTo(Received.Delivery.FOLLOW_UP);
      assertThat(next.outcome().conversation().followUpOf()).contains(first.conversationId());
      assertThat(right(strict.get(ACME, first.conversationId())).status()).isEqualTo(Status.CLOSED);
      // Other channel types keep the default.
      Received chat = right(strict.receive(ACME, InboundMessage.of(SUPPORT, Channel.of(ChannelType.WEB_CHAT), "visitor-1", "hi", "W1")));
      right(strict.execute(ACME, chat.conversationId(), new Command.Resolve(Participant.ai(), "answered")));
      Received reopened = right(strict.receive(ACME, InboundMessage.of(SUPPORT, Channel.of(ChannelType.WEB_CHAT), "visitor-1", "again", "W2")));
      assertThat(reopened.delivery()).isEqualTo(Received.Delivery.REOPENED);
    }
  }

  @Test
  void badInputIsInvalidNamingEveryFieldAndStoresNothingNotEvenAContact() {
    InboundMessage bad = new InboundMessage(SUPPORT, SMS_LINE, "not-a-phone", Option.some(" "), "   ", "", Option.none());
    Problem p = left(service.receive(ACME, bad));
    assertThat(p).isInstanceOf(Problem.Invalid.class);
    assertThat(((Problem.Invalid) p).violations().map(Violation::field))
        .containsExactlyInAnyOrder("from", "content", "providerMessageId", "senderName");
    assertThat(service.store().count(ACME, ConversationFilter.all())).isZero();
    assertThat(service.directory().findByAddress(ACME, ChannelType.SMS, new PhoneNumber(ANN))).isEmpty();

    Problem email = left(service.receive(ACME, InboundMessage.of(SUPPORT, Channel.of(ChannelType.EMAIL), ANN, "hi", "e1")));
    assertThat(((Problem.Invalid) email).violations().map(Violation::field)).containsExactly("from");
    Problem tooLong = left(service.receive(ACME, sms(ANN, "hi", "x".repeat(Routing.MAX_PROVIDER_ID + 1))));
    assertThat(((Problem.Invalid) tooLong).violations().map(Violation::rule)).containsExactly("too-long");
    assertThat(service.store().count(ACME, ConversationFilter.all())).isZero();
  }

  @Test
  void aKnownContactIsFoundByAnyOfItsAddresses() {
    Contact known = Contact.builder().id(ContactId.of("crm-42")).name(Option.some("Ann"))
        .email(Option.some(new EmailAddress("Ann@Example.com"))).phone(Option.some(new PhoneNumber(ANN))).build();
    service.directory().save(ACME, known);
    Received bySms = receive(sms(ANN, "hi", "SM1"));
    Received byMail = receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.EMAIL), "ann@example.com", "hi", "<m1@mail>"));
    assertThat(bySms.contactId()).isEqualTo(known.id());
    assertThat(byMail.contactId()).as("e-mail addresses match whatever their case").isEqualTo(known.id());
    assertThat(bySms.contactCreated()).isFalse();
    assertThat(byMail.conversationId()).as("another channel is another route").isNotEqualTo(bySms.conversationId());
  }

  @Test
  void routesDifferByChannelInstanceAndByTenant() {
    Received one = receive(sms(ANN, "hi", "SM1"));
    Received other = receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.SMS, ChannelId.of("+15550002222")), ANN, "hi", "SM2"));
    assertThat(other.contactId()).isEqualTo(one.contactId());
    assertThat(other.conversationId()).isNotEqualTo(one.conversationId());
    Received elsewhere = right(service.receive(GLOBEX, sms(ANN, "hi", "SM1")));
    assertThat(elsewhere.delivery()).isEqualTo(Received.Delivery.CREATED);
    assertThat(service.store().find(ACME, elsewhere.conversationId())).isEmpty();
  }

  @Test
  void webChatVisitorsAndHandlesAreAddressesToo() {
    Received chat = receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.WEB_CHAT), "visitor-7f3a", "hi", "W1"));
    assertThat(service.directory().contact(ACME, chat.contactId()).get().handles())
        .isEqualTo(HashMap.of(ChannelType.WEB_CHAT, new Handle("visitor-7f3a")));
    assertThat(receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.WEB_CHAT), "visitor-7f3a", "again", "W2")).conversationId())
        .isEqualTo(chat.conversationId());
    Received insta = receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.INSTAGRAM), "visitor-7f3a", "hi", "I1"));
    assertThat(insta.contactId()).as("a handle means something only on its channel type").isNotEqualTo(chat.contactId());
  }

  @Test
  void aThreadHintRoutesToTheSendersOpenConversationItNames() {
    Received mail = receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.EMAIL), "ann@example.com", "hi", "<m1@mail>"));
    Conversation composed = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.EMAIL))
        .customerAddress("ann@example.com").contactId(mail.contactId()).subject("Your refund"))).conversation();
    Received reply = receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.EMAIL), "ann@example.com", "thanks", "<m2@mail>")
        .replyTo(composed.id()));
    assertThat(reply.conversationId()).isEqualTo(composed.id());
    Received foreign = receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.EMAIL), "bob@example.com", "hi", "<m3@mail>")
        .replyTo(composed.id()));
    assertThat(foreign.conversationId()).as("a hint naming someone else's conversation is ignored").isNotEqualTo(composed.id());
  }

  @Test
  void staffFollowUpOfAClosedConversationTakesItsRoute() {
    Received first = receive(sms(ANN, "hello", "SM1"));
    Problem notClosed = left(service.followUp(ACME, first.conversationId(), Option.none()));
    assertThat(notClosed).isInstanceOf(Problem.Rejected.class);
    right(service.execute(ACME, first.conversationId(), new Command.Close(ALICE_BY)));
    Outcome followUp = right(service.followUp(ACME, first.conversationId(),
        Option.some(NewMessage.of(Participant.human(ALICE), "Hi Ann, following up on your order"))));
    assertThat(followUp.conversation().followUpOf()).contains(first.conversationId());
    assertThat(followUp.messages()).hasSize(1);
    Received reply = receive(sms(ANN, "thanks!", "SM2"));
    assertThat(reply.conversationId()).as("the customer's reply continues the staff follow-up").isEqualTo(followUp.conversation().id());
    Problem twice = left(service.followUp(ACME, first.conversationId(), Option.none()));
    assertThat(twice).isEqualTo(new Problem.AlreadyOpen(first.conversationId(), followUp.conversation().id()));
    assertThat(twice.code()).isEqualTo("already-open");
    assertThat(twice.message()).contains(first.conversationId().value(), followUp.conversation().id().value());
    assertThat(left(service.followUp(ACME, dev.conversation.domain.ConversationId.of("nope"), Option.none())))
        .isInstanceOf(Problem.NotFound.class);
  }

  @Test
  void aCreateWithPhoneAndEmailKeepsBothOnTheContact() {
    Outcome created = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.SMS))
        .customerAddress(ANN).customerEmail("ann@example.com").customerName("Ann")));
    Contact ann = service.directory().contact(ACME, created.conversation().contactId().get()).get();
    assertThat(ann.phone()).contains(new PhoneNumber(ANN));
    assertThat(ann.email()).contains(new EmailAddress("ann@example.com"));
    Outcome nameless = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.EMAIL))
        .customerAddress("bob@example.com").customerPhone("+15551230002")));
    Contact bob = service.directory().contact(ACME, nameless.conversation().contactId().get()).get();
    assertThat(bob.email()).contains(new EmailAddress("bob@example.com"));
    assertThat(bob.phone()).contains(new PhoneNumber("+15551230002"));
    Problem bad = left(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.SMS))
        .customerAddress(ANN).customerEmail("nope")));
    assertThat(((Problem.Invalid) bad).violations().map(Violation::field)).containsExactly("customerEmail");
  }

  @Test
  void aStaffCreateForAKnownAddressLinksItsContactSoTheRouteAndRedeliveriesStillHold() {
    Received first = receive(sms(ANN, "hello", "SM1"));
    Contact crm = Contact.builder().id(ContactId.of("crm-ann")).email(Option.some(new EmailAddress("ann@example.com"))).build();
    service.directory().save(ACME, crm);
    Outcome composed = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.EMAIL))
        .customerAddress("ann@example.com").customerName("Ann").customerPhone(ANN)));
    assertThat(composed.conversation().contactId()).as("the contact holding the channel's address is linked").contains(crm.id());
    assertThat(service.directory().contact(ACME, crm.id())).as("and not edited: the phone stays with its holder").contains(crm);
    Received again = receive(sms(ANN, "hello", "SM1"));
    assertThat(again.delivery()).isEqualTo(Received.Delivery.DUPLICATE);
    assertThat(again.conversationId()).isEqualTo(first.conversationId());
    assertThat(receive(sms(ANN, "more", "SM2")).conversationId()).isEqualTo(first.conversationId());
    Outcome byPhone = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.SMS)).customerAddress(ANN)
        .customerName("Ann")));
    assertThat(byPhone.conversation().contactId()).contains(first.contactId());
  }

  @Test
  void aWebChatCreateAndTheVisitorsMessagesShareOneContact() {
    Outcome created = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.WEB_CHAT))
        .customerAddress("visitor-9").customerName("Vic")));
    Outcome again = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.WEB_CHAT))
        .customerAddress("visitor-9").customerName("Vic")));
    Received chat = receive(InboundMessage.of(SUPPORT, Channel.of(ChannelType.WEB_CHAT), "visitor-9", "hi", "W1"));
    assertThat(again.conversation().contactId()).isEqualTo(created.conversation().contactId());
    assertThat(created.conversation().contactId()).contains(chat.contactId());
  }

  @Test
  void clientKeysWithTheInboundPrefixAreRefusedEverywhere() {
    Received first = receive(sms(ANN, "hello", "SM1"));
    right(service.execute(ACME, first.conversationId(), new Command.Close(Participant.system())));
    NewMessage sneaky = NewMessage.of(Participant.ai(), "hi").withIdempotencyKey("inbound:P9");
    for (Problem p : List.of(
        left(service.followUp(ACME, first.conversationId(), Option.some(sneaky))),
        left(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.WEB_CHAT)).firstMessage(sneaky))),
        left(service.execute(ACME, first.conversationId(),
            Command.AppendMessage.of(dev.conversation.domain.MessageId.of("m"), Participant.ai(), "hi").withIdempotencyKey("inbound#x"))))) {
      assertThat(((Problem.Invalid) p).violations().map(Violation::rule)).containsExactly("reserved-prefix");
    }
    assertThat(receive(sms(ANN, "real", "P9")).delivery()).isEqualTo(Received.Delivery.FOLLOW_UP);
  }

  @Test
  void aNumberTheContactGaveUpMakesANewContactAndLeavesTheOldOneAlone() {
    Received first = receive(sms(ANN, "hello", "SM1").senderName("Ann"));
    Contact moved = Contact.builder().from(service.directory().contact(ACME, first.contactId()).get())
        .phone(Option.some(new PhoneNumber("+15559990000"))).email(Option.some(new EmailAddress("ann@example.com"))).build();
    service.directory().save(ACME, moved);
    Received stranger = receive(sms(ANN, "who is this?", "SM2"));
    assertThat(stranger.contactId()).isNotEqualTo(first.contactId());
    assertThat(stranger.contactCreated()).isTrue();
    assertThat(service.directory().contact(ACME, first.contactId())).contains(moved);
    assertThat(stranger.conversationId()).isNotEqualTo(first.conversationId());
  }

  @Test
  void aProviderIdThatIsNotWellFormedTextIsInvalidAndStoresNothing() {
    for (String id : new String[] {"SM\u00001", "SM\uD800", "x".repeat(200) + "\u0000"}) {
      Problem p = left(service.receive(ACME, sms(ANN, "hello", id)));
      assertThat(((Problem.Invalid) p).violations().map(Violation::field)).containsExactly("providerMessageId");
    }
    assertThat(service.directory().findByAddress(ACME, ChannelType.SMS, new PhoneNumber(ANN))).isEmpty();
    assertThat(service.store().count(ACME, ConversationFilter.all())).isZero();
  }

  @Test
  void theFollowUpPolicyNeedsNoSecondAttempt() {
    try (Conversations once = ServiceFixtures.deterministic(clock).attempts(1)
        .afterResolved(ChannelType.SMS, AfterResolved.FOLLOW_UP).build()) {
      Received first = right(once.receive(ACME, sms(ANN, "hello", "SM1")));
      right(once.execute(ACME, first.conversationId(), new Command.Resolve(Participant.ai(), "answered")));
      Received next = right(once.receive(ACME, sms(ANN, "new matter", "SM2")));
      assertThat(next.delivery()).isEqualTo(Received.Delivery.FOLLOW_UP);
    }
  }

  @Test
  void clientKeysMayNotUseTheInboundPrefix() {
    Received first = receive(sms(ANN, "hello", "SM1"));
    Problem p = left(service.send(ACME, first.conversationId(), NewMessage.of(Participant.ai(), "hi")
        .withIdempotencyKey("inbound:SM2")));
    assertThat(((Problem.Invalid) p).violations().map(Violation::rule)).containsExactly("reserved-prefix");
    assertThat(receive(sms(ANN, "second", "SM2")).delivery()).isEqualTo(Received.Delivery.CONTINUED);
  }

  @Test
  void aKnownContactIsNeverEdited() {
    Received first = receive(sms(ANN, "hello", "SM1"));
    Contact saved = service.directory().contact(ACME, first.contactId()).get();
    assertThat(saved.name()).isEmpty();
    receive(sms(ANN, "it's Ann", "SM2").senderName("Ann"));
    assertThat(service.directory().contact(ACME, first.contactId())).as("the CRM owns the contact").contains(saved);
    right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.EMAIL)).customerAddress("ann@example.com")
        .customerPhone(ANN).customerName("Ann")));
    assertThat(service.directory().contact(ACME, first.contactId())).as("a create links it as it is").contains(saved);
  }

  @Test
  void providerIdsAreKeysUpToTheirLimitsAndLongOnesAreHashed() {
    String fits = "p".repeat(120);
    Received plain = receive(sms(ANN, "one", fits));
    assertThat(plain.message().idempotencyKey()).contains("inbound:" + fits);
    String longer = "p".repeat(121);
    Received hashed = receive(sms(ANN, "two", longer));
    assertThat(hashed.message().idempotencyKey().get()).startsWith("inbound#").hasSizeLessThanOrEqualTo(128);
    assertThat(receive(sms(ANN, "two", longer)).delivery()).isEqualTo(Received.Delivery.DUPLICATE);
    String longest = "q".repeat(Routing.MAX_PROVIDER_ID);
    assertThat(receive(sms(ANN, "three", longest)).delivery()).isEqualTo(Received.Delivery.CONTINUED);
    assertThat(receive(sms(ANN, "three", longest)).delivery()).isEqualTo(Received.Delivery.DUPLICATE);
    assertThat(receive(sms(ANN, "edges", "SM\uD7FF\uE000")).delivery()).as("characters beside the surrogates are text")
        .isEqualTo(Received.Delivery.CONTINUED);
    assertThat(left(service.receive(ACME, sms(ANN, "x", "SM\uDFFF")))).isInstanceOf(Problem.Invalid.class);
  }

  @Test
  void anIdSupplierThatRepeatsItselfIsAProgrammingError() {
    try (Conversations broken = Conversations.builder().clock(clock).ids(() -> "same").build()) {
      right(broken.receive(ACME, sms(ANN, "hello", "SM1")));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.receive(ACME, sms("+15551230002", "hi", "SM2")))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("id supplier");
    }
  }

  @Test
  void aCreateForANewAddressDerivesTheContactIdAndKeepsAMovedContactAlone() {
    Outcome created = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.SMS))
        .customerAddress(ANN).customerName("Ann")));
    ContactId derived = Contacts.idFor(ACME, Contact.addressKey(ChannelType.SMS, new PhoneNumber(ANN)));
    assertThat(created.conversation().contactId()).contains(derived);
    Contact moved = Contact.builder().from(service.directory().contact(ACME, derived).get())
        .phone(Option.some(new PhoneNumber("+15559990000"))).build();
    service.directory().save(ACME, moved);
    Outcome other = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.SMS))
        .customerAddress(ANN).customerName("New Owner")));
    assertThat(other.conversation().contactId().get()).isNotEqualTo(derived);
    assertThat(service.directory().contact(ACME, derived)).contains(moved);
  }
}
