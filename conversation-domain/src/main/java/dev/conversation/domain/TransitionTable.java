package dev.conversation.domain;

import static dev.conversation.domain.Actor.AI_AGENT;
import static dev.conversation.domain.Actor.CUSTOMER;
import static dev.conversation.domain.Actor.HUMAN_AGENT;
import static dev.conversation.domain.Actor.SYSTEM;
import static dev.conversation.domain.Status.ACTIVE;
import static dev.conversation.domain.Status.CLOSED;
import static dev.conversation.domain.Status.HUMAN_MANAGED;
import static dev.conversation.domain.Status.NEW;
import static dev.conversation.domain.Status.RESOLVED;
import static dev.conversation.domain.Status.SNOOZED;
import static dev.conversation.domain.Status.WAITING;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The lifecycle as data: for every {@link Status} and every {@link Trigger}, either a
 * {@link Transition} (who may, and where it leads) or a {@link Denial} (which rule says no, and
 * why). The table is total: no cell is undefined.
 *
 * <p>Immutable and thread-safe. {@link #standard()} is the table {@link Lifecycle} decides with;
 * {@link #toMermaid()} draws it.
 */
public final class TransitionTable {

  private static final Set<Actor> STAFF = LinkedHashSet.of(AI_AGENT, HUMAN_AGENT, SYSTEM);
  private static final Set<Actor> HUMAN_OR_SYSTEM = LinkedHashSet.of(HUMAN_AGENT, SYSTEM);
  private static final Set<Actor> ANYONE = LinkedHashSet.of(Actor.values());
  private static final Set<Status> AI_MANAGED = LinkedHashSet.of(NEW, ACTIVE, WAITING);
  private static final Set<Status> NOT_CLOSED =
      LinkedHashSet.of(NEW, ACTIVE, WAITING, HUMAN_MANAGED, SNOOZED, RESOLVED);

  private static final TransitionTable STANDARD = standardTable();

  /** Indexed by status ordinal, then trigger ordinal; never mutated after construction. */
  private final Either<Denial, Transition>[][] cells;

  /**
   * Who may, as bits of {@link Actor#ordinal()}: indexed by status ordinal, then trigger ordinal
   * times two plus one when a human owns the conversation. The same answer as
   * {@link Transition#actorsFor}, without hashing on every decision.
   */
  private final int[][] actorBits;

  private TransitionTable(Either<Denial, Transition>[][] cells) {
    this.cells = cells;
    this.actorBits = new int[cells.length][];
    for (int s = 0; s < cells.length; s++) {
      actorBits[s] = new int[cells[s].length * 2];
      for (int t = 0; t < cells[s].length; t++) {
        if (cells[s][t].isRight()) {
          actorBits[s][2 * t] = bits(cells[s][t].get().actorsFor(Actor.AI_AGENT));
          actorBits[s][2 * t + 1] = bits(cells[s][t].get().actorsFor(Actor.HUMAN_AGENT));
        }
      }
    }
  }

  private static int bits(Set<Actor> actors) {
    int bits = 0;
    for (Actor actor : actors) {
      bits |= 1 << actor.ordinal();
    }
    return bits;
  }

  /**
   * Returns whether {@code actor} may issue {@code trigger} in state {@code from} while
   * {@code owner} owns the conversation; false for a denied cell.
   */
  boolean allows(Status from, Trigger trigger, Actor owner, Actor actor) {
    int bits = actorBits[from.ordinal()][2 * trigger.ordinal() + (owner == Actor.HUMAN_AGENT ? 1 : 0)];
    return (bits & (1 << actor.ordinal())) != 0;
  }

  /** Returns the canonical lifecycle table of this library. */
  public static TransitionTable standard() {
    return STANDARD;
  }

  /**
   * Returns the cell for {@code trigger} in state {@code from}: the transition, or the denial.
   */
  public Either<Denial, Transition> lookup(Status from, Trigger trigger) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(trigger, "trigger");
    return cells[from.ordinal()][trigger.ordinal()];
  }

  /** Returns every allowed cell, by state then trigger, in declaration order. */
  public Seq<Transition> transitions() {
    return cellsInOrder().filter(Either::isRight).map(Either::get);
  }

  /** Returns every denied cell, by state then trigger, in declaration order. */
  public Seq<Denial> denials() {
    return cellsInOrder().filter(Either::isLeft).map(Either::getLeft);
  }

  private Seq<Either<Denial, Transition>> cellsInOrder() {
    return List.of(Status.values())
        .flatMap(status -> List.of(Trigger.values()).map(trigger -> lookup(status, trigger)));
  }

  /**
   * Returns the table as a Mermaid {@code stateDiagram-v2}: one edge per pair of states, labelled
   * with every trigger that moves a conversation between them (and the condition, where the
   * target depends on the conversation). The output is deterministic.
   */
  public String toMermaid() {
    StringBuilder out = new StringBuilder("stateDiagram-v2\n");
    out.append("    [*] --> NEW : start\n");
    for (Status from : Status.values()) {
      for (Status to : Status.values()) {
        Seq<String> labels =
            transitions()
                .filter(t -> t.from() == from && t.targets().contains(to))
                .map(t -> label(t, to));
        if (labels.nonEmpty()) {
          out.append("    ").append(from).append(" --> ").append(to).append(" : ")
              .append(labels.mkString(", ")).append('\n');
        }
      }
    }
    out.append("    CLOSED --> [*]\n");
    return out.toString();
  }

  /** Returns how {@code transition} appears on the edge to {@code to} in {@link #toMermaid()}. */
  public static String label(Transition transition, Status to) {
    String condition = transition.target().condition(to);
    return transition.trigger().label() + (condition.isEmpty() ? "" : " (" + condition + ")");
  }

  /** Builds the standard table; package-private so a test can build it again and compare. */
  static TransitionTable standardTable() {
    Cells t = new Cells();
    // Messages
    t.allow(NEW, Trigger.CUSTOMER_MESSAGE, CUSTOMER, Target.stay(),
        "a customer message keeps a new conversation new until an agent replies");
    t.allow(LinkedHashSet.of(ACTIVE, WAITING), Trigger.CUSTOMER_MESSAGE, CUSTOMER, Target.to(ACTIVE),
        "a customer message makes it the AI agent's turn");
    t.allow(HUMAN_MANAGED, Trigger.CUSTOMER_MESSAGE, CUSTOMER, Target.stay(),
        "a customer message stays with the human who owns the conversation");
    t.allow(SNOOZED, Trigger.CUSTOMER_MESSAGE, CUSTOMER, Target.owner(),
        "a customer message wakes a snoozed conversation to its owner");
    t.allow(RESOLVED, Trigger.CUSTOMER_MESSAGE, CUSTOMER, Target.owner(),
        "a customer message reopens a resolved conversation to its owner");
    t.allow(AI_MANAGED, Trigger.AI_REPLY, AI_AGENT, Target.to(WAITING),
        "the AI agent replied; now awaiting the customer");
    t.deny(HUMAN_MANAGED, Trigger.AI_REPLY, "ai-never-talks-over-a-human",
        "a human agent has taken this conversation over; the AI may reply again only after a human returns it to the AI");
    t.deny(SNOOZED, Trigger.AI_REPLY, "ai-silent-while-snoozed",
        "the conversation is snoozed; the AI may reply once it wakes (at its time or on the customer's next message)");
    t.deny(RESOLVED, Trigger.AI_REPLY, "ai-silent-when-resolved",
        "the conversation is resolved; the AI may reply once the customer writes again or someone reopens it");
    t.allow(NOT_CLOSED, Trigger.HUMAN_REPLY, HUMAN_AGENT, Target.to(HUMAN_MANAGED),
        "a human reply takes the conversation over, assigning the replier if no agent is assigned");
    t.allow(NOT_CLOSED, Trigger.SYSTEM_MESSAGE, SYSTEM, Target.stay(),
        "a system message never changes the state");
    t.allow(NOT_CLOSED, Trigger.ADD_NOTE, STAFF, Target.stay(),
        "an internal note is for the staff: it never changes the state, the owner or whose turn it is");
    t.allow(LinkedHashSet.of(Status.values()), Trigger.RECORD_DELIVERY, SYSTEM, Target.stay(),
        "a channel receipt moves a message's delivery status, never the conversation's state, even once closed");
    // Hand-off and return
    t.allow(AI_MANAGED, Trigger.HAND_OFF, STAFF, Target.to(HUMAN_MANAGED),
        "a hand-off gives the conversation to a human agent or team");
    t.allow(HUMAN_MANAGED, Trigger.HAND_OFF, HUMAN_OR_SYSTEM, Target.stay(),
        "a hand-off in human hands transfers to another agent or team");
    t.deny(SNOOZED, Trigger.HAND_OFF, "wake-before-hand-off",
        "the conversation is snoozed; wake it first, then hand it off");
    t.deny(RESOLVED, Trigger.HAND_OFF, "reopen-before-hand-off",
        "the conversation is resolved; reopen it first, then hand it off");
    t.allow(HUMAN_MANAGED, Trigger.RETURN_TO_AI, HUMAN_AGENT, Target.turn(),
        "a human returns the conversation to the AI agent");
    t.deny(LinkedHashSet.of(NEW, ACTIVE, WAITING, SNOOZED, RESOLVED), Trigger.RETURN_TO_AI,
        "only-human-managed-returns-to-ai",
        "only a human-managed conversation can be returned to the AI; this one is not in human hands");
    // Resolve, reopen, close
    t.allow(AI_MANAGED, Trigger.RESOLVE, STAFF, Target.to(RESOLVED),
        "the conversation is resolved with an outcome");
    t.allow(HUMAN_MANAGED, Trigger.RESOLVE, HUMAN_AGENT, Target.to(RESOLVED),
        "only a human resolves a human-managed conversation");
    t.allow(LinkedHashSet.of(SNOOZED), Trigger.RESOLVE, STAFF, LinkedHashSet.of(HUMAN_AGENT), Target.to(RESOLVED),
        "the conversation is resolved with an outcome; only a human resolves one a human owns");
    t.allow(HUMAN_MANAGED, Trigger.RESOLVE_IDLE, SYSTEM, Target.to(RESOLVED),
        "the timers resolve a human-managed conversation idle for its policy's time");
    t.deny(LinkedHashSet.of(NEW, ACTIVE, WAITING, SNOOZED, RESOLVED), Trigger.RESOLVE_IDLE, "only-human-managed-resolves-idle",
        "only a human-managed conversation is resolved for being idle; resolve this one instead");
    t.deny(RESOLVED, Trigger.RESOLVE, "already-resolved",
        "the conversation is already resolved; reopen it first to resolve it with another outcome");
    t.allow(RESOLVED, Trigger.REOPEN, HUMAN_OR_SYSTEM, Target.owner(),
        "a resolved conversation reopens to its owner");
    t.deny(LinkedHashSet.of(NEW, ACTIVE, WAITING, HUMAN_MANAGED, SNOOZED), Trigger.REOPEN,
        "only-resolved-reopens", "only a resolved conversation can be reopened; this one is still open");
    t.allow(AI_MANAGED, Trigger.CLOSE, STAFF, Target.to(CLOSED), "the conversation is closed for good");
    t.allow(LinkedHashSet.of(SNOOZED, RESOLVED), Trigger.CLOSE, STAFF, HUMAN_OR_SYSTEM, Target.to(CLOSED),
        "the conversation is closed for good; only a human or the system closes one a human owns");
    t.allow(HUMAN_MANAGED, Trigger.CLOSE, HUMAN_OR_SYSTEM, Target.to(CLOSED),
        "only a human or the system closes a human-managed conversation");
    // Snooze and wake
    t.allow(LinkedHashSet.of(ACTIVE, WAITING), Trigger.SNOOZE, STAFF, Target.to(SNOOZED),
        "the conversation is parked until a time");
    t.allow(HUMAN_MANAGED, Trigger.SNOOZE, HUMAN_OR_SYSTEM, Target.to(SNOOZED),
        "only a human or the system snoozes a human-managed conversation");
    t.deny(NEW, Trigger.SNOOZE, "no-snooze-before-first-reply",
        "a new conversation has had no reply yet; answer it before snoozing it");
    t.deny(SNOOZED, Trigger.SNOOZE, "already-snoozed",
        "the conversation is already snoozed; wake it first to snooze it until another time");
    t.deny(RESOLVED, Trigger.SNOOZE, "no-snooze-when-resolved",
        "a resolved conversation waits for the customer by itself; reopen it first to snooze it");
    t.allow(SNOOZED, Trigger.WAKE, HUMAN_OR_SYSTEM, Target.owner(),
        "a snoozed conversation wakes to its owner");
    t.deny(LinkedHashSet.of(NEW, ACTIVE, WAITING, HUMAN_MANAGED, RESOLVED), Trigger.WAKE,
        "only-snoozed-wakes", "only a snoozed conversation can be woken; this one is not snoozed");
    // Housekeeping: never changes the state
    t.allow(NOT_CLOSED, Trigger.UPDATE_METADATA, STAFF, Target.stay(),
        "metadata changes never change the state");
    t.allow(NOT_CLOSED, Trigger.MARK_READ, ANYONE, Target.stay(), "reading never changes the state");
    t.allow(NOT_CLOSED, Trigger.RAISE_ATTENTION, STAFF, Target.stay(),
        "raising attention never changes the state");
    t.allow(NOT_CLOSED, Trigger.CLEAR_ATTENTION, HUMAN_OR_SYSTEM, Target.stay(),
        "a human or the system clears attention items");
    // Closed is read-only
    for (Trigger trigger : Trigger.values()) {
      if (trigger == Trigger.RECORD_DELIVERY) {
        continue; // a message sent just before the close still gets its receipts
      }
      t.deny(CLOSED, trigger, "closed-is-read-only",
          "the conversation is closed and read-only; start a follow-up conversation linked to it instead");
    }
    return t.build();
  }

  /** Collects the cells and checks that every one is defined exactly once. */
  static final class Cells {
    private final Map<Status, Map<Trigger, Either<Denial, Transition>>> cells = new EnumMap<>(Status.class);

    void allow(Status from, Trigger trigger, Actor actor, Target target, String rule) {
      allow(LinkedHashSet.of(from), trigger, LinkedHashSet.of(actor), target, rule);
    }

    void allow(Status from, Trigger trigger, Set<Actor> actors, Target target, String rule) {
      allow(LinkedHashSet.of(from), trigger, actors, target, rule);
    }

    void allow(Set<Status> from, Trigger trigger, Actor actor, Target target, String rule) {
      allow(from, trigger, LinkedHashSet.of(actor), target, rule);
    }

    void allow(Set<Status> from, Trigger trigger, Set<Actor> actors, Target target, String rule) {
      allow(from, trigger, actors, actors, target, rule);
    }

    void allow(Set<Status> from, Trigger trigger, Set<Actor> actors, Set<Actor> humanOwned, Target target, String rule) {
      from.forEach(s -> put(s, trigger, Either.right(new Transition(s, trigger, actors, humanOwned, target, rule))));
    }

    void deny(Status from, Trigger trigger, String rule, String reason) {
      deny(LinkedHashSet.of(from), trigger, rule, reason);
    }

    void deny(Set<Status> from, Trigger trigger, String rule, String reason) {
      from.forEach(s -> put(s, trigger, Either.left(new Denial(s, trigger, rule, reason))));
    }

    private void put(Status from, Trigger trigger, Either<Denial, Transition> cell) {
      Either<Denial, Transition> previous =
          cells.computeIfAbsent(from, s -> new EnumMap<>(Trigger.class)).putIfAbsent(trigger, cell);
      if (previous != null) {
        throw new IllegalStateException("cell defined twice: " + from + " x " + trigger);
      }
    }

    @SuppressWarnings("unchecked")
    TransitionTable build() {
      Either<Denial, Transition>[][] array = new Either[Status.values().length][Trigger.values().length];
      for (Status status : Status.values()) {
        for (Trigger trigger : Trigger.values()) {
          Either<Denial, Transition> cell = cells.getOrDefault(status, Map.of()).get(trigger);
          if (cell == null) {
            throw new IllegalStateException("cell not defined: " + status + " x " + trigger);
          }
          array[status.ordinal()][trigger.ordinal()] = cell;
        }
      }
      return new TransitionTable(array);
    }
  }
}
