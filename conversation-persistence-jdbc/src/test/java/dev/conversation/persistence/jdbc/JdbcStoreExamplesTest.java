package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Order;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.jdbc.Backends.Backend;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Behaviour of the JDBC store the TCK leaves open or pins down only in part: which conflict a
 * refused commit reports and that it wrote nothing at all, and what happens to instants finer
 * than the database keeps (a microsecond) in values, keyset positions and filters.
 */
class JdbcStoreExamplesTest {

  private static final Backends DATABASES = new Backends();
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  @AfterAll
  static void closeDatabases() {
    DATABASES.close();
  }

  private static StartConversation request(TenantId tenant, String id) {
    return StartConversation.of(ConversationId.of(id), tenant, WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT));
  }

  private static Command.AppendMessage customer(String id, String text) {
    return Command.AppendMessage.of(MessageId.of(id), Participant.customer(), text);
  }

  /** Everything a tenant shows, to tell that a refused commit wrote nothing. */
  private record Snapshot(Seq<Option<Conversation>> conversations, Seq<Seq<Message>> messages, Seq<StoredEvent> events,
      Map<String, Long> rows, long lastPosition) {

    static Snapshot of(Backend db, TenantId tenant, ConversationId... ids) {
      Map<String, Long> rows = new LinkedHashMap<>();
      for (String table : Backends.tables(db.engine())) {
        rows.put(table, db.rows(table, tenant));
      }
      List<ConversationId> all = List.of(ids);
      return new Snapshot(
          all.map(id -> db.store().find(tenant, id)),
          all.map(id -> Workloads.allMessages(db.store(), tenant, id, 3)),
          Workloads.allEvents(db.store(), tenant, 1000),
          rows,
          db.engine() == Engine.H2
              ? db.count("SELECT coalesce(max(last_position), -1) FROM outbox_positions WHERE tenant_id = ?", tenant.value())
              : db.count("SELECT coalesce(max(position), -1) FROM events WHERE tenant_id = ?", tenant.value()));
    }
  }

  // ---------------------------------------------------------------- conflicts

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aCommitCarryingAMessageIdAlreadyStoredIsRefusedAsDuplicateMessageIdAndWritesNothing(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("dup-id");
    Decision started = Workloads.start(request(tenant, "c").firstMessage(customer("m-1", "first")), T0);
    Conversation stored = Workloads.commit(store, started).conversation();
    Snapshot before = Snapshot.of(db, tenant, stored.id());

    Decision again = Workloads.decide(stored, customer("m-1", "a different text, the same id"), T0.plusSeconds(1));
    assertThat(store.commit(tenant, stored.version(), again))
        .as("rule: a message id already stored in the conversation is refused as DuplicateMessageId")
        .isEqualTo(Either.left(new Conflict.DuplicateMessageId(stored.id(), MessageId.of("m-1"))));
    assertThat(Snapshot.of(db, tenant, stored.id())).as("rule: a refused commit writes nothing").isEqualTo(before);

    // The same refusal when the duplicate is the second message of a commit that also retags:
    // neither the header, nor the tags, nor the first (new) message may stay.
    Decision tagged = Workloads.decide(stored, Command.UpdateMetadata.by(Participant.ai()).addTags("vip", "refund"),
        T0.plusSeconds(2));
    Message fresh = Workloads.decide(stored, customer("m-2", "new"), T0.plusSeconds(2)).messages().single();
    Message duplicate = Workloads.decide(stored, customer("m-1", "dup"), T0.plusSeconds(2)).messages().single();
    Decision mixed = new Decision(tagged.conversation(), List.of(fresh, duplicate), tagged.events());
    assertThat(store.commit(tenant, stored.version(), mixed))
        .as("rule: a commit whose second message reuses a stored id is refused as DuplicateMessageId")
        .isEqualTo(Either.left(new Conflict.DuplicateMessageId(stored.id(), MessageId.of("m-1"))));
    assertThat(Snapshot.of(db, tenant, stored.id())).as("rule: nothing of the refused commit is written").isEqualTo(before);

    // The id is taken only within its conversation and tenant.
    Workloads.commit(store, Workloads.start(request(tenant, "other").firstMessage(customer("m-1", "here")), T0));
    TenantId elsewhere = Workloads.freshTenant("dup-id-elsewhere");
    Workloads.commit(store, Workloads.start(request(elsewhere, "c").firstMessage(customer("m-1", "there")), T0));
    assertThat(store.commit(tenant, stored.version(), Workloads.decide(stored, customer("m-3", "ok"), T0.plusSeconds(3))).isRight())
        .as("rule: a message with a new id is then accepted").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aReusedIdempotencyKeyIsRefusedAsDuplicateKeyCarryingTheOriginalMessage(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("dup-key");
    Decision started = Workloads.start(request(tenant, "c")
        .firstMessage(customer("m-1", "original").withIdempotencyKey("key-1")), T0.plusNanos(123_456_789));
    Conversation stored = Workloads.commit(store, started).conversation();
    Message original = store.messages(tenant, stored.id(), MessageQuery.first(10)).items().single();
    Snapshot before = Snapshot.of(db, tenant, stored.id());

    Decision replay = Workloads.decide(stored, customer("m-2", "the retry").withIdempotencyKey("key-1"), T0.plusSeconds(1));
    Either<Conflict, Committed> result = store.commit(tenant, stored.version(), replay);
    assertThat(result)
        .as("rule: a reused idempotency key is refused as DuplicateKey with the message stored under it")
        .isEqualTo(Either.left(new Conflict.DuplicateKey(stored.id(), "key-1", original)));
    assertThat(((Conflict.DuplicateKey) result.getLeft()).original().content())
        .as("rule: the original is the first request's message").isEqualTo("original");
    assertThat(Snapshot.of(db, tenant, stored.id())).as("rule: a refused commit writes nothing").isEqualTo(before);

    Decision both = Workloads.decide(stored, customer("m-1", "dup id and key").withIdempotencyKey("key-1"),
        T0.plusSeconds(2));
    assertThat(store.commit(tenant, stored.version(), both))
        .as("rule: a message reusing both the id and the key of a stored one is reported by its id")
        .isEqualTo(Either.left(new Conflict.DuplicateMessageId(stored.id(), MessageId.of("m-1"))));

    assertThat(store.commit(tenant, stored.version(),
        Workloads.decide(stored, customer("m-2", "fresh").withIdempotencyKey("key-2"), T0.plusSeconds(3))).isRight())
        .as("rule: a message with a new key is then accepted").isTrue();
    TenantId elsewhere = Workloads.freshTenant("dup-key-elsewhere");
    assertThat(store.commit(elsewhere, 0, Workloads.start(request(elsewhere, "c")
            .firstMessage(customer("m-1", "original").withIdempotencyKey("key-1")), T0)).isRight())
        .as("rule: a key is taken only within its tenant").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aStaleVersionIsRefusedWithTheActualVersionAndWritesNothing(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("stale");
    Conversation v1 = Workloads.commit(store, Workloads.start(request(tenant, "c"), T0)).conversation();
    Conversation v2 = Workloads.commit(store, Workloads.decide(v1, customer("m-1", "one"), T0.plusSeconds(1))).conversation();
    Conversation v3 = Workloads.commit(store, Workloads.decide(v2, customer("m-2", "two"), T0.plusSeconds(2))).conversation();
    Snapshot before = Snapshot.of(db, tenant, v1.id());

    Decision onV2 = Workloads.decide(v2, Command.UpdateMetadata.by(Participant.ai()).addTags("late"), T0.plusSeconds(3));
    assertThat(store.commit(tenant, 2, onV2))
        .as("rule: a decision taken on an older version is refused with the stored version")
        .isEqualTo(Either.left(new Conflict.StaleVersion(v1.id(), 2, 3)));
    Decision v4 = Workloads.decide(v3, customer("m-3", "three"), T0.plusSeconds(4));
    Decision v5 = Workloads.decide(v4.conversation(), customer("m-4", "four"), T0.plusSeconds(5));
    assertThat(store.commit(tenant, 4, v5))
        .as("rule: a decision taken on a version from the future is refused with the stored version")
        .isEqualTo(Either.left(new Conflict.StaleVersion(v1.id(), 4, 3)));
    assertThat(Snapshot.of(db, tenant, v1.id())).as("rule: refused commits write nothing").isEqualTo(before);

    Decision elsewhere = Workloads.decide(Conversation.builder().from(v1).id(ConversationId.of("absent")).build(),
        customer("m-1", "hello?"), T0.plusSeconds(6));
    assertThat(store.commit(tenant, 1, elsewhere))
        .as("rule: a change to a conversation that is not there is refused with actual version 0")
        .isEqualTo(Either.left(new Conflict.StaleVersion(ConversationId.of("absent"), 1, 0)));
    assertThat(store.find(tenant, ConversationId.of("absent"))).as("rule: and it is still not there").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void creatingAnIdThatExistsIsRefusedAsStaleVersionFromZeroToTheStoredVersion(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("recreate");
    Conversation v1 = Workloads.commit(store, Workloads.start(request(tenant, "c").firstMessage(customer("m-1", "hi")), T0))
        .conversation();
    Conversation v2 = Workloads.commit(store, Workloads.decide(v1, Command.UpdateMetadata.by(Participant.ai())
        .addTags("vip"), T0.plusSeconds(1))).conversation();
    Workloads.commit(store, Workloads.decide(v2, customer("m-2", "again"), T0.plusSeconds(2)));
    Snapshot before = Snapshot.of(db, tenant, v1.id());

    Decision recreate = Workloads.start(request(tenant, "c").subject("a second start").firstMessage(customer("m-9", "new")),
        T0.plusSeconds(3));
    assertThat(store.commit(tenant, 0, recreate))
        .as("rule: creating a conversation whose id is taken is refused as StaleVersion(expected 0, actual n)")
        .isEqualTo(Either.left(new Conflict.StaleVersion(v1.id(), 0, 3)));
    assertThat(Snapshot.of(db, tenant, v1.id())).as("rule: the refused create writes nothing").isEqualTo(before);

    TenantId elsewhere = Workloads.freshTenant("recreate-elsewhere");
    assertThat(store.commit(elsewhere, 0, Workloads.start(request(elsewhere, "c"), T0)).isRight())
        .as("rule: the same id is free in another tenant").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void retaggingAndRemovingEveryTagKeepTheTagIndexInStepWithTheHeader(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("tags");
    Conversation v1 = Workloads.commit(store, Workloads.start(request(tenant, "c"), T0)).conversation();
    Conversation v2 = Workloads.commit(store, Workloads.decide(v1, Command.UpdateMetadata.by(Participant.ai())
        .addTags("vip", "refund"), T0.plusSeconds(1))).conversation();
    Conversation v3 = Workloads.commit(store, Workloads.decide(v2, Command.UpdateMetadata.by(Participant.ai())
        .removeTags("vip").addTags("billing"), T0.plusSeconds(2))).conversation();
    ConversationFilter any = ConversationFilter.all().withAnyTag(Tag.of("vip"),
        Tag.of("billing"));
    assertThat(store.count(tenant, ConversationFilter.all().withAnyTag(Tag.of("vip"))))
        .as("rule: a removed tag no longer selects the conversation").isZero();
    assertThat(store.count(tenant, any)).as("rule: a kept or added tag selects it").isEqualTo(1);
    assertThat(db.rows("conversation_tags", tenant)).as("rule: the tag index holds the current tags").isEqualTo(2);

    Conversation v4 = Workloads.commit(store, Workloads.decide(v3, Command.UpdateMetadata.by(Participant.ai())
        .removeTags("refund", "billing"), T0.plusSeconds(3))).conversation();
    assertThat(v4.tags()).as("the workload removed every tag").isEmpty();
    assertThat(db.rows("conversation_tags", tenant)).as("rule: removing every tag empties the tag index").isZero();
    assertThat(store.count(tenant, any)).as("rule: and no tag selects the conversation any more").isZero();
    assertThat(store.find(tenant, v1.id())).as("rule: the header reads back without tags").containsExactly(v4);

    Workloads.commit(store, Workloads.decide(v4, customer("m-1", "no tags change"), T0.plusSeconds(4)));
    assertThat(db.rows("conversation_tags", tenant)).as("rule: a commit that leaves the tags alone writes none")
        .isZero();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void theOutboxRefusesANegativeCheckpointAndALimitOutOfRange(Engine engine) {
    ConversationStore store = DATABASES.on(engine).store();
    TenantId tenant = Workloads.freshTenant("outbox-args");
    for (int[] bad : new int[][] {{-1, 10}, {0, 0}, {0, -5}, {0, ConversationStore.MAX_EVENT_BATCH + 1}}) {
      assertThatThrownBy(() -> store.events(tenant, bad[0], bad[1]))
          .as("rule: events(after %s, limit %s) is a programming error", bad[0], bad[1])
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.events(tenant, 0, ConversationStore.MAX_EVENT_BATCH))
        .as("rule: the largest batch is allowed (and an unknown tenant's outbox is empty)").isEmpty();
  }

  // ---------------------------------------------------------------- time finer than a microsecond

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void instantsWithNanosecondsAreStoredTruncatedToTheMicrosecond(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("nanos");
    Instant fine = T0.plusNanos(123_456_789);
    Decision started = Workloads.start(request(tenant, "c").firstMessage(customer("m-1", "hi")), fine);
    Workloads.commit(store, started);
    Conversation stored = store.find(tenant, ConversationId.of("c")).get();
    Instant micros = fine.truncatedTo(ChronoUnit.MICROS);
    assertThat(stored.createdAt()).as("rule: createdAt is kept to the microsecond").isEqualTo(micros);
    assertThat(stored.updatedAt()).as("rule: updatedAt is kept to the microsecond").isEqualTo(micros);
    assertThat(stored.lastMessageAt()).as("rule: every instant of the header is kept to the microsecond")
        .containsExactly(micros);
    assertThat(Conversation.builder().from(stored).createdAt(fine).updatedAt(fine).lastMessageAt(Option.some(fine))
        .lastCustomerMessageAt(Option.some(fine)).awaitingReplySince(Option.some(fine)).build())
        .as("rule: apart from the truncated instants the conversation is the decided one")
        .isEqualTo(started.conversation());
    assertThat(store.messages(tenant, stored.id(), MessageQuery.first(10)).items().map(Message::createdAt))
        .as("rule: a message's instant is kept to the microsecond").containsExactly(micros);
    assertThat(store.events(tenant, 0, 10).map(e -> e.event().at()))
        .as("rule: an event's instant is kept to the microsecond").containsOnly(micros);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void whatACommitReturnsIsWhatIsStoredEvenForInstantsFinerThanAMicrosecond(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("committed");
    Committed committed = Workloads.commit(store,
        Workloads.start(request(tenant, "c").firstMessage(customer("m-1", "hi")), T0.plusNanos(999)));
    assertThat(committed.conversation())
        .as("rule: Committed.conversation is the stored header, as find returns it")
        .isEqualTo(store.find(tenant, ConversationId.of("c")).get());
    assertThat(committed.messages())
        .as("rule: Committed.messages are the messages as stored")
        .containsExactlyElementsOf(store.messages(tenant, ConversationId.of("c"), MessageQuery.first(10)).items());
    assertThat(committed.events())
        .as("rule: Committed.events are the events as the outbox returns them")
        .containsExactlyElementsOf(store.events(tenant, 0, 10));
  }

  /** Conversations started at {@code T0} plus the given nanoseconds, with the given ids. */
  private static Seq<Conversation> startAll(ConversationStore store, TenantId tenant, Seq<Long> nanos, Seq<String> ids) {
    return nanos.zip(ids).map(p -> Workloads.commit(store, Workloads.start(request(tenant, p._2), T0.plusNanos(p._1))))
        .map(c -> store.find(tenant, c.conversation().id()).get());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void keysetPagesPartitionConversationsWhoseTimesDifferOnlyBelowAMicrosecond(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    Random random = new Random(20260401);
    for (int example = 0; example < 6; example++) {
      TenantId tenant = Workloads.freshTenant("keyset");
      int n = 25 + random.nextInt(15);
      Seq<Long> nanos = List.range(0, n).map(i -> (long) random.nextInt(4_000));
      Seq<String> ids = List.range(0, n).map(i -> "c" + Integer.toString(random.nextInt(1 << 20), 36) + "-" + i);
      Seq<Conversation> stored = startAll(store, tenant, nanos, ids);
      for (Order order : Order.values()) {
        Seq<Conversation> expected = stored.sorted(order.comparator());
        for (int limit : new int[] {1, 2, 3, 7}) {
          ConversationQuery first = ConversationQuery.first(ConversationFilter.all()).withOrder(order).withLimit(limit);
          Seq<Conversation> walked = Workloads.listAll(store, tenant, first);
          assertThat(walked.map(Conversation::id))
              .as("rule: keyset pages of %s over sub-microsecond neighbours (limit %s) list each conversation once, "
                  + "in order", order, limit)
              .containsExactlyElementsOf(expected.map(Conversation::id));
          Seq<Conversation> offsets = List.range(0, n).grouped(limit)
              .flatMap(g -> store.list(tenant, first.withOffset(g.head())).items()).toList();
          assertThat(offsets.map(Conversation::id))
              .as("rule: offset pages agree with keyset pages")
              .containsExactlyElementsOf(walked.map(Conversation::id));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void updatedSinceBetweenMicrosecondsSelectsWhatTheFilterSelectsOnStoredValues(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("since");
    Seq<Long> nanos = List.of(-1_001L, -1_000L, -999L, -1L, 0L, 1L, 500L, 999L, 1_000L, 1_001L, 1_999L, 2_000L, 5_000L);
    Seq<Conversation> stored = startAll(store, tenant, nanos, nanos.map(n -> "at" + n));
    for (long offset = -2_001; offset <= 3_001; offset += 250) {
      for (long edge : new long[] {offset, offset - offset % 1_000, offset - offset % 1_000 + 1, offset - offset % 1_000 - 1}) {
        Instant since = T0.plusNanos(edge);
        ConversationFilter filter = ConversationFilter.all().withUpdatedSince(since);
        Seq<ConversationId> expected = stored.filter(filter::test).sorted(Order.LAST_ACTIVITY.comparator())
            .map(Conversation::id);
        assertThat(Workloads.listAll(store, tenant, ConversationQuery.first(filter).withLimit(4)).map(Conversation::id))
            .as("rule: updatedSince %s selects what ConversationFilter.test selects on the stored values", since)
            .containsExactlyElementsOf(expected);
        assertThat(store.count(tenant, filter))
            .as("rule: and counts as many (updatedSince %s)", since)
            .isEqualTo(expected.size());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aKeysetPositionBetweenTwoMicrosecondsContinuesRightAfterItInTheOrder(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("between");
    Seq<Conversation> stored = startAll(store, tenant, List.of(-1_000L, 0L, 0L, 0L, 1_000L), List.of("d", "a", "b", "c", "e"));
    ConversationQuery first = ConversationQuery.first(ConversationFilter.all());
    for (long nanos : new long[] {-1, 1, 500, 999}) {
      for (String id : new String[] {"a", "b", "c", "z"}) {
        Order.Position position = new Order.Position(T0.plusNanos(nanos), ConversationId.of(id));
        Seq<ConversationId> expected = stored.filter(c -> Order.LAST_ACTIVITY.position(c).compareTo(position) > 0)
            .sorted(Order.LAST_ACTIVITY.comparator()).map(Conversation::id);
        assertThat(store.list(tenant, first.after(position)).items().map(Conversation::id))
            .as("rule: the page after position (%s, %s) holds exactly the conversations after it in the order",
                position.at(), id)
            .containsExactlyElementsOf(expected);
      }
    }
  }

  // ---------------------------------------------------------------- instants at the edge of time

  /** Instants a client can send that lie beyond what PostgreSQL (4713 BC to 294276 AD) or java.time.OffsetDateTime hold. */
  private static final Seq<Instant> FAR_INSTANTS = List.of(Instant.parse("+300000-01-01T00:00:00Z"),
      Instant.parse("-300000-01-01T00:00:00Z"), Instant.MAX, Instant.MIN);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void updatedSinceFarOutsideTheDatabasesRangeSelectsWhatTheFilterSelects(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("edges");
    Seq<Conversation> stored = startAll(store, tenant, List.of(0L, 1_000L), List.of("a", "b"));
    Map<Instant, Object> expected = new LinkedHashMap<>();
    Map<Instant, Object> listed = new LinkedHashMap<>();
    for (Instant since : FAR_INSTANTS) {
      ConversationQuery query = Workloads.valid(ConversationQuery.request().updatedSince(since));
      expected.put(since, stored.filter(query.filter()::test).sorted(Order.LAST_ACTIVITY.comparator())
          .map(c -> c.id().value()).toJavaList());
      try {
        listed.put(since, store.list(tenant, query).items().map(c -> c.id().value()).toJavaList());
      } catch (RuntimeException e) {
        listed.put(since, e.toString());
      }
    }
    assertThat(listed)
        .as("rule: a valid query with an updatedSince at the edge of time lists what ConversationFilter.test selects,"
            + " without failing")
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aCursorPositionFarOutsideTheDatabasesRangeIsRefusedOrPagesLikeTheOrder(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("far");
    Seq<Conversation> stored = startAll(store, tenant, List.of(0L, 1_000L), List.of("a", "b"));
    ConversationQuery first = ConversationQuery.first(ConversationFilter.all()).withLimit(1);
    String[] parts = HostileInputProperties.decodeCursor(store.list(tenant, first).next().get());
    Map<Instant, Object> outcomes = new LinkedHashMap<>();
    for (Instant at : FAR_INSTANTS) {
      // A client re-encodes the cursor it got with another instant: the query's own fingerprint, so it is well formed.
      String cursor = HostileInputProperties.encodeCursor(parts[0], at, parts[3], "a");
      var query = first.after(cursor);
      if (query.isInvalid()) {
        outcomes.put(at, "refused or pages like the order");
        continue;
      }
      Order.Position position = new Order.Position(at, ConversationId.of("a"));
      Seq<ConversationId> expected = stored.filter(c -> Order.LAST_ACTIVITY.position(c).compareTo(position) > 0)
          .sorted(Order.LAST_ACTIVITY.comparator()).map(Conversation::id).take(1);
      try {
        outcomes.put(at, expected.equals(store.list(tenant, query.get()).items().map(Conversation::id))
            ? "refused or pages like the order" : "pages differently");
      } catch (RuntimeException e) {
        outcomes.put(at, e.toString());
      }
    }
    Map<Instant, Object> wanted = new LinkedHashMap<>();
    FAR_INSTANTS.forEach(at -> wanted.put(at, "refused or pages like the order"));
    assertThat(outcomes)
        .as("rule: a well-formed cursor at the edge of time is refused as a violation or continues like the order")
        .isEqualTo(wanted);
  }

  // ---------------------------------------------------------------- ids across the surrogate range

  /** Ids on both sides of the surrogate block: U+FF07 sorts before U+1F600 by code point, after it by UTF-16 unit. */
  private static final Seq<String> WIDE_IDS = List.of("x\uFF07", "x\uD83D\uDE00", "x\uE000", "x\uD7FF", "x\uFFFF",
      "x\uD800\uDC00", "x", "x\uFF07\uFF07", "x\uD83D\uDE00a");

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void keysetPagesPartitionTiesWhoseIdsSpanTheSurrogateRange(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("wide");
    Seq<Conversation> stored = startAll(store, tenant, WIDE_IDS.map(id -> 0L), WIDE_IDS);
    for (int limit = 1; limit <= 4; limit++) {
      Seq<ConversationId> walked = Workloads.listAll(store, tenant,
          ConversationQuery.first(ConversationFilter.all()).withLimit(limit)).map(Conversation::id);
      assertThat(walked).as("rule: keyset pages list every tied conversation exactly once (limit %s)", limit)
          .hasSize(stored.size())
          .containsExactlyInAnyOrderElementsOf(stored.map(Conversation::id));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void tiesAreBrokenByIdInCodePointOrderOnPostgresAndByUtf16UnitsOnH2(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("codepoints");
    Seq<Conversation> stored = startAll(store, tenant, WIDE_IDS.map(id -> 0L), WIDE_IDS);
    // PostgreSQL's "C" collation is the SPI's code-point order. H2 compares UTF-16 units, which
    // differs only between characters above U+FFFF and those from U+E000 to U+FFFF: a documented
    // deviation (JdbcConversationStore, README); paging over it stays exact (the TCK and the
    // keyset tests above).
    java.util.Comparator<Conversation> expected = engine == Engine.POSTGRESQL
        ? Order.LAST_ACTIVITY.comparator()
        : java.util.Comparator.comparing(Conversation::updatedAt).reversed()
            .thenComparing((a, b) -> b.id().value().compareTo(a.id().value()));
    assertThat(store.list(tenant, ConversationQuery.first(ConversationFilter.all())).items().map(Conversation::id))
        .as("rule: conversations with the same instant are listed by id, larger first (%s)", engine)
        .containsExactlyElementsOf(stored.sorted(expected).map(Conversation::id));
    if (engine == Engine.H2) {
      assertThat(stored.sorted(expected).map(Conversation::id).toJavaList())
          .as("rule: these ids tell UTF-16 order from code-point order, so the test can fail")
          .isNotEqualTo(stored.sorted(Order.LAST_ACTIVITY.comparator()).map(Conversation::id).toJavaList());
    }
  }

  // ---------------------------------------------------------------- cursors past the end

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aMessageCursorOrOutboxCheckpointPastTheEndGivesAnEmptyLastPage(Engine engine) {
    Backend db = DATABASES.on(engine);
    ConversationStore store = db.store();
    TenantId tenant = Workloads.freshTenant("past");
    Workloads.commit(store, Workloads.start(request(tenant, "c").firstMessage(customer("m-1", "hi")), T0));
    String cursor = "m1." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Long.toString(Long.MAX_VALUE).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    MessageQuery far = MessageQuery.of(Option.some(10), Option.some(cursor)).toEither()
        .getOrElseThrow(v -> new AssertionError("a well-formed message cursor is valid: " + v));
    Page<Message> page = store.messages(tenant, ConversationId.of("c"), far);
    assertThat(page.items()).as("rule: a message page past the end is empty").isEmpty();
    assertThat(page.next()).as("rule: and it is the last").isEmpty();
    assertThat(store.events(tenant, Long.MAX_VALUE, ConversationStore.MAX_EVENT_BATCH))
        .as("rule: the outbox after the largest checkpoint is empty").isEmpty();
  }
}
