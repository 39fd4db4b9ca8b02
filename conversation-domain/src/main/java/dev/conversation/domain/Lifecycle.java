package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The lifecycle engine: decides every change to a conversation with the
 * {@link TransitionTable#standard() standard transition table}. Pure functions of their
 * arguments: no clock, no I/O, no shared state; safe to call from any thread.
 *
 * <p>Each decision returns either a {@link Rejection} (and the conversation is unchanged) or a
 * {@link Decision}: the new conversation, its new messages and the events it emitted. It works as
 * a Decider: the table's cell allows the trigger and the actor, the command's own decide function
 * checks its input and writes the events it causes (each where its reason is known), and one
 * evolve function applies those events to the conversation. A command that changes nothing
 * (a hand-off to whoever has the conversation already, metadata equal to what is there, a
 * read marker with nothing unread) is accepted with no events and the same version. An
 * accepted change raises the version by exactly one, also when {@link #decideAll} decides
 * several commands as one change. The decision time is {@code now} if it is
 * after the conversation's {@link Conversation#updatedAt()}, otherwise one microsecond after
 * it: every accepted change, and so every message, of a conversation has a strictly later time
 * than the one before, even when the clock steps back or two commands share an instant. (A
 * microsecond, not a nanosecond, so the order survives storage with microsecond precision.)
 */
public final class Lifecycle {

  private static final TransitionTable TABLE = TransitionTable.standard();

  private Lifecycle() {}

  /**
   * Starts a conversation in {@link Status#NEW}, with its first message if the request has one.
   *
   * @return the decision (version 1), or {@link Rejection.Invalid} listing every problem: a
   *     missing or malformed customer address for the channel, an oversized subject, or a first
   *     message that breaks a rule (its fields are prefixed {@code firstMessage.})
   */
  public static Either<Rejection, Decision> start(StartConversation request, Instant now) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(now, "now");
    Validation<Violation, Option<ContactPoint>> address = address(request.channel().type(), request.customerAddress());
    Validation<Violation, Option<String>> subject = Text.optional("subject", request.subject(), Limits.MAX_SUBJECT);
    Seq<Violation> problems = Validations.violations(address, subject);
    if (problems.nonEmpty()) {
      Seq<Violation> messageProblems = request.firstMessage().map(Decide::appendProblems).getOrElse(List.empty());
      return Either.left(new Rejection.Invalid(problems.appendAll(prefixed("firstMessage.", messageProblems))));
    }
    Conversation started =
        Conversation.builder()
            .id(request.id())
            .tenantId(request.tenantId())
            .workspaceId(request.workspaceId())
            .channel(request.channel())
            .customerAddress(address.get())
            .contactId(request.contactId())
            .accountId(request.accountId())
            .subject(subject.get())
            .aiAgentId(request.aiAgentId())
            .status(Status.NEW)
            .createdAt(now)
            .updatedAt(now)
            .version(1)
            .build();
    return begin(started, Option.none(), request.firstMessage(), now);
  }

  /**
   * Starts a follow-up of a closed conversation: same tenant, workspace, channel, customer,
   * contact, account and AI agent, linked by {@link Conversation#followUpOf()}. The closed
   * conversation itself is not changed.
   *
   * @return the decision for the new conversation, {@link Rejection.NotClosed} if
   *     {@code closed} is not closed, or {@link Rejection.Invalid} if the first message breaks a rule
   */
  public static Either<Rejection, Decision> followUp(
      Conversation closed, ConversationId id, Option<Command.AppendMessage> firstMessage, Instant now) {
    Objects.requireNonNull(closed, "closed");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(firstMessage, "firstMessage");
    Objects.requireNonNull(now, "now");
    if (closed.status() != Status.CLOSED) {
      return Either.left(new Rejection.NotClosed(closed.id(), closed.status()));
    }
    Instant at = later(now, closed.updatedAt());
    Conversation started =
        Conversation.builder()
            .id(id)
            .tenantId(closed.tenantId())
            .workspaceId(closed.workspaceId())
            .channel(closed.channel())
            .customerAddress(closed.customerAddress())
            .contactId(closed.contactId())
            .accountId(closed.accountId())
            .aiAgentId(closed.aiAgentId())
            .followUpOf(Option.some(closed.id()))
            .status(Status.NEW)
            .createdAt(at)
            .updatedAt(at)
            .version(1)
            .build();
    return begin(started, Option.some(closed.id()), firstMessage, at);
  }

  private static Either<Rejection, Decision> begin(
      Conversation started, Option<ConversationId> followUpOf, Option<Command.AppendMessage> first, Instant at) {
    DomainEvent event =
        new DomainEvent(started.id(), started.tenantId(), 1, at, Participant.system(),
            new DomainEvent.Started(Status.NEW, followUpOf));
    if (first.isEmpty()) {
      return Either.right(new Decision(started, List.empty(), List.of(event)));
    }
    return decideAt(started, first.get(), at, 1)
        .mapLeft(Lifecycle::prefixFirstMessage)
        .map(d -> new Decision(d.conversation(), d.messages(), d.events().prepend(event)));
  }

  /**
   * Decides a command against a conversation.
   *
   * @param conversation the conversation as it is now
   * @param command what is asked
   * @param now the decision time (from the caller's clock)
   * @return the decision, or why not: {@link Rejection.Denied} when the table denies the trigger
   *     in this state, {@link Rejection.ActorNotAllowed} when this actor may not issue it here,
   *     {@link Rejection.Invalid} listing every input problem
   */
  public static Either<Rejection, Decision> decide(Conversation conversation, Command command, Instant now) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(now, "now");
    return decideAt(conversation, command, after(conversation, now), conversation.version() + 1);
  }

  /**
   * Decides several commands as one change: each is decided against the conversation the ones
   * before it left, and all are accepted together or none is. The result is what folding
   * {@link #decide} over the commands gives, except that it is one change: the version rises by
   * one in all (not one per command) and every event carries that version. Each command still
   * gets its own decision time, strictly after the one before, so messages keep a strict order.
   * Commands that change nothing contribute nothing; if none changes anything, the decision is
   * unchanged.
   *
   * @param conversation the conversation as it is now
   * @param commands what is asked, in order; may be empty (an unchanged decision)
   * @param now the decision time of the first command
   * @return the decision, or the first rejection exactly as {@link #decide} gives it for that
   *     command (later commands are not decided); {@link Rejection.Invalid} if two messages of
   *     the batch share an id ({@code duplicate-message-id}) or an idempotency key
   *     ({@code duplicate-idempotency-key}), fields named {@code commands[i].id} and
   *     {@code commands[i].idempotencyKey}, since one change stores each message once; or if
   *     two receipts name one message ({@code commands[i].message}, {@code duplicate-receipt})
   */
  public static Either<Rejection, Decision> decideAll(Conversation conversation, Seq<? extends Command> commands, Instant now) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(now, "now");
    // Every command of the service passes here; one command cannot repeat itself.
    Seq<Violation> repeated = commands.size() > 1 ? repeatedMessages(commands) : List.empty();
    if (repeated.nonEmpty()) {
      return Either.left(new Rejection.Invalid(repeated));
    }
    long version = conversation.version() + 1;
    Conversation current = conversation;
    List<Message> messages = List.empty();
    List<DomainEvent> events = List.empty();
    List<Message> updated = List.empty();
    for (Command command : commands) {
      Objects.requireNonNull(command, "commands[]");
      Either<Rejection, Decision> decided = decideAt(current, command, after(current, now), version);
      if (decided.isLeft()) {
        return decided;
      }
      Decision d = decided.get();
      current = d.conversation();
      messages = messages.appendAll(d.messages());
      events = events.appendAll(d.events());
      for (Message m : d.updated()) {
        updated = updated.removeFirst(u -> u.id().equals(m.id())).append(m);
      }
    }
    return Either.right(events.isEmpty()
        ? new Decision(conversation, List.empty(), List.empty())
        : new Decision(current, messages, events, updated));
  }

  /** The messages of a batch that repeat an earlier one's id or idempotency key. */
  private static Seq<Violation> repeatedMessages(Seq<? extends Command> commands) {
    java.util.Set<MessageId> ids = new java.util.HashSet<>();
    java.util.Set<String> keys = new java.util.HashSet<>();
    java.util.Set<MessageId> receipts = new java.util.HashSet<>();
    List<Violation> problems = List.empty();
    int i = 0;
    for (Command command : commands) {
      if (command instanceof Command.RecordDelivery r && !receipts.add(r.message().id())) {
        problems = problems.append(new Violation("commands[" + i + "].message", "duplicate-receipt",
            "message " + r.message().id() + " has more than one receipt in one change; each is decided on the message as"
                + " stored, so decide them one by one"));
      }
      if (command instanceof Command.AppendMessage m) {
        if (!ids.add(m.id())) {
          problems = problems.append(new Violation("commands[" + i + "].id", "duplicate-message-id",
              "message id " + m.id() + " appears more than once in one change"));
        }
        if (m.idempotencyKey().exists(key -> !keys.add(key))) {
          problems = problems.append(new Violation("commands[" + i + "].idempotencyKey", "duplicate-idempotency-key",
              "idempotency key '" + m.idempotencyKey().get() + "' appears more than once in one change"));
        }
      }
      i++;
    }
    return problems;
  }

  /** The decision time: {@code now}, or one microsecond after the last change if that is not before it. */
  private static Instant after(Conversation c, Instant now) {
    return now.isAfter(c.updatedAt()) ? now : c.updatedAt().plus(1, ChronoUnit.MICROS);
  }

  /**
   * Returns the command time alone would issue now, if any, issued by {@link Participant#system()}:
   * the conversation's {@link #timer} is due when its instant is at or before the policy's
   * {@link TimerPolicy#cutoff}, and then {@link TimerKind#WAKE} wakes it,
   * {@link TimerKind#AUTO_RESOLVE} resolves it, {@link TimerKind#IDLE_RESOLVE} resolves it with
   * {@link Command.ResolveIdle} (the one way the system resolves a human-managed conversation),
   * {@link TimerKind#AUTO_CLOSE} closes it, and a missed {@link TimerKind#FIRST_REPLY} or
   * {@link TimerKind#NEXT_REPLY} raises an attention item of kind {@value TimerKind#SLA_BREACHED}
   * with id {@link TimerKind#breachId}, once per wait.
   */
  public static Option<Command> due(Conversation conversation, TimerPolicy policy, Instant now) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    return timer(conversation)
        .filter(t -> policy.cutoff(t._1, now).exists(cutoff -> !t._2.isAfter(cutoff)))
        .map(t -> command(t._1, t._2, policy.delay(t._1).get()));
  }

  /**
   * Returns when the conversation's {@link #timer} falls due under {@code policy}: its instant
   * plus the policy's {@linkplain TimerPolicy#delay delay} for its kind; none when it runs no
   * timer, the policy sets no delay for it, or the sum passes the last instant. Stores index this
   * instant, so that what is due under each conversation's own policy is found without reading
   * anything else: {@link #due} issues a command exactly when this instant is at or before
   * {@code now}.
   */
  public static Option<Instant> dueAt(Conversation conversation, TimerPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return timer(conversation).flatMap(t -> policy.delay(t._1).flatMap(d -> {
      try {
        return Option.some(t._2.plus(d));
      } catch (java.time.DateTimeException | ArithmeticException e) {
        return Option.none();
      }
    }));
  }

  private static Command command(TimerKind kind, Instant since, java.time.Duration delay) {
    Participant system = Participant.system();
    return switch (kind) {
      case WAKE -> new Command.Wake(system);
      case AUTO_RESOLVE -> new Command.Resolve(system, "Auto-resolved: the customer did not reply within " + delay);
      case IDLE_RESOLVE -> new Command.ResolveIdle(system, "Auto-resolved: nothing happened within " + delay);
      case AUTO_CLOSE -> new Command.Close(system);
      case FIRST_REPLY, NEXT_REPLY -> new Command.RaiseAttention(system, kind.breachId(since), TimerKind.SLA_BREACHED,
          "The " + kind.key() + " target of " + delay + " was missed: the customer has waited since " + since);
    };
  }

  /**
   * Returns the timer a conversation runs and the instant it counts from, which stores index so
   * that what is due can be found without reading what is not; at most one per conversation:
   * <ul>
   *   <li>SNOOZED: {@link TimerKind#WAKE} from its wake time;
   *   <li>WAITING: {@link TimerKind#AUTO_RESOLVE} from its {@linkplain Conversation#waitingSince() waiting-since};
   *   <li>RESOLVED: {@link TimerKind#AUTO_CLOSE} from its resolution time;
   *   <li>NEW, ACTIVE and HUMAN_MANAGED while the customer waits for an answer
   *       ({@link Conversation#awaitingReplySince()}): {@link TimerKind#FIRST_REPLY} before any
   *       agent replied, {@link TimerKind#NEXT_REPLY} after, from the start of the wait, unless
   *       the miss of this very wait is recorded (an attention item with id
   *       {@link TimerKind#breachId}, cleared or not);
   *   <li>HUMAN_MANAGED while no customer waits: {@link TimerKind#IDLE_RESOLVE} from its last change;
   *   <li>none otherwise (and in CLOSED).
   * </ul>
   */
  public static Option<io.vavr.Tuple2<TimerKind, Instant>> timer(Conversation conversation) {
    Objects.requireNonNull(conversation, "conversation");
    return switch (conversation.status()) {
      case SNOOZED -> conversation.snoozedUntil().map(at -> io.vavr.Tuple.of(TimerKind.WAKE, at));
      case WAITING -> conversation.waitingSince().map(at -> io.vavr.Tuple.of(TimerKind.AUTO_RESOLVE, at));
      case RESOLVED -> conversation.resolution().map(r -> io.vavr.Tuple.of(TimerKind.AUTO_CLOSE, r.resolvedAt()));
      case HUMAN_MANAGED -> conversation.awaitingReplySince().isEmpty()
          ? Option.some(io.vavr.Tuple.of(TimerKind.IDLE_RESOLVE, conversation.updatedAt()))
          : replyTimer(conversation);
      case NEW, ACTIVE -> replyTimer(conversation);
      case CLOSED -> Option.none();
    };
  }

  private static Option<io.vavr.Tuple2<TimerKind, Instant>> replyTimer(Conversation c) {
    return c.awaitingReplySince().flatMap(since -> {
      TimerKind kind = c.firstReplyAt().isEmpty() ? TimerKind.FIRST_REPLY : TimerKind.NEXT_REPLY;
      // Stores call this on every commit: the breach id is built only when there are items to look through.
      if (c.attention().nonEmpty()) {
        AttentionId breach = kind.breachId(since);
        if (c.attention().exists(item -> item.id().equals(breach))) {
          return Option.none();
        }
      }
      return Option.some(io.vavr.Tuple.of(kind, since));
    });
  }

  /**
   * Returns when the AI agent's current turn in this conversation began, if it is the AI's turn
   * now: the AI agent owns it (no human or team assigned), it is NEW or ACTIVE (not waiting for
   * the customer, snoozed, resolved or closed) and a customer waits for an answer
   * ({@link Conversation#aiTurnSince()}). A turn ended by a hand-off, a resolve or a snooze that
   * comes back is a new turn with a later instant, so a claim names one turn. Stores index it, so
   * that the conversations waiting for the AI are found without reading the others.
   */
  public static Option<Instant> aiTurn(Conversation conversation) {
    return Objects.requireNonNull(conversation, "conversation").aiTurnSince();
  }

  /**
   * Applies the timers: decides the command {@link #due} returns, if any.
   *
   * @return the decision, or none if nothing is due
   */
  public static Option<Decision> tick(Conversation conversation, TimerPolicy policy, Instant now) {
    return due(conversation, policy, now)
        .map(command -> decide(conversation, command, now)
            .getOrElseThrow(r -> new IllegalStateException("timer command rejected, a bug: " + r.message())));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isBefore(b) ? b : a;
  }

  /**
   * Decides one command at {@code at}: the table's cell, the actor, then the command's own
   * decide function; accepted events are applied by {@link Evolve} under {@code version}.
   */
  private static Either<Rejection, Decision> decideAt(Conversation c, Command command, Instant at, long version) {
    Either<Denial, Transition> cell = TABLE.lookup(c.status(), command.trigger());
    if (cell.isLeft()) {
      return Either.left(new Rejection.Denied(cell.getLeft()));
    }
    Transition transition = cell.get();
    if (!TABLE.allows(c.status(), command.trigger(), c.owner(), command.by().actor())) {
      return Either.left(new Rejection.ActorNotAllowed(transition, c.owner(), command.by().actor()));
    }
    Decide.Events emitted = Decide.decide(c, command, transition, at);
    if (emitted.problems.nonEmpty()) {
      return Either.left(new Rejection.Invalid(emitted.problems));
    }
    DomainEvent.Change[] changes = emitted.changes;
    if (changes.length == 0) {
      return Either.right(new Decision(c, List.empty(), List.empty()));
    }
    List<DomainEvent> events = List.empty();
    for (int i = changes.length - 1; i >= 0; i--) {
      events = events.prepend(new DomainEvent(c.id(), c.tenantId(), version, at, command.by(), changes[i]));
    }
    return Either.right(new Decision(Evolve.evolve(c, events), emitted.message.toList(), events, emitted.updated.toList()));
  }

  private static Validation<Violation, Option<ContactPoint>> address(ChannelType channel, Option<String> raw) {
    String field = "customerAddress";
    Option<ContactPoint.Kind> required = channel.requires();
    if (raw.isEmpty()) {
      return required.isEmpty()
          ? Validation.valid(Option.none())
          : Validation.invalid(new Violation(field, "required-for-channel",
              "channel " + channel + " needs the customer's " + describe(required.get())));
    }
    String value = raw.get();
    ContactPoint.Kind kind = required.getOrElse(() -> guess(value));
    Validation<Violation, ? extends ContactPoint> parsed = switch (kind) {
      case PHONE -> PhoneNumber.parse(field, value);
      case EMAIL -> EmailAddress.parse(field, value);
      case HANDLE -> Handle.parse(field, value);
    };
    return parsed.map(Option::some);
  }

  private static ContactPoint.Kind guess(String value) {
    if (value.startsWith("+")) {
      return ContactPoint.Kind.PHONE;
    }
    return value.contains("@") ? ContactPoint.Kind.EMAIL : ContactPoint.Kind.HANDLE;
  }

  private static String describe(ContactPoint.Kind kind) {
    return switch (kind) {
      case PHONE -> "phone number in E.164 form (for example +4915112345678)";
      case EMAIL -> "e-mail address";
      case HANDLE -> "handle on that platform";
    };
  }

  private static Seq<Violation> prefixed(String prefix, Seq<Violation> violations) {
    return violations.map(v -> new Violation(prefix + v.field(), v.rule(), v.message()));
  }

  private static Rejection prefixFirstMessage(Rejection rejection) {
    return rejection instanceof Rejection.Invalid invalid
        ? new Rejection.Invalid(prefixed("firstMessage.", invalid.violations()))
        : rejection;
  }

}
