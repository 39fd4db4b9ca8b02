package dev.conversation.examples;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.TransitionTable;
import dev.conversation.domain.WorkspaceId;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Order;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import dev.conversation.persistence.jdbc.JdbcDirectory;
import dev.conversation.persistence.jdbc.Schema;
import dev.conversation.service.Conversations;
import dev.conversation.service.Enriched;
import dev.conversation.service.InboundMessage;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import dev.conversation.service.Received;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Plays a realistic conversation through the service and prints its timeline: a WhatsApp customer
 * never seen before writes twice at the same instant (two webhooks at once: one contact, one
 * conversation, both messages), the AI answers citing sources, the customer asks for a person (and their app sends it
 * twice), the AI hands off, a human resolves, and the timers close it after the grace period. Then
 * it lists, enriches and reads the outbox, and ends with the lifecycle diagram.
 *
 * <p>By default it runs on the embedded in-memory store: {@code mvn -B -q -pl conversation-examples
 * -am test-compile exec:java}. With {@code -Dexec.args="--durable"} (optionally followed by a
 * folder, {@code demo-data} by default) it runs on the JDBC store over an H2 database file behind a
 * HikariCP pool; each run adds one more conversation, and the listing and the outbox show the ones
 * earlier runs stored.
 */
public final class Demo {

  private static final TimerPolicy POLICY = TimerPolicy.of(Duration.ofHours(24), Duration.ofDays(3));
  private static final TenantId ACME = TenantId.of("acme");

  private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  private final PrintStream out;
  private final DemoClock clock;
  private final String idPrefix;
  private final String storeName;
  private final java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();

  private Demo(PrintStream out, Instant start, String idPrefix, String storeName) {
    this.out = out;
    this.clock = new DemoClock(start);
    this.idPrefix = idPrefix;
    this.storeName = storeName;
  }

  /**
   * Runs the demo, printing to standard output: on the in-memory store, or with {@code --durable
   * [folder]} on an H2 database file in that folder ({@code demo-data} by default).
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--durable")) {
      runDurable(System.out, Path.of(args.length > 1 ? args[1] : "demo-data"));
    } else if (args.length > 0) {
      throw new IllegalArgumentException("usage: Demo [--durable [folder]], not " + String.join(" ", args));
    } else {
      run(System.out);
    }
  }

  /** Runs the demo on the in-memory store, printing to {@code out}; returns the conversation at the end. */
  public static Conversation run(PrintStream out) {
    Demo demo = new Demo(out, START, "id-", "the in-memory store");
    try (Conversations conversations = demo.builder().build()) {
      return demo.play(conversations);
    }
  }

