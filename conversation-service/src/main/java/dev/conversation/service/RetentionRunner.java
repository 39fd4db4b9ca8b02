package dev.conversation.service;

import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs retention by itself: every period, a sweep deletes the closed conversations its
 * {@link Retention} no longer keeps, in batches (see {@link Conversations#startRetention}). A
 * sweep that meets an unavailable store stops and is counted; the next one comes a period later.
 * Safe on several nodes over one store: a conversation is deleted once, the others find it gone.
 * {@link #close()} stops it and waits for a sweep under way. Thread-safe.
 */
public final class RetentionRunner implements AutoCloseable {

  /**
   * Totals since the runner started.
   *
   * @param sweeps sweeps run
   * @param deleted closed conversations deleted
   * @param unavailable sweeps stopped because the store failed
   * @param lastProblem why the last failed sweep stopped, if one did
   */
  public record Stats(long sweeps, long deleted, long unavailable, Option<String> lastProblem) {

    /** Creates the value. */
    public Stats {
      Objects.requireNonNull(lastProblem, "lastProblem");
    }
  }

  private final PersonalData data;
  private final Retention retention;
  private final ScheduledThreadPoolExecutor scheduler;
  private final AtomicLong sweeps = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicReference<String> lastProblem = new AtomicReference<>();

  RetentionRunner(PersonalData data, Retention retention, Duration period) {
    this.data = data;
    this.retention = retention;
    this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "conversation-retention");
      t.setDaemon(true);
      return t;
    });
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, 0, period.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void sweepQuietly() {
    try {
      sweepNow();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: the runner keeps going.
      lastProblem.set("sweep failed: " + e);
      unavailable.incrementAndGet();
    }
  }

  /**
   * Runs one sweep now, on the calling thread, and counts it.
   *
   * @return how many closed conversations it deleted, or the problem that stopped it
   */
  public io.vavr.control.Either<Problem, Long> sweepNow() {
    io.vavr.control.Either<Problem, Long> swept = data.purge(retention);
    swept.forEach(deleted::addAndGet);
    if (swept.isLeft()) {
      lastProblem.set(swept.getLeft().message());  // first: a reader that sees the count sees why
      unavailable.incrementAndGet();
    }
    sweeps.incrementAndGet();  // last: a reader that sees the sweep counted sees what it did
    return swept;
  }

  /** Returns the totals since the runner started. */
  public Stats stats() {
    return new Stats(sweeps.get(), deleted.get(), unavailable.get(), Option.of(lastProblem.get()));
  }

  /** Stops the runner; a sweep under way finishes first (waited for up to a minute). */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
