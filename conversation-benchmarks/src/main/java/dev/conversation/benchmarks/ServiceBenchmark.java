package dev.conversation.benchmarks;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Outcome;
import dev.conversation.service.Problem;
import io.vavr.control.Either;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Commands per second through the service on its default in-memory store: each command is a
 * customer message sent to a conversation (validation, the lifecycle decision, an optimistic
 * commit with its events, and the retry loop when two threads meet on one conversation).
 *
 * <p>{@code conversations = 10000} spreads the commands over many conversations; {@code 1} sends
 * every command to one hot conversation. The service is the default one a host gets from
 * {@link Conversations#inMemory()} (system clock, random UUID ids). Each measurement iteration
 * starts from a fresh service so that the store's growth stays bounded; a command that ends in a
 * problem fails the run rather than counting as done.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ServiceBenchmark {

  @Param({"10000", "1"})
  public int conversations;

  private Conversations service;
  private ConversationId[] ids;
  private final AtomicLong problems = new AtomicLong();
  private volatile Problem firstProblem;

  private static final NewMessage MESSAGE =
      NewMessage.of(Participant.customer(), "Where is my parcel? The tracking page has not moved since Tuesday.");

  @Setup(Level.Iteration)
  public void setUp() {
    service = Conversations.inMemory();
    ids = new ConversationId[conversations];
    for (int i = 0; i < conversations; i++) {
      ids[i] = service.create(Fixtures.TENANT, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WHATSAPP))
              .customerAddress("+49151" + (1_000_000 + i))
              .firstMessage(NewMessage.of(Participant.customer(), "Hello, I have a question about my order.")))
          .getOrElseThrow(p -> new IllegalStateException(p.toString())).conversation().id();
    }
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    service.close();
    if (problems.get() > 0) {
      throw new IllegalStateException(problems.get() + " commands ended in a problem, first: " + firstProblem);
    }
  }

  @Benchmark
  @Threads(1)
  public Either<Problem, Outcome> oneThread() {
    return send();
  }

  @Benchmark
  @Threads(2)
  public Either<Problem, Outcome> twoThreads() {
    return send();
  }

  private Either<Problem, Outcome> send() {
    ConversationId id = ids[conversations == 1 ? 0 : ThreadLocalRandom.current().nextInt(conversations)];
    Either<Problem, Outcome> result = service.send(Fixtures.TENANT, id, MESSAGE);
    if (result.isLeft()) {
      firstProblem = result.getLeft();
      problems.incrementAndGet();
    }
    return result;
  }
}
