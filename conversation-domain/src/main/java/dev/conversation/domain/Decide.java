package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Instant;
import java.util.ArrayList;

/**
 * The decide half of the lifecycle: one function per command that checks the input and returns
 * either the problems or the events the command causes, each written where its reason is known.
 * The {@link TransitionTable} cell has already allowed the trigger and the actor; the target
 * state comes from the cell. {@link Evolve} applies the events. Pure and stateless.
 *
 * <p>A command that changes nothing returns no events; {@link Lifecycle} answers it with the
 * conversation as it was. Which commands can be no-ops is listed in the README's table.
 */
final class Decide {

  private static final String HUMAN_REPLIED = "a human agent replied";

  private Decide() {}

  /** What a command decided: its input's problems, or the events (possibly none) and the message it appends. */
  static final class Events {
    static final Events NONE = new Events(new DomainEvent.Change[0], Option.none(), List.empty(), Option.none());

    /** The changes in order; an array, built once and read once, to keep a decision small. */
    final DomainEvent.Change[] changes;
    final Option<Message> message;
    /** The input's problems; when there are any, the command is refused and changes nothing. */
    final Seq<Violation> problems;
    /** A stored message the command changed (its delivery status), as it is now. */
    final Option<Message> updated;

    private Events(DomainEvent.Change[] changes, Option<Message> message, Seq<Violation> problems, Option<Message> updated) {
      this.changes = changes;
      this.message = message;
      this.problems = problems;
      this.updated = updated;
    }

    static Events invalid(Seq<Violation> problems) {
      return new Events(NONE.changes, Option.none(), problems, Option.none());
    }

    static Events of(DomainEvent.Change... changes) {
      return new Events(changes, Option.none(), List.empty(), Option.none());
    }

    static Events of(Seq<DomainEvent.Change> changes, Option<Message> message) {
      return new Events(changes.toJavaArray(DomainEvent.Change[]::new), message, List.empty(), Option.none());
    }

    static Events updating(Seq<DomainEvent.Change> changes, Message updated) {
      return new Events(changes.toJavaArray(DomainEvent.Change[]::new), Option.none(), List.empty(), Option.some(updated));
    }
  }

  /**
   * Decides {@code command}, allowed by {@code cell}, against {@code c} at {@code at}.
   *
   * @return the problems with the command's input, or its events
   */
  static Events decide(Conversation c, Command command, Transition cell, Instant at) {
    return switch (command.trigger()) {
      case CUSTOMER_MESSAGE, AI_REPLY, HUMAN_REPLY, SYSTEM_MESSAGE -> append(c, (Command.AppendMessage) command, cell, at);
      case ADD_NOTE -> note(c, (Command.AppendMessage) command, at);
      case RECORD_DELIVERY -> receipt(c, (Command.RecordDelivery) command, at);
      case HAND_OFF -> handOff(c, (Command.HandOff) command, cell);
      case RETURN_TO_AI -> returnToAi(c, cell);
      case RESOLVE -> resolve(c, ((Command.Resolve) command).by(), ((Command.Resolve) command).outcome(), cell, at);
      case RESOLVE_IDLE -> resolveIdle(c, (Command.ResolveIdle) command, cell, at);
      case REOPEN -> moved(c, cell, c.agentsTurn(), new DomainEvent.Reopened());
      case CLOSE -> close(c, cell, at);
      case SNOOZE -> snooze(c, (Command.Snooze) command, cell, at);
      case WAKE -> moved(c, cell, c.agentsTurn(), new DomainEvent.Woke());
      case UPDATE_METADATA -> update(c, (Command.UpdateMetadata) command);
      case MARK_READ -> markRead(c, (Command.MarkRead) command, at);
      case RAISE_ATTENTION -> raise(c, (Command.RaiseAttention) command, at);
      case CLEAR_ATTENTION -> clear(c, (Command.ClearAttention) command);
    };
  }

  /** The cell's target once the command's data is known: whether a human owns it, whose turn it is. */
  private static Status target(Conversation c, Transition cell, boolean humanOwns, boolean agentsTurn) {
    return cell.target().resolve(c.status(), humanOwns, agentsTurn);
  }

