package dev.conversation.persistence.jdbc;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The timer benchmark's data set: {@code count} conversations over {@value #TENANTS} tenants
 * ({@code due-0} ...), each handed to a human; the first {@code hot} stay HUMAN_MANAGED (the
 * benchmark snoozes them until just before its sweep), every other one is SNOOZED until
 * {@link #FAR}, so the timer index holds every conversation and only the hot ones come due.
 * Loaded into PostgreSQL with {@code COPY} and the store's own codec and column rules (one commit
 * per conversation would take hours at a million); no messages or events are loaded, and a
 * conversation without messages is what the sweep reads and writes.
 *
 * <p>Benchmark code only: it lives in the store's package to reach its package-private codec.
 */
public final class DueDataSet {

  /** How many tenants the conversations are spread over. */
  public static final int TENANTS = 10;
  /** Where the conversations that never come due are snoozed to. */
  public static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");
  /** When the conversations were started (one millisecond apart). */
  public static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final HumanAgent AGENT = HumanAgent.of(HumanAgentId.of("agent-1"), "Agent One");

  private DueDataSet() {}

  /** The tenant of conversation number {@code g}. */
  public static TenantId tenant(int g) {
    return TenantId.of("due-" + g % TENANTS);
  }

  /** The id of conversation number {@code g}. */
  public static ConversationId id(int g) {
    return ConversationId.of(String.format("d%07d", g));
  }

  /**
   * The decisions that make conversation number {@code g}: its start, then one change that hands it
   * to a human and, unless it is hot, snoozes it until {@link #FAR}.
   */
  public static List<Decision> life(int g, int hot) {
    Instant at = BASE.plusMillis(g);
    Decision start = Lifecycle.start(StartConversation.of(id(g), tenant(g), WorkspaceId.of("support"),
        Channel.of(ChannelType.WEB_CHAT)), at).get();
    List<Command> commands = List.of(Command.HandOff.toAgent(Participant.system(), AGENT, "needs a person"));
    if (g >= hot) {
      commands = commands.append(new Command.Snooze(Participant.system(), FAR));
    }
    Decision rest = Lifecycle.decideAll(start.conversation(), commands, at.plusNanos(1_000))
        .getOrElseThrow(r -> new IllegalStateException(r.message()));
    return List.of(start, rest);
  }

  /** Ensures the database holds exactly this data set; returns whether it loaded it now. */
  public static boolean ensure(DataSource dataSource, int count, int hot) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (count(c) == count) {
        return false;
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM conversations WHERE tenant_id LIKE 'due-%'");
      }
      ListingDataSet.copy(c, count, DueDataSet::tenant, g -> life(g, hot).last().conversation());
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE conversations");
      }
      if (count(c) != count) {
        throw new IllegalStateException("the data set did not load: " + count(c) + " rows");
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM conversations WHERE tenant_id LIKE 'due-%'")) {
      r.next();
      return r.getLong(1);
    }
  }
}
