package dev.conversation.domain;

import io.vavr.collection.Set;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a conversation, emitted by an accepted {@link Decision}: the
 * envelope (which conversation, which version, when, by whom) and the {@link Change}.
 * Immutable and thread-safe.
 *
 * @param conversationId the conversation
 * @param tenantId its tenant
 * @param version the conversation's version after the decision that emitted the event
 * @param at when it happened
 * @param by who caused it
 * @param change what happened
 */
public record DomainEvent(
    ConversationId conversationId, TenantId tenantId, long version, Instant at, Participant by, Change change) {

  /** Creates the event; every component is required. */
  public DomainEvent {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(change, "change");
  }

  /** What happened. */
  public sealed interface Change {}

  /**
   * The conversation was started.
   *
   * @param status its first state (always {@link Status#NEW})
   * @param followUpOf the closed conversation it follows up, if any
   */
  public record Started(Status status, io.vavr.control.Option<ConversationId> followUpOf) implements Change {}

  /**
   * A message was appended.
   *
   * @param messageId the message
   * @param author who wrote it
   */
  public record MessageAppended(MessageId messageId, Actor author) implements Change {}

  /**
   * The state changed.
   *
   * @param from the previous state
   * @param to the new state
   */
  public record StatusChanged(Status from, Status to) implements Change {}

  /**
   * The conversation was handed to humans (by a hand-off, or by a human replying).
   *
   * @param assignee who has it now
   * @param reason why
   */
  public record HandedOff(Assignee assignee, String reason) implements Change {}

  /** A human returned the conversation to the AI agent. */
  public record ReturnedToAi() implements Change {}

  /**
   * The conversation was resolved.
   *
   * @param resolution the outcome and the resolver
   */
  public record Resolved(Resolution resolution) implements Change {}

  /** A resolved conversation was reopened. */
  public record Reopened() implements Change {}

  /** The conversation was closed. */
  public record Closed() implements Change {}

  /**
   * The conversation was snoozed.
   *
   * @param until when it wakes
   */
  public record Snoozed(Instant until) implements Change {}

  /** A snoozed conversation woke. */
  public record Woke() implements Change {}

  /**
   * An attention item was raised.
   *
   * @param item the item
   */
  public record AttentionRaised(AttentionItem item) implements Change {}

  /**
   * An attention item was cleared.
   *
   * @param id the item
   */
  public record AttentionCleared(AttentionId id) implements Change {}

  /**
   * Metadata changed.
   *
   * @param fields the names of the attributes that changed (for example {@code tags})
   */
  public record MetadataChanged(Set<String> fields) implements Change {}

  /**
   * One side read the conversation.
   *
   * @param side which side
   * @param upTo up to when
   */
  public record MarkedRead(ReadSide side, Instant upTo) implements Change {}
}