  /** The target of a cell that leads to one state whatever the conversation holds (resolve, close, snooze). */
  private static Status fixed(Conversation c, Transition cell) {
    return target(c, cell, c.assignee().isDefined(), c.agentsTurn());
  }

  /** A move to the cell's target, followed by the event that names why (reopen, wake). */
  private static Events moved(Conversation c, Transition cell, boolean agentsTurn, DomainEvent.Change why) {
    Status to = target(c, cell, c.assignee().isDefined(), agentsTurn);
    return Events.of(new DomainEvent.StatusChanged(c.status(), to), why);
  }

  // ------------------------------------------------------------------------------- messages

  static Seq<Violation> appendProblems(Command.AppendMessage m) {
    boolean attachmentsOnly = m.content().isEmpty() && m.attachments().nonEmpty();
    Seq<Violation> problems =
        Validations.violations(
            attachmentsOnly ? Validation.valid(m.content()) : Text.required("content", m.content(), Limits.MAX_CONTENT),
            Text.optional("idempotencyKey", m.idempotencyKey(), Limits.MAX_ID));
    if (m.attachments().nonEmpty() && (m.type() == MessageType.NOTE || m.by().actor() == Actor.SYSTEM)) {
      problems = problems.append(new Violation("attachments", "not-allowed",
          "attachments come with customer, AI agent and human agent messages, not with "
              + (m.type() == MessageType.NOTE ? "internal notes" : "system messages")));
    } else {
      problems = problems.appendAll(Attachment.problems(m.attachments()));
    }
    if (m.citations().nonEmpty() && m.type() == MessageType.NOTE) {
      problems = problems.append(new Violation("citations", "not-on-notes", "an internal note cites no sources"));
    } else if (m.citations().nonEmpty() && m.by().actor() != Actor.AI_AGENT) {
      problems = problems.append(new Violation("citations", "ai-only",
          "only AI agent replies cite sources; a " + m.by().actor() + " message has none"));
    }
    if (m.citations().size() > Limits.MAX_CITATIONS) {
      problems = problems.append(new Violation("citations", "max-count",
          "a message cites at most " + Limits.MAX_CITATIONS + " sources, was " + m.citations().size()));
    }
    return problems;
  }

  /**
   * A message: appended always; a customer's makes it the agents' turn (reopening or waking
   * the conversation), an AI reply waits for the customer, a human reply takes the conversation
   * over (assigning the replier if no agent is assigned), a system message moves nothing.
   */
  private static Events append(Conversation c, Command.AppendMessage m, Transition cell, Instant at) {
    Seq<Violation> problems = appendProblems(m);
    if (problems.nonEmpty()) {
      return Events.invalid(problems);
    }
    Message message =
        Message.builder()
            .id(m.id())
            .conversationId(c.id())
            .author(m.by())
            .content(m.content())
            .citations(m.citations())
            .attachments(m.attachments())
            .delivery(Message.isOutbound(m.by().actor(), m.type()) ? Option.some(Delivery.queued(at)) : Option.none())
            .createdAt(at)
            .idempotencyKey(m.idempotencyKey())
            .build();
    Actor author = m.by().actor();
    Status from = c.status();
    List<DomainEvent.Change> changes =
        List.of(new DomainEvent.MessageAppended(m.id(), author, Option.some(message.preview())));
    Option<Assignee> current = c.assignee();
    Option<Assignee> assignee = current;
    if (author == Actor.HUMAN_AGENT) {
      HumanAgent replier = m.by().human().get();
      assignee = Option.some(current.isEmpty()
          ? Assignee.agent(replier)
          : current.get().agent().isDefined() ? current.get() : new Assignee(Option.some(replier), current.get().team()));
    }
    // Only a customer's message moves to a state that depends on whose turn it is (it makes it
    // the agents'); an agent's reply goes to a fixed state and a system message stays.
    Status to = target(c, cell, assignee.isDefined(), author == Actor.CUSTOMER);
    if (from != to) {
      changes = changes.append(new DomainEvent.StatusChanged(from, to));
    }
    if (!assignee.equals(current)) {
      changes = changes.append(new DomainEvent.HandedOff(assignee.get(), HUMAN_REPLIED));
    }
    return Events.of(leaving(from, to, changes), Option.some(message));
  }

