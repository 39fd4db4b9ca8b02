package dev.conversation.persistence.jdbc;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Loads the listing benchmark's data set: {@code count} conversation headers in one tenant, a
 * quarter each ACTIVE, HUMAN_MANAGED, RESOLVED and CLOSED, each updated one second after the
 * previous one. Each conversation is built through the lifecycle and written with the store's own
 * codec and column rules (timers due under {@link TimerPolicy#wakeOnly()}), but with PostgreSQL's {@code COPY} instead of one commit per
 * conversation, which would take hours. Their messages and events are not loaded: a listing never
 * reads them.
 *
 * <p>Benchmark code only: it lives in the store's package to reach its package-private codec.
 */
public final class ListingDataSet {

  private static final String COLUMNS = "tenant_id, id, version, status, channel, contact_id, agent_id, team_id,"
      + " unread, starred, created_at, updated_at, timer_at, timer_kind, timer_due_at, tags_key, tags_version, message_rows, body";
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final int CHUNK = 20_000;

  private ListingDataSet() {}

  /** Ensures {@code tenant} holds exactly the data set of {@code count} conversations; returns whether it loaded it now. */
  public static boolean ensure(DataSource dataSource, TenantId tenant, int count) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (count(c, tenant) == count) {
        return false;
      }
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("DELETE FROM conversations WHERE tenant_id = ?")) {
        s.setString(1, tenant.value());
        s.executeUpdate();
      }
      copy(c, count, g -> tenant, g -> conversation(tenant, g));
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE conversations");
      }
      if (count(c, tenant) != count) {
        throw new IllegalStateException("the data set did not load: " + count(c, tenant) + " rows");
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes conversations {@code 0 .. count - 1} into {@code conversations} with {@code COPY}, in
   * chunks of {@value #CHUNK} rows, with the columns the store derives from each value.
   */
  static void copy(Connection c, int count, java.util.function.IntFunction<TenantId> tenant,
      java.util.function.IntFunction<Conversation> conversation) throws SQLException, IOException {
    PGConnection pg = c.unwrap(PGConnection.class);
    StringBuilder rows = new StringBuilder();
    for (int g = 0; g < count; g++) {
      row(rows, tenant.apply(g), conversation.apply(g));
      if ((g + 1) % CHUNK == 0 || g == count - 1) {
        pg.getCopyAPI().copyIn("COPY conversations (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)",
            new StringReader(rows.toString()));
        rows.setLength(0);
      }
    }
  }

  private static long count(Connection c, TenantId tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM conversations WHERE tenant_id = ?")) {
      s.setString(1, tenant.value());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Conversation number {@code g}: started, answered, then handed off, resolved or closed by its number. */
  static Conversation conversation(TenantId tenant, int g) {
    String id = String.format("c%07d", g);
    Instant at = BASE.plusSeconds(g);
    Decision d = Lifecycle.start(StartConversation.of(ConversationId.of(id), tenant, WorkspaceId.of("support"),
            Channel.of(g % 3 == 0 ? ChannelType.EMAIL : ChannelType.WHATSAPP))
        .customerAddress(g % 3 == 0 ? "customer" + g + "@example.com" : "+49151" + (1_000_000 + g))
        .firstMessage(Command.AppendMessage.of(MessageId.of(id + "-m1"), Participant.customer(),
            "Hello, I have a question about order " + g + ".")), at.minusMillis(900)).get();
    Conversation c = decide(d.conversation(), Command.AppendMessage.of(MessageId.of(id + "-m2"), Participant.ai(),
        "Of course. What would you like to know?"), at.minusMillis(600));
    switch (g % 4) {
      case 1 -> c = decide(c, Command.HandOff.toTeam(Participant.ai(), TeamId.of("team-" + g % 7), "asked for a person"), at);
      case 2 -> c = decide(c, new Command.Resolve(Participant.ai(), "Answered from the help centre"), at);
      case 3 -> {
        c = decide(c, new Command.Resolve(Participant.ai(), "Answered from the help centre"), at.minusMillis(300));
        c = decide(c, new Command.Close(Participant.system()), at);
      }
      default -> c = decide(c, Command.AppendMessage.of(MessageId.of(id + "-m3"), Participant.customer(),
          "Thanks, one more question."), at);
    }
    return c;
  }

  private static Conversation decide(Conversation c, Command command, Instant at) {
    return Lifecycle.decide(c, command, at).getOrElseThrow(r -> new IllegalStateException(r.toString())).conversation();
  }

  /** One CSV row with the columns the store derives from the value, as JdbcConversationStore writes them. */
  private static void row(StringBuilder out, TenantId tenant, Conversation c) {
    out.append(csv(tenant.value())).append(',').append(csv(c.id().value())).append(',').append(c.version()).append(',')
        .append(c.status().name()).append(',').append(c.channel().type().name()).append(',')
        .append(c.contactId().map(id -> csv(id.value())).getOrElse("")).append(',')
        .append(c.assignee().flatMap(a -> a.agent()).map(HumanAgent::id).map(id -> csv(id.value())).getOrElse(""))
        .append(',')
        .append(c.assignee().flatMap(a -> a.team()).map(id -> csv(id.value())).getOrElse("")).append(',')
        .append(c.unread(ReadSide.AGENTS)).append(',').append(c.starred()).append(',')
        .append(Listing.timestamp(c.createdAt())).append(',').append(Listing.timestamp(c.updatedAt())).append(',')
        .append(Lifecycle.timer(c).map(t -> Listing.timestamp(t._2).toString()).getOrElse("")).append(',')
        .append(Lifecycle.timer(c).map(t -> t._1.name()).getOrElse("")).append(',')
        .append(Lifecycle.dueAt(c, TimerPolicy.wakeOnly()).map(at -> Listing.timestamp(at).toString()).getOrElse("")).append(',')
        .append(csv(Codec.tagsKey(c.tags()))).append(',').append(c.version()).append(',')
        .append(c.messageCount()).append(',').append(csv(Codec.conversation(c))).append('\n');
  }

  private static String csv(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
