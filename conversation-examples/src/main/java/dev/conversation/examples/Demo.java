package dev.conversation.examples;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.TransitionTable;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.Conversations;
import dev.conversation.service.Enriched;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Plays a realistic conversation through the service on the embedded in-memory store and prints
 * its timeline: a WhatsApp customer asks, the AI answers citing sources, the customer asks for a
 * person (and their app sends it twice), the AI hands off, a human resolves, and the timers close
 * it after the grace period. Then it lists, enriches and reads the outbox, and ends with the
 * lifecycle diagram. Run with {@code mvn -B -q -pl conversation-examples -am test-compile exec:java}.
 */
public final class Demo {

  private static final TimerPolicy POLICY = TimerPolicy.of(Duration.ofHours(24), Duration.ofDays(3));
  private static final TenantId ACME = TenantId.of("acme");

  private final PrintStream out;
  private final DemoClock clock = new DemoClock(Instant.parse("2026-11-21T09:00:00Z"));
  private int ids;

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
    try (Conversations conversations = Conversations.builder().clock(clock).ids(() -> "id-" + ++ids).timers(POLICY).build()) {
      return play(conversations);
    }
  }

  private Conversation play(Conversations conversations) {
    out.println("== A WhatsApp conversation, start to close, through the service on the in-memory store ==");
    Participant customer = Participant.customer();
    Participant ai = Participant.ai();
    HumanAgent jane = HumanAgent.of(HumanAgentId.of("agent-jane"), "Jane Smith");

    Outcome created = show(conversations.create(ACME, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WHATSAPP))
        .customerAddress("+4915112345678")
        .customerName("Maria Rossi")
        .firstMessage(NewMessage.of(customer, "Hi! Can I return shoes I bought 40 days ago?")))).get();
    ConversationId id = created.conversation().id();

    clock.advance(Duration.ofSeconds(4));
    show(conversations.send(ACME, id, NewMessage.of(ai,
            "Returns are accepted within 30 days of delivery; after that we offer store credit.")
        .withCitations(List.of(Citation.of(SourceType.WEBSITE, "https://acme.example/help/returns", 0.12),
            Citation.of(SourceType.PDF, "https://acme.example/policies/returns.pdf", 0.31)))));

    clock.advance(Duration.ofMinutes(3));
    NewMessage askForPerson = NewMessage.of(customer, "The shoes fell apart. I'd like to talk to a person.")
        .withIdempotencyKey("wa-msg-7731");
    show(conversations.send(ACME, id, askForPerson));
    out.println("   (the customer's app retries the same message)");
    show(conversations.send(ACME, id, askForPerson));

    clock.advance(Duration.ofSeconds(3));
    show(conversations.execute(ACME, id,
        Command.HandOff.toTeam(ai, TeamId.of("returns"), "customer asked for a person about a defective product")));

    clock.advance(Duration.ofSeconds(5));
    out.println("   (the AI tries to answer anyway)");
    show(conversations.send(ACME, id, NewMessage.of(ai, "I can offer you store credit!")));

    clock.advance(Duration.ofMinutes(12));
    show(conversations.send(ACME, id, NewMessage.of(Participant.human(jane),
        "Hi, Jane here. Sorry about that! A defect is covered for 2 years: I've issued a full refund.")));

    clock.advance(Duration.ofMinutes(2));
    show(conversations.execute(ACME, id, new Command.Resolve(Participant.human(jane), "Defective shoes refunded under warranty")));

    clock.advance(Duration.ofDays(1));
    out.println("   (a day later the timers run: nothing is due yet, the grace period is " + POLICY.autoCloseAfter().get() + ")");
    tick(conversations);
    clock.advance(Duration.ofDays(2));
    out.println("   (three days after the resolution)");
    tick(conversations);

    Conversation end = conversations.get(ACME, id).get();
    out.println();
    out.println("Final state: " + end.status() + ", version " + end.version() + ", " + end.messageCount()
        + " messages, resolved by " + end.resolution().map(r -> name(r.resolver())).getOrElse("nobody")
        + ": \"" + end.resolution().map(r -> r.outcome()).getOrElse("") + "\"");

    Page<Conversation> closed = conversations.list(ACME, ConversationQuery.request().statuses("closed").limit(10)).get();
    out.println("Listing status=closed: " + closed.items().map(c -> c.id().value()).mkString(", "));
    out.println("Listing with limit=101: " + conversations.list(ACME, ConversationQuery.request().limit(101)).getLeft().message());
    Enriched enriched = conversations.getEnriched(ACME, id).get();
    out.println("Enriched from the directory: contact " + enriched.contact().flatMap(c -> c.name()).getOrElse("?")
        + " " + enriched.contact().flatMap(c -> c.phone()).map(p -> p.value()).getOrElse("")
        + (enriched.complete() ? " (complete)" : " (not complete: " + enriched.problems().mkString("; ") + ")"));
    Seq<StoredEvent> outbox = conversations.events(ACME, 0, 1000).get();
    out.println("Outbox: " + outbox.size() + " events, positions " + outbox.head().position() + " to " + outbox.last().position());
    out.println("Another tenant asking for " + id + ": "
        + conversations.get(TenantId.of("globex"), id).getLeft().message());

    out.println();
    out.println("== The lifecycle (generated from TransitionTable.standard()) ==");
    out.println("```mermaid");
    out.print(TransitionTable.standard().toMermaid());
    out.println("```");
    return end;
  }

  private void tick(Conversations conversations) {
    Seq<Outcome> fired = conversations.tick(ACME).get();
    if (fired.isEmpty()) {
      out.println(clock.instant() + "  timers: nothing due");
    }
    fired.forEach(o -> show(Either.right(o)));
  }

  private Option<Outcome> show(Either<Problem, Outcome> result) {
    if (result.isLeft()) {
      Problem p = result.getLeft();
      out.println(clock.instant() + "  " + p.code().toUpperCase(java.util.Locale.ROOT) + " " + p.message());
      return Option.none();
    }
    Outcome outcome = result.get();
    if (outcome.replayed()) {
      out.println(clock.instant() + "  replayed: " + outcome.messages().map(Message::id).mkString(", ")
          + " already stored, nothing written");
      return Option.some(outcome);
    }
    for (Message m : outcome.messages()) {
      out.println(m.createdAt() + "  " + name(m.author()) + ": " + m.content());
      m.citations().forEach(c -> out.println("      source " + c.type() + " " + c.link().getOrElse("") + " (distance " + c.distance() + ")"));
    }
    if (outcome.messages().isEmpty() && outcome.changed()) {
      out.println(outcome.conversation().updatedAt() + "  " + name(outcome.events().head().event().by()) + " acted");
    }
    for (StoredEvent stored : outcome.events()) {
      describe(stored.event().change()).forEach(text -> out.println("      " + text + "  (v" + stored.event().version() + ")"));
    }
    return Option.some(outcome);
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
    return p.human().map(HumanAgent::name).getOrElse(() -> p.actor().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The demo's clock: it stands still until the story moves it on. Not thread-safe; the demo has one thread. */
  private static final class DemoClock extends Clock {
    private Instant now;

    DemoClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the demo clock is UTC only");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
