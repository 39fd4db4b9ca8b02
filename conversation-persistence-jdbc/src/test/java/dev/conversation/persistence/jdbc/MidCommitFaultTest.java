package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoreFailure;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestFactory;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A commit whose connection dies at any point of its transaction: before any of its statements
 * or before {@code commit()} itself. The connection is killed for real (PostgreSQL: its backend
 * is terminated from another session; H2: the physical connection is closed), so the driver
 * meets a genuine failure. Every such commit must come back as {@link Problem.Unavailable} from
 * the service (or a {@link StoreFailure} from the store), leave the header, the messages, the
 * events and the tag index exactly as they were, and a retry of the same change on a healthy
 * store must then store it exactly once.
 *
 * <p>The kill points are not hard-coded: each change is first run once through a recording
 * connection, and every step that run took (each statement execution and the commit) becomes
 * one kill point.
 */
class MidCommitFaultTest {

  @Nested
  class OnPostgres extends Faults {
    OnPostgres() {
      super(Target::postgres, false);
    }
  }

  /** A pool that hands out connections outside auto-commit: every commit is a transaction. */
  @Nested
  class OnPostgresOutsideAutoCommit extends Faults {
    OnPostgresOutsideAutoCommit() {
      super(Target::postgresOutsideAutoCommit, false, false);
    }
  }

  @Nested
  class OnH2 extends Faults {
    OnH2() {
      super(Target::h2, true);
    }
  }

  /** The kill-point tests, the same on each database. */
  abstract static class Faults {

    private final Supplier<Target> database;
    private final boolean counter;
    private final boolean autoCommitPool;

    /** {@code counter}: the tenant's outbox counter row orders its commits (H2); PostgreSQL has none. */
    Faults(Supplier<Target> database, boolean counter) {
      this(database, counter, true);
    }

    /** {@code autoCommitPool}: the pool hands out connections in auto-commit (the default). */
    Faults(Supplier<Target> database, boolean counter, boolean autoCommitPool) {
      this.database = database;
      this.counter = counter;
      this.autoCommitPool = autoCommitPool;
    }

    /**
     * The steps, with {@code OUTBOX} (and {@code FIRST_OUTBOX}, a tenant's first) spelled out for
     * this database; on PostgreSQL an update's header, messages and events are one statement
     * ({@code WITH h AS (UPDATE ...)}), followed by the tag statements and the commit if any tag
     * changes, and committed by itself in auto-commit if none does (in a transaction, with its
     * commit, on a pool outside auto-commit).
     */
    private String[] steps(String... steps) {
      if (!counter && steps[0].equals("UPDATE conversations")) {
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of("WITH h AS (UPDATE conversations"));
        for (String step : steps) {
          if (step.contains("conversation_tags")) {
            out.add(step);
          }
        }
        if (out.size() > 1 || !autoCommitPool) {
          out.add("COMMIT");
        }
        return out.toArray(String[]::new);
      }
      java.util.List<String> out = new java.util.ArrayList<>();
      for (String step : steps) {
        if (step.equals("OUTBOX")) {
          out.addAll(counter ? java.util.List.of("UPDATE outbox_positions", "INSERT INTO events") : java.util.List.of("INSERT INTO events"));
        } else if (step.equals("FIRST_OUTBOX")) {
          out.addAll(counter ? java.util.List.of("UPDATE outbox_positions", "INSERT INTO outbox_positions",
              "UPDATE outbox_positions", "INSERT INTO events") : java.util.List.of("INSERT INTO events"));
        } else {
          out.add(step);
        }
      }
      return out.toArray(String[]::new);
    }

    @TestFactory
    Stream<DynamicTest> aCustomerMessageKilledAtAnyStepIsUnavailableLeavesNothingAndItsRetryStoresItOnce() {
      return atEveryKillPoint(database.get(), SendCustomerMessage::new,
          steps("UPDATE conversations", "INSERT INTO messages", "OUTBOX", "COMMIT"));
    }

