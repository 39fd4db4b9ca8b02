package dev.conversation.domain;

import static dev.conversation.domain.Fixtures.JANE;
import static dev.conversation.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The example conversations of the four seed API documents, played through the lifecycle. */
class SeedScenariosTest {

  private static StartConversation start(String id, ChannelType channel) {
    return StartConversation.of(ConversationId.of(id), TenantId.of("a0b1c2d3-4567-89ab-cdef-0123456789ab"),
        WorkspaceId.of("w1a2b3c4-5678-9abc-def0-1234567890ab"), Channel.of(channel));
  }

  /** CRM agent platform (seed 003): six messages, resolved with an outcome, contact and account linked. */
  @Test
  void crmPlatformExampleConversation() {
    Fixtures.Driver c = new Fixtures.Driver(start("c1a2b3c4-5678-9abc-def0-1234567890ab", ChannelType.EMAIL)
        .customerAddress("max@example.de").subject("Re: Delivery time for order #4521")
        .contactId(ContactId.of("ct1a2b3c-5678-9abc-def0-1234567890ab")));
    Participant customer = Participant.customer();
    Participant ai = Participant.ai();
    c.say(customer, "How long does delivery of order #4521 to Germany take?");
    assertThat(c.status()).isEqualTo(Status.NEW);
    c.say(ai, "Let me check order #4521 for you.");
    c.say(customer, "Thanks.");
    assertThat(c.status()).isEqualTo(Status.ACTIVE);
    c.say(ai, "Delivery to Germany takes 3-5 business days.");
    c.say(customer, "Perfect, thank you!");
    c.say(ai, "You're welcome. Anything else?");
    c.accept(Command.UpdateMetadata.by(ai).accountId(AccountId.of("ac1a2b3c-5678-9abc-def0-1234567890ab"))
        .summary("Customer asked about delivery times for order #4521. Agent confirmed 3-5 business days to Germany."));
    c.accept(new Command.Resolve(ai, "Delivery timeline confirmed, customer satisfied."));

    Conversation done = c.conversation;
    assertThat(done.status()).isEqualTo(Status.RESOLVED);
    assertThat(done.messageCount()).isEqualTo(6);
    assertThat(done.resolution().get().outcome()).isEqualTo("Delivery timeline confirmed, customer satisfied.");
    assertThat(done.resolution().get().byAi()).isTrue();
    assertThat(done.contactId()).contains(ContactId.of("ct1a2b3c-5678-9abc-def0-1234567890ab"));
    assertThat(done.accountId()).contains(AccountId.of("ac1a2b3c-5678-9abc-def0-1234567890ab"));
    assertThat(done.summary().get()).startsWith("Customer asked about delivery");
    assertThat(done.lastMessageAt()).isNotEmpty();
    assertThat(done.updatedAt()).isAfter(done.createdAt());
  }

  /** LiveChatAI (seed 002): an AI reply citing sources, then a human agent takes over. */
  @Test
  void liveChatAiConversationWithCitationsAndAHumanTakeover() {
    Fixtures.Driver c = new Fixtures.Driver(start("chat_1234567890", ChannelType.WHATSAPP)
        .customerAddress("+14155550123").contactId(ContactId.of("contact_1234567890"))
        .aiAgentId(AiAgentId.of("clx1234567890abcdef")));
    c.say(Participant.customer(), "What are your business hours?");
    Decision reply = c.accept(new Command.AppendMessage(MessageId.of("msg_1234567890"), Participant.ai(AiAgentId.of("clx1234567890abcdef")),
        "We are open 9-17 on weekdays.",
        List.of(new Citation(Option.some("src_1234567890"), SourceType.WEBSITE, Option.some("https://example.com/page"), 0.85)),
        Option.none()));
    assertThat(reply.messages().head().citations()).singleElement()
        .returns(SourceType.WEBSITE, Citation::type).returns(0.85, Citation::distance);
    c.say(Participant.customer(), "Can I talk to a person?");
    c.say(Participant.human(JANE), "Hi, this is Jane.");

    Conversation now = c.conversation;
    assertThat(now.status()).isEqualTo(Status.HUMAN_MANAGED);
    assertThat(now.owner()).as("isAgent=true").isEqualTo(Actor.HUMAN_AGENT);
    assertThat(now.assignee().flatMap(Assignee::agent)).contains(JANE);
    assertThat(now.status().isOpen()).as("isResolved=false").isTrue();
    assertThat(c.decide(Command.AppendMessage.of(MessageId.of("x"), Participant.ai(), "I can help")).isLeft()).isTrue();
  }

  /** AgentClara (seed 001): create by SMS needs a phone number; without one it is rejected naming the rule. */
  @Test
  void agentClaraCreateBySmsWithoutAPhoneIsRejected() {
    Rejection r = Lifecycle.start(start("conv-1", ChannelType.SMS)
        .firstMessage(Command.AppendMessage.of(MessageId.of("m1"), Option.none(), "Hi from the clinic")), T0).getLeft();
    assertThat(r).isInstanceOfSatisfying(Rejection.Invalid.class, i -> assertThat(i.violations()).singleElement()
        .returns("customerAddress", Violation::field)
        .returns("required-for-channel", Violation::rule)
        .satisfies(v -> assertThat(v.message()).contains("SMS").contains("phone number").contains("E.164")));
  }

  @Test
  void agentClaraCreateBySmsWithAPhoneIsAcceptedAndTheDefaultSenderIsTheAssistant() {
    Decision d = Lifecycle.start(start("conv-1", ChannelType.SMS).customerAddress("+15551234567")
        .firstMessage(Command.AppendMessage.of(MessageId.of("m1"), Option.none(), "Hi! Your appointment is tomorrow.")), T0).get();
    assertThat(d.conversation().customerAddress()).contains(new PhoneNumber("+15551234567"));
    assertThat(d.messages().head().author()).isEqualTo(Participant.ai());
    assertThat(d.conversation().status()).isEqualTo(Status.WAITING);
    assertThat(d.conversation().unread(ReadSide.CUSTOMER)).isTrue();
  }

  /** Klaviyo customer agent (seed 000): resolved by the AI versus routed to a team. */
  @Test
  void klaviyoResolvedByAiVersusRoutedToTeam() {
    Fixtures.Driver byAi = new Fixtures.Driver(start("conv_abc123", ChannelType.WEB_CHAT));
    byAi.say(Participant.customer(), "Where is my order?");
    byAi.say(Participant.ai(), "It ships today.");
    byAi.accept(new Command.Resolve(Participant.ai(), "Order status answered"));
    assertThat(byAi.status()).isEqualTo(Status.RESOLVED);
    assertThat(byAi.conversation.resolution().get().byAi()).as("resolved-by-ai").isTrue();

    Fixtures.Driver routed = new Fixtures.Driver(start("conv_def456", ChannelType.WEB_CHAT));
    routed.say(Participant.customer(), "I need to change my billing address");
    routed.accept(Command.HandOff.toTeam(Participant.ai(), TeamId.of("billing"), "billing changes need a human"));
    assertThat(routed.status()).as("routed-to-team").isEqualTo(Status.HUMAN_MANAGED);
    assertThat(routed.conversation.assignee().flatMap(Assignee::team)).contains(TeamId.of("billing"));
  }
}
