package dev.conversation.service;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Directory;
import dev.conversation.persistence.Redaction;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A person's data: erasing a contact and retention of closed conversations. Part of
 * {@link Conversations}; thread-safe.
 */
final class PersonalData {

  /** How many conversations one store call walks or deletes. */
  static final int BATCH = 100;

  private final ConversationStore store;
  private final Directory directory;
  private final Supplier<Instant> clock;

  PersonalData(ConversationStore store, Directory directory, Supplier<Instant> clock) {
    this.store = store;
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * Removes the contact from the directory first (so inbound routing no longer finds it), then
   * erases each linked conversation in a transaction of its own, in id order, in batches.
   */
  Either<Problem, ContactErasure> erase(TenantId tenant, ContactId contact) {
    boolean removed;
    try {
      removed = directory.delete(tenant, contact);
    } catch (RuntimeException e) {  // a directory may be a remote CRM: any failure is its being unavailable
      return Either.left(new Problem.Unavailable("delete contact " + contact.value() + " from the directory", e));
    }
    long conversations = 0;
    long messages = 0;
    long events = 0;
    boolean linked = false;
    Option<ConversationId> after = Option.none();
    while (true) {
      Option<ConversationId> from = after;
      Either<Problem, Seq<ConversationId>> batch = Conversations.reading("list the conversations of contact "
          + contact.value(), () -> store.ofContact(tenant, contact, from, BATCH));
      if (batch.isLeft()) {
        return Either.left(batch.getLeft());
      }
      for (ConversationId id : batch.get()) {
        linked = true;
        Either<Problem, Option<Redaction>> done = Conversations.reading("erase conversation " + id,
            () -> store.erase(tenant, id, clock.get()));
        if (done.isLeft()) {
          return Either.left(done.getLeft());
        }
        for (Redaction r : done.get()) {
          if (r.changed()) {
            conversations++;
            messages += r.messages();
            events += r.events();
          }
        }
      }
      if (batch.get().size() < BATCH) {
        break;
      }
      after = batch.get().lastOption();
    }
    if (!removed && !linked) {
      return Either.left(new Problem.ContactNotFound(contact));
    }
    return Either.right(new ContactErasure(contact, removed, conversations, messages, events));
  }

  /**
   * One retention sweep: each tenant with a retention of its own, then every other tenant under
   * the default, in batches of {@value #BATCH} until a batch is not full.
   */
  Either<Problem, Long> purge(Retention retention) {
    Instant now = clock.get();
    long deleted = 0;
    for (io.vavr.Tuple2<TenantId, Option<Duration>> own : retention.tenants()) {
      if (own._2.isDefined()) {
        Either<Problem, Long> n = purge(Option.some(own._1), io.vavr.collection.HashSet.empty(), cutoff(now, own._2.get()));
        if (n.isLeft()) {
          return n;
        }
        deleted += n.get();
      }
    }
    if (retention.fallback().isDefined()) {
      Either<Problem, Long> n = purge(Option.none(), retention.tenants().keySet(), cutoff(now, retention.fallback().get()));
      if (n.isLeft()) {
        return n;
      }
      deleted += n.get();
    }
    return Either.right(deleted);
  }

  /** What was closed before this was closed long enough; a retention longer than time itself keeps everything. */
  static Instant cutoff(Instant now, Duration keep) {
    try {
      return now.minus(keep);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return Instant.MIN;
    }
  }

  private Either<Problem, Long> purge(Option<TenantId> tenant, io.vavr.collection.Set<TenantId> except, Instant before) {
    long deleted = 0;
    while (true) {
      Either<Problem, Long> n = Conversations.reading("delete closed conversations",
          () -> store.purgeClosed(tenant, except, before, BATCH));
      if (n.isLeft()) {
        return n;
      }
      deleted += n.get();
      if (n.get() < BATCH) {
        return Either.right(deleted);
      }
    }
  }
}
