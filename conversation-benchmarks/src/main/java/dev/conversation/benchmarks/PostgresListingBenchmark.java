package dev.conversation.benchmarks;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import dev.conversation.persistence.jdbc.ListingDataSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One page of 25 ACTIVE conversations, newest activity first, out of 1,000,000 conversations in
 * one tenant (250,000 of them ACTIVE), at page {@code page}, two ways:
 *
 * <ul>
 *   <li>{@code offset}: the query with {@code offset = (page - 1) * 25}: the database walks and
 *       drops every row before the page.
 *   <li>{@code keyset}: the query after the cursor the previous page returned: the index is
 *       entered at the position.
 * </ul>
 *
 * Both go through {@link JdbcConversationStore#list}, so each includes decoding the 25 documents.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostgresListingBenchmark {

  static final int CONVERSATIONS = 1_000_000;
  private static final TenantId TENANT = TenantId.of("listing");
  private static final ConversationFilter ACTIVE = ConversationFilter.all().withStatuses(Status.ACTIVE);

  @Param({"1", "10", "100", "1000"})
  public int page;

  private EmbeddedDatabase database;
  private ConversationStore store;
  private ConversationQuery byOffset;
  private ConversationQuery byKeyset;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = EmbeddedDatabase.start();
    ListingDataSet.ensure(database.pool(), TENANT, CONVERSATIONS);
    store = JdbcConversationStore.on(database.pool());
    ConversationQuery first = ConversationQuery.first(ACTIVE);
    byOffset = first.withOffset((page - 1) * first.limit());
    byKeyset = first;
    for (int p = 1; p < page; p++) {
      String cursor = store.list(TENANT, byKeyset).next()
          .getOrElseThrow(() -> new IllegalStateException("the data set ended early"));
      var next = first.after(cursor);
      if (next.isInvalid()) {
        throw new IllegalStateException(String.valueOf(next.getError()));
      }
      byKeyset = next.get();
    }
    Page<Conversation> a = offset();
    Page<Conversation> b = keyset();
    if (a.items().size() != first.limit() || !a.items().equals(b.items())) {
      throw new IllegalStateException("offset and keyset disagree at page " + page);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
  }

  @Benchmark
  public Page<Conversation> offset() {
    return store.list(TENANT, byOffset);
  }

  @Benchmark
  public Page<Conversation> keyset() {
    return store.list(TENANT, byKeyset);
  }
}
