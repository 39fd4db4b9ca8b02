package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.Order;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's own listing SQL, explained by PostgreSQL on a table big enough that a sequential
 * scan would be the planner's choice if no index served the query: 100,000 conversations in one
 * tenant and 20,000 spread over 40 others, analyzed. Each query must be answered from an index.
 */
class PostgresQueryPlanTest {

  private static final TenantId BIG = TenantId.of("big");
  private static HikariDataSource db;

  @BeforeAll
  static void populate() throws SQLException {
    db = Databases.postgres();
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO conversations SELECT CASE WHEN g <= 100000 THEN 'big' ELSE 'other-' || (g % 40) END,"
          + " 'c' || lpad(g::text, 7, '0'), 1,"
          + " (ARRAY['NEW','ACTIVE','WAITING','HUMAN_MANAGED','SNOOZED','RESOLVED','CLOSED'])[1 + g % 7],"
          + " (ARRAY['SMS','EMAIL','WHATSAPP','WEB_CHAT','VOICE'])[1 + g % 5],"
          + " 'contact-' || (g % 20000),"
          + " CASE WHEN g % 7 = 3 THEN 'agent-' || (g % 30) END, CASE WHEN g % 7 = 3 THEN 'team-' || (g % 5) END,"
          + " g % 3 = 0, g % 50 = 0,"
          + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',"
          + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' + (g % 97) * interval '1 minute',"
          + " '[]', 1, 0, '{}' FROM generate_series(1, 120000) g");
      s.execute("INSERT INTO conversation_tags SELECT 'big', 'tag-' || (g % 400), 'c' || lpad(g::text, 7, '0')"
          + " FROM generate_series(1, 100000) g WHERE g % 2 = 0");
      // Every SNOOZED row has a wake timer, at its update time (spread over the day).
      s.execute("UPDATE conversations SET timer_kind = 'WAKE', timer_at = updated_at, timer_due_at = updated_at"
          + " WHERE status = 'SNOOZED'");
      // 200,000 events over 41 tenants, for the relay's walk of tenants.
      s.execute("INSERT INTO events SELECT CASE WHEN g <= 100000 THEN 'big' ELSE 'other-' || (g % 40) END, g,"
          + " 'c' || lpad((g % 1000)::text, 7, '0'), '{}' FROM generate_series(1, 200000) g");
      s.execute("ANALYZE events");
      s.execute("ANALYZE conversations");
      s.execute("ANALYZE conversation_tags");
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aFilteredFirstPageIsReadFromAnIndex() throws SQLException {
    ConversationFilter active = ConversationFilter.all().withStatuses(Status.ACTIVE);
    assertIndexOnly(ConversationQuery.first(active), "status filter, first page", "conversations_by_status");
  }

  @Test
  void aDeepKeysetPageIsReadFromAnIndex() throws SQLException {
    Order.Position deep = new Order.Position(Instant.parse("2026-01-01T20:00:00Z"), ConversationId.of("c0072000"));
    assertIndexOnly(ConversationQuery.first(ConversationFilter.all()).after(deep), "no filter, keyset deep page", "conversations_by_activity");
    ConversationFilter whatsapp = ConversationFilter.all().withChannels(ChannelType.WHATSAPP);
    assertIndexOnly(ConversationQuery.first(whatsapp).after(deep), "channel filter, keyset deep page", "conversations_by_channel");
    assertIndexOnly(ConversationQuery.first(ConversationFilter.all()).withOrder(Order.CREATED).after(deep),
        "creation order, keyset deep page", "conversations_by_creation");
  }

