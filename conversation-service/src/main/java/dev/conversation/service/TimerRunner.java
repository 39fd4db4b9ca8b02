package dev.conversation.service;

import io.vavr.collection.Seq;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a service's timers by themselves: every period it sweeps every tenant's due timers (see
 * {@link Conversations#startTimers}). A conversation whose timer fails is counted and reported
 * ({@link #stats()}), and the sweep goes on; when the store fails, the sweep stops and the next
 * one waits twice as long, up to {@link #MAX_BACK_OFF} (never less than the period), and the
 * period returns after a sweep that worked. Safe on several nodes over one store: each timer is
 * committed on the version it was decided on, so of two runners that reach the same
 * conversation, the second decides again and finds nothing due. From its start, on a thread of
 * its own beside the sweeps, it re-indexes every timer its service's policies no longer agree with
 * ({@link Conversations#retime}), so a policy changed between two starts (or the upgrade that
 * introduced the due-instant index) applies to conversations stored before. {@link #close()} stops
 * both and waits for a running sweep and the start pass's batch under way. Thread-safe.
 */
public final class TimerRunner implements AutoCloseable {

  /** The longest wait between sweeps while the store is unavailable. */
  public static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

  /**
   * What one sweep did.
   *
   * @param fired timers committed
   * @param skipped conversations found due that were no longer due when decided again (another
   *     runner or writer got there first)
   * @param failed conversations whose timer could not be committed (see {@code problems})
   * @param problems what went wrong, the first {@value TimerSweep#KEPT_PROBLEMS} at most
   * @param unavailable whether the store could not say what is due (the sweep stopped early)
   */
  public record Sweep(long fired, long skipped, long failed, Seq<String> problems, boolean unavailable) {

    /** Creates the value. */
    public Sweep {
      Objects.requireNonNull(problems, "problems");
    }
  }

  /**
   * Totals since the runner started.
   *
   * @param sweeps sweeps run
   * @param fired timers committed
   * @param skipped due conversations found no longer due
   * @param failed conversations whose timer failed
   * @param unavailable sweeps stopped because the store could not say what is due
   * @param retimed how many timers the start pass re-indexed under the current policies; none
   *     until that pass has completed (when it fails, it is tried again after a back-off until it
   *     completes; meanwhile the sweeps fire what is indexed)
   * @param retimeProblem why the start pass failed last, while it has not completed
   * @param last the last sweep, if any
   */
  public record Stats(long sweeps, long fired, long skipped, long failed, long unavailable,
      io.vavr.control.Option<Long> retimed, io.vavr.control.Option<String> retimeProblem, io.vavr.control.Option<Sweep> last) {}

  private final TimerSweep sweeper;
  private final Duration period;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong sweeps = new AtomicLong();
  private final AtomicLong fired = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicReference<Sweep> last = new AtomicReference<>();
  private final AtomicReference<Long> retimed = new AtomicReference<>();
  private final AtomicReference<String> retimeProblem = new AtomicReference<>();
  private volatile Duration wait;
  private volatile boolean closed;
  private final Thread startPass;

  TimerRunner(TimerSweep sweeper, Duration period) {
    this.sweeper = sweeper;
    this.period = period;
    this.wait = period;
    java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "conversation-timers");
      t.setDaemon(true);
      return t;
    });
    // Closing drops the next scheduled sweep instead of waiting for it.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    this.scheduler = executor;
    scheduler.schedule(this::scheduled, 0, TimeUnit.MILLISECONDS);
    this.startPass = new Thread(this::retimeUntilDone, "conversation-timers-start-pass");
    startPass.setDaemon(true);
    startPass.start();
  }

  /**
   * The start pass, on its own thread so that sweeps do not wait for it (it walks every stored
   * conversation that runs a timer): re-indexes until it completes, backing off after a failure
   * as the sweeps do; a close stops it between two batches.
   */
  private void retimeUntilDone() {
    Duration pause = period;
    while (!closed) {
      try {
        java.util.OptionalLong done = sweeper.retime(() -> closed);
        if (done.isPresent()) {
          retimed.set(done.getAsLong());
          retimeProblem.set(null);
        }
        return;
      } catch (RuntimeException e) {
        retimeProblem.set("re-indexing timers failed: " + e);
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      pause = min(pause.multipliedBy(2), MAX_BACK_OFF);
    }
  }

  private void scheduled() {
    boolean unavailable = true;
    try {
      unavailable = sweepNow().unavailable();
    } finally {
      // Whatever the sweep threw, the next one is scheduled: the runner never stops by itself.
      wait = unavailable ? max(period, min(wait.multipliedBy(2), MAX_BACK_OFF)) : period;
      if (!scheduler.isShutdown()) {
        scheduler.schedule(this::scheduled, wait.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Runs one sweep now, on the calling thread (it may overlap a scheduled one; both are safe), and counts it. */
  public Sweep sweepNow() {
    Sweep s;
    try {
      s = sweeper.sweep();
    } catch (RuntimeException e) {
      // A row the store cannot read fails every sweep alike: reported here, and backed off.
      s = new Sweep(0, 0, 0, io.vavr.collection.List.of("sweep failed: " + e), true);
    }
    sweeps.incrementAndGet();
    fired.addAndGet(s.fired());
    skipped.addAndGet(s.skipped());
    failed.addAndGet(s.failed());
    if (s.unavailable()) {
      unavailable.incrementAndGet();
    }
    last.set(s);
    return s;
  }

  /** Returns the totals since the runner started. */
  public Stats stats() {
    return new Stats(sweeps.get(), fired.get(), skipped.get(), failed.get(), unavailable.get(),
        io.vavr.control.Option.of(retimed.get()), io.vavr.control.Option.of(retimeProblem.get()),
        io.vavr.control.Option.of(last.get()));
  }

  /** Returns how long the runner waits before its next sweep (the period, or longer while backing off). */
  public Duration currentWait() {
    return wait;
  }

  /** Stops the runner; a sweep under way finishes first (waited for up to a minute). */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdown();
    startPass.interrupt();  // only its back-off sleep: a batch under way finishes
    try {
      scheduler.awaitTermination(1, TimeUnit.MINUTES);
      startPass.join(TimeUnit.MINUTES.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
