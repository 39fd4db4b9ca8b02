package dev.conversation.persistence.tck;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Order;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.function.Function;
import dev.conversation.testkit.ConversationGenerators;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The model of the sequential check: what a store holds for one tenant, kept as plain values.
 * Commands decide with the real lifecycle from the state they see (the store's in the run, the
 * model's in the prediction); since both states must be equal, both take the same decision, and
 * the model predicts from the contract alone whether the store accepts the commit.
 */
final class StoreModel {

  /** The conversation ids the workload touches: few, so that commands meet each other. */
  static final List<ConversationId> POOL = List.of("a", "b", "c", "d").map(ConversationId::of);

  private StoreModel() {}

  /**
   * What a tenant's store shows: every conversation, its full history, the outbox in order, the
   * default listing and the unread count.
   */
  record State(
      TenantId tenant,
      Map<ConversationId, Conversation> conversations,
      Map<ConversationId, Seq<Message>> histories,
      Seq<DomainEvent> outbox,
      Seq<ConversationId> listing,
      long unread) {

    /** Returns the empty store of a tenant. */
    static State empty(TenantId tenant) {
      return new State(tenant, LinkedHashMap.empty(), LinkedHashMap.empty(), List.empty(), List.empty(), 0);
    }

    Option<Conversation> find(ConversationId id) {
      return conversations.get(id);
    }

    Seq<Message> history(ConversationId id) {
      return histories.get(id).getOrElse(List.empty());
    }

    /** Returns the state after a commit the contract says is accepted. */
    State committed(Decision d) {
      ConversationId id = d.conversation().id();
      Map<ConversationId, Conversation> all = conversations.put(id, d.conversation());
      return new State(tenant, all, histories.put(id, Lives.after(history(id), d)),
          outbox.appendAll(d.events()),
          all.values().toList().sorted(Order.LAST_ACTIVITY.comparator()).map(Conversation::id),
          all.values().count(ConversationFilter.all().withUnread(true)::test));
    }

    @Override
    public String toString() {
      return "State[conversations=" + conversations.values().map(c -> c.id() + "@v" + c.version() + " " + c.status())
          .mkString(", ") + "; messages=" + histories.mapValues(Seq::size) + "; events=" + outbox.size()
          + "; listing=" + listing + "; unread=" + unread + "]";
    }
  }

  /** The system under test: a store and the fresh tenant this run works in. */
  record Sut(ConversationStore store, TenantId tenant) {

    /** Reads everything the model predicts, through the store's public reads only. */
    State observe() {
      Map<ConversationId, Conversation> conversations = LinkedHashMap.empty();
      Map<ConversationId, Seq<Message>> histories = LinkedHashMap.empty();
      for (ConversationId id : POOL) {
        Option<Conversation> c = store.find(tenant, id);
        if (c.isDefined()) {
          conversations = conversations.put(id, c.get());
          histories = histories.put(id, Lives.allMessages(store, tenant, id));
        }
      }
      Seq<StoredEvent> stored = Lives.allEvents(store, tenant, 7);
      return new State(tenant, conversations, histories, stored.map(StoredEvent::event),
          Lives.listAll(store, tenant).map(Conversation::id),
          store.count(tenant, ConversationFilter.all().withUnread(true)));
    }
  }

  /** An operation of the workload; it asserts the outcome the contract promises as it runs. */
  interface Op extends org.quicktheories.core.stateful.Command<Sut, State> {

    /** Returns the decision this operation would commit, seen from a state (none: nothing to commit). */
    Option<Decision> decide(TenantId tenant, Option<Conversation> current);

    /** The conversation the operation is about. */
    ConversationId target();

    @Override
    default State nextState(State state) {
      Option<Conversation> current = state.find(target());
      return decide(state.tenant(), current)
          .filter(d -> expectedConflict(state.history(target()), d).isEmpty())
          .map(state::committed)
          .getOrElse(state);
    }

    @Override
    default void run(Sut sut) {
      Option<Conversation> current = sut.store().find(sut.tenant(), target());
      Option<Decision> decision = decide(sut.tenant(), current);
      if (decision.isEmpty()) {
        return;
      }
      long expected = current.map(Conversation::version).getOrElse(0L);
      Seq<Message> history = current.isDefined() ? Lives.allMessages(sut.store(), sut.tenant(), target()) : List.empty();
      Option<String> conflict = expectedConflict(history, decision.get());
      Either<Conflict, Committed> result = sut.store().commit(sut.tenant(), expected, decision.get());
      if (conflict.isEmpty() && result.isLeft()) {
        throw new AssertionError("rule: a commit on the current version with fresh message ids and keys is accepted;"
            + " but " + this + " got " + result.getLeft().message());
      }
      if (conflict.isDefined()) {
        if (result.isRight()) {
          throw new AssertionError("rule: " + conflict.get() + "; but " + this + " was accepted");
        }
        if (result.getLeft() instanceof Conflict.DuplicateKey dk) {
          Option<Message> original = history.find(m -> m.idempotencyKey().contains(dk.key()));
          if (!original.contains(dk.original())) {
            throw new AssertionError("rule: a replayed idempotency key returns the original message; but got "
                + dk.original() + " instead of " + original);
          }
        }
      }
      if (result.isRight() && !result.get().conversation().equals(decision.get().conversation())) {
        throw new AssertionError("rule: commit returns the conversation it stored; but it returned "
            + result.get().conversation());
      }
    }

    /** Returns why the contract refuses this commit on top of the history, if it does. */
    private static Option<String> expectedConflict(Seq<Message> history, Decision d) {
      for (Message m : d.messages()) {
        if (history.exists(h -> h.id().equals(m.id()))) {
          return Option.some("a message id already used in the conversation is refused");
        }
        if (m.idempotencyKey().exists(k -> history.exists(h -> h.idempotencyKey().contains(k)))) {
          return Option.some("a replayed idempotency key is refused with the original message");
        }
      }
      return Option.none();
    }
  }

  /** Start a conversation, sometimes with a first message; starting an existing one is a conflict. */
  record Start(ConversationId target, long micros, Option<String> first) implements Op {
    @Override
    public Option<Decision> decide(TenantId tenant, Option<Conversation> current) {
      return current.isDefined() ? Option.none() : Lifecycle.start(request(tenant), Lives.at(micros)).toOption();
    }

    private StartConversation request(TenantId tenant) {
      StartConversation s = StartConversation.of(target, tenant, WorkspaceId.of("ws-tck"), Channel.of(ChannelType.WEB_CHAT));
      return first.map(text -> s.firstMessage(
          Command.AppendMessage.of(MessageId.of("first-" + target), Participant.customer(), text))).getOrElse(s);
    }

    @Override
    public void run(Sut sut) {
      Op.super.run(sut);
      Option<Decision> again = Lifecycle.start(request(sut.tenant()), Lives.at(micros)).toOption();
      if (again.isEmpty()) {
        return;
      }
      Decision duplicate = again.get();
      Either<Conflict, Committed> result = sut.store().commit(sut.tenant(), 0, duplicate);
      if (!(result.isLeft() && result.getLeft() instanceof Conflict.StaleVersion stale
          && stale.expected() == 0 && stale.actual() > 0)) {
        throw new AssertionError("rule: creating a conversation whose id exists in the tenant is a StaleVersion"
            + " conflict (expected 0) and writes nothing; but got " + result);
      }
    }
  }

  /**
   * Append a message from a small pool of ids and keys, so that replays and reused ids happen.
   */
  record Append(ConversationId target, long micros, Participant by, int messageId, Option<String> key, String content)
      implements Op {
    @Override
    public Option<Decision> decide(TenantId tenant, Option<Conversation> current) {
      Command.AppendMessage m = Command.AppendMessage.of(MessageId.of("m" + messageId), by, content);
      Command.AppendMessage command = key.map(m::withIdempotencyKey).getOrElse(m);
      return current.flatMap(c -> Lifecycle.decide(c, command, Lives.at(micros)).toOption()).filter(Decision::changed);
    }
  }

  /** Any lifecycle command from the domain's generators. */
  record Decide(ConversationId target, long micros, Function<Instant, Command> command) implements Op {
    @Override
    public Option<Decision> decide(TenantId tenant, Option<Conversation> current) {
      Instant at = Lives.at(micros);
      return current.flatMap(c -> Lifecycle.decide(c, command.apply(at), at).toOption()).filter(Decision::changed);
    }

    @Override
    public String toString() {
      return "Decide[" + target + " at +" + micros + "us: " + command.apply(Lives.at(micros)) + "]";
    }
  }

  /**
   * Two writers decide on the same version; the second to commit must get a stale-version
   * conflict and write nothing. The model sees only the first.
   */
  record Race(ConversationId target, long micros) implements Op {
    @Override
    public Option<Decision> decide(TenantId tenant, Option<Conversation> current) {
      return current.flatMap(c -> Lives.customerSays(c, "race-winner-" + micros, "winner", Option.none(), Lives.at(micros))
          .toOption());
    }

    @Override
    public void run(Sut sut) {
      Option<Conversation> current = sut.store().find(sut.tenant(), target);
      if (current.isEmpty()) {
        return;
      }
      Conversation c = current.get();
      Option<Decision> winner = decide(sut.tenant(), current);
      Option<Decision> loser = Lives.customerSays(c, "race-loser-" + micros, "loser", Option.none(), Lives.at(micros)).toOption();
      if (winner.isEmpty() || loser.isEmpty()) {
        return;
      }
      Seq<Message> history = Lives.allMessages(sut.store(), sut.tenant(), target);
      if (history.exists(m -> m.id().value().equals("race-winner-" + micros))) {
        return;
      }
      Either<Conflict, Committed> first = sut.store().commit(sut.tenant(), c.version(), winner.get());
      if (first.isLeft()) {
        throw new AssertionError("rule: a commit on the current version is accepted; but got " + first.getLeft().message());
      }
      Either<Conflict, Committed> second = sut.store().commit(sut.tenant(), c.version(), loser.get());
      if (!(second.isLeft() && second.getLeft() instanceof Conflict.StaleVersion stale
          && stale.expected() == c.version() && stale.actual() == c.version() + 1)) {
        throw new AssertionError("rule: a commit on a stale version is a StaleVersion conflict naming expected "
            + c.version() + " and actual " + (c.version() + 1) + "; but got " + second);
      }
    }

    @Override
    public State nextState(State state) {
      Option<Conversation> current = state.find(target);
      if (state.history(target).exists(m -> m.id().value().equals("race-winner-" + micros))) {
        return state;
      }
      return decide(state.tenant(), current)
          .filter(d -> current.flatMap(c -> Lives.customerSays(c, "race-loser-" + micros, "loser", Option.none(), Lives.at(micros))
              .toOption()).isDefined())
          .map(state::committed).getOrElse(state);
    }
  }

  /** Returns random operations on the {@link #POOL} of conversations. */
  static Gen<Op> ops() {
    Gen<ConversationId> target = Generate.pick(POOL.toJavaList());
    Gen<Long> micros = SourceDSL.longs().between(0, 3_600_000_000L);
    Gen<Op> start = target.zip(micros, SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(1, 20).toOptionals(50),
        (id, t, first) -> new Start(id, t, Option.ofOptional(first)));
    Gen<Participant> by = Generate.pick(java.util.List.of(Participant.customer(), Participant.ai(), Participant.system()));
    Gen<Option<String>> key = Generate.pick(java.util.List.of("", "k1", "k2", "k3"))
        .map(k -> k.isEmpty() ? Option.<String>none() : Option.some(k));
    Gen<Op> append = target.zip(micros, by, SourceDSL.integers().between(1, 30), key,
        (id, t, who, n, k) -> new Append(id, t, who, n, k, "text " + n));
    Gen<Op> decide = target.zip(micros, ConversationGenerators.commands(), (id, t, command) -> new Decide(id, t, command));
    Gen<Op> race = target.zip(micros, Race::new);
    return Generate.frequency(java.util.List.of(Pair.of(3, start), Pair.of(6, append), Pair.of(4, decide), Pair.of(1, race)));
  }
}