  /**
   * A receipt: the message's delivery status moves forward, or nothing changes. A failure raises
   * an attention item for a human, once per message.
   */
  private static Events receipt(Conversation c, Command.RecordDelivery r, Instant at) {
    Message m = r.message();
    if (!m.conversationId().equals(c.id())) {
      return Events.invalid(List.of(new Violation("message", "other-conversation",
          "message " + m.id() + " belongs to conversation " + m.conversationId() + ", not " + c.id())));
    }
    if (!m.isOutbound()) {
      return Events.invalid(List.of(new Violation("message", "not-outbound",
          "only outbound messages (an AI or human agent's text) have a delivery status; message " + m.id()
              + " is a " + m.author().actor() + " " + m.type())));
    }
    Delivery current = m.delivery().getOrElse(() -> Delivery.queued(m.createdAt()));
    Seq<Violation> problems = Validations.violations(
        Text.optional("providerMessageId", r.providerMessageId(), Limits.MAX_PROVIDER_ID),
        r.status() == DeliveryStatus.FAILED
            ? Text.required("failureReason", r.failureReason().getOrElse(""), Limits.MAX_NOTE)
            : Validation.valid(r.failureReason()));
    if (r.status() != DeliveryStatus.FAILED && r.failureReason().isDefined()) {
      problems = problems.append(new Violation("failureReason", "failed-only",
          "a failure reason comes with status FAILED only, was " + r.status()));
    }
    if (current.providerMessageId().isDefined() && r.providerMessageId().isDefined()
        && !current.providerMessageId().equals(r.providerMessageId())) {
      problems = problems.append(new Violation("providerMessageId", "already-bound",
          "message " + m.id() + " was sent as provider message '" + current.providerMessageId().get() + "'"));
    }
    if (problems.nonEmpty()) {
      return Events.invalid(problems);
    }
    boolean moves = r.status().supersedes(current.status());
    boolean binds = current.providerMessageId().isEmpty() && r.providerMessageId().isDefined();
    if (!moves && !binds) {
      return Events.NONE;
    }
    Delivery next = moves
        ? new Delivery(r.status(), current.providerMessageId().orElse(r.providerMessageId()), r.failureReason(), at)
        : new Delivery(current.status(), r.providerMessageId(), current.failureReason(), current.updatedAt());
    List<DomainEvent.Change> changes = List.of(new DomainEvent.DeliveryChanged(m.id(), next));
    AttentionId item = Command.RecordDelivery.attentionId(m.id());
    // A closed conversation keeps no open items (closing cleared them): its failures are in the event only.
    if (moves && r.status() == DeliveryStatus.FAILED && c.status() != Status.CLOSED
        && !c.attention().exists(i -> i.id().equals(item))) {
      String note = "Message " + m.id() + " could not be delivered: " + r.failureReason().get();
      if (Text.length(note) > Limits.MAX_NOTE) {
        note = note.substring(0, note.offsetByCodePoints(0, Limits.MAX_NOTE - 1)) + "…";
      }
      changes = changes.append(new DomainEvent.AttentionRaised(new AttentionItem(item, Command.RecordDelivery.DELIVERY_FAILED,
          note, Actor.SYSTEM, at, Option.none())));
    }
    return Events.updating(changes, Message.builder().from(m).delivery(Option.some(next)).build());
  }

  /** A note: stored in the thread with its type; nothing else of the conversation moves. */
  private static Events note(Conversation c, Command.AppendMessage m, Instant at) {
    Seq<Violation> problems = appendProblems(m);
    if (problems.nonEmpty()) {
      return Events.invalid(problems);
    }
    Message note = Message.builder()
        .id(m.id())
        .conversationId(c.id())
        .author(m.by())
        .content(m.content())
        .type(MessageType.NOTE)
        .createdAt(at)
        .idempotencyKey(m.idempotencyKey())
        .build();
    return Events.of(List.of(new DomainEvent.NoteAdded(m.id(), m.by().actor(), Text.preview(m.content()))), Option.some(note));
  }

