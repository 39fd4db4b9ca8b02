package dev.conversation.wire.crm;

import dev.conversation.domain.Status;
import dev.conversation.wire.ApiError;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * The CRM agent platform's status words (seed 003), in the order its document lists them, and
 * their mapping to and from our lifecycle {@link Status}.
 *
 * <p>Outbound ({@link #of(Status)}) the mapping is total; it is coarser than our lifecycle, so two
 * words stand for two of our states each:
 *
 * <table>
 *   <caption>Our status, its CRM word, and what a client can no longer tell</caption>
 *   <tr><th>status</th><th>word</th><th>lost</th></tr>
 *   <tr><td>NEW</td><td>{@code new}</td><td>nothing</td></tr>
 *   <tr><td>ACTIVE</td><td>{@code active}</td><td>nothing</td></tr>
 *   <tr><td>WAITING</td><td>{@code waiting}</td><td>not told apart from SNOOZED</td></tr>
 *   <tr><td>SNOOZED</td><td>{@code waiting}</td><td>that it is parked, and until when
 *       ({@code snoozedUntil}); a client sees "awaiting the customer"</td></tr>
 *   <tr><td>HUMAN_MANAGED</td><td>{@code human_managed}</td><td>nothing</td></tr>
 *   <tr><td>RESOLVED</td><td>{@code resolved}</td><td>not told apart from CLOSED; who resolved it
 *       (AI or human) is not in the word either</td></tr>
 *   <tr><td>CLOSED</td><td>{@code resolved}</td><td>that it is terminal and read-only; a closed
 *       conversation that was never resolved shows {@code resolved} with a null {@code outcome}</td></tr>
 * </table>
 *
 * <p>Inbound (a list filter, or a client echoing a word back) a word stands for every status it
 * covers ({@link #covers()}): {@code waiting} is WAITING or SNOOZED, {@code resolved} is RESOLVED
 * or CLOSED. For every status {@code s}, {@code of(s).covers()} contains {@code s}, and the five
 * sets partition {@link Status}. Words are matched exactly as the document spells them
 * (lower case, underscore); anything else is a 400 {@link ApiError} for the field, rule
 * {@value #RULE}.
 *
 * <p>Immutable and thread-safe.
 */
enum CrmStatus {
  /** {@code new}: just created, no AI response yet. */
  NEW("new", Status.NEW),
  /** {@code active}: the AI is managing it. */
  ACTIVE("active", Status.ACTIVE),
  /** {@code human_managed}: a human agent has taken over. */
  HUMAN_MANAGED("human_managed", Status.HUMAN_MANAGED),
  /** {@code resolved}: resolved with an outcome, or closed. */
  RESOLVED("resolved", Status.RESOLVED, Status.CLOSED),
  /** {@code waiting}: awaiting the customer's response, or snoozed. */
  WAITING("waiting", Status.WAITING, Status.SNOOZED);

  /** The rule a word that is none of the five breaks. */
  static final String RULE = "allowed-values";

  private static final Seq<String> WORDS = List.of(values()).map(CrmStatus::word);

  private final String word;
  private final Set<Status> covers;

  CrmStatus(String word, Status... covers) {
    this.word = word;
    this.covers = LinkedHashSet.of(covers);
  }

  /** Returns the word as the document spells it, for example {@code human_managed}. */
  String word() {
    return word;
  }

  /**
   * Returns our statuses this word stands for when a client sends it: one, or two for
   * {@code waiting} (WAITING, SNOOZED) and {@code resolved} (RESOLVED, CLOSED).
   */
  Set<Status> covers() {
    return covers;
  }

  /**
   * Returns the word a conversation in {@code status} is shown with. Total: every status has one.
   *
   * @throws NullPointerException if {@code status} is null
   */
  static CrmStatus of(Status status) {
    Objects.requireNonNull(status, "status");
    return switch (status) {
      case NEW -> NEW;
      case ACTIVE -> ACTIVE;
      case WAITING, SNOOZED -> WAITING;
      case HUMAN_MANAGED -> HUMAN_MANAGED;
      case RESOLVED, CLOSED -> RESOLVED;
    };
  }

  /** Returns the five words in the document's order: new, active, human_managed, resolved, waiting. */
  static Seq<String> words() {
    return WORDS;
  }

  /**
   * Reads a word a client sent.
   *
   * @param field the request field the word came from, named in the error (for example
   *     {@code "status"})
   * @param word the word, matched exactly (case-sensitive, no trimming)
   * @return the status word, or a 400 {@link ApiError} for {@code field}, rule {@value #RULE}, whose
   *     message names the field and the allowed words and quotes the word as
   *     {@link CrmPath#excerpt} cuts it
   * @throws NullPointerException if an argument is null
   */
  static Either<ApiError, CrmStatus> parse(String field, String word) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(word, "word");
    for (CrmStatus s : values()) {
      if (s.word.equals(word)) {
        return Either.right(s);
      }
    }
    return Either.left(unknown(field, word));
  }

  /**
   * Returns the error for a word that is none of the five, for example {@code status must be one
   * of new, active, human_managed, resolved, waiting; was 'open'}; the word is quoted as
   * {@link CrmPath#excerpt} cuts it.
   */
  private static ApiError unknown(String field, String word) {
    return ApiError.badRequest(field, RULE,
        field + " must be one of " + WORDS.mkString(", ") + "; was '" + CrmPath.excerpt(word) + "'");
  }

  /**
   * Reads a word a client sent and returns every status it covers: {@code parse(field, word)}
   * followed by {@link #covers()}.
   *
   * @return the statuses, or the error of {@link #parse}
   * @throws NullPointerException if an argument is null
   */
  static Either<ApiError, Set<Status>> statuses(String field, String word) {
    return parse(field, word).map(CrmStatus::covers);
  }
}
