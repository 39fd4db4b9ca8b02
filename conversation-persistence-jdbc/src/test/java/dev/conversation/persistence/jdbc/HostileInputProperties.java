package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.AttentionId;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Handle;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Limits;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Order;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.jdbc.Backends.Backend;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;

/**
 * SQL injection: hostile but well-formed strings in every value that reaches a statement (tenant,
 * conversation, message and attention ids, idempotency keys, contents, tags, contact and account
 * ids, hand-off agent and team, subject, the filter values of a listing, raw and tampered
 * cursors, the directory's ids and names). Each must travel as a bound value: it reads back
 * exactly, selects exactly what it names, leaves near-twin values and other tenants alone, and
 * every table keeps exactly the rows the workload wrote.
 */
class HostileInputProperties {

  private static final Backends DATABASES = new Backends();
  /** The rows every table must hold, per engine, after the examples so far. */
  private static final Map<Engine, Map<String, Long>> WRITTEN = new EnumMap<>(Engine.class);
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final int RAW_STRINGS = 26;

  @AfterAll
  static void closeDatabases() {
    DATABASES.close();
  }

  /** Everything one example writes, every string derived from a hostile one. */
  private record Inputs(
      long serial, int variant, String tenant, String conversation, String workspace, String contact, String account,
      String subject, String message1, String key1, String content1, String tag1, String tag2, String summary,
      String agent, String agentName, String avatar, String team, String reason, String message2, String key2,
      String content2, String attention, String attentionKind, String note, String outcome, String cursor,
      String contactName, String email, String handle) {

    static Inputs of(java.util.List<String> raw, int variant) {
      long serial = Workloads.serial();
      String message1 = Hostile.id(raw.get(6));
      String key1 = Hostile.id(raw.get(7));
      String tag1 = Hostile.tag(raw.get(9));
      return new Inputs(serial, variant,
          Hostile.uniqueId(raw.get(0), serial),
          Hostile.id(raw.get(1)),
          Hostile.id(raw.get(2)),
          Hostile.id(raw.get(3)),
          Hostile.id(raw.get(4)),
          Hostile.text(raw.get(5), Limits.MAX_SUBJECT),
          message1,
          key1,
          Hostile.text(raw.get(8), Limits.MAX_CONTENT),
          tag1,
          distinct(Hostile.tag(raw.get(10)), Limits.MAX_TAG, tag1),
          Hostile.text(raw.get(11), Limits.MAX_SUMMARY),
          Hostile.id(raw.get(12)),
          Hostile.text(raw.get(13), Limits.MAX_NAME),
          Hostile.text(raw.get(14), 2_048),
          Hostile.id(raw.get(15)),
          Hostile.text(raw.get(16), Limits.MAX_NOTE),
          distinct(Hostile.id(raw.get(17)), Limits.MAX_ID, message1),
          distinct(Hostile.id(raw.get(18)), Limits.MAX_ID, key1),
          Hostile.text(raw.get(19), Limits.MAX_CONTENT),
          Hostile.id(raw.get(20)),
          Hostile.text(raw.get(21), Limits.MAX_ID),
          Hostile.text(raw.get(22), Limits.MAX_NOTE),
          Hostile.text(raw.get(23), Limits.MAX_NOTE),
          raw.get(24),
          Hostile.text(raw.get(25), Limits.MAX_NAME),
          emailOf(raw.get(25)),
          Hostile.handle(raw.get(24)));
    }

    /** The decoy: another conversation of the same tenant whose values are near twins of these. */
    Inputs decoy() {
      String decoyTag1 = distinct(Hostile.twin(tag1, variant, Limits.MAX_TAG), Limits.MAX_TAG, tag1, tag2);
      String decoyTag2 = distinct(Hostile.twin(tag2, variant + 1, Limits.MAX_TAG), Limits.MAX_TAG, tag1, tag2, decoyTag1);
      return new Inputs(serial, variant + 1, tenant, Hostile.twin(conversation, variant, Limits.MAX_ID), workspace,
          Hostile.twin(contact, variant + 2, Limits.MAX_ID), account, subject, message1, key1, content1 + " (decoy)",
          decoyTag1, decoyTag2, summary, Hostile.twin(agent, variant + 3, Limits.MAX_ID), agentName, avatar,
          Hostile.twin(team, variant + 4, Limits.MAX_ID), reason, message2, key2, content2 + " (decoy)", attention,
          attentionKind, note, outcome, cursor, contactName, email, handle);
    }

    /** The same conversation in another tenant whose id is a near twin of this one's. */
    Inputs bystander() {
      return new Inputs(serial, variant, Hostile.twin(tenant, variant + 5, Limits.MAX_ID), conversation, workspace,
          contact, account, subject, message1, key1, content1 + " (bystander)", tag1, tag2, summary, agent, agentName,
          avatar, team, reason, message2, key2, content2 + " (bystander)", attention, attentionKind, note, outcome,
          cursor, Hostile.text(contactName + " (bystander)", Limits.MAX_NAME), email, handle);
    }

    TenantId tenantId() {
      return TenantId.of(tenant);
    }

    ConversationId conversationId() {
      return ConversationId.of(conversation);
    }

    HumanAgent humanAgent() {
      return new HumanAgent(HumanAgentId.of(agent), agentName, Option.none(), Option.some(avatar));
    }

    /** The life: start with a keyed first message, tag, hand off, a keyed agent reply, attention, resolve. */
    Seq<Decision> life(Instant t0) {
      StartConversation start = StartConversation.of(conversationId(), tenantId(), WorkspaceId.of(workspace),
              Channel.of(ChannelType.WEB_CHAT))
          .contactId(ContactId.of(contact))
          .accountId(AccountId.of(account))
          .subject(subject)
          .firstMessage(Command.AppendMessage.of(MessageId.of(message1), Participant.customer(), content1)
              .withIdempotencyKey(key1));
      Decision started = Workloads.start(start, t0);
      Decision tagged = Workloads.decide(started.conversation(), Command.UpdateMetadata.by(Participant.ai())
          .addTags(tag1, tag2).summary(summary).starred(true), t0.plusSeconds(1));
      HumanAgent human = humanAgent();
      Decision handedOff = Workloads.decide(tagged.conversation(), new Command.HandOff(Participant.ai(),
          Option.some(human), Option.some(TeamId.of(team)), reason), t0.plusSeconds(2));
      Decision replied = Workloads.decide(handedOff.conversation(), Command.AppendMessage.of(MessageId.of(message2),
          Participant.human(human), content2).withIdempotencyKey(key2), t0.plusSeconds(3));
      Decision raised = Workloads.decide(replied.conversation(), new Command.RaiseAttention(Participant.human(human),
          AttentionId.of(attention), attentionKind, note), t0.plusSeconds(4));
      Decision resolved = Workloads.decide(raised.conversation(), new Command.Resolve(Participant.human(human), outcome),
          t0.plusSeconds(5));
      return List.of(started, tagged, handedOff, replied, raised, resolved);
    }

    Contact contactRecord() {
      return Contact.builder()
          .id(ContactId.of(contact))
          .name(Option.some(contactName))
          .email(Option.some(new EmailAddress(email)))
          .phone(Option.some(new PhoneNumber("+4915112345678")))
          .handles(HashMap.of(ChannelType.INSTAGRAM, new Handle(handle), ChannelType.SLACK, new Handle(handle + "'")))
          .accountId(Option.some(AccountId.of(account)))
          .build();
    }

    Account accountRecord() {
      return new Account(AccountId.of(account), contactName, Option.some("example.com"));
    }
  }

