package dev.conversation.domain;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The lifecycle engine: decides every change to a conversation with the
 * {@link TransitionTable#standard() standard transition table}. Pure functions of their
 * arguments: no clock, no I/O, no shared state; safe to call from any thread.
 *
 * <p>Each decision returns either a {@link Rejection} (and the conversation is unchanged) or a
 * {@link Decision}: the new conversation, its new messages and the events it emitted. An
 * accepted change raises the version by exactly one. The decision time is {@code now} if it is
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
      Seq<Violation> messageProblems = request.firstMessage().map(Lifecycle::appendProblems).getOrElse(List.empty());
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
    return apply(started, first.get(), at, 1)
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
    Instant at = now.isAfter(conversation.updatedAt()) ? now : conversation.updatedAt().plus(1, ChronoUnit.MICROS);
    return apply(conversation, command, at, conversation.version() + 1);
  }

  /**
   * Returns the command time alone would issue now, if any: wake a snoozed conversation whose
   * time has come; resolve a WAITING conversation silent for
   * {@link TimerPolicy#autoResolveAfter()}; close a RESOLVED conversation after
   * {@link TimerPolicy#autoCloseAfter()}. The commands are issued by {@link Participant#system()}.
   */
  public static Option<Command> due(Conversation conversation, TimerPolicy policy, Instant now) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    Participant system = Participant.system();
    return switch (conversation.status()) {
      case SNOOZED -> conversation.snoozedUntil().filter(until -> !now.isBefore(until))
          .map(until -> new Command.Wake(system));
      case WAITING -> policy.autoResolveAfter()
          .filter(silence -> !now.isBefore(conversation.waitingSince().get().plus(silence)))
          .map(silence -> new Command.Resolve(system, "Auto-resolved: the customer did not reply within " + silence));
      case RESOLVED -> policy.autoCloseAfter()
          .filter(grace -> !now.isBefore(conversation.resolution().get().resolvedAt().plus(grace)))
          .map(grace -> new Command.Close(system));
      default -> Option.none();
    };
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

  private static Either<Rejection, Decision> apply(Conversation c, Command command, Instant at, long version) {
    Either<Denial, Transition> cell = TABLE.lookup(c.status(), command.trigger());
    if (cell.isLeft()) {
      return Either.left(new Rejection.Denied(cell.getLeft()));
    }
    Transition transition = cell.get();
    if (!transition.actorsFor(c.owner()).contains(command.by().actor())) {
      return Either.left(new Rejection.ActorNotAllowed(transition, c.owner(), command.by().actor()));
    }
    Step step = new Step(c, command, at, version);
    Seq<Violation> problems = step.run();
    if (problems.nonEmpty()) {
      return Either.left(new Rejection.Invalid(problems));
    }
    if (!step.touched) {
      return Either.right(new Decision(c, List.empty(), List.empty()));
    }
    return Either.right(step.finish(transition));
  }

  private static Seq<Violation> appendProblems(Command.AppendMessage m) {
    Seq<Violation> problems =
        Validations.violations(
            Text.required("content", m.content(), Limits.MAX_CONTENT),
            Text.optional("idempotencyKey", m.idempotencyKey(), Limits.MAX_ID));
    if (m.citations().nonEmpty() && m.by().actor() != Actor.AI_AGENT) {
      problems = problems.append(new Violation("citations", "ai-only",
          "only AI agent replies cite sources; a " + m.by().actor() + " message has none"));
    }
    if (m.citations().size() > Limits.MAX_CITATIONS) {
      problems = problems.append(new Violation("citations", "max-count",
          "a message cites at most " + Limits.MAX_CITATIONS + " sources, was " + m.citations().size()));
    }
    return problems;
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

  /**
   * One decision in progress: the fields commands change, kept as locals and written into one
   * builder at the end, so the structural checks run once per decision.
   */
  private static final class Step {
    private final Conversation c;
    private final Command command;
    private final Instant at;
    private final long version;
    private final Conversation.Builder next;
    private final ArrayList<DomainEvent.Change> changes = new ArrayList<>(4);
    private Seq<Message> messages = List.empty();
    private boolean touched;

    private Option<Assignee> assignee;
    private Option<Resolution> resolution;
    private Option<Instant> snoozedUntil;
    private Option<Instant> lastCustomer;
    private Option<Instant> lastAgent;
    private String handOffReason = "a human agent replied";

    Step(Conversation c, Command command, Instant at, long version) {
      this.c = c;
      this.command = command;
      this.at = at;
      this.version = version;
      this.next = Conversation.builder().from(c);
      this.assignee = c.assignee();
      this.resolution = c.resolution();
      this.snoozedUntil = c.snoozedUntil();
      this.lastCustomer = c.lastCustomerMessageAt();
      this.lastAgent = c.lastAgentMessageAt();
    }

    /** Checks the input and applies the command's own data; returns the problems found. */
    Seq<Violation> run() {
      touched = true;
      if (command instanceof Command.AppendMessage m) {
        return append(m);
      } else if (command instanceof Command.HandOff h) {
        return handOff(h);
      } else if (command instanceof Command.ReturnToAi) {
        assignee = Option.none();
        return List.empty();
      } else if (command instanceof Command.Resolve r) {
        return resolve(r);
      } else if (command instanceof Command.Reopen) {
        resolution = Option.none();
        return List.empty();
      } else if (command instanceof Command.Close) {
        settleBeforeClosing();
        return List.empty();
      } else if (command instanceof Command.Wake) {
        return List.empty();
      } else if (command instanceof Command.Snooze s) {
        return snooze(s);
      } else if (command instanceof Command.UpdateMetadata u) {
        return update(u);
      } else if (command instanceof Command.MarkRead r) {
        return markRead(r);
      } else if (command instanceof Command.RaiseAttention r) {
        return raise(r);
      } else if (command instanceof Command.ClearAttention r) {
        return clear(r);
      }
      throw new IllegalStateException("unknown command " + command.getClass());
    }

    private Seq<Violation> append(Command.AppendMessage m) {
      Seq<Violation> problems = appendProblems(m);
      if (problems.nonEmpty()) {
        return problems;
      }
      Message message =
          Message.builder()
              .id(m.id())
              .conversationId(c.id())
              .author(m.by())
              .content(m.content())
              .citations(m.citations())
              .createdAt(at)
              .idempotencyKey(m.idempotencyKey())
              .build();
      messages = List.of(message);
      next.messageCount(c.messageCount() + 1)
          .lastMessageAt(Option.some(at))
          .lastMessagePreview(Option.some(Text.preview(m.content())));
      Actor author = m.by().actor();
      if (author == Actor.CUSTOMER) {
        lastCustomer = Option.some(at);
      } else if (author == Actor.AI_AGENT || author == Actor.HUMAN_AGENT) {
        lastAgent = Option.some(at);
        if (c.firstReplyAt().isEmpty()) {
          next.firstReplyAt(Option.some(at));
        }
      }
      if (author == Actor.HUMAN_AGENT) {
        HumanAgent replier = m.by().human().get();
        assignee = Option.some(assignee
            .map(a -> a.agent().isDefined() ? a : new Assignee(Option.some(replier), a.team()))
            .getOrElse(() -> Assignee.agent(replier)));
      }
      changes.add(new DomainEvent.MessageAppended(m.id(), author));
      return List.empty();
    }

    private Seq<Violation> handOff(Command.HandOff h) {
      Seq<Violation> problems =
          Validations.violations(Text.required("reason", h.reason(), Limits.MAX_NOTE));
      if (h.agent().isEmpty() && h.team().isEmpty()) {
        problems = problems.prepend(new Violation("assignee", "required",
            "a hand-off needs a human agent or a team to hand to"));
      }
      if (problems.isEmpty()) {
        assignee = Option.some(new Assignee(h.agent(), h.team()));
        handOffReason = h.reason();
      }
      return problems;
    }

    private Seq<Violation> resolve(Command.Resolve r) {
      Validation<Violation, String> outcome = Text.required("outcome", r.outcome(), Limits.MAX_NOTE);
      if (outcome.isValid()) {
        resolution = Option.some(new Resolution(outcome.get(), r.by(), at));
      }
      return Validations.violations(outcome);
    }

    private Seq<Violation> snooze(Command.Snooze s) {
      if (!s.until().isAfter(at)) {
        return List.of(new Violation("until", "in-future",
            "until must be after the decision time " + at + ", was " + s.until()));
      }
      snoozedUntil = Option.some(s.until());
      return List.empty();
    }

    private Seq<Violation> update(Command.UpdateMetadata u) {
      ArrayList<Violation> problems = new ArrayList<>();
      Validations.violations(
              Text.optional("subject", u.subject(), Limits.MAX_SUBJECT),
              Text.optional("summary", u.summary(), Limits.MAX_SUMMARY))
          .forEach(problems::add);
      Seq<Tag> add = tags("addTags", u.addTags(), problems);
      Seq<Tag> remove = tags("removeTags", u.removeTags(), problems);
      remove.zipWithIndex().filter(t -> add.contains(t._1)).forEach(t -> problems.add(new Violation(
          "removeTags[" + t._2 + "]", "conflict", "tag '" + t._1 + "' is both added and removed")));
      Set<Tag> tags = c.tags().addAll(add).removeAll(remove);
      if (tags.size() > Limits.MAX_TAGS) {
        problems.add(new Violation("addTags", "max-count",
            "a conversation has at most " + Limits.MAX_TAGS + " tags; this update would leave " + tags.size()));
      }
      if (!problems.isEmpty()) {
        return List.ofAll(problems);
      }
      Set<String> fields = LinkedHashSet.empty();
      if (u.subject().isDefined() && !u.subject().equals(c.subject())) {
        next.subject(u.subject());
        fields = fields.add("subject");
      }
      if (u.summary().isDefined() && !u.summary().equals(c.summary())) {
        next.summary(u.summary());
        fields = fields.add("summary");
      }
      if (!tags.equals(c.tags())) {
        next.tags(tags);
        fields = fields.add("tags");
      }
      if (u.priority().isDefined() && u.priority().get() != c.priority()) {
        next.priority(u.priority().get());
        fields = fields.add("priority");
      }
      if (u.starred().isDefined() && u.starred().get() != c.starred()) {
        next.starred(u.starred().get());
        fields = fields.add("starred");
      }
      if (u.muted().isDefined() && u.muted().get() != c.muted()) {
        next.muted(u.muted().get());
        fields = fields.add("muted");
      }
      if (u.contactId().isDefined() && !u.contactId().equals(c.contactId())) {
        next.contactId(u.contactId());
        fields = fields.add("contactId");
      }
      if (u.accountId().isDefined() && !u.accountId().equals(c.accountId())) {
        next.accountId(u.accountId());
        fields = fields.add("accountId");
      }
      touched = fields.nonEmpty();
      if (touched) {
        changes.add(new DomainEvent.MetadataChanged(fields));
      }
      return List.empty();
    }

    private static Seq<Tag> tags(String field, Seq<String> raw, ArrayList<Violation> problems) {
      ArrayList<Tag> tags = new ArrayList<>();
      java.util.HashSet<Tag> seen = new java.util.HashSet<>();
      raw.zipWithIndex().forEach(t -> {
        String name = field + "[" + t._2 + "]";
        Validation<Violation, Tag> tag = Tag.parse(name, t._1);
        if (tag.isInvalid()) {
          problems.add(tag.getError());
        } else if (!seen.add(tag.get())) {
          problems.add(new Violation(name, "duplicate", "tag '" + t._1 + "' appears more than once in " + field));
        } else {
          tags.add(tag.get());
        }
      });
      return List.ofAll(tags);
    }

    /** Nothing changes a closed conversation, so closing clears what would otherwise stay open. */
    private void settleBeforeClosing() {
      Seq<AttentionItem> open = c.openAttention();
      if (open.nonEmpty()) {
        next.attention(c.attention().map(item -> item.isOpen()
            ? new AttentionItem(item.id(), item.kind(), item.note(), item.raisedBy(), item.raisedAt(), Option.some(at))
            : item));
        open.forEach(item -> changes.add(new DomainEvent.AttentionCleared(item.id())));
      }
      if (c.unread(ReadSide.AGENTS)) {
        next.agentsReadUpTo(Option.some(at));
        changes.add(new DomainEvent.MarkedRead(ReadSide.AGENTS, at));
      }
    }

    private Seq<Violation> markRead(Command.MarkRead r) {
      Actor actor = r.by().actor();
      if (actor == Actor.CUSTOMER && r.side() != ReadSide.CUSTOMER) {
        return List.of(new Violation("side", "own-side", "a customer can mark only the CUSTOMER side read"));
      }
      if (r.side() == ReadSide.CUSTOMER && actor != Actor.CUSTOMER && actor != Actor.SYSTEM) {
        return List.of(new Violation("side", "own-side",
            "only the customer, or the system relaying a read receipt, marks the CUSTOMER side read"));
      }
      touched = c.unread(r.side());
      if (touched) {
        if (r.side() == ReadSide.AGENTS) {
          next.agentsReadUpTo(Option.some(at));
        } else {
          next.customerReadUpTo(Option.some(at));
        }
        changes.add(new DomainEvent.MarkedRead(r.side(), at));
      }
      return List.empty();
    }

    private Seq<Violation> raise(Command.RaiseAttention r) {
      Seq<Violation> problems = Validations.violations(
          Text.required("kind", r.kind(), Limits.MAX_ID), Text.required("note", r.note(), Limits.MAX_NOTE));
      if (c.attention().exists(item -> item.id().equals(r.id()))) {
        problems = problems.prepend(new Violation("id", "unique",
            "attention item " + r.id() + " already exists on this conversation"));
      }
      if (problems.isEmpty()) {
        AttentionItem item = new AttentionItem(r.id(), r.kind(), r.note(), r.by().actor(), at, Option.none());
        next.attention(c.attention().append(item));
        changes.add(new DomainEvent.AttentionRaised(item));
      }
      return problems;
    }

    private Seq<Violation> clear(Command.ClearAttention r) {
      Option<AttentionItem> item = c.attention().find(i -> i.id().equals(r.id()));
      if (item.isEmpty()) {
        return List.of(new Violation("id", "unknown", "no attention item " + r.id() + " on this conversation"));
      }
      if (!item.get().isOpen()) {
        return List.of(new Violation("id", "already-cleared",
            "attention item " + r.id() + " was cleared at " + item.get().clearedAt().get()));
      }
      AttentionItem cleared = new AttentionItem(item.get().id(), item.get().kind(), item.get().note(),
          item.get().raisedBy(), item.get().raisedAt(), Option.some(at));
      next.attention(c.attention().replace(item.get(), cleared));
      changes.add(new DomainEvent.AttentionCleared(r.id()));
      return List.empty();
    }

    /** Moves to the target state, derives the lifecycle events and builds the decision. */
    Decision finish(Transition transition) {
      Status from = c.status();
      Status to = transition.target().resolve(from, assignee.isDefined(), Conversation.agentsTurn(lastCustomer, lastAgent));
      if (to != Status.SNOOZED) {
        snoozedUntil = Option.none();
      }
      if (to.isOpen()) {
        resolution = Option.none();
      }
      Option<Instant> waitingSince =
          to != Status.WAITING ? Option.none()
              : from != Status.WAITING || command.trigger() == Trigger.AI_REPLY ? Option.some(at)
              : c.waitingSince();
      Conversation conversation =
          next.status(to)
              .assignee(assignee)
              .resolution(resolution)
              .snoozedUntil(snoozedUntil)
              .waitingSince(waitingSince)
              .lastCustomerMessageAt(lastCustomer)
              .lastAgentMessageAt(lastAgent)
              .updatedAt(at)
              .version(version)
              .build();
      if (to != from) {
        changes.add(new DomainEvent.StatusChanged(from, to));
      }
      if (command.trigger() == Trigger.HAND_OFF || (to == Status.HUMAN_MANAGED && !assignee.equals(c.assignee()))) {
        changes.add(new DomainEvent.HandedOff(assignee.get(), handOffReason));
      }
      if (from == Status.HUMAN_MANAGED && (to == Status.ACTIVE || to == Status.WAITING)) {
        changes.add(new DomainEvent.ReturnedToAi());
      }
      if (to == Status.RESOLVED && from != Status.RESOLVED) {
        changes.add(new DomainEvent.Resolved(resolution.get()));
      }
      if (from == Status.RESOLVED && to.isOpen()) {
        changes.add(new DomainEvent.Reopened());
      }
      if (from == Status.SNOOZED && to.isOpen() && to != Status.SNOOZED) {
        changes.add(new DomainEvent.Woke());
      }
      if (to == Status.SNOOZED && from != Status.SNOOZED) {
        changes.add(new DomainEvent.Snoozed(snoozedUntil.get()));
      }
      if (to == Status.CLOSED) {
        changes.add(new DomainEvent.Closed());
      }
      Seq<DomainEvent> events = List.ofAll(changes)
          .map(change -> new DomainEvent(c.id(), c.tenantId(), version, at, command.by(), change));
      return new Decision(conversation, messages, events);
    }
  }

}