    @TestFactory
    Stream<DynamicTest> aTagChangeKilledAtAnyStepIsUnavailableAndLeavesTheTagIndexAsTheHeaderSays() {
      return atEveryKillPoint(database.get(), () -> new ChangeTags(List.of("urgent"), List.of("refund")),
          steps("UPDATE conversations", "DELETE FROM conversation_tags", "INSERT INTO conversation_tags",
          "OUTBOX", "COMMIT"));
    }

    @TestFactory
    Stream<DynamicTest> removingEveryTagKilledAtAnyStepIsUnavailableAndKeepsEveryTagListed() {
      return atEveryKillPoint(database.get(), () -> new ChangeTags(List.empty(), List.of("vip", "refund")),
          steps("UPDATE conversations", "DELETE FROM conversation_tags", "OUTBOX", "COMMIT"));
    }

    @TestFactory
    Stream<DynamicTest> aTenantsFirstCreateKilledAtAnyStepIsUnavailableLeavesNoConversationAndItsRetryCreatesItOnce() {
      // On H2 the tenant's first commit also creates its outbox counter, inside a savepoint.
      return atEveryKillPoint(database.get(), () -> new Create(false),
          steps("INSERT INTO conversations", "INSERT INTO messages", "FIRST_OUTBOX", "COMMIT"));
    }

    @TestFactory
    Stream<DynamicTest> aCreateInABusyTenantKilledAtAnyStepIsUnavailableAndLeavesTheOtherConversationsAlone() {
      return atEveryKillPoint(database.get(), () -> new Create(true),
          steps("INSERT INTO conversations", "INSERT INTO messages", "OUTBOX", "COMMIT"));
    }

    @TestFactory
    Stream<DynamicTest> anAppendCommittedStraightToTheStoreAndKilledAtAnyStepThrowsStoreFailureAndWritesNothing() {
      return atEveryKillPoint(database.get(), StoreAppend::new,
          steps("UPDATE conversations", "INSERT INTO messages", "OUTBOX", "COMMIT"));
    }

    @TestFactory
    Stream<DynamicTest> aTagChangeCommittedStraightToTheStoreAndKilledAtAnyStepThrowsStoreFailureAndWritesNothing() {
      return atEveryKillPoint(database.get(), StoreTagChange::new,
          steps("UPDATE conversations", "DELETE FROM conversation_tags", "INSERT INTO conversation_tags",
          "OUTBOX", "COMMIT"));
    }

    @TestFactory
    Stream<DynamicTest> anUncheckedExceptionAtAnyStepOfATagChangeLeavesNothingBehind() {
      return atEveryStep(database.get(), Fault.UNCHECKED, StoreTagChange::new,
          steps("UPDATE conversations", "DELETE FROM conversation_tags", "INSERT INTO conversation_tags",
          "OUTBOX", "COMMIT"));
    }

