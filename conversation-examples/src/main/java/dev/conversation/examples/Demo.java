package dev.conversation.examples;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.TransitionTable;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Plays a realistic conversation through the lifecycle and prints its timeline: a WhatsApp
 * customer asks, the AI answers citing sources, the customer asks for a person, the AI hands
 * off, a human resolves, and the timers close it after the grace period. Ends with the
 * lifecycle diagram. Run with {@code mvn -B -q -pl conversation-examples -am compile exec:java}.
 */
public final class Demo {

  private static final TimerPolicy POLICY = TimerPolicy.of(Duration.ofHours(24), Duration.ofDays(3));

  private final PrintStream out;
  private Conversation conversation;
  private Instant clock = Instant.parse("2026-11-21T09:00:00Z");
  private int messageIds;

  private Demo(PrintStream out) {
    this.out = out;
  }

  /** Runs the demo, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}; returns the conversation at the end. */
  public static Conversation run(PrintStream out) {
    return new Demo(out).play();
  }

  private Conversation play() {
    out.println("== A WhatsApp conversation, start to close ==");
    Participant customer = Participant.customer();
    Participant ai = Participant.ai();
    HumanAgent jane = HumanAgent.of(HumanAgentId.of("agent-jane"), "Jane Smith");

    StartConversation start = StartConversation.of(ConversationId.of("conv-0001"), TenantId.of("acme"),
            WorkspaceId.of("support"), Channel.of(ChannelType.WHATSAPP))
        .customerAddress("+4915112345678")
        .firstMessage(Command.AppendMessage.of(nextId(), customer, "Hi! Can I return shoes I bought 40 days ago?"));
    show(Lifecycle.start(start, clock));

    later(Duration.ofSeconds(4));
    show(decide(new Command.AppendMessage(nextId(), ai,
        "Returns are accepted within 30 days of delivery; after that we offer store credit.",
        List.of(Citation.of(SourceType.WEBSITE, "https://acme.example/help/returns", 0.12),
            Citation.of(SourceType.PDF, "https://acme.example/policies/returns.pdf", 0.31)),
        Option.none())));

    later(Duration.ofMinutes(3));
    show(decide(Command.AppendMessage.of(nextId(), customer, "The shoes fell apart. I'd like to talk to a person.")));

    later(Duration.ofSeconds(3));
    show(decide(Command.HandOff.toTeam(ai, TeamId.of("returns"), "customer asked for a person about a defective product")));

    later(Duration.ofSeconds(5));
    out.println("   (the AI tries to answer anyway)");
    show(decide(Command.AppendMessage.of(nextId(), ai, "I can offer you store credit!")));

    later(Duration.ofMinutes(12));
    show(decide(Command.AppendMessage.of(nextId(), Participant.human(jane),
        "Hi, Jane here. Sorry about that! A defect is covered for 2 years: I've issued a full refund.")));

    later(Duration.ofMinutes(2));
    show(decide(new Command.Resolve(Participant.human(jane), "Defective shoes refunded under warranty")));

    later(Duration.ofDays(1));
    out.println("   (a day later the timers run: nothing is due yet, the grace period is " + POLICY.autoCloseAfter().get() + ")");
    tick();
    later(Duration.ofDays(2));
    out.println("   (three days after the resolution)");
    tick();

    out.println();
    out.println("Final state: " + conversation.status() + ", version " + conversation.version() + ", "
        + conversation.messageCount() + " messages, resolved by "
        + conversation.resolution().map(r -> name(r.resolver())).getOrElse("nobody")
        + ": \"" + conversation.resolution().map(r -> r.outcome()).getOrElse("") + "\"");
    out.println();
    out.println("== The lifecycle (generated from TransitionTable.standard()) ==");
    out.println("```mermaid");
    out.print(TransitionTable.standard().toMermaid());
    out.println("```");
    return conversation;
  }

  private MessageId nextId() {
    return MessageId.of("msg-" + ++messageIds);
  }

  private void later(Duration duration) {
    clock = clock.plus(duration);
  }

  private Either<dev.conversation.domain.Rejection, Decision> decide(Command command) {
    return Lifecycle.decide(conversation, command, clock);
  }

  private void tick() {
    Option<Decision> fired = Lifecycle.tick(conversation, POLICY, clock);
    if (fired.isEmpty()) {
      out.println(clock + "  timers: nothing due");
    } else {
      show(Either.right(fired.get()));
    }
  }

  private void show(Either<dev.conversation.domain.Rejection, Decision> result) {
    if (result.isLeft()) {
      out.println(clock + "  REJECTED [" + result.getLeft().rule() + "] " + result.getLeft().message());
      return;
    }
    Decision decision = result.get();
    conversation = decision.conversation();
    for (Message m : decision.messages()) {
      out.println(m.createdAt() + "  " + name(m.author()) + ": " + m.content());
      m.citations().forEach(c -> out.println("      source " + c.type() + " " + c.link().getOrElse("") + " (distance " + c.distance() + ")"));
    }
    if (decision.messages().isEmpty()) {
      out.println(decision.conversation().updatedAt() + "  " + name(decision.events().head().by()) + " acted");
    }
    for (DomainEvent event : decision.events()) {
      describe(event.change()).forEach(text -> out.println("      " + text + "  (v" + event.version() + ")"));
    }
  }

  private static Option<String> describe(DomainEvent.Change change) {
    if (change instanceof DomainEvent.StatusChanged s) {
      return Option.some("status " + s.from() + " -> " + s.to());
    } else if (change instanceof DomainEvent.Started s) {
      return Option.some("started in " + s.status());
    } else if (change instanceof DomainEvent.HandedOff h) {
      String to = h.assignee().agent().map(HumanAgent::name)
          .getOrElse(() -> "team " + h.assignee().team().get());
      return Option.some("handed off to " + to + ": " + h.reason());
    } else if (change instanceof DomainEvent.Resolved r) {
      return Option.some("resolved by " + name(r.resolution().resolver()) + ": " + r.resolution().outcome());
    } else if (change instanceof DomainEvent.Closed) {
      return Option.some("closed");
    }
    return Option.none();
  }

  private static String name(Participant p) {
    return p.human().map(HumanAgent::name).getOrElse(() -> p.actor().name().toLowerCase());
  }
}