  /** {@code s}, or a twin of it, so that it equals none of {@code others}. */
  private static String distinct(String s, int max, String... others) {
    String out = s;
    for (int v = 0; java.util.List.of(others).contains(out); v++) {
      out = Hostile.twin(out, v, max);
    }
    return out;
  }

  /** An e-mail address whose local part keeps every character of {@code raw} an address may hold, quotes included. */
  private static String emailOf(String raw) {
    StringBuilder local = new StringBuilder();
    raw.chars().filter(ch -> ch < 0x80 && (Character.isLetterOrDigit(ch) || "!#$%&'*+/=?^_`{|}~-".indexOf(ch) >= 0))
        .forEach(ch -> local.append((char) ch));
    String l = local.length() == 0 ? "x" : local.length() > 60 ? local.substring(0, 60) : local.toString();
    return l + "@example.com";
  }

  private static Gen<Inputs> inputs() {
    return lists().of(Hostile.values()).ofSize(RAW_STRINGS).zip(integers().between(0, 1_000), Inputs::of);
  }

  // ---------------------------------------------------------------- the properties

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void everyHostileStringIsStoredAsABoundValueReadsBackExactlyAndSelectsOnlyWhatItNames(Engine engine) {
    Backend db = DATABASES.on(engine);
    qt().withExamples(60).withShrinkCycles(30).forAll(inputs()).checkAssert(in -> {
      Inputs decoy = in.decoy();
      Inputs bystander = in.bystander();
      Seq<Decision> life = in.life(T0);
      Seq<Decision> decoyLife = decoy.life(T0.plus(Duration.ofMinutes(10)));
      Seq<Decision> bystanderLife = bystander.life(T0);
      Workloads.commitAll(db.store(), life);
      Workloads.commitAll(db.store(), decoyLife);
      Workloads.commitAll(db.store(), bystanderLife);
      db.directory().save(in.tenantId(), in.contactRecord());
      db.directory().save(in.tenantId(), in.accountRecord());
      db.directory().save(bystander.tenantId(), bystander.contactRecord());
      db.directory().save(bystander.tenantId(), bystander.accountRecord());

      readsBackExactly(db.store(), in, life, decoy.conversation);
      readsBackExactly(db.store(), decoy, decoyLife, in.conversation);
      readsBackExactly(db.store(), bystander, bystanderLife, "");
      assertThat(Workloads.allEvents(db.store(), in.tenantId(), 4).map(StoredEvent::event))
          .as("rule: the outbox of a tenant holds exactly its events, in commit order")
          .containsExactlyElementsOf(life.appendAll(decoyLife).flatMap(Decision::events));
      assertThat(Workloads.allEvents(db.store(), bystander.tenantId(), 1000).map(StoredEvent::event))
          .as("rule: another tenant's outbox is untouched by the hostile tenant's commits")
          .containsExactlyElementsOf(bystanderLife.flatMap(Decision::events));

      filtersSelectExactlyWhatTheyName(db.store(), in, life.last().conversation(), decoyLife.last().conversation());
      filtersSelectExactlyWhatTheyName(db.store(), bystander, bystanderLife.last().conversation(), null);
      forgedCursorsNeverReachTheStore(in);
      tamperedCursorsTravelAsBoundValues(db.store(), in, life.last().conversation(), decoyLife.last().conversation());
      directoryReadsBackPerTenant(db, in, bystander);
      rowsAreExactlyTheWorkloads(db, in, life, decoyLife, bystander, bystanderLife);
    });
    tablesHoldExactlyWhatWasWritten(db);
  }