  @Test
  void everyOtherFilterIsServedByAnIndex() throws SQLException {
    ConversationFilter all = ConversationFilter.all();
    assertIndexOnly(ConversationQuery.first(all.withContact(ContactId.of("contact-42"))), "contact filter", "conversations_by_contact");
    assertIndexOnly(ConversationQuery.first(all.withAnyTag(Tag.of("tag-7"), Tag.of("tag-9"))), "any tags", "conversation_tags");
    assertIndexOnly(ConversationQuery.first(all.withAllTags(Tag.of("tag-8"))), "all tags", "conversation_tags_pk");
    assertIndexOnly(ConversationQuery.first(all.withAgent(dev.conversation.domain.HumanAgentId.of("agent-3"))), "agent", "conversations_by_agent");
    assertIndexOnly(ConversationQuery.first(all.withTeam(dev.conversation.domain.TeamId.of("team-3"))), "team", "conversations_by_team");
    assertIndexOnly(ConversationQuery.first(all.withStarred(true)), "starred", "conversations_starred");
    assertIndexOnly(ConversationQuery.first(all.withStatuses(Status.SNOOZED, Status.WAITING, Status.RESOLVED))
        .withOrder(Order.CREATED), "timer housekeeping (tick)", "conversations_");
  }

  @Test
  void theDueQueryEntersTheDueIndexAtItsInstant() throws SQLException {
    Instant cutoff = Instant.parse("2026-01-01T03:00:00Z");
    for (boolean inTenant : new boolean[] {false, true}) {
      for (boolean after : new boolean[] {false, true}) {
        try (Connection c = db.getConnection();
            PreparedStatement s = c.prepareStatement("EXPLAIN " + JdbcConversationStore.dueSql(inTenant, after))) {
          int i = 1;
          s.setObject(i++, Listing.timestamp(cutoff));
          if (inTenant) {
            s.setString(i++, "big");
          }
          if (after) {
            s.setObject(i++, Listing.timestamp(cutoff.minusSeconds(3600)));
            s.setString(i++, "big");
            s.setString(i++, "c0000100");
          }
          s.setInt(i, 1000);
          List<String> lines = new ArrayList<>();
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              lines.add(r.getString(1));
            }
          }
          String plan = String.join("\n", lines);
          assertThat(plan).as("rule: the due query (tenant %s, cursor %s) reads a timer index; plan:%n%s", inTenant, after, plan)
              .containsPattern("using conversations_(tenant_)?due")
              .doesNotContain("Seq Scan")
              .doesNotContain("Sort");
        }
      }
    }
  }

  /** The relay's walk of tenants probes the events' key once per tenant: no scan of the events. */
  @Test
  void theWalkOfTenantsProbesTheEventsKeyOncePerTenant() throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("EXPLAIN ANALYZE " + JdbcConversationStore.TENANTS)) {
      s.setString(1, "");
      s.setInt(2, 1000);
      List<String> lines = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          lines.add(r.getString(1));
        }
      }
      String plan = String.join("\n", lines);
      assertThat(plan).as("rule: the walk of tenants reads the events' key, never the table; plan:%n%s", plan)
          .contains("events_pk").doesNotContain("Seq Scan");
      java.util.regex.Matcher loops = java.util.regex.Pattern.compile("Index Only Scan using events_pk on events e .*loops=(\\d+)")
          .matcher(plan);
      assertThat(loops.find()).as("the recursive probe; plan:%n%s", plan).isTrue();
      assertThat(Integer.parseInt(loops.group(1))).as("one probe per tenant (41) and one past the last").isLessThanOrEqualTo(42);
    }
  }

  private static void assertIndexOnly(ConversationQuery query, String what, String index) throws SQLException {
    String plan = explain(Listing.page(BIG, query));
    assertThat(plan)
        .as("rule: %s is read from index %s, never by a sequential scan; plan:%n%s", what, index, plan)
        .contains("using " + index)
        .doesNotContain("Seq Scan");
  }

  private static String explain(Listing listing) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("EXPLAIN " + listing.sql())) {
      listing.bind(s);
      List<String> lines = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          lines.add(r.getString(1));
        }
      }
      return String.join("\n", lines);
    }
  }
}
