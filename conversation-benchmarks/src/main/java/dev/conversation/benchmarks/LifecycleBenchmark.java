package dev.conversation.benchmarks;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import dev.conversation.domain.Transition;
import dev.conversation.domain.TransitionTable;
import dev.conversation.domain.Trigger;
import dev.conversation.lifecycle.spring.LifecycleBridge;
import dev.conversation.lifecycle.spring.Outcome;
import io.vavr.control.Either;
import java.time.Instant;
import java.util.EnumMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One lifecycle decision three ways: the AI hands an active conversation to a team (guard,
 * transition, a new immutable conversation and its events).
 *
 * <ul>
 *   <li>{@code domain}: {@link Lifecycle#decide}, the library's engine.
 *   <li>{@code springStatemachine}: the same decision through Spring Statemachine 4.0.2 the fastest
 *       correct way, a pooled machine per thread reset to the conversation's state and sent one
 *       event ({@link LifecycleBridge#fire}; its guard runs the same domain decision, so both sides
 *       produce the same conversation and events).
 *   <li>{@code enumMapFloor}: only the next state, looked up in a nested {@link EnumMap}: no guard,
 *       no new value, no events. The floor no engine can beat.
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LifecycleBenchmark {

  private Conversation conversation;
  private Instant now;
  private LifecycleBridge bridge;
  private EnumMap<Status, EnumMap<Trigger, Status>> table;

  @Setup
  public void setUp() {
    conversation = Fixtures.active("lifecycle").conversation();
    now = conversation.updatedAt().plusSeconds(30);
    bridge = LifecycleBridge.create();
    table = new EnumMap<>(Status.class);
    for (Transition t : TransitionTable.standard().transitions()) {
      if (t.targets().size() == 1) { // a target that depends on the conversation is no lookup
        table.computeIfAbsent(t.from(), s -> new EnumMap<>(Trigger.class)).put(t.trigger(), t.targets().head());
      }
    }
    Decision viaDomain = domain().get();
    Outcome viaSpring = springStatemachine();
    if (!viaSpring.domain().equals(Either.right(viaDomain)) || enumMapFloor() != viaDomain.conversation().status()) {
      throw new IllegalStateException("the three ways disagree: " + viaDomain + " / " + viaSpring);
    }
  }

  @Benchmark
  public Either<Rejection, Decision> domain() {
    return Lifecycle.decide(conversation, Fixtures.HAND_OFF, now);
  }

  @Benchmark
  public Outcome springStatemachine() {
    return bridge.fire(conversation, Fixtures.HAND_OFF, now);
  }

  @Benchmark
  public Status enumMapFloor() {
    return table.get(conversation.status()).get(Fixtures.HAND_OFF.trigger());
  }
}