  @Test
  void aForgedCursorIsRefusedAsAViolationBeforeAnyStoreIsAsked() {
    qt().withExamples(300).forAll(Hostile.values()).checkAssert(raw -> {
      assertThat(rules(ConversationQuery.request().cursor(raw).validate()))
          .as("rule: a raw cursor that is not one the library issued is refused as malformed: %s", raw)
          .contains("malformed-cursor");
      assertThat(rules(ConversationQuery.request().contactId(Hostile.id(raw)).anyTags(Hostile.tag(raw)).cursor(raw)
          .validate()))
          .as("rule: a forged cursor is refused whatever the filter")
          .contains("malformed-cursor");
      Validation<Violation, ConversationQuery> after = ConversationQuery.first(ConversationFilter.all()).after(raw);
      assertThat(after.isInvalid() ? after.getError().rule() : "accepted")
          .as("rule: ConversationQuery.after refuses a forged cursor")
          .isEqualTo("malformed-cursor");
      assertThat(rules(MessageQuery.of(Option.some(10), Option.some(raw))))
          .as("rule: a forged message cursor is refused as malformed")
          .containsExactly("malformed-cursor");
      String prefixed = "c1." + raw;
      assertThat(rules(ConversationQuery.request().cursor(prefixed).validate()))
          .as("rule: a cursor with the right prefix but a forged body is refused too")
          .contains("malformed-cursor");
      // A message cursor is only a count in base64url, so a forged body that happens to decode to a
      // count (such as "M-", which is "3") is a cursor like any other; every other body is refused.
      Seq<String> messageRules = rules(MessageQuery.of(Option.some(10), Option.some("m1." + raw)));
      if (decodesToACount(raw)) {
        assertThat(messageRules).as("rule: a message cursor whose body decodes to a count is accepted").isEmpty();
      } else {
        assertThat(messageRules)
            .as("rule: a message cursor with the right prefix but a forged body is refused too")
            .containsExactly("malformed-cursor");
      }
    });
  }

