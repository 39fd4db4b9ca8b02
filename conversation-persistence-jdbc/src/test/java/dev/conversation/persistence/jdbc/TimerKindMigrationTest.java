package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerKind;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL migration V4 fills the timer of conversations stored before it (documents without
 * {@code awaitingReplySince}, no {@code timer_kind}) exactly as the store would index them now, so
 * the due query finds their new timers without waiting for a commit; V6 indexes the due instants
 * it can know without the host's policies.
 */
class TimerKindMigrationTest {

  private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");
  private static final HumanAgent JANE = HumanAgent.of(HumanAgentId.of("jane"), "Jane");
  private static HikariDataSource db;

  @BeforeAll
  static void open() {
    db = Databases.postgres();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void conversationsStoredBeforeV4GetTheTimerTheStoreIndexesNow() throws Exception {
    JdbcConversationStore store = JdbcConversationStore.on(db);
    TenantId tenant = TenantId.of("t-migration");
    storeEveryTimer(store, tenant, TimerPolicy.wakeOnly());
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      // The state V3 left: documents without the field, no kind, timers only for the three old statuses.
      s.execute("ALTER TABLE conversations DROP COLUMN timer_kind");
      s.execute("UPDATE conversations SET body = (body::jsonb - 'awaitingReplySince' - 'aiTurnSince')::text");
      s.execute("UPDATE conversations SET timer_at = NULL WHERE status NOT IN ('SNOOZED', 'WAITING', 'RESOLVED')");
      String v4 = new String(JdbcConversationStore.class.getResourceAsStream(
          "/dev/conversation/persistence/jdbc/migration/postgresql/V4__timer_kinds.sql").readAllBytes(), StandardCharsets.UTF_8);
      s.execute(v4);
      int kinds = 0;
      try (ResultSet r = s.executeQuery("SELECT id, timer_kind, timer_at, body FROM conversations WHERE tenant_id = 't-migration' ORDER BY id")) {
        while (r.next()) {
          Conversation read = Codec.conversation(r.getString(4));
          Option<Tuple2<TimerKind, Instant>> expected = Lifecycle.timer(read);
          OffsetDateTime timerAt = r.getObject(3, OffsetDateTime.class);
          Option<Tuple2<String, Instant>> actual = Option.of(r.getString(2))
              .map(kind -> new Tuple2<>(kind, timerAt.toInstant()));
          assertThat(actual).as("rule: V4 indexes %s (%s) as the store would", r.getString(1), read.status())
              .isEqualTo(expected.map(t -> new Tuple2<>(t._1.name(), t._2)));
          kinds += expected.isDefined() ? 1 : 0;
        }
      }
      assertThat(kinds).as("every timer kind is exercised but the one of NEW without messages and CLOSED").isEqualTo(7);
    }
  }

