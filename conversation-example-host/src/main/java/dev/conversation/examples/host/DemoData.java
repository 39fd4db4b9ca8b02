package dev.conversation.examples.host;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.AiAgentId;
import dev.conversation.domain.AttentionId;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The conversations the host stores at start-up (unless {@code conversation.host.demo-data=false}),
 * so that every curl call in the README has something to show: for tenant {@code acme} an SMS
 * conversation the AI is handling (with a contact, an account, citations, a tag and an open
 * attention item), a WhatsApp conversation a human agent has taken over, and an e-mail the AI
 * resolved; for tenant {@code globex} one web chat, which {@code acme}'s key must never see.
 *
 * <p>Each is created with an idempotency key, so its id is derived from the tenant and the key and
 * is the same on every start ({@link Conversations#create}).
 *
 * @param acmeSms the SMS conversation of {@code acme}
 * @param acmeWhatsApp the human-managed WhatsApp conversation of {@code acme}
 * @param acmeEmail the e-mail conversation of {@code acme} the AI resolved
 * @param globexChat the web chat of {@code globex}
 */
public record DemoData(ConversationId acmeSms, ConversationId acmeWhatsApp, ConversationId acmeEmail,
    ConversationId globexChat) {

  /** The demo's first tenant. */
  public static final TenantId ACME = TenantId.of("acme");

  /** The demo's second tenant. */
  public static final TenantId GLOBEX = TenantId.of("globex");

  private static final WorkspaceId SUPPORT = WorkspaceId.of("support");
  private static final ContactId MARIA = ContactId.of("5f0c8a52-3c1e-4c7e-9a51-2b8f1d6e4a10");
  private static final AccountId LOPEZ_BAKERY = AccountId.of("9b7d2e14-6a3f-4e0b-8c2d-7f1a5e9c3b21");
  private static final HumanAgent JANE = HumanAgent.of(HumanAgentId.of("agent-jane"), "Jane Smith");

  /**
   * Stores the demo conversations through {@code service}, as a host would.
   *
   * @throws IllegalStateException if the service refuses any step (a bug in this class)
   */
  public static DemoData store(Conversations service) {
    service.directory().save(ACME, new Account(LOPEZ_BAKERY, "Lopez Bakery", Option.some("lopezbakery.example")));
    service.directory().save(ACME, Contact.builder().id(MARIA).name(Option.some("Maria Lopez"))
        .phone(Option.some(new PhoneNumber("+15555550123"))).email(Option.some(new EmailAddress("maria@lopezbakery.example")))
        .accountId(Option.some(LOPEZ_BAKERY)).build());

    ConversationId sms = ok(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.SMS))
        .idempotencyKey("demo-sms-order-4521").customerAddress("+15555550123").contactId(MARIA).accountId(LOPEZ_BAKERY)
        .subject("Delivery time for order #4521")
        .firstMessage(NewMessage.of(Participant.customer(), "Hi, when will order #4521 arrive?")))).conversation().id();
    ok(service.send(ACME, sms, NewMessage.of(Participant.ai(AiAgentId.of("ai-delivery-desk")),
            "Order #4521 ships today; delivery takes 3-5 business days.")
        .withCitations(List.of(new Citation(Option.some("kb-shipping"), SourceType.WEBSITE,
            Option.some("https://help.example.com/shipping"), 0.91)))));
    ok(service.execute(ACME, sms, Command.UpdateMetadata.by(Participant.ai()).addTags("vip")
        .summary("Customer asked when order #4521 arrives; the AI confirmed 3-5 business days.")));
    ok(service.execute(ACME, sms, new Command.RaiseAttention(Participant.ai(), AttentionId.of("att-address"),
        "address-change", "Customer may change the delivery address; check the carrier cut-off.")));

    ConversationId whatsapp = ok(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.WHATSAPP))
        .idempotencyKey("demo-whatsapp-refund").customerAddress("+15555550188").customerName("Tom Becker")
        .firstMessage(NewMessage.of(Participant.customer(), "I want a refund for my broken mixer.")))).conversation().id();
    ok(service.send(ACME, whatsapp, NewMessage.of(Participant.ai(), "I am sorry to hear that. Let me get a colleague.")));
    ok(service.execute(ACME, whatsapp, Command.HandOff.toAgent(Participant.ai(), JANE, "refund request")));
    ok(service.send(ACME, whatsapp, NewMessage.of(Participant.human(JANE), "Hi Tom, Jane here. I have started your refund.")));

    ConversationId email = ok(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.EMAIL))
        .idempotencyKey("demo-email-hours").customerAddress("sam@example.com").subject("Opening hours")
        .firstMessage(NewMessage.of(Participant.customer(), "Are you open on Sunday?")))).conversation().id();
    ok(service.send(ACME, email, NewMessage.of(Participant.ai(), "Yes, from 10:00 to 16:00.")));
    ok(service.execute(ACME, email, new Command.Resolve(Participant.ai(), "Opening hours answered")));

    ConversationId chat = ok(service.create(GLOBEX, NewConversation.on(SUPPORT, Channel.of(ChannelType.WEB_CHAT))
        .idempotencyKey("demo-web-chat")
        .firstMessage(NewMessage.of(Participant.customer(), "Do you ship to Canada?")))).conversation().id();
    return new DemoData(sms, whatsapp, email, chat);
  }

  private static Outcome ok(Either<Problem, Outcome> result) {
    return result.getOrElseThrow(p -> new IllegalStateException("demo data: " + p.code() + ": " + p.message()));
  }
}