  private static boolean decodesToACount(String body) {
    try {
      String decoded = new String(java.util.Base64.getUrlDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
      return Long.parseLong(decoded) >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Seq<String> rules(Validation<Seq<Violation>, ?> v) {
    return v.isValid() ? List.empty() : v.getError().map(Violation::rule);
  }

  // ---------------------------------------------------------------- the checks of one example

  /** Checks one life of {@code in}; {@code otherId} is the id of the tenant's other conversation, if any. */
  private static void readsBackExactly(ConversationStore store, Inputs in, Seq<Decision> life, String otherId) {
    TenantId tenant = in.tenantId();
    ConversationId id = in.conversationId();
    assertThat(store.find(tenant, id))
        .as("rule: a conversation whose every text is hostile reads back exactly")
        .containsExactly(life.last().conversation());
    Seq<Message> messages = life.flatMap(Decision::messages);
    assertThat(Workloads.allMessages(store, tenant, id, 1))
        .as("rule: hostile message ids, keys and contents read back exactly, page by page")
        .containsExactlyElementsOf(messages);
    assertThat(store.findByIdempotencyKey(tenant, id, in.key1))
        .as("rule: a hostile idempotency key finds its message")
        .containsExactly(messages.head());
    assertThat(store.findByIdempotencyKey(tenant, id, in.key2))
        .as("rule: a hostile idempotency key finds its message")
        .containsExactly(messages.last());
    for (int v = 0; v < 8; v++) {
      String twin = Hostile.twin(in.key1, v, Limits.MAX_ID);
      if (!twin.equals(in.key2)) {
        assertThat(store.findByIdempotencyKey(tenant, id, twin))
            .as("rule: a key that only resembles a stored one (%s) finds nothing", twin)
            .isEmpty();
      }
    }
    assertThat(store.findByIdempotencyKey(tenant, id, "' OR '1'='1"))
        .as("rule: a tautology as key finds nothing unless it is a stored key")
        .isEqualTo(messages.find(m -> m.idempotencyKey().contains("' OR '1'='1")));
    for (int v = 0; v < 8; v++) {
      String twin = Hostile.twin(in.conversation, v, Limits.MAX_ID);
      if (!twin.equals(otherId)) {
        assertThat(store.find(tenant, ConversationId.of(twin)))
            .as("rule: an id that only resembles a stored one (%s) finds nothing", twin)
            .isEmpty();
        assertThat(store.messages(tenant, ConversationId.of(twin), MessageQuery.first(10)).items())
            .as("rule: a conversation id that only resembles a stored one has no messages")
            .isEmpty();
      }
    }
  }

  private static void filtersSelectExactlyWhatTheyName(
      ConversationStore store, Inputs in, Conversation target, Conversation decoy) {
    TenantId tenant = in.tenantId();
    Seq<Conversation> stored = decoy == null ? List.of(target) : List.of(target, decoy);
    int limit = 1 + in.variant % 3;
    Map<String, ConversationQuery.Request> naming = new LinkedHashMap<>();
    ConversationQuery.Request base = ConversationQuery.request().limit(limit);
    naming.put("contactId", base.contactId(in.contact));
    naming.put("anyTags", base.anyTags(in.tag1));
    naming.put("anyTags of two", base.anyTags(in.tag2, "unused tag " + in.serial));
    naming.put("allTags", base.allTags(in.tag1, in.tag2));
    naming.put("agent", base.agent(in.agent));
    naming.put("team", base.team(in.team));
    naming.put("everything", base.contactId(in.contact).anyTags(in.tag1, in.tag2).allTags(in.tag2, in.tag1)
        .agent(in.agent).team(in.team).statuses("resolved", "closed").channels("web_chat", "sms").starred(true)
        .order("created"));
    for (Map.Entry<String, ConversationQuery.Request> e : naming.entrySet()) {
      ConversationQuery q = Workloads.valid(e.getValue());
      assertThat(Workloads.listAll(store, tenant, q).map(Conversation::id))
          .as("rule: a listing by hostile %s selects exactly the conversation that has it, not a near twin", e.getKey())
          .containsExactly(target.id());
      assertThat(store.count(tenant, q.filter()))
          .as("rule: a count by hostile %s counts exactly the conversation that has it", e.getKey())
          .isEqualTo(1);
    }
    Map<String, ConversationQuery.Request> unused = new LinkedHashMap<>();
    for (int v = 0; v < 8; v += 3) {
      unused.put("contactId twin " + v, base.contactId(Hostile.twin(in.contact, v, Limits.MAX_ID)));
      unused.put("anyTags twin " + v, base.anyTags(Hostile.twin(in.tag1, v, Limits.MAX_TAG)));
      unused.put("allTags twin " + v, base.allTags(in.tag1, Hostile.twin(in.tag2, v, Limits.MAX_TAG)));
      unused.put("agent twin " + v, base.agent(Hostile.twin(in.agent, v, Limits.MAX_ID)));
      unused.put("team twin " + v, base.team(Hostile.twin(in.team, v, Limits.MAX_ID)));
    }
    unused.put("tautology", base.contactId(Hostile.id(in.contact + "' OR '1'='1")).agent("' OR ''='"));
    for (Map.Entry<String, ConversationQuery.Request> e : unused.entrySet()) {
      ConversationQuery q = Workloads.valid(e.getValue());
      Seq<Conversation> expected = stored.filter(q.filter()::test).sorted(q.order().comparator());
      assertThat(Workloads.listAll(store, tenant, q))
          .as("rule: a listing by a near twin (%s) selects what ConversationFilter.test selects", e.getKey())
          .containsExactlyElementsOf(expected);
      assertThat(store.count(tenant, q.filter()))
          .as("rule: a count by a near twin (%s) agrees with ConversationFilter.test", e.getKey())
          .isEqualTo(expected.size());
    }
  }

  private static void forgedCursorsNeverReachTheStore(Inputs in) {
    assertThat(rules(ConversationQuery.request().contactId(in.contact).cursor(in.cursor).validate()))
        .as("rule: a hostile raw cursor is refused as malformed before any store is asked")
        .contains("malformed-cursor");
    assertThat(rules(MessageQuery.of(Option.some(2), Option.some(in.cursor))))
        .as("rule: a hostile raw message cursor is refused as malformed")
        .containsExactly("malformed-cursor");
  }

  /**
   * Cursors are opaque to clients, but a client can decode one and re-encode it with another
   * position. Such a cursor is well formed, so it reaches SQL: its id and instant must do so as
   * bound values, and the page must continue after exactly that position.
   */
  private static void tamperedCursorsTravelAsBoundValues(
      ConversationStore store, Inputs in, Conversation target, Conversation decoy) {
    TenantId tenant = in.tenantId();
    ConversationQuery first = ConversationQuery.first(ConversationFilter.all()).withLimit(1);
    Page<Conversation> page = store.list(tenant, first);
    assertThat(page.items().map(Conversation::id)).as("rule: the newest conversation comes first").containsExactly(decoy.id());
    String[] parts = decodeCursor(page.next().get());
    Seq<Tuple2<Instant, String>> positions = List.of(
        // the newest conversation's instant with the target's hostile id
        Tuple.of(decoy.updatedAt(), in.conversation),
        // an instant between the two with an arbitrary hostile id
        Tuple.of(decoy.updatedAt().minusSeconds(1), Hostile.id(in.cursor)),
        // after everything, with the decoy's own id
        Tuple.of(decoy.updatedAt().plusNanos(1_000), decoy.id().value()));
    for (Tuple2<Instant, String> p : positions) {
      String forged = encodeCursor(parts[0], p._1, parts[3], p._2);
      ConversationQuery q = first.after(forged).toEither().getOrElseThrow(v -> new AssertionError(
          "a re-encoded cursor with the query's own fingerprint is accepted; but " + v));
      Order.Position position = new Order.Position(p._1, ConversationId.of(p._2));
      Seq<Conversation> expected = List.of(target, decoy)
          .filter(c -> Order.LAST_ACTIVITY.position(c).compareTo(position) > 0)
          .sorted(Order.LAST_ACTIVITY.comparator());
      assertThat(Workloads.listAll(store, tenant, q))
          .as("rule: a well-formed cursor with a hostile id (%s) continues right after its position", p._2)
          .containsExactlyElementsOf(expected);
    }
  }

  static String[] decodeCursor(String cursor) {
    assertThat(cursor).as("conversation cursors start with c1.").startsWith("c1.");
    String body = new String(Base64.getUrlDecoder().decode(cursor.substring(3)), StandardCharsets.UTF_8);
    return body.split("\\|", 5);
  }

  static String encodeCursor(String order, Instant at, String fingerprint, String id) {
    String body = order + "|" + at.getEpochSecond() + "|" + at.getNano() + "|" + fingerprint + "|" + id;
    return "c1." + Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
  }

  private static void directoryReadsBackPerTenant(Backend db, Inputs in, Inputs bystander) {
    assertThat(db.directory().contact(in.tenantId(), ContactId.of(in.contact)))
        .as("rule: a contact with hostile ids, name, e-mail and handles reads back exactly")
        .containsExactly(in.contactRecord());
    assertThat(db.directory().account(in.tenantId(), AccountId.of(in.account)))
        .as("rule: an account with hostile id and name reads back exactly")
        .containsExactly(in.accountRecord());
    assertThat(db.directory().contact(bystander.tenantId(), ContactId.of(in.contact)))
        .as("rule: the same contact id in a near-twin tenant is that tenant's own contact")
        .containsExactly(bystander.contactRecord());
    assertThat(db.directory().contact(in.tenantId(), ContactId.of(Hostile.twin(in.contact, in.variant, Limits.MAX_ID))))
        .as("rule: a contact id that only resembles a stored one finds nothing")
        .isEmpty();
    assertThat(db.directory().account(in.tenantId(), AccountId.of(Hostile.twin(in.account, in.variant, Limits.MAX_ID))))
        .as("rule: an account id that only resembles a stored one finds nothing")
        .isEmpty();
  }

  private static void rowsAreExactlyTheWorkloads(
      Backend db, Inputs in, Seq<Decision> life, Seq<Decision> decoyLife, Inputs bystander, Seq<Decision> bystanderLife) {
    Map<String, Long> tenantRows = expectedRows(List.of(life, decoyLife), in.contactRecord());
    Map<String, Long> bystanderRows = expectedRows(List.of(bystanderLife), bystander.contactRecord());
    for (String table : Backends.tables(db.engine())) {
      assertThat(db.rows(table, in.tenantId()))
          .as("rule: table %s holds exactly the hostile tenant's writes", table)
          .isEqualTo(tenantRows.get(table));
      assertThat(db.rows(table, bystander.tenantId()))
          .as("rule: table %s holds exactly the near-twin tenant's writes", table)
          .isEqualTo(bystanderRows.get(table));
      WRITTEN.computeIfAbsent(db.engine(), e -> new java.util.HashMap<>())
          .merge(table, tenantRows.get(table) + bystanderRows.get(table), Long::sum);
    }
  }

  /** The rows one tenant's lives (and its one contact and account) must leave in each table. */
  private static Map<String, Long> expectedRows(Seq<Seq<Decision>> lives, Contact contact) {
    Map<String, Long> rows = new java.util.HashMap<>();
    rows.put("conversations", (long) lives.size());
    rows.put("conversation_tags", lives.map(l -> (long) l.last().conversation().tags().size()).sum().longValue());
    rows.put("messages", lives.map(l -> (long) l.flatMap(Decision::messages).size()).sum().longValue());
    rows.put("events", lives.map(l -> (long) l.flatMap(Decision::events).size()).sum().longValue());
    rows.put("outbox_positions", 1L);
    rows.put("contacts", 1L);
    rows.put("contact_addresses", (long) contact.addressKeys().size());
    rows.put("accounts", 1L);
    rows.put("relay_checkpoints", 0L);  // the store never writes the relay's tables
    rows.put("relay_parked", 0L);
    rows.put("turn_claims", 0L);  // no worker claims a turn in these workloads (the TCK checks claims per tenant)
    return rows;
  }

  private static void tablesHoldExactlyWhatWasWritten(Backend db) {
    for (String table : Backends.tables(db.engine())) {
      assertThat(db.rows(table))
          .as("rule: after every hostile example, table %s still exists and holds exactly the rows written", table)
          .isEqualTo(WRITTEN.get(db.engine()).get(table));
    }
  }
}