  /** Stores one conversation per timer kind (and two without a timer), each commit under {@code policy}. */
  /**
   * V9 indexes the AI's turn of conversations stored before it (documents without
   * {@code aiTurnSince}) as the store's codec reads them: from the start of the customer's wait.
   */
  @Test
  void conversationsStoredBeforeV9GetTheirAiTurnIndexed() throws Exception {
    JdbcConversationStore store = JdbcConversationStore.on(db);
    TenantId tenant = TenantId.of("t-migration-v9");
    storeEveryTimer(store, tenant, TimerPolicy.wakeOnly());
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      // Documents from before V9 (no aiTurnSince) and, for half of them, from before V4 (no awaitingReplySince).
      s.execute("UPDATE conversations SET ai_turn_since = NULL, body = (body::jsonb - 'aiTurnSince')::text"
          + " WHERE tenant_id = 't-migration-v9'");
      s.execute("UPDATE conversations SET body = (body::jsonb - 'awaitingReplySince')::text"
          + " WHERE tenant_id = 't-migration-v9' AND id IN ('c1', 'c3', 'c5', 'c7')");
      String v9 = new String(JdbcConversationStore.class.getResourceAsStream(
          "/dev/conversation/persistence/jdbc/migration/postgresql/V9__ai_turns.sql").readAllBytes(), StandardCharsets.UTF_8);
      String backfill = java.util.Arrays.stream(v9.split(";")).map(String::strip)
          .map(part -> part.substring(part.indexOf("UPDATE") < 0 ? part.length() : part.indexOf("UPDATE")))
          .filter(part -> part.startsWith("UPDATE")).findFirst().orElseThrow();
      s.execute(backfill);
      int turns = 0;
      try (ResultSet r = s.executeQuery("SELECT id, ai_turn_since, body FROM conversations WHERE tenant_id = 't-migration-v9'"
          + " ORDER BY id")) {
        while (r.next()) {
          Conversation read = Codec.conversation(r.getString(3));
          Option<Instant> indexed = Option.of(r.getObject(2, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
          assertThat(indexed).as("rule: V9 indexes %s (%s) as the store would", r.getString(1), read.status())
              .isEqualTo(Lifecycle.aiTurn(read));
          turns += indexed.isDefined() ? 1 : 0;
        }
      }
      assertThat(turns).as("the two lives where the customer waits for the AI").isEqualTo(2);
    }
  }

  static void storeEveryTimer(JdbcConversationStore store, TenantId tenant, TimerPolicy policy) {
    Participant customer = Participant.customer();
    Participant ai = Participant.ai();
    Participant jane = Participant.human(JANE);
    Command.AppendMessage q = Command.AppendMessage.of(MessageId.of("q"), customer, "Hello?");
    Command.AppendMessage q2 = Command.AppendMessage.of(MessageId.of("q2"), customer, "Still there?");
    Command.AppendMessage a = Command.AppendMessage.of(MessageId.of("a"), ai, "Hi!");
    Command.AppendMessage h = Command.AppendMessage.of(MessageId.of("h"), jane, "Sorted.");
    Command handOff = Command.HandOff.toAgent(ai, JANE, "refund");
    List<List<Command>> lives = List.of(
        List.empty(),                                  // NEW, nobody spoke: no timer
        List.of(q, q2),                                // NEW, customer waits: first reply
        List.of(q, a, q2),                             // ACTIVE, customer waits again: next reply
        List.of(q, a),                                 // WAITING: auto-resolve
        List.of(q, handOff),                           // HUMAN_MANAGED, customer waits: first reply
        List.of(q, handOff, h),                        // HUMAN_MANAGED, answered: idle
        List.of(q, a, new Command.Snooze(ai, T0.plus(Duration.ofDays(2)))),  // SNOOZED: wake
        List.of(q, new Command.Resolve(ai, "done")),   // RESOLVED: auto-close
        List.of(q, new Command.Resolve(ai, "done"), new Command.Close(ai))); // CLOSED: none
    AtomicInteger n = new AtomicInteger();
    for (List<Command> life : lives) {
      Instant at = T0.plusSeconds(n.get() * 100L);
      ConversationId id = ConversationId.of("c" + n.getAndIncrement());
      Decision d = Lifecycle.start(StartConversation.of(id, tenant, WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT)), at).get();
      store.commit(tenant, 0, d, policy).get();
      Conversation c = d.conversation();
      for (Command command : life) {
        at = at.plusSeconds(1);
        Decision next = Lifecycle.decide(c, command, at).get();
        store.commit(tenant, c.version(), next, policy).get();
        c = next.conversation();
      }
    }
  }

  /**
   * The migration V6 indexes the snoozed conversations stored before it at their wake time (due so
   * under every policy) and leaves the other timers to the runner's start pass, which re-indexes
   * each under the host's policy exactly as a commit would.
   */
  @Test
  void conversationsStoredBeforeV6AreDueAtTheirWakeTimeAndTheStartPassIndexesTheRest() throws Exception {
    TimerPolicy policy = TimerPolicy.of(Duration.ofHours(1), Duration.ofDays(1)).withFirstReplyWithin(Duration.ofMinutes(15))
        .withNextReplyWithin(Duration.ofHours(1)).withResolveIdleHumanAfter(Duration.ofDays(3));
    try (HikariDataSource own = Databases.postgres()) {
      JdbcConversationStore store = JdbcConversationStore.on(own);
      TenantId tenant = TenantId.of("t-due");
      storeEveryTimer(store, tenant, policy);
      try (Connection c = own.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP INDEX conversations_due");
        s.execute("DROP INDEX conversations_tenant_due");
        s.execute("ALTER TABLE conversations DROP COLUMN timer_due_at");
        String v6 = new String(JdbcConversationStore.class.getResourceAsStream(
            "/dev/conversation/persistence/jdbc/migration/postgresql/V6__timer_due_at.sql").readAllBytes(), StandardCharsets.UTF_8);
        s.execute(v6);
      }
      List<Conversation> woken = store.due(dev.conversation.persistence.DueQuery.at(T0.plus(Duration.ofDays(3650))))
          .map(dev.conversation.persistence.Due::conversation).toList();
      assertThat(woken.map(Conversation::status)).as("rule: after V6 alone, only the snoozed one is due, at its wake time")
          .containsExactly(dev.conversation.domain.Status.SNOOZED);
      int retimed = 0;
      for (dev.conversation.persistence.Scheduled x : store.scheduled(Option.none(), 1000)) {
        retimed += store.reschedule(x.tenant(), x.conversation(), policy) ? 1 : 0;
      }
      assertThat(retimed).as("the start pass re-indexes the six other timers").isEqualTo(6);
      int checked = 0;
      for (dev.conversation.persistence.Scheduled x : store.scheduled(Option.none(), 1000)) {
        assertThat(x.dueAt()).as("rule: %s (%s) is indexed as a commit under the policy would", x.conversation().id(),
            x.conversation().status()).isEqualTo(Lifecycle.dueAt(x.conversation(), policy));
        checked++;
      }
      assertThat(checked).isEqualTo(7);
    }
  }
}
