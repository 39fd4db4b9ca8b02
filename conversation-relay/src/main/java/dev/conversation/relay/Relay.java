package dev.conversation.relay;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.Seq;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Delivers a store's outbox to a {@link Sink}, by itself: every period, for each tenant (the
 * host's list, or every tenant with events, {@link ConversationStore#tenants}), it reads
 * the events after the tenant's checkpoint ({@link ConversationStore#events}), hands them to the
 * sink one by one in outbox order as CloudEvents ({@link Envelope}), and moves the checkpoint
 * ({@link RelayState}) past what was delivered or parked, once per batch.
 *
 * <p><b>At least once, in order.</b> Nothing is skipped: the checkpoint moves only past events the
 * sink acknowledged or the relay parked, so a relay stopped or killed mid-batch starts again
 * after its last checkpoint and delivers the rest of that batch again, with the same event ids
 * ({@code <tenant>/<position>}) for the receiver to deduplicate. One conversation's events are
 * delivered in version order: a retry holds the tenant's batch at the failing event.
 *
 * <p><b>Retries and parking.</b> When the sink says {@link Sink.Retry} (or throws), the tenant's
 * delivery stops at that event and is tried again after an exponential back-off with jitter
 * (from {@code firstRetry}, doubling, up to {@code maxRetry}); other tenants go on. After
 * {@code attempts} tries, or at once when the sink says {@link Sink.Refused}, the event is parked
 * (kept in the relay state with the reason) and delivery goes on with the next event. A parked
 * event holds its conversation: that conversation's later events are parked behind it, unsent,
 * so its receiver never sees them out of order, and the other conversations are not blocked.
 * {@link #redeliver} sends a conversation's parked events again, in order, and frees it once all
 * are delivered; {@link #drop} discards one.
 *
 * <p><b>Retention.</b> Off by default. With {@link Builder#retention}, delivered events older
 * than the retention are deleted in bounded batches after each tenant's delivery, never past the
 * lowest checkpoint of the relays sharing the state.
 *
 * <p><b>One instance per name.</b> The checkpoint and the parked events belong to the relay's
 * name: run one relay of a name at a time (two would deliver the same events twice, each still
 * at least once and in order). Thread-safe; {@link #close()} stops it after the pass under way.
 */
public final class Relay implements AutoCloseable {

  /**
   * Totals since the relay started.
   *
   * @param passes passes over the tenants run
   * @param delivered events the sink acknowledged
   * @param retries deliveries the sink asked to try again (or that threw)
   * @param parked events parked (refused, out of attempts, or held behind a parked event)
   * @param pruned delivered events deleted by the retention
   * @param failures tenant deliveries a failure of the store or the state cut short (tried again at the next pass)
   * @param lastProblem the last retry's, parking's or failure's reason, if any
   */
  public record Stats(long passes, long delivered, long retries, long parked, long pruned, long failures,
      io.vavr.control.Option<String> lastProblem) {}

  /** A tenant whose delivery waits for a retry: the position it stopped at, tries so far, and when to try again. */
  private record Waiting(long position, int attempts, Instant notBefore) {}

  private final String name;
  private final ConversationStore store;
  private final RelayState state;
  private final Sink sink;
  private final @Nullable Supplier<? extends Iterable<TenantId>> tenants;
  private final @Nullable Duration retention;
  private final URI source;
  private final int batch;
  private final int attempts;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final Clock clock;
  private final ReentrantLock passLock = new ReentrantLock();
  private final Map<TenantId, Waiting> waiting = new HashMap<>();
  /** Per tenant, the conversations with a parked event; loaded from the state on first use. */
  private final Map<TenantId, Set<ConversationId>> held = new HashMap<>();
  private final AtomicLong passes = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong parkedCount = new AtomicLong();
  private final AtomicLong pruned = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> lastProblem = new AtomicReference<>();
  private final ScheduledThreadPoolExecutor scheduler;

  private Relay(Builder b) {
    this.name = b.name;
    this.store = b.store;
    this.state = b.state;
    this.sink = b.sink;
    this.tenants = b.tenants;
    this.retention = b.retention;
    this.source = b.source;
    this.batch = b.batch;
    this.attempts = b.attempts;
    this.firstRetry = b.firstRetry;
    this.maxRetry = b.maxRetry;
    this.clock = b.clock;
    this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "conversation-relay-" + name);
      t.setDaemon(true);
      return t;
    });
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler.setRemoveOnCancelPolicy(true);
    state.register(name);
  }

  /**
   * Returns a builder for a relay of this name (its checkpoints and parked events are kept under
   * it) from the store's outbox through the state to the sink.
   *
   * @throws IllegalArgumentException if the name is blank or longer than 100 characters
   */
  public static Builder builder(String name, ConversationStore store, RelayState state, Sink sink) {
    return new Builder(name, store, state, sink);
  }

  private void start(Duration period) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        pollNow();
      } catch (Throwable e) {
        // Whatever a pass throws (a sink's Error included), the next one runs: a scheduled task
        // that throws would never run again.
        lastProblem.set("pass failed: " + e);
      }
    }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Runs one pass over the tenants now, on the calling thread (passes never overlap: this waits
   * for a running one).
   *
   * A tenant whose delivery fails (the store or the state throws, an event cannot be read) is
   * counted ({@link Stats#failures}, {@link Stats#lastProblem}) and the pass goes on with the
   * next tenant; that tenant is tried again at the next pass from its checkpoint.
   *
   * @return how many events this pass delivered
   * @throws dev.conversation.persistence.StoreFailure if the store cannot list the tenants
   */
  public long pollNow() {
    passLock.lock();
    try {
      long before = delivered.get();
      for (TenantId tenant : tenants()) {
        try {
          relay(tenant);
          if (retention != null) {
            prune(tenant);
          }
        } catch (RuntimeException e) {
          failures.incrementAndGet();
          lastProblem.set("tenant " + tenant.value() + " failed: " + e);
        }
      }
      passes.incrementAndGet();
      return delivered.get() - before;
    } finally {
      passLock.unlock();
    }
  }

  /** Returns the relay's name: its checkpoints and parked events are kept under it. */
  public String name() {
    return name;
  }

  /**
   * How far behind the relay is: the events not delivered yet (counted up to
   * {@value ConversationStore#MAX_EVENT_BATCH} per tenant) and the age of the oldest of them
   * (zero when there is none). Parked events are not counted: they wait for a person.
   *
   * @param events undelivered events, at most {@value ConversationStore#MAX_EVENT_BATCH} per tenant
   * @param oldest how long the oldest undelivered event has waited
   */
  public record Lag(long events, Duration oldest) {

    /** Creates the value; the count is not negative and the age is required. */
    public Lag {
      java.util.Objects.requireNonNull(oldest, "oldest");
      if (events < 0) {
        throw new IllegalArgumentException("events must not be negative: " + events);
      }
    }
  }

  /**
   * Measures the relay's lag now (see {@link Lag}): one read of each tenant's checkpoint and of
   * its outbox after it.
   *
   * @throws dev.conversation.persistence.StoreFailure if the store cannot be read
   */
  public Lag lag() {
    long events = 0;
    Instant oldest = null;
    for (TenantId tenant : tenants()) {
      Seq<StoredEvent> waiting = store.events(tenant, state.checkpoint(name, tenant), ConversationStore.MAX_EVENT_BATCH);
      events += waiting.size();
      for (StoredEvent first : waiting.headOption()) {
        if (oldest == null || first.event().at().isBefore(oldest)) {
          oldest = first.event().at();
        }
      }
    }
    Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
    return new Lag(events, age.isNegative() ? Duration.ZERO : age);
  }

  /** The host's tenants, or every tenant with events in the store's outbox, walked in batches. */
  private Iterable<TenantId> tenants() {
    if (tenants != null) {
      return tenants.get();
    }
    io.vavr.collection.List<TenantId> all = io.vavr.collection.List.empty();
    io.vavr.control.Option<TenantId> after = io.vavr.control.Option.none();
    while (true) {
      Seq<TenantId> page = store.tenants(after, ConversationStore.MAX_TENANT_BATCH);
      all = all.appendAll(page);
      if (page.size() < ConversationStore.MAX_TENANT_BATCH) {
        return all;
      }
      after = io.vavr.control.Option.some(page.last());
    }
  }

  /** Deletes one bounded batch of the tenant's events every relay of the state delivered and the retention has passed. */
  private void prune(TenantId tenant) {
    long delivered = state.lowestCheckpoint(tenant);
    if (delivered > 0) {
      pruned.addAndGet(store.pruneEvents(tenant, delivered, clock.instant().minus(retention), ConversationStore.MAX_EVENT_BATCH));
    }
  }

  /** Delivers the tenant's events after its checkpoint, batch after batch, until none is left or one must wait. */
  private void relay(TenantId tenant) {
    Waiting w = waiting.get(tenant);
    if (w != null && clock.instant().isBefore(w.notBefore())) {
      return;
    }
    Set<ConversationId> holding = held.computeIfAbsent(tenant, t -> {
      Set<ConversationId> ids = new HashSet<>();
      state.parked(name, t).forEach(p -> ids.add(p.event().event().conversationId()));
      return ids;
    });
    while (true) {
      long checkpoint = state.checkpoint(name, tenant);
      Seq<StoredEvent> events = store.events(tenant, checkpoint, batch);
      long done = checkpoint;
      boolean stopped = false;
      for (StoredEvent e : events) {
        ConversationId conversation = e.event().conversationId();
        if (holding.contains(conversation)) {
          park(tenant, e, "held behind an earlier parked event of conversation " + conversation.value());
        } else if (!deliver(tenant, e, holding)) {
          stopped = true;
          break;
        }
        done = e.position();
      }
      if (done > checkpoint) {
        state.advance(name, tenant, done);
      }
      if (stopped || events.size() < batch) {
        return;
      }
    }
  }

  /** Delivers one event, or parks it; false if it must wait for a retry (the tenant stops there). */
  private boolean deliver(TenantId tenant, StoredEvent e, Set<ConversationId> holding) {
    Sink.Result result = send(tenant, e);
    if (result instanceof Sink.Delivered) {
      waiting.remove(tenant);
      delivered.incrementAndGet();
      return true;
    }
    if (result instanceof Sink.Refused refused) {
      waiting.remove(tenant);
      park(tenant, e, "refused: " + refused.reason());
      holding.add(e.event().conversationId());
      return true;
    }
    String reason = ((Sink.Retry) result).reason();
    retries.incrementAndGet();
    lastProblem.set(Envelope.id(tenant, e.position()) + ": " + reason);
    Waiting before = waiting.get(tenant);
    int tries = before != null && before.position() == e.position() ? before.attempts() + 1 : 1;
    if (tries >= attempts) {
      waiting.remove(tenant);
      park(tenant, e, "gave up after " + tries + " attempts: " + reason);
      holding.add(e.event().conversationId());
      return true;
    }
    waiting.put(tenant, new Waiting(e.position(), tries, clock.instant().plus(backOff(tries))));
    return false;
  }

  /** Hands the event to the sink; a sink that throws asks for a retry. */
  private Sink.Result send(TenantId tenant, StoredEvent e) {
    try {
      return sink.deliver(Envelope.of(source, tenant, e));
    } catch (RuntimeException ex) {
      return Sink.Result.retry(String.valueOf(ex));
    }
  }

  /** The wait before try {@code tries + 1}: doubling from the first retry, capped, with jitter (half to all of it). */
  private Duration backOff(int tries) {
    long first = firstRetry.toMillis();
    long cap = maxRetry.toMillis();
    // Doubling, saturated at the cap before it can overflow.
    int shift = tries - 1;
    long full = shift >= Long.numberOfLeadingZeros(first) - 1 ? cap : Math.min(cap, first << shift);
    return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
  }

  private void park(TenantId tenant, StoredEvent e, String reason) {
    state.park(name, tenant, e, reason, clock.instant());
    parkedCount.incrementAndGet();
    lastProblem.set(Envelope.id(tenant, e.position()) + " parked: " + reason);
  }

  /** Returns the tenant's parked events, in outbox order. */
  public Seq<Parked> parked(TenantId tenant) {
    return state.parked(name, Objects.requireNonNull(tenant, "tenant"));
  }

  /**
   * Sends a conversation's parked events again, in outbox order, each once, stopping at the first
   * the sink does not acknowledge (it stays parked, with the events behind it). Runs between two
   * passes. Once none is left the conversation is free: its next events are delivered again.
   *
   * @return how many were delivered (and unparked)
   */
  public int redeliver(TenantId tenant, ConversationId conversation) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(conversation, "conversation");
    passLock.lock();
    try {
      int sent = 0;
      Seq<Parked> mine = state.parked(name, tenant).filter(p -> p.event().event().conversationId().equals(conversation));
      for (Parked p : mine) {
        if (!(send(tenant, p.event()) instanceof Sink.Delivered)) {
          return sent;
        }
        state.unpark(name, tenant, p.event().position());
        delivered.incrementAndGet();
        sent++;
      }
      free(tenant, conversation);
      return sent;
    } finally {
      passLock.unlock();
    }
  }

  /**
   * Discards one parked event for good (it is not delivered); once none of its conversation's
   * is left, the conversation is free.
   *
   * @return whether it was parked
   */
  public boolean drop(TenantId tenant, long position) {
    Objects.requireNonNull(tenant, "tenant");
    passLock.lock();
    try {
      Seq<Parked> all = state.parked(name, tenant);
      io.vavr.control.Option<Parked> target = all.find(p -> p.event().position() == position);
      if (target.isEmpty() || !state.unpark(name, tenant, position)) {
        return false;
      }
      free(tenant, target.get().event().event().conversationId());
      return true;
    } finally {
      passLock.unlock();
    }
  }

  /** Frees the conversation if none of its events is parked any more. */
  private void free(TenantId tenant, ConversationId conversation) {
    if (state.parked(name, tenant).forAll(p -> !p.event().event().conversationId().equals(conversation))) {
      Set<ConversationId> holding = held.get(tenant);
      if (holding != null) {
        holding.remove(conversation);
      }
    }
  }

  /** Returns the totals since the relay started. */
  public Stats stats() {
    return new Stats(passes.get(), delivered.get(), retries.get(), parkedCount.get(), pruned.get(), failures.get(),
        io.vavr.control.Option.of(lastProblem.get()));
  }

  /** Stops the relay; a pass under way finishes first (waited for up to a minute). */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Configures a relay; {@link #start} runs it. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final ConversationStore store;
    private final RelayState state;
    private final Sink sink;
    private @Nullable Supplier<? extends Iterable<TenantId>> tenants;
    private @Nullable Duration retention;
    private URI source = URI.create("urn:dev.conversation");
    private int batch = 100;
    private int attempts = 12;
    private Duration firstRetry = Duration.ofSeconds(1);
    private Duration maxRetry = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    private Builder(String name, ConversationStore store, RelayState state, Sink sink) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 100) {
        throw new IllegalArgumentException("name must be 1 to 100 characters, not blank: '" + name + "'");
      }
      this.name = name;
      this.store = Objects.requireNonNull(store, "store");
      this.state = Objects.requireNonNull(state, "state");
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * The tenants to relay, asked again at every pass; by default every tenant with events in the
     * store's outbox ({@link ConversationStore#tenants}, walked at every pass).
     */
    public Builder tenants(Supplier<? extends Iterable<TenantId>> value) {
      this.tenants = Objects.requireNonNull(value, "tenants");
      return this;
    }

    /**
     * Deletes delivered events once they are older than {@code value}: after each tenant's
     * delivery, up to {@value ConversationStore#MAX_EVENT_BATCH} of its oldest events at or below the
     * lowest checkpoint the relays registered in the same state keep there ({@link
     * RelayState#lowestCheckpoint}: a registered relay that has not delivered there yet holds
     * everything), whose change happened before now minus the retention. Off by default: the
     * outbox keeps everything. Every relay that reads the outbox must share the state (each
     * registers itself when built), or it may lose events the others delivered; {@link
     * RelayState#forget} a relay that will not run again.
     *
     * @throws IllegalArgumentException if the retention is under a second
     */
    public Builder retention(Duration value) {
      Objects.requireNonNull(value, "retention");
      if (value.getSeconds() < 1) {
        throw new IllegalArgumentException("retention must be at least 1 s: " + value);
      }
      this.retention = value;
      return this;
    }

    /** The CloudEvents {@code source} of every event; default {@code urn:dev.conversation}. */
    public Builder source(URI value) {
      this.source = Objects.requireNonNull(value, "source");
      return this;
    }

    /**
     * Events read per batch, 1 to {@value ConversationStore#MAX_EVENT_BATCH}; default 100.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder batch(int value) {
      if (value < 1 || value > ConversationStore.MAX_EVENT_BATCH) {
        throw new IllegalArgumentException("batch must be 1 to " + ConversationStore.MAX_EVENT_BATCH + ": " + value);
      }
      this.batch = value;
      return this;
    }

    /**
     * The retry budget: tries per event before it is parked, 1 to 1,000 (default 12), the first
     * wait (default 1 s) and the longest (default 5 min).
     *
     * @throws IllegalArgumentException if attempts are out of range, a wait is under a millisecond,
     *     or the longest wait is shorter than the first
     */
    public Builder retries(int attempts, Duration first, Duration max) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(max, "max");
      if (attempts < 1 || attempts > 1000) {
        throw new IllegalArgumentException("attempts must be 1 to 1000: " + attempts);
      }
      if (first.toMillis() < 1 || max.compareTo(first) < 0) {
        throw new IllegalArgumentException("retry waits must be at least 1 ms, the longest no shorter than the first: "
            + first + ", " + max);
      }
      this.attempts = attempts;
      this.firstRetry = first;
      this.maxRetry = max;
      return this;
    }

    /** The clock retries are timed by; default the system's. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Returns the relay, not started: passes run only through {@link Relay#pollNow()}. */
    public Relay build() {
      return new Relay(this);
    }

    /**
     * Returns the relay, started: a daemon thread runs a pass now and then {@code period} after
     * each pass ends. Close it to stop it.
     *
     * @throws IllegalArgumentException if {@code period} is under a millisecond
     */
    public Relay start(Duration period) {
      Objects.requireNonNull(period, "period");
      if (period.toMillis() < 1) {
        throw new IllegalArgumentException("period must be at least 1 ms: " + period);
      }
      Relay relay = build();
      relay.start(period);
      return relay;
    }
  }
}
