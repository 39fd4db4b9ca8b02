package dev.conversation.persistence;

import static dev.conversation.persistence.StoreFixtures.ACME;
import static dev.conversation.persistence.StoreFixtures.GLOBEX;
import static dev.conversation.persistence.StoreFixtures.INITECH;
import static dev.conversation.persistence.StoreFixtures.commitAll;
import static dev.conversation.persistence.StoreFixtures.inTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Listing against its reference meaning: for random tenants of committed conversation lives and
 * random filters, {@code list} returns exactly what {@link ConversationFilter#test} selects, in
 * {@link Order#comparator()} order, and paging by cursors or by offsets concatenates to that list.
 */
class ListingProperties {

  /**
   * A scenario moved to a tenant; four in ten start at one of four shared instants, so that
   * creation times (and, for lives without accepted steps, activity times) tie often.
   */
  static Gen<Scenario> scenarioIn(TenantId tenant) {
    return ConversationGenerators.scenarios(12).zip(integers().between(0, 9), (s, k) ->
        inTenant(s, tenant, k < 4 ? ConversationGenerators.EPOCH.plusSeconds(60L * k) : s.startedAt()));
  }

  private final AtomicInteger indexed = new AtomicInteger();
  private final AtomicInteger walked = new AtomicInteger();
  private final AtomicInteger walkedWithSince = new AtomicInteger();
  private final AtomicInteger nonEmpty = new AtomicInteger();
  private final AtomicInteger ties = new AtomicInteger();

  @Test
  void listReturnsExactlyTheFilteredConversationsInOrderAndEveryPagingConcatenatesToThem() {
    qt().withExamples(25).withShrinkCycles(5)
        .forAll(lists().of(scenarioIn(ACME)).ofSizeBetween(40, 120),
            lists().of(scenarioIn(GLOBEX)).ofSizeBetween(40, 90),
            lists().of(scenarioIn(INITECH)).ofSizeBetween(0, 10),
            longs().all())
        .checkAssert((acme, globex, initech, seed) -> {
          ConversationStore store = ConversationStore.inMemory();
          Map<TenantId, Seq<Conversation>> tenants = new LinkedHashMap<>();
          tenants.put(ACME, populate(store, acme));
          tenants.put(GLOBEX, populate(store, globex));
          tenants.put(INITECH, populate(store, initech));
          Random random = new Random(seed);
          tenants.forEach((tenant, conversations) -> {
            assertThat(store.count(tenant, ConversationFilter.all())).isEqualTo(conversations.size());
            for (int i = 0; i < 10; i++) {
              ConversationFilter filter = randomFilter(random, conversations);
              for (Order order : Order.values()) {
                check(store, tenant, conversations, filter, order, random);
              }
            }
          });
        });
    int total = indexed.get() + walked.get();
    assertThat(indexed.get()).as("listings that start from an index (%d of %d)", indexed.get(), total)
        .isGreaterThan(total / 20);
    assertThat(walked.get()).as("listings that walk the ordered skip list (%d of %d)", walked.get(), total)
        .isGreaterThan(total / 20);
    assertThat(walkedWithSince.get()).as("walks that stop at updatedSince").isPositive();
    assertThat(nonEmpty.get()).as("listings with results").isGreaterThan(total / 4);
    assertThat(ties.get()).as("pages whose last item ties with the next on the sort instant").isPositive();
  }

  /** Id suffixes that put ids on both sides of the surrogate block, so tie-breaks compare by code point. */
  private static final String[] SUFFIXES = {"", "\uFFFF", "\uD83D\uDE00", "\u00E9", "\uE000"};

  /**
   * Commits every life and returns the tenant's conversations as they end. Each life gets a
   * unique id (the testkit's random ids repeat now and then); contacts may repeat, which is fine.
   */
  private static Seq<Conversation> populate(ConversationStore store, java.util.List<Scenario> scenarios) {
    Map<String, Conversation> last = new LinkedHashMap<>();
    int i = 0;
    for (Scenario generated : scenarios) {
      i++;
      Scenario s = StoreFixtures.renamed(generated,
          ConversationId.of(generated.start().id().value() + "." + i + SUFFIXES[i % SUFFIXES.length]));
      Scenario.Trace trace = s.play();
      Seq<Committed> commits = commitAll(store, trace);
      assertThat(commits.last().conversation()).isEqualTo(trace.last());
      assertThat(store.find(s.start().tenantId(), s.start().id())).contains(trace.last());
      last.put(s.start().id().value(), trace.last());
    }
    return List.ofAll(last.values());
  }

  private void check(ConversationStore store, TenantId tenant, Seq<Conversation> conversations,
      ConversationFilter filter, Order order, Random random) {
    Seq<Conversation> expected = conversations.filter(filter::test).sorted(order.comparator());
    String what = tenant + " " + order + " " + filter;
    countPath(filter, order, conversations, expected);
    assertThat(store.count(tenant, filter)).as("count %s", what).isEqualTo(expected.size());

    int limit = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 1 + random.nextInt(ConversationQuery.MAX_LIMIT);
    ConversationQuery first = ConversationQuery.first(filter).withOrder(order).withLimit(limit);

    java.util.List<Conversation> byCursor = new ArrayList<>();
    ConversationQuery query = first;
    while (true) {
      Page<Conversation> page = store.list(tenant, query);
      int from = byCursor.size();
      assertThat(page.items()).as("cursor page from %d, limit %d, %s", from, limit, what)
          .isEqualTo(expected.slice(from, from + limit));
      byCursor.addAll(page.items().toJavaList());
      assertThat(page.next().isDefined()).as("next after %d of %d, %s", byCursor.size(), expected.size(), what)
          .isEqualTo(byCursor.size() < expected.size());
      if (page.next().isEmpty()) {
        break;
      }
      if (order.key(page.items().last()).equals(order.key(expected.get(byCursor.size())))) {
        ties.incrementAndGet();
      }
      io.vavr.control.Validation<dev.conversation.domain.Violation, ConversationQuery> resumed = first.after(page.next().get());
      assertThat(resumed.isValid()).as("own cursor accepted: %s", resumed).isTrue();
      query = resumed.get();
      assertThat(query.paging()).isEqualTo(new ConversationQuery.Paging.After(order.position(page.items().last())));
    }
    assertThat(List.ofAll(byCursor)).as("all cursor pages, %s", what).isEqualTo(expected);

    for (int offset = 0; ; offset += limit) {
      Page<Conversation> page = store.list(tenant, first.withOffset(offset));
      assertThat(page.items()).as("offset page %d, limit %d, %s", offset, limit, what)
          .isEqualTo(expected.slice(offset, offset + limit));
      assertThat(page.next().isDefined()).isEqualTo(offset + limit < expected.size());
      if (page.next().isEmpty()) {
        break;
      }
    }
    assertThat(store.list(tenant, first.withOffset(expected.size() + random.nextInt(3))).items())
        .as("past the end").isEmpty();
  }

  /** Replicates the store's choice of path (an index when its candidate set is at most an eighth of the tenant). */
  private void countPath(ConversationFilter f, Order order, Seq<Conversation> all, Seq<Conversation> expected) {
    java.util.List<Predicate<Conversation>> indexes = new ArrayList<>();
    if (f.statuses().nonEmpty()) {
      indexes.add(c -> f.statuses().contains(c.status()));
    }
    if (f.channels().nonEmpty()) {
      indexes.add(c -> f.channels().contains(c.channel().type()));
    }
    f.contactId().forEach(id -> indexes.add(c -> c.contactId().contains(id)));
    if (f.anyTags().nonEmpty()) {
      indexes.add(c -> f.anyTags().exists(c.tags()::contains));
    }
    f.allTags().forEach(t -> indexes.add(c -> c.tags().contains(t)));
    f.agent().forEach(a -> indexes.add(c -> c.assignee().flatMap(x -> x.agent()).map(HumanAgent::id).contains(a)));
    f.team().forEach(t -> indexes.add(c -> c.assignee().flatMap(x -> x.team()).contains(t)));
    if (f.unread().contains(true)) {
      indexes.add(c -> c.unread(ReadSide.AGENTS));
    }
    if (f.starred().contains(true)) {
      indexes.add(Conversation::starred);
    }
    OptionalInt smallest = indexes.stream().mapToInt(p -> all.count(p::test)).min();
    if (smallest.isPresent() && (long) smallest.getAsInt() * 8 <= all.size()) {
      indexed.incrementAndGet();
    } else {
      walked.incrementAndGet();
      if (order == Order.LAST_ACTIVITY && f.updatedSince().isDefined()) {
        walkedWithSince.incrementAndGet();
      }
    }
    if (expected.nonEmpty()) {
      nonEmpty.incrementAndGet();
    }
  }

  /** A random filter drawn from what the tenant holds (and now and then from what it does not). */
  static ConversationFilter randomFilter(Random r, Seq<Conversation> conversations) {
    ConversationFilter f = ConversationFilter.all();
    if (r.nextInt(6) == 0) {
      return f;
    }
    if (r.nextInt(3) == 0) {
      f = f.withStatuses(pick(r, List.of(Status.values()), 1 + r.nextInt(2)).toJavaArray(Status[]::new));
    }
    if (r.nextInt(5) == 0) {
      f = f.withChannels(pick(r, List.of(ChannelType.values()), 1 + r.nextInt(3)).toJavaArray(ChannelType[]::new));
    }
    Seq<ContactId> contacts = conversations.flatMap(Conversation::contactId);
    if (r.nextInt(7) == 0) {
      f = f.withContact(contacts.isEmpty() || r.nextInt(4) == 0 ? ContactId.of("contact-nobody") : pick(r, contacts, 1).head());
    }
    if (r.nextInt(4) == 0) {
      f = f.withUnread(r.nextBoolean());
    }
    Seq<Tag> tags = conversations.flatMap(Conversation::tags).distinct().append(Tag.of("vip")).append(Tag.of("never-used"));
    if (r.nextInt(4) == 0) {
      f = f.withAnyTag(pick(r, tags, 1 + r.nextInt(3)).toJavaArray(Tag[]::new));
    }
    if (r.nextInt(6) == 0) {
      f = f.withAllTags(pick(r, tags, 1 + r.nextInt(2)).toJavaArray(Tag[]::new));
    }
    if (r.nextInt(6) == 0) {
      f = f.withAgent(HumanAgentId.of("agent-" + (1 + r.nextInt(5))));
    }
    if (r.nextInt(6) == 0) {
      f = f.withTeam(TeamId.of("team-" + (1 + r.nextInt(4))));
    }
    if (r.nextInt(5) == 0) {
      f = f.withStarred(r.nextBoolean());
    }
    if (r.nextInt(4) == 0 && conversations.nonEmpty()) {
      Instant at = pick(r, conversations, 1).head().updatedAt();
      f = f.withUpdatedSince(at.plus(r.nextInt(3) - 1, ChronoUnit.MICROS));
    }
    return f;
  }

  private static <T> Seq<T> pick(Random r, Seq<T> from, int n) {
    List<T> picked = List.empty();
    for (int i = 0; i < n; i++) {
      picked = picked.prepend(from.get(r.nextInt(from.size())));
    }
    return picked;
  }
}
