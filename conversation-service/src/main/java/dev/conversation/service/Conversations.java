package dev.conversation.service;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.Erasure;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Limits;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.Violation;
import dev.conversation.domain.Visibility;
import dev.conversation.persistence.Claim;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Directory;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.StoreFailure;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.persistence.Turn;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The conversations of a host application: the facade over a store and a directory. Commands go
 * in; {@code Either<Problem, result>} comes out, and after any {@link Problem} nothing has been
 * stored.
 *
 * <p>Each change loads the conversation, decides it with the {@link Lifecycle}, and commits the
 * decision on the version it was taken on; a command that changes nothing stores nothing. Writers
 * of this instance that change the same conversation take turns (a lock per conversation,
 * striped), so in one process none loses to another: it waits for its turn instead. When a
 * writer of another process committed first, it loads and decides again, a bounded number of
 * times with a short random back-off, then gives up with {@link Problem.Contended}. A message
 * sent with an idempotency key is stored once: a retried request gets the original message back
 * ({@link Outcome#replayed()}). A create with an
 * idempotency key gets an id derived from the tenant and key, so a retried create returns the
 * conversation the first one made.
 *
 * <p>Time comes from the injected {@link Clock} (truncated to microseconds, the precision stores
 * keep) and ids from the injected supplier, so tests can fix both. Thread-safe; one instance
 * serves the whole application. {@link #close()} stops the enrichment threads it started itself.
 */
public final class Conversations implements AutoCloseable {

  /** How many times a change is decided and committed before it gives up; the default. */
  public static final int DEFAULT_ATTEMPTS = 64;

  /** The most lines {@link #dialogue} returns. */
  public static final int MAX_DIALOGUE_WINDOW = 1_000;

  /** How long {@link #getEnriched} waits for the directory; the default. */
  public static final Duration DEFAULT_ENRICHMENT_TIMEOUT = Duration.ofSeconds(2);

  private final ConversationStore store;
  private final Directory directory;
  private final Clock clock;
  private final Supplier<String> ids;
  private final @Nullable ExecutorService ownExecutor;
  private final CommitLoop commits;
  private final AiTurns turns;
  private final Enrichment enrichment;
  private final Creation creation;
  private final TimerSweep timers;
  private final Routing routing;
  private final PersonalData personalData;

  private Conversations(Builder b) {
    this.store = b.store;
    this.directory = b.directory;
    this.clock = b.clock;
    this.ids = b.ids;
    Executor executor;
    if (b.executor != null) {
      executor = b.executor;
      this.ownExecutor = null;
    } else {
      AtomicInteger n = new AtomicInteger();
      ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conversations-directory-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      executor = pool;
      this.ownExecutor = pool;
    }
    TimerPolicies policies = new TimerPolicies(b.timers,
        io.vavr.collection.LinkedHashMap.ofAll(b.channelTimers), io.vavr.collection.LinkedHashMap.ofAll(b.workspaceTimers));
    this.commits = new CommitLoop(store, policies, this::now, b.attempts, b.backOff, b.telemetry);
    this.enrichment = new Enrichment(directory, executor, b.enrichmentTimeout);
    this.turns = new AiTurns(store, commits, this::now, ids);
    Contacts contacts = new Contacts(directory);
    this.creation = new Creation(store, commits, directory, contacts, ids, this::now, this::append);
    this.timers = new TimerSweep(store, commits, policies, this::now, b.telemetry);
    this.routing = new Routing(store, contacts, commits, ids, this::now, b.afterResolved, b.attempts);
    this.personalData = new PersonalData(store, directory, this::now);
  }

  /**
   * Returns a ready embedded instance: a new in-memory store and directory, the system clock,
   * random UUIDs, and timers that only wake snoozed conversations.
   */
  public static Conversations inMemory() {
    return builder().build();
  }

  /** Returns a builder; every setting has a default (see {@link #inMemory()}). */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the store this instance writes to. */
  public ConversationStore store() {
    return store;
  }

  /** Returns the directory this instance enriches from. */
  public Directory directory() {
    return directory;
  }

  // ------------------------------------------------------------------------------------ reads

  /**
   * Lists the tenant's conversations.
   *
   * @return a page, or {@link Problem.Invalid} listing every problem of the request (limit out of
   *     1 to 100, negative offset, offset with cursor, malformed or foreign cursor, unknown status,
   *     channel or order word, invalid tag or id)
   */
  public Either<Problem, Page<Conversation>> list(TenantId tenant, ConversationQuery.Request request) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(request, "request");
    Validation<Seq<Violation>, ConversationQuery> query = request.validate();
    if (query.isInvalid()) {
      return Either.left(new Problem.Invalid(query.getError()));
    }
    return reading("listing conversations", () -> store.list(tenant, query.get()));
  }

  /**
   * Counts the tenant's conversations that match the filter (a listing's total).
   *
   * @return the count, or {@link Problem.Unavailable} if the store fails
   */
  public Either<Problem, Long> count(TenantId tenant, ConversationFilter filter) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(filter, "filter");
    return reading("counting conversations", () -> store.count(tenant, filter));
  }

  /** Returns the conversation, or {@link Problem.NotFound} if the tenant has none with this id. */
  public Either<Problem, Conversation> get(TenantId tenant, ConversationId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return reading("reading conversation " + id, () -> store.find(tenant, id))
        .flatMap(found -> found.toEither(() -> new Problem.NotFound(id)));
  }

  /**
   * Returns a page of the conversation's messages, oldest first.
   *
   * @param limit page size, default 25, 1 to 100
   * @param cursor the {@link Page#next()} of the previous page
   * @return the page, {@link Problem.NotFound}, or {@link Problem.Invalid} for a bad limit or cursor
   */
  public Either<Problem, Page<Message>> history(TenantId tenant, ConversationId id, Option<Integer> limit, Option<String> cursor) {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(cursor, "cursor");
    Validation<Seq<Violation>, MessageQuery> query = MessageQuery.of(limit, cursor);
    if (query.isInvalid()) {
      return Either.left(new Problem.Invalid(query.getError()));
    }
    return get(tenant, id).flatMap(c -> reading("reading messages of " + id, () -> store.messages(tenant, id, query.get())));
  }

  /**
   * Returns the last {@code window} lines of the conversation's dialogue, oldest first: what the
   * customer and the agents (AI and human) said to each other, as a language model answering the
   * AI's turn should see it. Internal notes are left out ({@link Visibility#forCustomer}) and so
   * are system messages; attachments are named in the text ({@link DialogueLine#text()}). The
   * thread is read backwards in pages of 100 from its end (found with O(log n) one-row reads past
   * the header's message count, which leaves notes out), so the cost grows with the window and the
   * notes among the last lines, not with the thread's length.
   *
   * @param window how many of the last lines, 1 to 1,000
   * @return the lines, {@link Problem.NotFound}, {@link Problem.Invalid} for a window out of range,
   *     {@link Problem.Unavailable}
   */
  public Either<Problem, Seq<DialogueLine>> dialogue(TenantId tenant, ConversationId id, int window) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    if (window < 1 || window > MAX_DIALOGUE_WINDOW) {
      return Either.left(new Problem.Invalid(List.of(new Violation("window", "range",
          "window must be 1 to " + MAX_DIALOGUE_WINDOW + ", was " + window))));
    }
    return get(tenant, id).flatMap(c -> reading("reading the dialogue of " + id,
        () -> backwards(tenant, c, Conversations::inDialogue, window).map(DialogueLine::of)));
  }

  /**
   * Returns the conversation's last {@code limit} messages, oldest first: notes and system
   * messages included, as the thread holds them. Read backwards from the thread's end, so a long
   * thread costs no more than a short one: what an API showing a thread in one answer reads.
   *
   * @param limit how many, 1 to {@value #MAX_DIALOGUE_WINDOW}
   * @return the messages, {@link Problem.NotFound}, {@link Problem.Invalid} for a limit out of
   *     range, {@link Problem.Unavailable}
   */
  public Either<Problem, Seq<Message>> lastMessages(TenantId tenant, ConversationId id, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    if (limit < 1 || limit > MAX_DIALOGUE_WINDOW) {
      return Either.left(new Problem.Invalid(List.of(new Violation("limit", "range",
          "limit must be 1 to " + MAX_DIALOGUE_WINDOW + ", was " + limit))));
    }
    return get(tenant, id).flatMap(c -> reading("reading the last messages of " + id,
        () -> backwards(tenant, c, m -> true, limit)));
  }

  /**
   * The last {@code want} messages that {@code counts}, oldest first. Messages are numbered 1, 2,
   * 3, ... in commit order; notes are in the thread but not in the header's count, so the thread
   * ends at or after it: the end is found by probing single rows (doubling, then halving: O(log
   * notes) reads), and pages of 100 are read back from it.
   */
  private Seq<Message> backwards(TenantId tenant, Conversation c, java.util.function.Predicate<Message> counts, int want) {
    ConversationId id = c.id();
    long end = c.messageCount();
    if (present(tenant, id, end)) {
      long step = 1;
      while (present(tenant, id, end + step)) {
        end += step;
        step *= 2;
      }
      long absent = end + step;  // end < length <= absent
      while (absent - end > 1) {
        long mid = end + (absent - end) / 2;
        if (present(tenant, id, mid)) {
          end = mid;
        } else {
          absent = mid;
        }
      }
      end = absent;
    }
    java.util.ArrayDeque<Message> found = new java.util.ArrayDeque<>();
    while (end > 0 && found.size() < want) {
      long start = Math.max(0, end - ConversationQuery.MAX_LIMIT);
      for (Message m : store.messages(tenant, id, new MessageQuery((int) (end - start), start)).items().reverse()) {
        if (counts.test(m) && found.size() < want) {
          found.addFirst(m);
        }
      }
      end = start;
    }
    return List.ofAll(found);
  }

  /** Whether the thread holds more than {@code position} messages. */
  private boolean present(TenantId tenant, ConversationId id, long position) {
    return store.messages(tenant, id, new MessageQuery(1, position)).items().nonEmpty();
  }

  /** Whether a message is a line of the dialogue a model sees: not a note, not the system's. */
  private static boolean inDialogue(Message m) {
    return Visibility.customerSees(m) && m.author().actor() != dev.conversation.domain.Actor.SYSTEM;
  }

  /**
   * Returns the conversation with its contact and account, looked up in the directory at the same
   * time and awaited at most the enrichment timeout. A directory that fails or is too slow does
   * not fail the call: the result says it is not {@linkplain Enriched#complete() complete} and why.
   *
   * @return the enriched conversation, or {@link Problem.NotFound}
   */
  public Either<Problem, Enriched> getEnriched(TenantId tenant, ConversationId id) {
    return get(tenant, id).map(c -> enrichment.enrich(tenant, c));
  }

  /**
   * Returns the tenant's events after an outbox position, in commit order (see
   * {@link ConversationStore#events}).
   *
   * @return the events, or {@link Problem.Invalid} for a negative position or a limit out of 1 to 1000
   */
  public Either<Problem, Seq<StoredEvent>> events(TenantId tenant, long afterPosition, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    List<Violation> problems = List.empty();
    if (afterPosition < 0) {
      problems = problems.append(new Violation("afterPosition", "position-negative", "afterPosition must be 0 or more"));
    }
    if (limit < 1 || limit > ConversationStore.MAX_EVENT_BATCH) {
      problems = problems.append(new Violation("limit", "limit-out-of-range",
          "limit must be 1 to " + ConversationStore.MAX_EVENT_BATCH + ", was " + limit));
    }
    if (problems.nonEmpty()) {
      return Either.left(new Problem.Invalid(problems));
    }
    return reading("reading events", () -> store.events(tenant, afterPosition, limit));
  }

  // ----------------------------------------------------------------------------------- writes

  /**
   * Creates a conversation, with its first message if the request has one. With a customer name
   * or a further address ({@code customerEmail}, {@code customerPhone}) and no contact id, the
   * contact holding one of the customer's addresses is linked as it is, or else a new contact
   * holding the name and every address is saved in the directory first and linked.
   *
   * @return the outcome (a replay, with the create's own first message, if the idempotency key
   *     was used before for the same workspace, channel and first message), or
   *     {@link Problem.Invalid} for a bad address, subject, name or first message, a first
   *     message keyed with the reserved {@code inbound:} or {@code inbound#} prefix, or a key used
   *     before for another conversation ({@code idempotency-key-reused}); {@link Problem.Unavailable}
   *     if the store or directory fails
   * @throws IllegalStateException if the id supplier returns an id the tenant already uses
   */
  public Either<Problem, Outcome> create(TenantId tenant, NewConversation request) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(request, "request");
    Option<Problem> reserved = reservedKey(request.firstMessage().flatMap(NewMessage::idempotencyKey), "firstMessage.idempotencyKey");
    long start = System.nanoTime();
    Either<Problem, Outcome> created = reserved.isDefined() ? Either.left(reserved.get()) : creation.create(tenant, request);
    commits.createEnded(created, start);
    return created;
  }

  /**
   * Receives a customer's message from a channel and routes it: finds the sender's contact by the
   * address (or saves a new one), then the sender's one open conversation on this channel
   * instance, and appends to it (reopening a RESOLVED one, waking a SNOOZED one), or creates one,
   * or, if the latest is CLOSED, starts a follow-up linked to it. What a message after RESOLVED
   * does is set per channel type ({@link Builder#afterResolved}).
   *
   * <p>Exactly once: the store keeps one open conversation per (tenant, channel instance,
   * contact), and the provider message id is the message's idempotency key, so two first messages
   * at once create one conversation with both, and a redelivered message stores nothing and
   * answers the original ({@link Received.Delivery#DUPLICATE}), also after its conversation was
   * closed and followed up once.
   *
   * @return where the message went, or {@link Problem.Invalid} naming every bad field
   *     ({@code from} not an address of the channel, blank or oversized {@code content}, missing
   *     {@code providerMessageId}, bad {@code senderName}) with nothing stored, not even a contact;
   *     {@link Problem.KeyReused} for a provider message id received before with other content;
   *     {@link Problem.Contended}; {@link Problem.Unavailable} if the store or directory fails
   */
  public Either<Problem, Received> receive(TenantId tenant, InboundMessage message) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(message, "message");
    return routing.receive(tenant, message);
  }

  /**
   * Starts a follow-up of a closed conversation (the "compose" path for a closed thread): same
   * workspace, channel, customer, contact and account, linked to it, with a first message if
   * given. With a contact, the follow-up takes the customer's route, so their next inbound
   * message continues it.
   *
   * @return the new conversation, {@link Problem.NotFound}, {@link Problem.Rejected} if the
   *     conversation is not closed, {@link Problem.Invalid} for a bad first message,
   *     {@link Problem.AlreadyOpen} if the customer already has an open conversation on the
   *     channel, {@link Problem.Unavailable}
   */
  public Either<Problem, Outcome> followUp(TenantId tenant, ConversationId closed, Option<NewMessage> firstMessage) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(closed, "closed");
    Objects.requireNonNull(firstMessage, "firstMessage");
    Option<Problem> reserved = reservedKey(firstMessage.flatMap(NewMessage::idempotencyKey), "firstMessage.idempotencyKey");
    return reserved.isDefined() ? Either.left(reserved.get()) : routing.followUp(tenant, closed, firstMessage.map(this::append));
  }

  /**
   * Sends a message in the conversation; the service gives it a new id.
   *
   * @return the outcome, a replay with the original message if the key was used before for the
   *     same author and content, or {@link Problem.KeyReused} if it was used for another message;
   *     {@link Problem.Invalid} for a key starting with {@code inbound:} or {@code inbound#}
   *     (reserved for {@link #receive});
   *     {@link Problem.NotFound}, {@link Problem.Rejected}, {@link Problem.Invalid},
   *     {@link Problem.Contended} or {@link Problem.Unavailable}
   */
  public Either<Problem, Outcome> send(TenantId tenant, ConversationId id, NewMessage message) {
    Objects.requireNonNull(message, "message");
    Option<Problem> reserved = reservedKey(message.idempotencyKey(), "idempotencyKey");
    return reserved.isDefined() ? Either.left(reserved.get()) : execute(tenant, id, append(message));
  }

  /**
   * The problem with a client's idempotency key that uses the prefixes reserved for inbound
   * messages' provider ids, which would make the customer's real message look like a replay.
   */
  private static Option<Problem> reservedKey(Option<String> key, String field) {
    return key.filter(Routing::reserved).map(k -> new Problem.Invalid(List.of(new Violation(field, "reserved-prefix",
        field + " must not start with 'inbound:' or 'inbound#': those keys are inbound messages' provider ids"))));
  }

  /** The reserved-prefix problem of the first appended message of the commands that has one. */
  private static Option<Problem> reservedKey(Seq<? extends Command> commands) {
    return commands.filter(c -> c instanceof Command.AppendMessage).map(c -> (Command.AppendMessage) c)
        .flatMap(m -> reservedKey(m.idempotencyKey(), "idempotencyKey")).headOption();
  }

  /**
   * Adds an internal note to the thread: by a human agent, the AI agent (a suggestion or summary
   * for the human) or the system, in every state but CLOSED. The customer never sees it (every
   * customer-facing rendering filters it out, {@link dev.conversation.domain.Visibility}); it
   * changes nothing but the thread: not the status, the owner, whose turn it is, the unread
   * state, the message count or the last-message preview. It emits {@code conversation.note-added}.
   *
   * @return the outcome, or {@link Problem.Rejected} for a note by the customer or in a closed
   *     conversation, {@link Problem.Invalid} for bad content (notes carry no citations and no
   *     attachments), and the
   *     problems of {@link #execute}
   */
  public Either<Problem, Outcome> note(TenantId tenant, ConversationId id, NewMessage note) {
    Objects.requireNonNull(note, "note");
    Option<Problem> reserved = reservedKey(note.idempotencyKey(), "idempotencyKey");
    return reserved.isDefined() ? Either.left(reserved.get()) : execute(tenant, id, new Command.AppendMessage(
        MessageId.of(ids.get()), note.author(), note.content(), note.citations(), note.idempotencyKey(),
        dev.conversation.domain.MessageType.NOTE, note.attachments()));
  }

  private Command.AppendMessage append(NewMessage m) {
    return new Command.AppendMessage(MessageId.of(ids.get()), m.author(), m.content(), m.citations(), m.idempotencyKey(),
        dev.conversation.domain.MessageType.TEXT, m.attachments());
  }

  // ------------------------------------------------------------------------- the AI's turn

  /**
   * Returns conversations waiting for the AI agent's answer ({@link Lifecycle#aiTurn}: the AI owns
   * it, it is NEW or ACTIVE, a customer waits), oldest turn first, leaving out those a worker
   * holds a live claim on. Answered from an index in every store.
   *
   * @param tenant one tenant, or none for every tenant
   * @param after the last turn of the previous batch ({@link Turn#position()}), if any
   * @param limit at most this many, 1 to {@value ConversationStore#MAX_TURN_BATCH}
   * @return the turns, or {@link Problem.Invalid} for a limit out of range, {@link Problem.Unavailable}
   */
  public Either<Problem, Seq<Turn>> turns(Option<TenantId> tenant, Option<Turn.Position> after, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(after, "after");
    return turns.turns(tenant, after, limit);
  }

  /**
   * Claims the AI's turn in a conversation for a worker, for {@code lease}: while the lease runs no
   * other worker can claim it, and the turns query does not list it. The claim names the turn, the
   * customer's last message and the version it was taken on. A worker that dies simply lets the
   * lease run out; another then claims the turn.
   *
   * @param worker who claims (for logs: 1 to 128 characters)
   * @param lease how long the claim holds without a reply or a release, at most an hour
   * @return the claim, or {@link Problem.TurnLost} ({@code TAKEN} while another worker holds it;
   *     {@code HUMAN_TOOK_OVER}, {@code RESOLVED}, {@code CLOSED}, {@code SNOOZED} or
   *     {@code ANSWERED} when it is not the AI's turn), {@link Problem.Invalid},
   *     {@link Problem.NotFound}, {@link Problem.Unavailable}
   */
  public Either<Problem, Claim> claim(TenantId tenant, ConversationId id, String worker, Duration lease) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(lease, "lease");
    return turns.claim(tenant, id, worker, lease);
  }

  /**
   * Stores the AI agent's reply on a claim, refusing it if the customer wrote again meanwhile
   * ({@link ReplyPolicy#REFUSE_IF_CUSTOMER_WROTE_AGAIN}); see {@link #reply(Claim, NewMessage, ReplyPolicy)}.
   */
  public Either<Problem, Outcome> reply(Claim claim, NewMessage reply) {
    return reply(claim, reply, ReplyPolicy.REFUSE_IF_CUSTOMER_WROTE_AGAIN);
  }

  /**
   * Stores the AI agent's reply (with its citations) on a claim, only if the turn still stands
   * when it is committed: the claim is still the stored one (its lease may have run out, as long
   * as nobody took the turn over) and it is still the AI's turn. Both are checked on the version the
   * reply is committed on, so a hand-off, a resolve or a close that lands first refuses the reply
   * and nothing is stored. On success the claim is released.
   *
   * @param reply the AI agent's message
   * @param policy what to do when the customer wrote again after the claim
   * @return the outcome, or {@link Problem.TurnLost} ({@code CLAIM_LOST}, {@code HUMAN_TOOK_OVER},
   *     {@code RESOLVED}, {@code CLOSED}, {@code SNOOZED}, {@code ANSWERED}, {@code NEW_TURN} when
   *     the claimed turn ended and came back, {@code CUSTOMER_WROTE_AGAIN}), {@link Problem.Invalid} for a reply not by the AI agent or
   *     with bad content, {@link Problem.NotFound}, {@link Problem.Contended},
   *     {@link Problem.Unavailable}
   */
  public Either<Problem, Outcome> reply(Claim claim, NewMessage reply, ReplyPolicy policy) {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(policy, "policy");
    return turns.reply(claim, reply, policy == ReplyPolicy.ACCEPT);
  }

  /**
   * Returns the conversation if the claimed turn still stands now: the claim is the stored one and
   * it is still the claimed AI's turn, with no newer customer message. This is what
   * {@link #reply(Claim, NewMessage)} would find if it were committed now, so a worker can check
   * before spending a model call; the reply checks again when it is committed.
   *
   * @return the conversation, or {@link Problem.TurnLost} with the reason {@code reply} would give,
   *     {@link Problem.NotFound}, {@link Problem.Unavailable}
   */
  public Either<Problem, Conversation> stands(Claim claim) {
    return stands(claim, ReplyPolicy.REFUSE_IF_CUSTOMER_WROTE_AGAIN);
  }

  /**
   * Returns the conversation if the claimed turn still stands now under {@code policy}; see
   * {@link #stands(Claim)}.
   */
  public Either<Problem, Conversation> stands(Claim claim, ReplyPolicy policy) {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(policy, "policy");
    return turns.stands(claim, policy == ReplyPolicy.ACCEPT);
  }

  /**
   * Gives a claim up (a worker that will not answer, or one told the customer wrote again that
   * will claim the newer turn): the turn is listed and claimable again at once.
   *
   * @return whether the claim was still the stored one, or {@link Problem.Unavailable}
   */
  public Either<Problem, Boolean> release(Claim claim) {
    Objects.requireNonNull(claim, "claim");
    return turns.release(claim);
  }

  /**
   * Records that the host handed an outbound message to the channel provider, which gave it
   * {@code providerMessageId}: the message moves to {@link DeliveryStatus#SENT} (unless a later
   * status is already known) and later receipts find it by that id ({@link #receipt}). Call it
   * when the provider accepted the message, before answering anything else about it.
   *
   * @return the outcome (unchanged when it was already recorded), or {@link Problem.Invalid} for
   *     an unknown message ({@code messageId}, {@code unknown}), a message that is not outbound
   *     ({@code not-outbound}), a provider id already bound to another message
   *     ({@code providerMessageId}, {@code taken}; also when another writer bound it first) or to
   *     this one under another id ({@code already-bound}), a blank, over-long
   *     ({@value Limits#MAX_PROVIDER_ID} characters) or malformed provider id;
   *     {@link Problem.NotFound}, {@link Problem.Contended}, {@link Problem.Unavailable}. A closed
   *     conversation takes it too (a reply sent just before the close).
   */
  public Either<Problem, Outcome> dispatched(TenantId tenant, ConversationId id, MessageId message, String providerMessageId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    Option<Violation> bad = Routing.providerIdProblem(providerMessageId, "the provider's id of the message sent");
    if (bad.isDefined()) {
      return Either.left(new Problem.Invalid(List.of(bad.get())));
    }
    Either<Problem, Option<Message>> bound = reading("find provider message " + providerMessageId,
        () -> store.findByProviderMessageId(tenant, providerMessageId));
    if (bound.isLeft()) {
      return Either.left(bound.getLeft());
    }
    if (bound.get().exists(m -> !m.id().equals(message) || !m.conversationId().equals(id))) {
      return Either.left(new Problem.Invalid(List.of(new Violation("providerMessageId", "taken",
          "provider message id '" + clip(providerMessageId) + "' is already bound to message " + bound.get().get().id()))));
    }
    return recordDelivery(tenant, id,
        () -> store.findMessage(tenant, id, message).toEither(() -> new Problem.Invalid(List.of(new Violation(
            "messageId", "unknown", "conversation " + id + " has no message " + message)))),
        m -> new Command.RecordDelivery(Participant.system(), m, DeliveryStatus.SENT, Option.some(providerMessageId),
            Option.none()));
  }

  /**
   * Records a channel receipt for an outbound message, found by the provider's id
   * ({@link #dispatched}). The message's delivery status only moves forward
   * ({@link DeliveryStatus}): a receipt for a status it has passed, or a repeated one, changes
   * nothing, so receipts may arrive in any order. A failure raises an attention item
   * ({@link Command.RecordDelivery#DELIVERY_FAILED}) and emits {@code conversation.delivery-changed}
   * like every move; the conversation's state, owner and turn never change.
   *
   * @return the outcome (unchanged when the status does not move; a closed conversation takes
   *     receipts too, without raising attention items), or {@link Problem.Invalid} for an unknown
   *     provider id ({@code providerMessageId},
   *     {@code unknown}: the receipt may have overtaken {@link #dispatched}, so a host answers the
   *     provider with a status that makes it retry), a failure without a reason or a reason
   *     without a failure; {@link Problem.Contended}, {@link Problem.Unavailable}
   */
  public Either<Problem, Outcome> receipt(TenantId tenant, Receipt receipt) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(receipt, "receipt");
    Option<Violation> bad = Routing.providerIdProblem(receipt.providerMessageId(), "the provider's id of the message");
    if (bad.isDefined()) {
      return Either.left(new Problem.Invalid(List.of(bad.get())));
    }
    Either<Problem, Option<Message>> found = reading("find provider message " + receipt.providerMessageId(),
        () -> store.findByProviderMessageId(tenant, receipt.providerMessageId()));
    if (found.isLeft()) {
      return Either.left(found.getLeft());
    }
    if (found.get().isEmpty()) {
      return Either.left(new Problem.Invalid(List.of(new Violation("providerMessageId", "unknown",
          "no outbound message was sent as provider message '" + clip(receipt.providerMessageId()) + "'"))));
    }
    Message first = found.get().get();
    return recordDelivery(tenant, first.conversationId(),
        () -> store.findMessage(tenant, first.conversationId(), first.id()).toEither(() -> new Problem.Invalid(List.of(
            new Violation("providerMessageId", "unknown", "message " + first.id() + " is no longer stored")))),
        m -> new Command.RecordDelivery(Participant.system(), m, receipt.status(), Option.none(), receipt.failureReason()));
  }

  /**
   * Decides a receipt on the message as stored at the conversation's version: the message is read
   * again on every attempt, after the conversation, so a concurrent receipt is never overwritten.
   */
  private Either<Problem, Outcome> recordDelivery(TenantId tenant, ConversationId id,
      Supplier<Either<Problem, Message>> message, java.util.function.Function<Message, Command> command) {
    return commits.change(tenant, id, c -> message.get().map(m -> List.of(command.apply(m))));
  }

  /**
   * Refuses receipts given as commands: a {@link Command.RecordDelivery} must carry the message
   * exactly as stored, which only {@link #receipt} and {@link #dispatched} guarantee (they read it
   * again on every attempt); one built by a caller could rewrite a stored message.
   */
  private static Option<Problem> receiptCommand(Seq<? extends Command> commands) {
    return commands.zipWithIndex().find(c -> c._1 instanceof Command.RecordDelivery)
        .map(c -> new Problem.Invalid(List.of(new Violation(commands.size() == 1 ? "command" : "commands[" + c._2 + "]",
            "use-receipt", "a receipt goes through Conversations.receipt or dispatched, which read the message as stored"))));
  }

  /** {@code value}, cut to 64 characters for quoting in a message. */
  static String clip(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }

  /**
   * Decides a command against the conversation and stores the decision, retrying on concurrent
   * changes. Every lifecycle operation goes through here: hand-off, return to AI, resolve,
   * reopen, close, snooze, wake, metadata and tags, mark read, attention items. Receipts go
   * through {@link #receipt} and {@link #dispatched} instead: a {@link Command.RecordDelivery}
   * given here is refused ({@code use-receipt}).
   *
   * @return the outcome (unchanged, with nothing stored, when the command changes nothing), or
   *     {@link Problem.NotFound}, {@link Problem.Rejected}, {@link Problem.Invalid},
   *     {@link Problem.KeyReused}, {@link Problem.Contended}, {@link Problem.Unavailable}
   */
  public Either<Problem, Outcome> execute(TenantId tenant, ConversationId id, Command command) {
    Objects.requireNonNull(command, "command");
    Option<Problem> reserved = reservedKey(List.of(command)).orElse(() -> receiptCommand(List.of(command)));
    return reserved.isDefined() ? Either.left(reserved.get()) : commits.change(tenant, id, c -> Either.right(List.of(command)));
  }

  /**
   * Decides several commands against the conversation as one change and stores it once: all are
   * accepted and committed together, or nothing is stored (see {@link Lifecycle#decideAll}). A
   * concurrent writer cannot interleave: on a concurrent change the whole batch is decided again
   * on the newer version. The version rises by one for the batch.
   *
   * @param commands the commands, in order; none changes nothing
   * @return the outcome (unchanged, with nothing stored, when no command changes anything), or the
   *     first command's problem as {@link #execute(TenantId, ConversationId, Command)} would give it
   */
  public Either<Problem, Outcome> execute(TenantId tenant, ConversationId id, Seq<? extends Command> commands) {
    Objects.requireNonNull(commands, "commands");
    Seq<Command> all = List.ofAll(commands);
    all.forEach(c -> Objects.requireNonNull(c, "commands[]"));
    Option<Problem> reserved = reservedKey(all).orElse(() -> receiptCommand(all));
    return reserved.isDefined() ? Either.left(reserved.get()) : commits.change(tenant, id, c -> Either.right(all));
  }

  /**
   * Plans commands on the conversation as it is when they are decided, then decides and stores
   * them as one change like {@link #execute(TenantId, ConversationId, Seq)}. Use it when what to
   * do depends on the conversation (link a contact only if none is linked, move to a status only
   * if it is not there): a plan made on an earlier read could undo a concurrent writer's change.
   *
   * <p>{@code plan} is called with the conversation as loaded, again on every retry after another
   * process's concurrent change, while this instance's writers of the same conversation wait: it
   * must be a quick, pure function of the conversation and must not call this service.
   *
   * @param plan the commands for the conversation as it is; none changes nothing
   * @return as {@link #execute(TenantId, ConversationId, Seq)}
   */
  public Either<Problem, Outcome> execute(
      TenantId tenant, ConversationId id, Function<? super Conversation, ? extends Seq<? extends Command>> plan) {
    Objects.requireNonNull(plan, "plan");
    return commits.change(tenant, id, c -> {
      Seq<Command> all = List.ofAll(Objects.requireNonNull(plan.apply(c), "plan returned null"));
      all.forEach(command -> Objects.requireNonNull(command, "plan returned a null command"));
      Option<Problem> reserved = reservedKey(all).orElse(() -> receiptCommand(all));
      return reserved.isDefined() ? Either.left(reserved.get()) : Either.right(all);
    });
  }

  /**
   * Names the conversation's customer: renames its contact in the directory, or saves a new
   * contact with this name and links it to the conversation.
   *
   * <p>A new contact is saved only after the lifecycle has agreed to the link; if a concurrent
   * change refuses the link after that, the saved contact stays unlinked (harmless, and reused by
   * nothing).
   *
   * @param by who renames (the link is a metadata change by this participant)
   * @return the outcome, {@link Problem.Invalid} for a blank or oversized name,
   *     {@link Problem.NotFound}, {@link Problem.Unavailable} if the directory fails
   */
  public Either<Problem, Outcome> renameContact(TenantId tenant, ConversationId id, String name, Participant by) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(by, "by");
    Seq<Violation> nameProblems = Creation.nameProblems(name);
    if (nameProblems.nonEmpty()) {
      return Either.left(new Problem.Invalid(nameProblems));
    }
    return get(tenant, id).flatMap(c -> {
      try {
        if (c.contactId().isDefined()) {
          ContactId cid = c.contactId().get();
          Contact renamed = directory.contact(tenant, cid)
              .map(existing -> Contact.builder().from(existing).name(Option.some(name)).build())
              .getOrElse(() -> Creation.contactFor(cid, name, c));
          directory.save(tenant, renamed);
          return Either.right(new Outcome(c, List.empty(), List.empty(), false));
        }
        ContactId cid = ContactId.of(ids.get());
        Command.UpdateMetadata link = Command.UpdateMetadata.by(by).contactId(cid);
        // Ask the lifecycle first, so a refused link saves no contact.
        Either<Rejection, Decision> allowed = Lifecycle.decide(c, link, now());
        if (allowed.isLeft()) {
          return Either.left(Problem.of(allowed.getLeft()));
        }
        directory.save(tenant, Creation.contactFor(cid, name, c));
        return execute(tenant, id, link);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw e;
      } catch (RuntimeException e) {
        // The directory is the host's CRM: any exception of it is an outage, not a bug of ours.
        return Either.left(new Problem.Unavailable("saving the contact of " + id, e));
      }
    });
  }

  /**
   * Applies every timer that is due in the tenant: wakes snoozed conversations whose time has
   * come, and resolves and closes idle ones as the timer policy says. The store finds them from
   * its timer index ({@link ConversationStore#due}), so a tick costs what is due, not what is
   * stored. To run timers by themselves, across tenants, use {@link #startTimers}.
   *
   * @return the outcomes of the conversations that changed, or the first problem met
   */
  public Either<Problem, Seq<Outcome>> tick(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return timers.tick(tenant);
  }

  /**
   * Re-indexes every conversation's timer under this service's current policies, where the
   * stored due instant disagrees: run it after changing a policy (a longer delay is also picked up
   * by the sweep itself; a shorter one, or a newly set one, only by this), and after upgrading
   * to the due-instant index (JDBC {@code V6__timer_due_at}) if you drive timers with {@link
   * #tick} yourself. {@link #startTimers} runs it from its start, beside the sweeps. Walks every conversation that runs a timer, in every tenant,
   * in batches; writes only those that changed, without a version or an event. Safe to run while
   * the service writes and on several nodes at once.
   *
   * @return how many timers were re-indexed, or the store's failure (what was re-indexed stays so)
   */
  public Either<Problem, Long> retime() {
    try {
      return Either.right(timers.retime());
    } catch (StoreFailure e) {
      return Either.left(new Problem.Unavailable("re-indexing timers", e));
    }
  }

  /**
   * Starts running the timers by themselves: a daemon thread sweeps every tenant's due timers now
   * and then every {@code period} (see {@link TimerRunner}). Close the runner to stop it (before
   * closing this service). Several runners, on several nodes over one store, fire each timer once.
   *
   * @throws IllegalArgumentException if {@code period} is less than a millisecond
   */
  public TimerRunner startTimers(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("period must be at least 1 ms: " + period);
    }
    return new TimerRunner(timers, period);
  }

  /**
   * Erases a person (GDPR art. 17): removes the contact from the directory, then erases each
   * conversation linked to it, each in one transaction of the store ({@link Erasure} lists what is
   * replaced by {@value Erasure#MARKER}, what is removed and what is kept for reporting): message
   * contents, attachments' names and locations, the subject, summary and last-message preview,
   * the customer's address, free-text notes and reasons, and the same strings in the conversation's
   * stored events; an {@code Erased} event without personal data is appended per conversation. An
   * erased conversation is unlinked from the contact and from its inbound route.
   *
   * <p>Resumable: a run that stopped part-way (a crash, an unavailable store) is completed by
   * calling it again, which erases the conversations still linked; a conversation is never half
   * erased. Once everything is erased, the contact is unknown: {@link Problem.ContactNotFound}.
   *
   * <p>A message that arrives while the erasure runs is erased if it is stored before its
   * conversation's erasure commits; one stored after finds no route and no contact, so the person
   * comes back as a new contact in a new conversation (which a later erasure of the new contact
   * erases).
   *
   * @return what was erased, or {@link Problem.ContactNotFound} when neither the directory nor any
   *     conversation knows the contact, {@link Problem.Unavailable}
   */
  public Either<Problem, ContactErasure> erase(TenantId tenant, ContactId contact) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(contact, "contact");
    return personalData.erase(tenant, contact);
  }

  /**
   * Returns the tenant's conversations linked to the contact, in id order after {@code after}:
   * what an export of the contact's data walks ({@link ConversationStore#ofContact}).
   *
   * @param limit at most this many, 1 to {@value ConversationStore#MAX_CONTACT_BATCH}
   * @return the ids, {@link Problem.Invalid} for a limit out of range, {@link Problem.Unavailable}
   */
  public Either<Problem, Seq<ConversationId>> conversationsOf(TenantId tenant, ContactId contact,
      Option<ConversationId> after, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > ConversationStore.MAX_CONTACT_BATCH) {
      return Either.left(new Problem.Invalid(List.of(new Violation("limit", "range",
          "limit must be 1 to " + ConversationStore.MAX_CONTACT_BATCH + ", was " + limit))));
    }
    return reading("list the conversations of contact " + contact.value(), () -> store.ofContact(tenant, contact, after, limit));
  }

  /**
   * Deletes the closed conversations {@code retention} no longer keeps, now, on the calling
   * thread: with their messages, tags, events and claims, in batches of 100. An open conversation
   * is never deleted. See {@link #startRetention} for a runner.
   *
   * @return how many were deleted, or {@link Problem.Unavailable}
   */
  public Either<Problem, Long> purgeClosed(Retention retention) {
    return personalData.purge(Objects.requireNonNull(retention, "retention"));
  }

  /**
   * Starts deleting closed conversations {@code retention} no longer keeps, every {@code period}
   * (the first sweep at once), on a daemon thread. Close the runner before the service.
   *
   * @throws IllegalArgumentException if {@code period} is under a millisecond
   */
  public RetentionRunner startRetention(Retention retention, Duration period) {
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(period, "period");
    if (period.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("period must be at least 1 ms: " + period);
    }
    return new RetentionRunner(personalData, retention, period);
  }

  /** A read of the store: its value, or {@link Problem.Unavailable} when the store fails. */
  static <T> Either<Problem, T> reading(String what, Supplier<T> read) {
    try {
      return Either.right(read.get());
    } catch (StoreFailure e) {
      return Either.left(new Problem.Unavailable(what, e));
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Stops the directory threads this instance started; an injected executor is left alone. */
  @Override
  public void close() {
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  /** Configures a {@link Conversations}; not thread-safe, use from one thread. */
  public static final class Builder {
    private ConversationStore store = ConversationStore.inMemory();
    private Directory directory = Directory.inMemory();
    private Clock clock = Clock.systemUTC();
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private TimerPolicy timers = TimerPolicy.wakeOnly();
    private final java.util.Map<ChannelType, TimerPolicy> channelTimers = new java.util.EnumMap<>(ChannelType.class);
    private final java.util.Map<dev.conversation.domain.WorkspaceId, TimerPolicy> workspaceTimers = new java.util.LinkedHashMap<>();
    private int attempts = DEFAULT_ATTEMPTS;
    private Duration enrichmentTimeout = DEFAULT_ENRICHMENT_TIMEOUT;
    private @Nullable Executor executor;
    private LongUnaryOperator backOff = CommitLoop::backOff;
    private Telemetry telemetry = Telemetry.NONE;
    private final java.util.EnumMap<ChannelType, AfterResolved> afterResolved = new java.util.EnumMap<>(ChannelType.class);

    private Builder() {}

    /** Replaces the back-off between attempts (tests record it instead of sleeping). */
    Builder backOff(LongUnaryOperator value) {
      this.backOff = Objects.requireNonNull(value, "backOff");
      return this;
    }

    /** Sets the store (default: a new in-memory store). */
    public Builder store(ConversationStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** Sets the directory (default: a new in-memory directory). */
    public Builder directory(Directory value) {
      this.directory = Objects.requireNonNull(value, "directory");
      return this;
    }

    /** Sets the clock (default: the system clock in UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Sets where new conversation, message and contact ids come from (default: random UUIDs). */
    public Builder ids(Supplier<String> value) {
      this.ids = Objects.requireNonNull(value, "ids");
      return this;
    }

    /**
     * Sets what a customer's inbound message does to their RESOLVED conversation on channels of
     * this type (default {@link AfterResolved#REOPEN} on every channel).
     */
    public Builder afterResolved(ChannelType channel, AfterResolved value) {
      this.afterResolved.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the timer policy of the conversations on channels of this type, unless their workspace
     * has one ({@link #timers(dev.conversation.domain.WorkspaceId, TimerPolicy)}).
     */
    public Builder timers(ChannelType channel, TimerPolicy value) {
      channelTimers.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(value, "timers"));
      return this;
    }

    /** Sets the timer policy of the conversations in this workspace, whatever their channel. */
    public Builder timers(dev.conversation.domain.WorkspaceId workspace, TimerPolicy value) {
      workspaceTimers.put(Objects.requireNonNull(workspace, "workspace"), Objects.requireNonNull(value, "timers"));
      return this;
    }

    /**
     * Sets the default timer policy: for conversations whose workspace and channel type have none
     * (default: wake snoozed conversations only).
     */
    public Builder timers(TimerPolicy value) {
      this.timers = Objects.requireNonNull(value, "timers");
      return this;
    }

    /**
     * Sets how many times a change is decided and committed before it gives up.
     *
     * @throws IllegalArgumentException if {@code value} is less than 1
     */
    public Builder attempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("attempts must be at least 1: " + value);
      }
      this.attempts = value;
      return this;
    }

    /**
     * Sets how long {@link #getEnriched} waits for the directory.
     *
     * @throws IllegalArgumentException if {@code value} is negative or zero
     */
    public Builder enrichmentTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("enrichmentTimeout must be positive: " + value);
      }
      this.enrichmentTimeout = value;
      return this;
    }

    /** Sets the executor that runs directory lookups (default: daemon threads the instance owns). */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** Sets what the instance reports its work to, for metrics (default: {@link Telemetry#NONE}). */
    public Builder telemetry(Telemetry value) {
      this.telemetry = Objects.requireNonNull(value, "telemetry");
      return this;
    }

    /** Returns the configured instance. */
    public Conversations build() {
      return new Conversations(this);
    }
  }
}
