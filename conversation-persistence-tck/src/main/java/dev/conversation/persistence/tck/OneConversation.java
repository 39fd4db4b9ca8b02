package dev.conversation.persistence.tck;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Committed;
import dev.conversation.persistence.Conflict;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The model of the parallel check: one conversation that several writers change at once, each
 * with the usual optimistic loop (load, decide, commit, and on a stale version start again).
 * Whatever the interleaving, the end state must be one that some serial order of the same
 * operations produces: no lost update, no duplicate, versions without gaps.
 */
final class OneConversation {

  private OneConversation() {}

  /**
   * What the conversation shows.
   *
   * @param contents message contents in commit order
   * @param tags the tags
   * @param version the version
   * @param eventVersions the versions of its events as the outbox lists them, one entry per commit
   */
  record State(Seq<String> contents, SortedSet<String> tags, long version, Seq<Long> eventVersions) {

    static final State START = new State(List.empty(), TreeSet.empty(), 1, List.of(1L));

    State changed(Seq<String> moreContents, SortedSet<String> newTags) {
      return new State(contents.appendAll(moreContents), newTags, version + 1, eventVersions.append(version + 1));
    }
  }

  /** The system under test: a store, a fresh tenant and the conversation. */
  record Sut(ConversationStore store, TenantId tenant, ConversationId id) {

    /** Creates the conversation in a fresh tenant. */
    static Sut create(ConversationStore store) {
      TenantId tenant = Lives.freshTenant();
      ConversationId id = ConversationId.of("contended");
      Lives.startPlain(store, tenant, id, Lives.now());
      return new Sut(store, tenant, id);
    }

    State observe() {
      Conversation c = store.find(tenant, id).getOrElseThrow(() -> new AssertionError("rule: a committed conversation is found"));
      Seq<Long> versions = Lives.allEvents(store, tenant, 5).map(StoredEvent::event)
          .filter(e -> e.conversationId().equals(id)).map(e -> e.version())
          .foldLeft(List.<Long>empty(), (acc, v) -> acc.lastOption().contains(v) ? acc : acc.append(v));
      return new State(Lives.allMessages(store, tenant, id).map(Message::content),
          TreeSet.ofAll(c.tags().map(Tag::value)), c.version(), versions);
    }

    /** Runs the optimistic loop: load, decide, commit; on a stale version, start again. */
    void retrying(java.util.function.Function<Conversation, Either<Rejection, Decision>> decide) {
      for (int attempt = 0; attempt < 10_000; attempt++) {
        Conversation current = store.find(tenant, id).get();
        Decision d = decide.apply(current).getOrElseThrow(r -> new AssertionError("workload command rejected: " + r.message()));
        if (!d.changed()) {
          return;
        }
        Either<Conflict, Committed> result = store.commit(tenant, current.version(), d);
        if (result.isRight() || result.getLeft() instanceof Conflict.DuplicateKey) {
          return;
        }
        if (!(result.getLeft() instanceof Conflict.StaleVersion)) {
          throw new AssertionError("rule: concurrent writers only ever see stale versions or replays; but got "
              + result.getLeft().message());
        }
      }
      throw new AssertionError("rule: an optimistic writer eventually commits; but 10,000 attempts were stale");
    }
  }

  /** Returns the operations with every message numbered by its place, so message ids are distinct. */
  static java.util.List<org.quicktheories.core.stateful.Command<Sut, State>> numbered(
      java.util.List<org.quicktheories.core.stateful.Command<Sut, State>> ops) {
    java.util.List<org.quicktheories.core.stateful.Command<Sut, State>> out = new java.util.ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      out.add(ops.get(i) instanceof Say say ? new Say(i, say.key()) : ops.get(i));
    }
    return out;
  }

  /** A customer message, with an idempotency key from a small pool, so that writers replay each other. */
  record Say(int n, Option<String> key) implements org.quicktheories.core.stateful.Command<Sut, State> {
    @Override
    public void run(Sut sut) {
      sut.retrying(c -> Lives.customerSays(c, "say-" + n, content(), key, Lives.now()));
    }

    @Override
    public State nextState(State state) {
      return key.isDefined() && state.contents().exists(c -> c.endsWith("#" + key.get()))
          ? state
          : state.changed(List.of(content()), state.tags());
    }

    private String content() {
      return "say " + n + key.map(k -> " #" + k).getOrElse("");
    }
  }

  /** Add or remove a tag; a change that changes nothing is not committed. */
  record Tagging(String tag, boolean add) implements org.quicktheories.core.stateful.Command<Sut, State> {
    @Override
    public void run(Sut sut) {
      Command.UpdateMetadata u = Command.UpdateMetadata.by(Participant.ai());
      Command.UpdateMetadata update = add ? u.addTags(tag) : u.removeTags(tag);
      sut.retrying(c -> Lifecycle.decide(c, update, Lives.now()));
    }

    @Override
    public State nextState(State state) {
      SortedSet<String> tags = add ? state.tags().add(tag) : state.tags().remove(tag);
      return tags.equals(state.tags()) ? state : state.changed(List.empty(), tags);
    }
  }
}
