package dev.conversation.benchmarks;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One filtered page of 25 from the in-memory store, at 10,000 and at 1,000,000 conversations in
 * one tenant, 1% of which match: newest activity first, the third page by keyset cursor.
 *
 * <ul>
 *   <li>{@code oneValue}: the conversations on one channel type (e-mail).
 *   <li>{@code twoValuesMerged}: on either of two channel types (e-mail or SMS), two index values
 *       walked and merged.
 * </ul>
 *
 * A page should cost the same at both sizes: what it visits, not how many conversations match.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InMemoryListingBenchmark {

  private static final TenantId TENANT = TenantId.of("listing");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Param({"10000", "1000000"})
  public int conversations;

  private ConversationStore store;
  private ConversationQuery oneValue;
  private ConversationQuery twoValues;

  @Setup(Level.Trial)
  public void setUp() {
    store = ConversationStore.inMemory();
    for (int i = 0; i < conversations; i++) {
      ChannelType type = i % 100 == 0 ? ChannelType.EMAIL : i % 100 == 50 ? ChannelType.SMS : ChannelType.WEB_CHAT;
      StartConversation start = StartConversation.of(ConversationId.of("c" + i), TENANT, WorkspaceId.of("ws"), Channel.of(type))
          .contactId(ContactId.of("contact-" + i % 1000));
      start = type == ChannelType.EMAIL ? start.customerAddress("someone@example.com")
          : type == ChannelType.SMS ? start.customerAddress("+15550100") : start;
      store.commit(TENANT, 0, Lifecycle.start(start, T0.plus(Duration.ofSeconds(i))).get());
    }
    oneValue = thirdPage(ConversationFilter.all().withChannels(ChannelType.EMAIL));
    twoValues = thirdPage(ConversationFilter.all().withChannels(ChannelType.EMAIL, ChannelType.SMS));
  }

  private ConversationQuery thirdPage(ConversationFilter filter) {
    ConversationQuery query = ConversationQuery.first(filter);
    for (int p = 1; p < 3; p++) {
      String cursor = store.list(TENANT, query).next().getOrElseThrow(() -> new IllegalStateException("too few matches"));
      query = ConversationQuery.first(filter).after(cursor).get();
    }
    if (store.list(TENANT, query).items().size() != query.limit()) {
      throw new IllegalStateException("the third page is not full");
    }
    return query;
  }

  @Benchmark
  public Page<Conversation> oneValue() {
    return store.list(TENANT, oneValue);
  }

  @Benchmark
  public Page<Conversation> twoValuesMerged() {
    return store.list(TENANT, twoValues);
  }
}