  /**
   * Runs the demo on the JDBC store over an H2 database file in {@code folder}, created and
   * migrated on first use, printing to {@code out}; returns the conversation at the end. Each run
   * stores one more conversation (ids {@code run-N-id-K}); its clock starts a week after the last
   * conversation an earlier run stored.
   */
  public static Conversation runDurable(PrintStream out, Path folder) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl("jdbc:h2:file:" + folder.toAbsolutePath().resolve("conversations") + ";LOCK_TIMEOUT=10000");
    pool.setUsername("sa");
    pool.setMaximumPoolSize(4);
    try (HikariDataSource dataSource = new HikariDataSource(pool)) {
      int applied = Schema.migrate(dataSource);
      ConversationStore store = JdbcConversationStore.on(dataSource);
      Seq<Conversation> earlier = store.list(ACME, ConversationQuery.first(ConversationFilter.all())
          .withOrder(Order.CREATED).withLimit(ConversationQuery.MAX_LIMIT)).items();
      int run = (int) store.count(ACME, ConversationFilter.all()) + 1;
      Instant start = earlier.headOption().map(c -> c.updatedAt().plus(Duration.ofDays(7))).getOrElse(START);
      Demo demo = new Demo(out, start, "run-" + run + "-id-", "the JDBC store (H2 file)");
      out.println("Database: " + folder.toAbsolutePath().resolve("conversations.mv.db") + " (migrations applied now: "
          + applied + "); run " + run + "; conversations from earlier runs: "
          + (earlier.isEmpty() ? "none" : earlier.reverse().map(c -> c.id() + " " + c.status()).mkString(", ")));
      try (Conversations conversations = demo.builder().store(store).directory(JdbcDirectory.on(dataSource)).build()) {
        return demo.play(conversations);
      }
    }
  }

  private Conversations.Builder builder() {
    return Conversations.builder().clock(clock).ids(() -> idPrefix + ids.incrementAndGet()).timers(POLICY);
  }

  private Conversation play(Conversations conversations) {
    out.println("== A WhatsApp conversation, start to close, through the service on " + storeName + " ==");
    Participant customer = Participant.customer();
    Participant ai = Participant.ai();
    HumanAgent jane = HumanAgent.of(HumanAgentId.of("agent-jane"), "Jane Smith");

    Channel whatsapp = Channel.of(ChannelType.WHATSAPP, ChannelId.of("+15550100200"));
    InboundMessage ask = InboundMessage.of(WorkspaceId.of("support"), whatsapp, "+4915112345678",
        "Hi! Can I return shoes I bought 40 days ago?", "wamid." + idPrefix + "001").senderName("Maria Rossi");
    InboundMessage more = InboundMessage.of(WorkspaceId.of("support"), whatsapp, "+4915112345678",
        "They're the red ones, order 4521.", "wamid." + idPrefix + "002").senderName("Maria Rossi");
    out.println("   (two WhatsApp webhooks arrive at the same instant from a number never seen before)");
    java.util.concurrent.CompletableFuture<Either<Problem, Received>> first =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> conversations.receive(ACME, ask));
    java.util.concurrent.CompletableFuture<Either<Problem, Received>> second =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> conversations.receive(ACME, more));
    Received one = first.join().get();
    Received two = second.join().get();
    for (Message m : List.of(one.message(), two.message()).sortBy(Message::createdAt)) {
      out.println(m.createdAt() + "  customer: " + m.content());
    }
    ConversationId id = one.conversationId();
    out.println("      routed: " + (id.equals(two.conversationId()) ? "one conversation" : "TWO conversations")
        + " for both (" + List.of(one.delivery(), two.delivery()).map(Enum::name).sorted().mkString(" + ") + "), "
        + (one.contactId().equals(two.contactId()) ? "one contact" : "TWO contacts"));
    out.println("   (the provider delivers the first webhook again)");
    Received again = conversations.receive(ACME, ask).get();
    out.println(clock.instant() + "  " + again.delivery() + ": \"" + again.message().content() + "\" already stored, nothing written");

    clock.advance(Duration.ofSeconds(4));
    out.println("   (the AI's turn: a LangChain4j agent claims it, asks its model with two retrieved sources, and"
        + " the answer is stored on the claim)");
    show(answerer(conversations).answer(ACME, id));

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

    Page<Conversation> closed = conversations.list(ACME, ConversationQuery.request().statuses("closed").limit(100)).get();
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

  /**
   * A LangChain4j agent with a scripted model (no network): it answers the returns question, and a
   * retriever that returns the two help-centre sources it cites.
   */
  private static dev.conversation.langchain4j.TurnAnswerer answerer(Conversations conversations) {
    dev.langchain4j.model.chat.ChatModel model = new dev.langchain4j.model.chat.ChatModel() {
      @Override
      public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
        return dev.langchain4j.model.chat.response.ChatResponse.builder().aiMessage(dev.langchain4j.data.message.AiMessage.from(
            "Returns are accepted within 30 days of delivery; after that we offer store credit.")).build();
      }
    };
    dev.langchain4j.rag.content.retriever.ContentRetriever retriever = query -> java.util.List.of(
        source("Returns: 30 days from delivery, store credit after.", "website", "https://acme.example/help/returns", 0.875),
        source("Returns policy (PDF).", "pdf", "https://acme.example/policies/returns.pdf", 0.625));
    return dev.conversation.langchain4j.TurnAnswerer.builder(conversations, model)
        .systemPrompt("You are Acme's support agent.").contentRetriever(retriever).worker("demo-agent").build();
  }

  private static dev.langchain4j.rag.content.Content source(String text, String type, String url, double score) {
    return dev.langchain4j.rag.content.Content.from(dev.langchain4j.data.segment.TextSegment.from(text,
        dev.langchain4j.data.document.Metadata.from(java.util.Map.of("type", type, "url", url))),
        java.util.Map.of(dev.langchain4j.rag.content.ContentMetadata.SCORE, score));
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