    /**
     * Not every failure inside a transaction is an SQLException: a driver bug, an OutOfMemoryError
     * while a batch is built, or the store's own StoreFailure (see TenantFirstCommitRaceTest) is
     * unchecked. The transaction must still be rolled back, not committed.
     */
    @TestFactory
    Stream<DynamicTest> anUncheckedExceptionAtAnyStepOfACommitLeavesNothingBehind() {
      return atEveryStep(database.get(), Fault.UNCHECKED, StoreAppend::new,
          steps("UPDATE conversations", "INSERT INTO messages", "OUTBOX", "COMMIT"));
    }
  }

  // ------------------------------------------------------------------------------- the method

  /**
   * Runs the change once through the recording connection to learn its steps (checking they are
   * the statements expected, so no statement goes untested), then one test per step: stage the
   * change in a fresh tenant, kill the connection right before that step, check nothing changed,
   * retry on the healthy side, check it was stored once.
   */
  static Stream<DynamicTest> atEveryKillPoint(Target db, Supplier<Change> changes, String... expectedSteps) {
    return atEveryStep(db, Fault.KILL, changes, expectedSteps);
  }

  static Stream<DynamicTest> atEveryStep(Target db, Fault fault, Supplier<Change> changes, String... expectedSteps) {
    Change probe = changes.get();
    probe.stage(db.healthy);
    db.killable.record();
    Either<Problem, Outcome> clean = probe.make(db.faultyService);
    java.util.List<java.util.List<KillableDataSource.Step>> transactions = db.killable.recorded();
    assertThat(clean.isRight()).as("rule: the change succeeds on a healthy connection, got %s", clean).isTrue();
    assertThat(transactions).as("rule: the change is one transaction").hasSize(1);
    java.util.List<KillableDataSource.Step> steps = transactions.get(0);
    assertThat(steps.stream().map(MidCommitFaultTest::label).toList())
        .as("rule: the commit runs these statements, then commits (%s): every one of them is a kill point", steps)
        .containsExactly(expectedSteps);

    return IntStream.rangeClosed(1, steps.size()).mapToObj(k -> {
      KillableDataSource.Step step = steps.get(k - 1);
      return dynamicTest(db.name + ": " + fault.description + " step " + k + " of " + steps.size() + ", " + label(step),
          () -> failedBefore(db, fault, changes.get(), k, step));
    });
  }

  private static void killBefore(Target db, Change change, int k, KillableDataSource.Step step) {
    db.killable.killBeforeStep(k);
    try {
      if (change.throughStore()) {
        assertThatThrownBy(() -> change.make(db.faultyService))
            .as("rule: a commit whose connection dies throws StoreFailure")
            .isInstanceOf(StoreFailure.class)
            .satisfies(failure -> assertKilledByTheDatabase(db, failure));
      } else {
        Either<Problem, Outcome> failed = change.make(db.faultyService);
        assertThat(failed.isLeft()).as("rule: a change whose commit loses its connection is a problem, got %s", failed)
            .isTrue();
        assertThat(failed.getLeft()).as("rule: a lost connection is Unavailable").isInstanceOf(Problem.Unavailable.class);
        assertThat(failed.getLeft().code()).as("rule: its code is 'unavailable'").isEqualTo("unavailable");
        assertKilledByTheDatabase(db, ((Problem.Unavailable) failed.getLeft()).cause());
      }
    } finally {
      db.killable.disarm();
    }
    assertThat(db.killable.killed()).as("rule: the connection was killed right before step %d", k).isEqualTo(step);
  }

  /** How a commit is made to fail right before one of its steps. */
  enum Fault {
    /** The connection is killed for real; the driver meets the dead connection. */
    KILL("killed before"),
    /** The JDBC call throws an unchecked exception instead of running (a driver bug, an OutOfMemoryError...). */
    UNCHECKED("unchecked exception before");

    final String description;

    Fault(String description) {
      this.description = description;
    }
  }

  private static void failedBefore(Target db, Fault fault, Change change, int k, KillableDataSource.Step step) {
    change.stage(db.healthy);
    State before = State.of(db.healthyStore, change);

    if (fault == Fault.KILL) {
      killBefore(db, change, k, step);
    } else {
      IllegalStateException injected = new IllegalStateException("injected: the driver failed unchecked");
      db.killable.beforeEachStep((index, at) -> {
        if (index == k) {
          throw injected;
        }
      });
      try {
        assertThatThrownBy(() -> change.make(db.faultyService))
            .as("rule: a commit that fails unchecked reaches the caller as an exception")
            .satisfies(e -> assertThat(e == injected || e.getCause() == injected)
                .as("rule: the caller gets the failure itself or a StoreFailure wrapping it, got %s", e).isTrue());
      } finally {
        db.killable.beforeEachStep((index, at) -> {});
      }
    }

    State after = State.of(db.healthyStore, change);
    assertThat(after.summary()).as("rule: nothing of the failed commit is visible").isEqualTo(before.summary());
    assertThat(after.headers).as("rule: every header is exactly as before the failed commit").isEqualTo(before.headers);
    assertThat(after.messages).as("rule: no message of the failed commit exists").isEqualTo(before.messages);
    assertThat(after.events).as("rule: no event of the failed commit exists").isEqualTo(before.events);
    assertThat(after.listed).as("rule: the tenant lists the same conversations").isEqualTo(before.listed);
    assertThat(after.count).as("rule: the tenant counts the same conversations").isEqualTo(before.count);
    change.message().flatMap(m -> m.idempotencyKey()).forEach(key -> {
      if (change.id != null) {
        assertThat(db.healthyStore.findByIdempotencyKey(change.tenant, change.id, key))
            .as("rule: the failed message's idempotency key is unused").isEmpty();
      }
    });
    tagListingsAgreeWithHeaders(db.healthyStore, change);

    Either<Problem, Outcome> retried = change.make(db.healthy);
    assertThat(retried.isRight()).as("rule: the same change succeeds on a healthy store, got %s", retried).isTrue();
    assertThat(retried.get().replayed()).as("rule: the retry is not a replay: the failed commit stored nothing")
        .isFalse();
    change.id = retried.get().conversation().id();
    Option<Conversation> previous = before.headers.get(change.id).flatMap(header -> header);
    Conversation stored = db.healthyStore.find(change.tenant, change.id).get();
    assertThat(stored).as("rule: the retry stored the header it answered with").isEqualTo(retried.get().conversation());
    assertThat(stored.version()).as("rule: the retry raised the version by exactly one")
        .isEqualTo(previous.map(Conversation::version).getOrElse(0L) + 1);
    change.checkApplied(previous, stored);

    Seq<Message> history = messages(db.healthyStore, change.tenant, change.id);
    assertThat(stored.messageCount()).as("rule: messageCount counts the stored messages").isEqualTo(history.size());
    change.message().forEach(m -> {
      assertThat(history.filter(h -> h.content().equals(m.content())))
          .as("rule: the retried message is stored exactly once").hasSize(1);
      m.idempotencyKey().forEach(key -> assertThat(db.healthyStore.findByIdempotencyKey(change.tenant, change.id, key)
              .map(Message::id))
          .as("rule: its key finds the retried message")
          .isEqualTo(retried.get().messages().headOption().map(Message::id)));
    });
    assertThat(history.map(Message::id).distinct()).as("rule: no message is stored twice").hasSize(history.size());

    Seq<StoredEvent> events = events(db.healthyStore, change.tenant);
    assertThat(events.map(StoredEvent::position).sliding(2).forAll(p -> p.size() < 2 || p.get(0) < p.get(1)))
        .as("rule: outbox positions strictly increase").isTrue();
    assertThat(events.map(StoredEvent::position).distinct()).as("rule: no outbox position repeats")
        .hasSize(events.size());
    Seq<Long> versions = events.filter(e -> e.event().conversationId().equals(change.id)).map(e -> e.event().version());
    assertThat(versions.distinct().toJavaList())
        .as("rule: the conversation's events carry versions 1..%d, contiguous and in order", stored.version())
        .isEqualTo(List.rangeClosed(1L, stored.version()).toJavaList());
    assertThat(events.drop(before.events.size()).toJavaList())
        .as("rule: the retry appended exactly its own events to the outbox")
        .isEqualTo(retried.get().events().toJavaList());
    tagListingsAgreeWithHeaders(db.healthyStore, change);
  }

  /** The failure came from the driver meeting the dead connection (not from the test's wrapper). */
  private static void assertKilledByTheDatabase(Target db, Throwable failure) {
    java.util.List<String> states = new java.util.ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        for (java.sql.SQLException e = sql; e != null && states.size() < 20; e = e.getNextException()) {
          states.add(e.getSQLState());
        }
      }
    }
    assertThat(states).as("rule: the failure is the driver's own report of the dead connection (SQLSTATEs %s)", states)
        .anyMatch(db.deadConnection);
  }

  // ------------------------------------------------------------------------------- the changes

  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static final WorkspaceId SUPPORT = WorkspaceId.of("support");
  private static final Channel WEB_CHAT = Channel.of(ChannelType.WEB_CHAT);
  private static final Seq<String> TAGS = List.of("vip", "refund", "urgent", "never-used");

  /** One change, staged in its own fresh tenant, then made through the killable or the healthy side. */
  abstract static class Change {
    final TenantId tenant = TenantId.of("tenant-" + TENANTS.incrementAndGet());
    /** The conversation changed; null for a create until its retry tells it. */
    ConversationId id;
    /** Other conversations staged in the tenant, which must not be touched. */
    Seq<ConversationId> others = List.empty();

    /** Sets the stage through the healthy service. */
    abstract void stage(Conversations healthy);

    /** Makes the change; a store route throws a StoreFailure where the service answers a problem. */
    abstract Either<Problem, Outcome> make(Conversations service);

    /** Whether the change is committed straight to the store rather than through the service. */
    boolean throughStore() {
      return false;
    }

    /** The message the change sends, if any. */
    Option<NewMessage> message() {
      return Option.none();
    }

    /** Checks the change's own effect once it is stored. */
    abstract void checkApplied(Option<Conversation> before, Conversation after);

    Seq<ConversationId> known() {
      return id == null ? others : others.prepend(id);
    }
  }

  /** A customer asks again in a tagged conversation that already has messages. */
  static class SendCustomerMessage extends Change {
    final NewMessage message = customer("Where is my refund? (" + tenant + ")").withIdempotencyKey("send-" + tenant);

    @Override
    void stage(Conversations healthy) {
      id = taggedWithMessages(healthy, tenant);
      others = List.of(neighbour(healthy, tenant));
    }

    @Override
    Either<Problem, Outcome> make(Conversations service) {
      return service.send(tenant, id, message);
    }

    @Override
    Option<NewMessage> message() {
      return Option.some(message);
    }

    @Override
    void checkApplied(Option<Conversation> before, Conversation after) {
      assertThat(after.messageCount()).as("rule: the append adds one message").isEqualTo(before.get().messageCount() + 1);
      assertThat(after.tags()).as("rule: the append keeps the tags").isEqualTo(before.get().tags());
    }
  }

  /** An agent changes the tags of a tagged conversation. */
  static class ChangeTags extends Change {
    final Seq<String> add;
    final Seq<String> remove;

    ChangeTags(Seq<String> add, Seq<String> remove) {
      this.add = add;
      this.remove = remove;
    }

    @Override
    void stage(Conversations healthy) {
      id = taggedWithMessages(healthy, tenant);
      others = List.of(neighbour(healthy, tenant));
    }

    @Override
    Either<Problem, Outcome> make(Conversations service) {
      return service.execute(tenant, id, Command.UpdateMetadata.by(Participant.ai())
          .addTags(add.toJavaArray(String[]::new)).removeTags(remove.toJavaArray(String[]::new)));
    }

    @Override
    void checkApplied(Option<Conversation> before, Conversation after) {
      assertThat(after.tags().toJavaSet()).as("rule: the tags are changed as asked")
          .isEqualTo(before.get().tags().addAll(add.map(Tag::of)).removeAll(remove.map(Tag::of)).toJavaSet());
    }
  }

  /** A conversation is created with a first message and an idempotency key. */
  static class Create extends Change {
    final boolean busyTenant;
    final NewMessage first = customer("Hello, my parcel never came (" + tenant + ")").withIdempotencyKey("first");
    final NewConversation request = NewConversation.on(SUPPORT, WEB_CHAT).firstMessage(first)
        .subject("Missing parcel").idempotencyKey("create-" + tenant);

    Create(boolean busyTenant) {
      this.busyTenant = busyTenant;
    }

    @Override
    void stage(Conversations healthy) {
      if (busyTenant) {
        others = List.of(taggedWithMessages(healthy, tenant), neighbour(healthy, tenant));
      }
    }

    @Override
    Either<Problem, Outcome> make(Conversations service) {
      return service.create(tenant, request);
    }

    @Override
    Option<NewMessage> message() {
      return Option.some(first);
    }

    @Override
    void checkApplied(Option<Conversation> before, Conversation after) {
      assertThat(before).as("rule: the failed create left no conversation behind").isEmpty();
      assertThat(after.messageCount()).as("rule: the create stored its first message").isEqualTo(1);
    }
  }

  /** A customer message decided by hand and committed straight to the store. */
  static class StoreAppend extends Change {
    Decision decision;
    long expected;
    final NewMessage message = customer("Straight to the store (" + tenant + ")").withIdempotencyKey("store-" + tenant);

    @Override
    void stage(Conversations healthy) {
      id = taggedWithMessages(healthy, tenant);
      others = List.of(neighbour(healthy, tenant));
      Conversation current = healthy.store().find(tenant, id).get();
      expected = current.version();
      decision = Lifecycle.decide(current, new Command.AppendMessage(MessageId.of("direct-" + tenant), message.author(),
          message.content(), List.empty(), message.idempotencyKey()), CLOCK.instant()).get();
    }

    @Override
    Either<Problem, Outcome> make(Conversations service) {
      return committed(service.store().commit(tenant, expected, decision));
    }

    @Override
    boolean throughStore() {
      return true;
    }

    @Override
    Option<NewMessage> message() {
      return Option.some(message);
    }

    @Override
    void checkApplied(Option<Conversation> before, Conversation after) {
      assertThat(after).as("rule: the store stored the decided header").isEqualTo(decision.conversation());
    }
  }

  /** A tag change decided by hand and committed straight to the store. */
  static class StoreTagChange extends Change {
    Decision decision;
    long expected;

    @Override
    void stage(Conversations healthy) {
      id = taggedWithMessages(healthy, tenant);
      others = List.of(neighbour(healthy, tenant));
      Conversation current = healthy.store().find(tenant, id).get();
      expected = current.version();
      decision = Lifecycle.decide(current, Command.UpdateMetadata.by(Participant.ai()).addTags("urgent")
          .removeTags("vip"), CLOCK.instant()).get();
    }

    @Override
    Either<Problem, Outcome> make(Conversations service) {
      return committed(service.store().commit(tenant, expected, decision));
    }

    @Override
    boolean throughStore() {
      return true;
    }

    @Override
    void checkApplied(Option<Conversation> before, Conversation after) {
      assertThat(after).as("rule: the store stored the decided header").isEqualTo(decision.conversation());
      assertThat(after.tags().toJavaSet()).as("rule: the decided tags are stored")
          .isEqualTo(java.util.Set.of(Tag.of("refund"), Tag.of("urgent")));
    }
  }

  private static Either<Problem, Outcome> committed(Either<Conflict, Committed> result) {
    assertThat(result.isRight()).as("rule: a commit on the version it was decided on has no conflict, got %s", result)
        .isTrue();
    Committed done = result.get();
    return Either.right(new Outcome(done.conversation(), done.messages(), done.events(), false));
  }

  /** A web chat with three messages and the tags vip and refund. */
  static ConversationId taggedWithMessages(Conversations s, TenantId tenant) {
    ConversationId id = right(s.create(tenant, NewConversation.on(SUPPORT, WEB_CHAT)
        .firstMessage(customer("My order is late").withIdempotencyKey("hello")))).conversation().id();
    right(s.execute(tenant, id, Command.UpdateMetadata.by(Participant.ai()).addTags("vip", "refund")));
    right(s.send(tenant, id, NewMessage.of(Participant.ai(), "Sorry to hear that; let me check.")));
    right(s.send(tenant, id, customer("It is order 1234").withIdempotencyKey("order")));
    return id;
  }

  /** Another conversation of the tenant, tagged vip, which a change must leave alone. */
  static ConversationId neighbour(Conversations s, TenantId tenant) {
    ConversationId id = right(s.create(tenant, NewConversation.on(SUPPORT, WEB_CHAT)
        .firstMessage(customer("Unrelated question")))).conversation().id();
    right(s.execute(tenant, id, Command.UpdateMetadata.by(Participant.ai()).addTags("vip")));
    return id;
  }

  static NewMessage customer(String text) {
    return NewMessage.of(Participant.customer(), text);
  }

  static <T> T right(Either<Problem, T> result) {
    assertThat(result.isRight()).as("rule: staging succeeds, got %s", result).isTrue();
    return result.get();
  }

  // ------------------------------------------------------------------------------- what is stored

  /** What the tenant has stored, read through the healthy store. */
  record State(io.vavr.collection.Map<ConversationId, Option<Conversation>> headers,
      io.vavr.collection.Map<ConversationId, Seq<Message>> messages, Seq<StoredEvent> events,
      Seq<ConversationId> listed, long count) {

    /** The versions, message counts, tags and outbox size, short enough to read in a failure. */
    String summary() {
      return "versions " + headers.mapValues(h -> h.map(Conversation::version).getOrElse(0L)).toJavaMap()
          + ", tags " + headers.mapValues(h -> h.map(c -> c.tags().mkString(",")).getOrElse("-")).toJavaMap()
          + ", stored messages " + messages.mapValues(Seq::size).toJavaMap()
          + ", conversations " + count + ", events " + events.size();
    }

    static State of(ConversationStore store, Change change) {
      io.vavr.collection.Map<ConversationId, Option<Conversation>> headers = io.vavr.collection.LinkedHashMap.empty();
      io.vavr.collection.Map<ConversationId, Seq<Message>> messages = io.vavr.collection.LinkedHashMap.empty();
      for (ConversationId id : change.known()) {
        headers = headers.put(id, store.find(change.tenant, id));
        messages = messages.put(id, MidCommitFaultTest.messages(store, change.tenant, id));
      }
      Page<Conversation> all = store.list(change.tenant, ConversationQuery.first(ConversationFilter.all()).withLimit(100));
      return new State(headers, messages, MidCommitFaultTest.events(store, change.tenant), all.items().map(Conversation::id),
          store.count(change.tenant, ConversationFilter.all()));
    }
  }

  static Seq<Message> messages(ConversationStore store, TenantId tenant, ConversationId id) {
    Page<Message> page = store.messages(tenant, id, MessageQuery.first(100));
    assertThat(page.next()).as("rule: a small conversation fits one page").isEmpty();
    return page.items();
  }

  static Seq<StoredEvent> events(ConversationStore store, TenantId tenant) {
    return store.events(tenant, 0, ConversationStore.MAX_EVENT_BATCH);
  }

  /** Every tag listing and count of the tenant names exactly the conversations whose header has the tag. */
  static void tagListingsAgreeWithHeaders(ConversationStore store, Change change) {
    Seq<Conversation> headers = change.known().flatMap(id -> store.find(change.tenant, id));
    for (String name : TAGS) {
      Tag tag = Tag.of(name);
      ConversationFilter filter = ConversationFilter.all().withAnyTag(tag);
      Set<ConversationId> expected = headers.filter(c -> c.tags().contains(tag)).map(Conversation::id).toSet();
      Seq<ConversationId> listed = store.list(change.tenant, ConversationQuery.first(filter).withLimit(100)).items()
          .map(Conversation::id);
      assertThat(listed.toSet()).as("rule: listing by tag %s names the conversations whose header has it", name)
          .isEqualTo(expected);
      assertThat(listed.size()).as("rule: listing by tag %s names each conversation once", name)
          .isEqualTo(expected.size());
      assertThat(store.count(change.tenant, filter)).as("rule: counting by tag %s agrees with the headers", name)
          .isEqualTo(expected.size());
    }
    for (Conversation c : headers) {
      if (c.tags().nonEmpty()) {
        ConversationFilter all = ConversationFilter.all().withAllTags(c.tags().toJavaArray(Tag[]::new));
        assertThat(store.list(change.tenant, ConversationQuery.first(all).withLimit(100)).items().map(Conversation::id))
            .as("rule: listing by all of a conversation's tags finds it").contains(c.id());
      }
    }
  }

  private static String label(KillableDataSource.Step step) {
    for (String statement : List.of("WITH h AS (UPDATE conversations", "INSERT INTO conversations", "UPDATE conversations",
        "DELETE FROM conversation_tags",
        "INSERT INTO conversation_tags", "INSERT INTO messages", "UPDATE outbox_positions",
        "INSERT INTO outbox_positions", "INSERT INTO events", "COMMIT")) {
      if (step.sql() != null && step.sql().contains(statement)) {
        return statement;
      }
    }
    return step.toString();
  }

  // ------------------------------------------------------------------------------- the databases

  /** A clock that moves one millisecond each time it is read, so every decision time differs. Thread-safe. */
  static final Clock CLOCK = new Clock() {
    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-03-24T08:15:00Z").toEpochMilli());

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.incrementAndGet());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  };

  /** One real database: a healthy pooled side and a killable side, non-pooled, on the same data. */
  static final class Target {
    private static Target postgres;
    private static Target h2;
    private static Target postgresOutsideAutoCommit;

    final String name;
    final ConversationStore healthyStore;
    final Conversations healthy;
    final KillableDataSource killable;
    final Conversations faultyService;
    /** The SQLSTATEs the driver reports for a connection killed this way. */
    final java.util.function.Predicate<String> deadConnection;

    private Target(String name, HikariDataSource pool, KillableDataSource killable,
        java.util.function.Predicate<String> deadConnection) {
      this.name = name;
      this.deadConnection = deadConnection;
      this.healthyStore = JdbcConversationStore.on(pool);
      this.healthy = Conversations.builder().store(healthyStore).directory(JdbcDirectory.on(pool)).clock(CLOCK).build();
      this.killable = killable;
      this.faultyService = Conversations.builder().store(JdbcConversationStore.on(killable))
          .directory(JdbcDirectory.on(pool)).clock(CLOCK).build();
    }

    static synchronized Target postgres() {
      if (postgres == null) {
        postgres = onPostgres("PostgreSQL", false);
      }
      return postgres;
    }

    static synchronized Target postgresOutsideAutoCommit() {
      if (postgresOutsideAutoCommit == null) {
        postgresOutsideAutoCommit = onPostgres("PostgreSQL outside auto-commit", true);
      }
      return postgresOutsideAutoCommit;
    }

    private static Target onPostgres(String name, boolean outsideAutoCommit) {
      HikariDataSource pool = Databases.postgres();
      PGSimpleDataSource raw = new PGSimpleDataSource();
      raw.setURL(pool.getJdbcUrl());
      raw.setUser(pool.getUsername());
      // 57P01: terminated by an administrator; class 08: connection exception.
      return new Target(name, pool, new KillableDataSource(raw, KillableDataSource.postgres(pool), outsideAutoCommit),
          state -> state != null && (state.equals("57P01") || state.startsWith("08")));
    }

    static synchronized Target h2() {
      if (h2 == null) {
        HikariDataSource pool = Databases.h2();
        JdbcDataSource raw = new JdbcDataSource();
        raw.setURL(pool.getJdbcUrl());
        raw.setUser(pool.getUsername());
        raw.setPassword("");
        // 90007: the object is already closed.
        h2 = new Target("H2", pool, new KillableDataSource(raw, KillableDataSource.h2()), "90007"::equals);
      }
      return h2;
    }
  }
}
