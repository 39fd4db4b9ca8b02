package dev.conversation.benchmarks;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Status;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.jdbc.DueDataSet;
import dev.conversation.persistence.jdbc.JdbcConversationStore;
import dev.conversation.service.Conversations;
import dev.conversation.service.TimerRunner;
import io.vavr.collection.List;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One timer sweep ({@link TimerRunner#sweepNow()}) that finds and fires {@value #DUE} due timers,
 * with 10,000 and with 1,000,000 conversations stored, in memory and on PostgreSQL (production
 * durability: {@code fsync=on}, {@code synchronous_commit=on}; each fired timer is one commit).
 * The conversations are spread over ten tenants; every one of them has a timer in the index (the
 * others are snoozed until 2100), so only what is due differs from what is stored. Before each
 * sweep, the {@value #DUE} hot conversations are snoozed until one second before the sweep's
 * clock (not measured). A sweep should cost the same at both sizes: the due query reads what is
 * due, and firing costs per conversation fired.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DueBenchmark {

  static final int DUE = 1_000;

  @Param({"memory", "postgres"})
  public String store;

  @Param({"10000", "1000000"})
  public int conversations;

  private EmbeddedDatabase database;
  private Conversations service;
  private TimerRunner runner;
  /** Starts at the wall clock: after anything an earlier run left in the kept PostgreSQL data. */
  private final MovableClock clock = new MovableClock(Instant.now());
  private ExecutorService arming;
  private TimerRunner.Sweep last;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    ConversationStore conversationStore;
    if (store.equals("postgres")) {
      database = EmbeddedDatabase.start("due_" + conversations, true);
      DueDataSet.ensure(database.pool(), conversations, DUE);
      conversationStore = JdbcConversationStore.on(database.pool());
    } else {
      conversationStore = ConversationStore.inMemory();
      for (int g = 0; g < conversations; g++) {
        long expected = 0;
        for (Decision d : DueDataSet.life(g, DUE)) {
          conversationStore.commit(DueDataSet.tenant(g), expected, d).get();
          expected = d.conversation().version();
        }
      }
    }
    service = Conversations.builder().store(conversationStore).clock(clock).timers(TimerPolicy.wakeOnly()).build();
    runner = service.startTimers(Duration.ofDays(1));
    // The runner sweeps and, beside it, re-indexes every timer under the service's policy (a walk
    // of every stored conversation): both finish before anything is measured.
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while ((runner.stats().sweeps() == 0 || runner.stats().retimed().isEmpty()) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    if (runner.stats().sweeps() == 0) {
      throw new IllegalStateException("the runner's first sweep did not finish");
    }
    arming = Executors.newFixedThreadPool(4);
  }

  /** Snoozes the hot conversations until one second ago, on four threads. */
  @Setup(Level.Iteration)
  public void arm() throws Exception {
    clock.advance(Duration.ofMinutes(1));
    Instant until = clock.instant().plusSeconds(1);
    List<Future<?>> parts = List.range(0, 4).map(part -> arming.submit(() -> {
      for (int g = part; g < DUE; g += 4) {
        Conversation c = service.get(DueDataSet.tenant(g), DueDataSet.id(g)).get();
        List<Command> commands = List.of(new Command.Snooze(Participant.system(), until));
        if (c.status() == Status.SNOOZED) {
          commands = commands.prepend(new Command.Wake(Participant.system()));
        }
        int n = g;
        service.execute(DueDataSet.tenant(g), DueDataSet.id(g), commands)
            .getOrElseThrow(p -> new IllegalStateException("could not snooze " + DueDataSet.id(n) + ": " + p.message()));
      }
      return null;
    }));
    for (Future<?> f : parts) {
      f.get();
    }
    clock.advance(Duration.ofSeconds(2));
  }

  @Benchmark
  public TimerRunner.Sweep sweep() {
    last = runner.sweepNow();
    return last;
  }

  /** A sweep that did not fire exactly the hot conversations measured something else. */
  @TearDown(Level.Iteration)
  public void check() {
    if (last == null || last.fired() != DUE || last.failed() != 0) {
      throw new IllegalStateException("the sweep did not fire exactly " + DUE + " timers: " + last);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runner.close();
    service.close();
    arming.shutdownNow();
    if (database != null) {
      database.close();
    }
  }

  /** A clock the benchmark moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