  /** Adds the events that say a message reopened a resolved or woke a snoozed conversation. */
  private static List<DomainEvent.Change> leaving(Status from, Status to, List<DomainEvent.Change> changes) {
    if (from == Status.RESOLVED && to.isOpen()) {
      return changes.append(new DomainEvent.Reopened());
    }
    if (from == Status.SNOOZED && to != Status.SNOOZED) {
      return changes.append(new DomainEvent.Woke());
    }
    return changes;
  }

  // ---------------------------------------------------------------------- hand-off, return

  /** A hand-off; to whoever already has the conversation, it changes nothing. */
  private static Events handOff(Conversation c, Command.HandOff h, Transition cell) {
    boolean named = h.agent().isDefined() || h.team().isDefined();
    if (!named || !Text.isRequired(h.reason(), Limits.MAX_NOTE)) {
      Seq<Violation> problems = Validations.violations(Text.required("reason", h.reason(), Limits.MAX_NOTE));
      return Events.invalid(named ? problems : problems.prepend(new Violation("assignee", "required",
          "a hand-off needs a human agent or a team to hand to")));
    }
    Assignee assignee = new Assignee(h.agent(), h.team());
    if (c.assignee().contains(assignee)) {
      return Events.NONE;
    }
    Status to = target(c, cell, true, c.agentsTurn());
    DomainEvent.Change handedOff = new DomainEvent.HandedOff(assignee, h.reason());
    return to == c.status()
        ? Events.of(handedOff)
        : Events.of(new DomainEvent.StatusChanged(c.status(), to), handedOff);
  }

  private static Events returnToAi(Conversation c, Transition cell) {
    Status to = target(c, cell, false, c.agentsTurn());
    return Events.of(new DomainEvent.StatusChanged(c.status(), to), new DomainEvent.ReturnedToAi());
  }

  // ------------------------------------------------------------------ resolve, close, snooze

  private static Events resolve(Conversation c, Participant by, String text, Transition cell, Instant at) {
    Validation<Violation, String> outcome = Text.required("outcome", text, Limits.MAX_NOTE);
    if (outcome.isInvalid()) {
      return Events.invalid(List.of(outcome.getError()));
    }
    return Events.of(new DomainEvent.StatusChanged(c.status(), fixed(c, cell)),
        new DomainEvent.Resolved(new Resolution(outcome.get(), by, at)));
  }

  /** Idle means nobody waits: a customer waiting for an answer is never resolved away by a timer. */
  private static Events resolveIdle(Conversation c, Command.ResolveIdle r, Transition cell, Instant at) {
    if (c.awaitingReplySince().isDefined()) {
      return Events.invalid(List.of(new Violation("awaitingReplySince", "customer-waiting",
          "the customer has waited for an answer since " + c.awaitingReplySince().get()
              + "; a conversation someone waits in is not idle")));
    }
    return resolve(c, r.by(), r.outcome(), cell, at);
  }

  /** Nothing changes a closed conversation, so closing clears what would otherwise stay open. */
  private static Events close(Conversation c, Transition cell, Instant at) {
    List<DomainEvent.Change> changes = List.empty();
    for (AttentionItem item : c.attention()) {
      if (item.isOpen()) {
        changes = changes.append(new DomainEvent.AttentionCleared(item.id()));
      }
    }
    if (c.unread(ReadSide.AGENTS)) {
      changes = changes.append(new DomainEvent.MarkedRead(ReadSide.AGENTS, at));
    }
    return Events.of(changes.append(new DomainEvent.StatusChanged(c.status(), fixed(c, cell)))
        .append(new DomainEvent.Closed()), Option.none());
  }

  private static Events snooze(Conversation c, Command.Snooze s, Transition cell, Instant at) {
    if (!s.until().isAfter(at)) {
      return Events.invalid(List.of(new Violation("until", "in-future",
          "until must be after the decision time " + at + ", was " + s.until())));
    }
    return Events.of(
        new DomainEvent.StatusChanged(c.status(), fixed(c, cell)), new DomainEvent.Snoozed(s.until()));
  }

  // ---------------------------------------------------------------------------- housekeeping

