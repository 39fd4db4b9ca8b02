package dev.conversation.service;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Violation;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * Why the service did not do what was asked. A value: every problem comes back as the left side
 * of an {@code Either}, and after any problem nothing has been stored. Each kind has a stable
 * {@link #code()} a host can map to its API's error shape (400, 404, 409, 503, ...).
 */
public sealed interface Problem {

  /** Returns a stable, machine-readable code: the kind of problem. */
  String code();

  /** Returns the problem in words a developer can act on. */
  String message();

  /**
   * Returns the problem the service reports for a lifecycle rejection: {@link Invalid} with its
   * violations for {@link Rejection.Invalid}, {@link Rejected} for every other rejection. For
   * callers that ask {@code Lifecycle.decide} first and want the same answer the service gives.
   */
  static Problem of(Rejection rejection) {
    Objects.requireNonNull(rejection, "rejection");
    return rejection instanceof Rejection.Invalid invalid ? new Invalid(invalid.violations()) : new Rejected(rejection);
  }

  /**
   * The input breaks rules; every violation names its field and rule.
   *
   * @param violations at least one
   */
  record Invalid(Seq<Violation> violations) implements Problem {

    /** Creates the problem; {@code violations} must not be empty. */
    public Invalid {
      Objects.requireNonNull(violations, "violations");
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("violations must not be empty");
      }
    }

    @Override
    public String code() {
      return "invalid";
    }

    @Override
    public String message() {
      return "invalid input: " + violations.mkString("; ");
    }
  }

  /**
   * The tenant has no conversation with this id (another tenant's conversation is not there either).
   *
   * @param id the id asked for
   */
  record NotFound(ConversationId id) implements Problem {

    /** Creates the problem. */
    public NotFound {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String code() {
      return "not-found";
    }

    @Override
    public String message() {
      return "conversation " + id + " not found";
    }
  }

  /**
   * The tenant's directory holds no contact with this id and no conversation is linked to it.
   *
   * @param contact the id asked for
   */
  record ContactNotFound(ContactId contact) implements Problem {

    /** Creates the problem. */
    public ContactNotFound {
      Objects.requireNonNull(contact, "contact");
    }

    @Override
    public String code() {
      return "not-found";
    }

    @Override
    public String message() {
      return "contact " + contact.value() + " not found";
    }
  }

  /**
   * The lifecycle refuses the command in the conversation's current state or for this actor.
   *
   * @param rejection the lifecycle's reason, with its rule
   */
  record Rejected(Rejection rejection) implements Problem {

    /** Creates the problem. */
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public String code() {
      return "rejected";
    }

    @Override
    public String message() {
      return rejection.message() + " [" + rejection.rule() + "]";
    }
  }

  /**
   * Other writers kept changing the conversation: every attempt of the bounded optimistic retry
   * met a newer version. Retrying later is safe (with an idempotency key, a replay is answered
   * with the original).
   *
   * @param id the conversation
   * @param attempts how many attempts were made
   */
  record Contended(ConversationId id, int attempts) implements Problem {

    /** Creates the problem. */
    public Contended {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String code() {
      return "conflict";
    }

    @Override
    public String message() {
      return "conversation " + id + " changed under " + attempts + " attempts in a row; try again";
    }
  }

  /**
   * The idempotency key was already used in this conversation for a different message.
   *
   * @param id the conversation
   * @param key the key
   * @param original the message first stored with that key
   */
  record KeyReused(ConversationId id, String key, Message original) implements Problem {

    /** Creates the problem. */
    public KeyReused {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(original, "original");
    }

    @Override
    public String code() {
      return "idempotency-key-reused";
    }

    @Override
    public String message() {
      return "idempotency key '" + key + "' was already used in conversation " + id + " for message " + original.id()
          + " with other content or author; use a new key for a new message";
    }
  }

  /**
   * A follow-up was asked for a closed conversation whose customer already has an open
   * conversation on the same channel: there is at most one per customer and channel instance.
   * Continue the open one.
   *
   * @param closed the closed conversation the follow-up was asked for
   * @param open the customer's open conversation on that channel
   */
  record AlreadyOpen(ConversationId closed, ConversationId open) implements Problem {

    /** Creates the problem. */
    public AlreadyOpen {
      Objects.requireNonNull(closed, "closed");
      Objects.requireNonNull(open, "open");
    }

    @Override
    public String code() {
      return "already-open";
    }

    @Override
    public String message() {
      return "the customer of conversation " + closed + " already has open conversation " + open
          + " on that channel; continue it instead of starting a follow-up";
    }
  }

  /**
   * The AI's turn the request was for does not stand (any more): nothing was claimed or stored.
   * A worker drops the turn, or, for {@link Reason#CUSTOMER_WROTE_AGAIN}, claims the newer turn
   * and answers the newer message.
   *
   * @param id the conversation
   * @param reason why
   * @param detail the situation in words
   */
  record TurnLost(ConversationId id, Reason reason, String detail) implements Problem {

    /** Why a turn does not stand. */
    public enum Reason {
      /** A human agent or team has the conversation. */
      HUMAN_TOOK_OVER,
      /** It was resolved. */
      RESOLVED,
      /** It was closed. */
      CLOSED,
      /** It was snoozed. */
      SNOOZED,
      /** Nobody waits for an answer: the turn was answered (or there was none). */
      ANSWERED,
      /**
       * The claimed turn ended (a hand-off, a resolve, a snooze) and came back as a new turn the
       * worker has not seen: claim the new one.
       */
      NEW_TURN,
      /** The customer wrote again after the claim was taken; a reply made for the older message is stale. */
      CUSTOMER_WROTE_AGAIN,
      /** Another worker holds a live claim on the turn. */
      TAKEN,
      /** The claim is no longer the stored one: it lapsed and another worker took the turn, or it was released. */
      CLAIM_LOST
    }

    /** Creates the problem. */
    public TurnLost {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String code() {
      return "turn-lost";
    }

    @Override
    public String message() {
      return "the AI's turn in conversation " + id + " does not stand: " + detail;
    }
  }

  /**
   * The store failed (it threw a {@code StoreFailure}: a lost connection, a full disk), or the
   * directory threw while a contact was being saved. Whatever was being
   * written is either wholly stored or not at all; reading the conversation again tells which.
   *
   * @param what what was being done
   * @param cause the failure
   */
  record Unavailable(String what, Throwable cause) implements Problem {

    /** Creates the problem. */
    public Unavailable {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String code() {
      return "unavailable";
    }

    @Override
    public String message() {
      return what + " failed: " + cause;
    }
  }
}
