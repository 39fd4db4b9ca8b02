package dev.conversation.wire.klaviyo;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Resolution;
import dev.conversation.domain.Violation;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * The status words of Klaviyo's customer agent conversations ({@code open},
 * {@code routed-to-team}, {@code resolved-by-ai}, {@code closed}) and the projection of a
 * {@link Conversation} onto them.
 *
 * <p>The projection ({@link #of(Conversation)}) is total:
 *
 * <table>
 *   <caption>canonical status to Klaviyo status</caption>
 *   <tr><th>canonical</th><th>Klaviyo</th></tr>
 *   <tr><td>NEW, ACTIVE, WAITING, SNOOZED</td><td>{@code open}</td></tr>
 *   <tr><td>HUMAN_MANAGED</td><td>{@code routed-to-team}</td></tr>
 *   <tr><td>RESOLVED, resolver is the AI agent</td><td>{@code resolved-by-ai}</td></tr>
 *   <tr><td>RESOLVED, any other resolver (a human agent, the system)</td><td>{@code closed}</td></tr>
 *   <tr><td>CLOSED</td><td>{@code closed}</td></tr>
 * </table>
 *
 * <p>Klaviyo's vocabulary is coarser than ours, so the projection loses information:
 * <ul>
 *   <li>{@code open} does not say whether the conversation is new, the agent's turn, waiting for
 *       the customer or snoozed (and snoozed until when);</li>
 *   <li>{@code closed} does not say whether a human resolved it (and it can still reopen) or it
 *       is closed for good; a conversation the AI resolved and that later closed reads
 *       {@code closed}, not {@code resolved-by-ai};</li>
 *   <li>a conversation resolved by the system (a timer's auto-resolve, an integration) reads
 *       {@code closed}: {@code resolved-by-ai} claims the AI agent settled the customer's issue,
 *       and {@link Resolution#byAi()} is the domain's one answer to "who resolved this?";</li>
 *   <li>{@code routed-to-team} does not say whether a person or a team holds it.</li>
 * </ul>
 *
 * <p>The API is read-only, so no status word maps back to a lifecycle event; {@link #parse}
 * exists for clients reading a response. Immutable and thread-safe.
 */
enum KlaviyoStatus {
  /** The AI agent is handling the conversation, or it is parked: NEW, ACTIVE, WAITING, SNOOZED. */
  OPEN("open"),
  /** A human agent or team has taken over: HUMAN_MANAGED. */
  ROUTED_TO_TEAM("routed-to-team"),
  /** The AI agent resolved it: RESOLVED with the AI as resolver. */
  RESOLVED_BY_AI("resolved-by-ai"),
  /** Resolved by someone other than the AI, or closed for good: RESOLVED otherwise, CLOSED. */
  CLOSED("closed");

  private final String wire;

  KlaviyoStatus(String wire) {
    this.wire = wire;
  }

  /** Returns the word as it appears in the {@code status} attribute, for example {@code routed-to-team}. */
  public String wire() {
    return wire;
  }

  /**
   * Projects a conversation onto Klaviyo's status words, as the table on this type says.
   *
   * @param conversation the conversation; its resolution decides between {@code resolved-by-ai}
   *     and {@code closed} when it is RESOLVED
   * @return the status word; never fails for a valid conversation
   * @throws NullPointerException if {@code conversation} is null
   */
  public static KlaviyoStatus of(Conversation conversation) {
    Objects.requireNonNull(conversation, "conversation");
    return switch (conversation.status()) {
      case NEW, ACTIVE, WAITING, SNOOZED -> OPEN;
      case HUMAN_MANAGED -> ROUTED_TO_TEAM;
      // A RESOLVED conversation always carries its resolution (a Conversation invariant).
      case RESOLVED -> conversation.resolution().exists(Resolution::byAi) ? RESOLVED_BY_AI : CLOSED;
      case CLOSED -> CLOSED;
    };
  }

  /**
   * Reads a status word, for a client of the API. Words are matched exactly (Klaviyo's words are
   * lower case).
   *
   * @param word the {@code status} attribute's value
   * @return the status, or a {@link Violation} of field {@code status} and rule
   *     {@code unknown-status} that lists the four words accepted
   * @throws NullPointerException if {@code word} is null
   */
  public static Either<Violation, KlaviyoStatus> parse(String word) {
    Objects.requireNonNull(word, "word");
    for (KlaviyoStatus status : values()) {
      if (status.wire.equals(word)) {
        return Either.right(status);
      }
    }
    return Either.left(new Violation("status", "unknown-status",
        "status " + Problems.quote(word) + " is not a Klaviyo conversation status; expected one of "
            + List.of(values()).map(KlaviyoStatus::wire).mkString(", ")));
  }
}