  /** A metadata update; one that sets only what is already there changes nothing. */
  private static Events update(Conversation c, Command.UpdateMetadata u) {
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
      return Events.invalid(List.ofAll(problems));
    }
    Option<String> subject = u.subject().filter(v -> !c.subject().contains(v));
    Option<String> summary = u.summary().filter(v -> !c.summary().contains(v));
    Option<Set<Tag>> newTags = tags.equals(c.tags()) ? Option.none() : Option.some(tags);
    Option<Priority> priority = u.priority().filter(v -> v != c.priority());
    Option<Boolean> starred = u.starred().filter(v -> v != c.starred());
    Option<Boolean> muted = u.muted().filter(v -> v != c.muted());
    Option<ContactId> contactId = u.contactId().filter(v -> !c.contactId().contains(v));
    Option<AccountId> accountId = u.accountId().filter(v -> !c.accountId().contains(v));
    DomainEvent.MetadataChanged changed =
        DomainEvent.MetadataChanged.of(subject, summary, newTags, priority, starred, muted, contactId, accountId);
    return changed.fields().isEmpty() ? Events.NONE : Events.of(changed);
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

  /** A read marker moves; with nothing unread on that side it changes nothing. */
  private static Events markRead(Conversation c, Command.MarkRead r, Instant at) {
    Actor actor = r.by().actor();
    if (actor == Actor.CUSTOMER && r.side() != ReadSide.CUSTOMER) {
      return Events.invalid(List.of(new Violation("side", "own-side", "a customer can mark only the CUSTOMER side read")));
    }
    if (r.side() == ReadSide.CUSTOMER && actor != Actor.CUSTOMER && actor != Actor.SYSTEM) {
      return Events.invalid(List.of(new Violation("side", "own-side",
          "only the customer, or the system relaying a read receipt, marks the CUSTOMER side read")));
    }
    return c.unread(r.side()) ? Events.of(new DomainEvent.MarkedRead(r.side(), at)) : Events.NONE;
  }

  private static Events raise(Conversation c, Command.RaiseAttention r, Instant at) {
    Seq<Violation> problems = Validations.violations(
        Text.required("kind", r.kind(), Limits.MAX_ID), Text.required("note", r.note(), Limits.MAX_NOTE));
    if (r.id().value().startsWith(TimerKind.BREACH_ID_PREFIX)
        && !(r.by().actor() == Actor.SYSTEM && r.kind().equals(TimerKind.SLA_BREACHED))) {
      problems = problems.prepend(new Violation("id", "reserved",
          "attention ids starting with '" + TimerKind.BREACH_ID_PREFIX + "' are reserved for missed reply targets"));
    }
    if (r.id().value().startsWith(Command.RecordDelivery.DELIVERY_FAILED + ":")
        && !(r.by().actor() == Actor.SYSTEM && r.kind().equals(Command.RecordDelivery.DELIVERY_FAILED))) {
      problems = problems.prepend(new Violation("id", "reserved",
          "attention ids starting with '" + Command.RecordDelivery.DELIVERY_FAILED + ":' are reserved for failed deliveries"));
    }
    if (c.attention().exists(item -> item.id().equals(r.id()))) {
      problems = problems.prepend(new Violation("id", "unique",
          "attention item " + r.id() + " already exists on this conversation"));
    }
    if (problems.nonEmpty()) {
      return Events.invalid(problems);
    }
    return Events.of(new DomainEvent.AttentionRaised(
        new AttentionItem(r.id(), r.kind(), r.note(), r.by().actor(), at, Option.none())));
  }

  private static Events clear(Conversation c, Command.ClearAttention r) {
    Option<AttentionItem> item = c.attention().find(i -> i.id().equals(r.id()));
    if (item.isEmpty()) {
      return Events.invalid(List.of(new Violation("id", "unknown", "no attention item " + r.id() + " on this conversation")));
    }
    if (!item.get().isOpen()) {
      return Events.invalid(List.of(new Violation("id", "already-cleared",
          "attention item " + r.id() + " was cleared at " + item.get().clearedAt().get())));
    }
    return Events.of(new DomainEvent.AttentionCleared(r.id()));
  }
}
