package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The evolve half of the lifecycle: applies events to a conversation, one rule per kind of
 * event, and nothing else. The events of one decision share a version and a time; they are
 * applied in order and the conversation is built once at the end, so its structural checks
 * run on the result of the whole decision (between two events of one decision, a hand-off's
 * status change and its new assignee for example, the header is not yet whole). Pure.
 */
final class Evolve {

  private Evolve() {}

  /**
   * Returns {@code c} after {@code events}, which belong to one decision: the version and the
   * update time are the last event's.
   *
   * @throws IllegalArgumentException if the events are empty or leave the conversation
   *     structurally broken (a bug of the decide function that emitted them)
   */
  static Conversation evolve(Conversation c, List<DomainEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("events must not be empty");
    }
    // One fold, its accumulator in locals: every attribute an event can change, read back by
    // later events of the same decision; the next header is built with one constructor call.
    Status status = c.status;
    String subject = c.subject;
    String summary = c.summary;
    Resolution resolution = c.resolution;
    Assignee assignee = c.assignee;
    String contactId = c.contactId;
    String accountId = c.accountId;
    String[] tags = c.tags;
    Priority priority = c.priority;
    boolean starred = c.starred;
    boolean muted = c.muted;
    Instant agentsReadUpTo = c.agentsReadUpTo;
    Instant customerReadUpTo = c.customerReadUpTo;
    Instant lastCustomerMessageAt = c.lastCustomerMessageAt;
    Instant lastAgentMessageAt = c.lastAgentMessageAt;
    int messageCount = c.messageCount;
    String lastMessagePreview = c.lastMessagePreview;
    Instant lastMessageAt = c.lastMessageAt;
    Instant firstReplyAt = c.firstReplyAt;
    Instant awaitingReplySince = c.awaitingReplySince;
    Instant waitingSince = c.waitingSince;
    Instant snoozedUntil = c.snoozedUntil;
    Seq<AttentionItem> attention = c.attention;
    boolean textsChanged = false;
    DomainEvent last = events.head();
    boolean erased = false;
    for (List<DomainEvent> rest = events; !rest.isEmpty(); rest = rest.tail()) {
      last = rest.head();
      Instant at = last.at();
      DomainEvent.Change change = last.change();
      switch (change.type()) {
        case STARTED -> throw new IllegalArgumentException(
            "a conversation starts with Lifecycle.start or followUp, not by evolving an existing one");
        case MESSAGE_APPENDED -> {
          // A message counts, becomes the preview, and an agent's message restarts the wait.
          DomainEvent.MessageAppended m = (DomainEvent.MessageAppended) change;
          messageCount++;
          lastMessageAt = at;
          lastMessagePreview = m.preview().getOrNull();
          if (m.author() == Actor.CUSTOMER) {
            lastCustomerMessageAt = at;
            if (awaitingReplySince == null) {
              awaitingReplySince = at;
            }
          } else if (m.author() == Actor.AI_AGENT || m.author() == Actor.HUMAN_AGENT) {
            lastAgentMessageAt = at;
            awaitingReplySince = null;
            if (firstReplyAt == null) {
              firstReplyAt = at;
            }
            if (status == Status.WAITING) {
              waitingSince = at;
            }
          }
        }
        case STATUS_CHANGED -> {
          // Waiting starts now if it is WAITING; a snooze ends when it leaves SNOOZED.
          status = ((DomainEvent.StatusChanged) change).to();
          waitingSince = status == Status.WAITING ? at : null;
          if (status != Status.SNOOZED) {
            snoozedUntil = null;
          }
        }
        case HANDED_OFF -> assignee = ((DomainEvent.HandedOff) change).assignee();
        case RETURNED_TO_AI -> assignee = null;
        case RESOLVED -> resolution = ((DomainEvent.Resolved) change).resolution();
        case REOPENED -> resolution = null;
        case SNOOZED -> snoozedUntil = ((DomainEvent.Snoozed) change).until();
        case CLOSED, WOKE -> { } // the status change that comes with them says it all
        case NOTE_ADDED -> { } // a note is in the thread only: no count, no preview, no turn
        case DELIVERY_CHANGED -> { } // the message carries its status; the header only takes the version
        case ATTENTION_RAISED -> attention = attention.append(((DomainEvent.AttentionRaised) change).item());
        case ATTENTION_CLEARED -> {
          AttentionId id = ((DomainEvent.AttentionCleared) change).id();
          attention = attention.map(item -> item.id().equals(id)
              ? new AttentionItem(item.id(), item.kind(), item.note(), item.raisedBy(), item.raisedAt(), Option.some(at))
              : item);
        }
        case METADATA_CHANGED -> {
          DomainEvent.MetadataChanged m = (DomainEvent.MetadataChanged) change;
          textsChanged |= m.subject().isDefined() || m.summary().isDefined();
          subject = m.subject().getOrElse(subject);
          summary = m.summary().getOrElse(summary);
          tags = m.tags().isDefined() ? Conversation.tagArray(m.tags().get()) : tags;
          priority = m.priority().getOrElse(priority);
          starred = m.starred().getOrElse(starred);
          muted = m.muted().getOrElse(muted);
          contactId = m.contactId().isDefined() ? m.contactId().get().value() : contactId;
          accountId = m.accountId().isDefined() ? m.accountId().get().value() : accountId;
        }
        case ERASED -> erased = true;
        case MARKED_READ -> {
          DomainEvent.MarkedRead read = (DomainEvent.MarkedRead) change;
          if (read.side() == ReadSide.AGENTS) {
            agentsReadUpTo = read.upTo();
          } else {
            customerReadUpTo = read.upTo();
          }
        }
      }
    }
    // The AI's turn goes on while it holds, begins now when it starts to hold, and ends otherwise.
    Instant aiTurnSince = !Conversation.isAiTurn(status, assignee, awaitingReplySince) ? null
        : c.aiTurnSince != null ? c.aiTurnSince : last.at();
    // The subject and summary are re-read only when an event set them; every other rule is checked.
    // An erasure is not activity: a decision that only erases keeps the update time.
    Instant updatedAt = erased && events.forAll(e -> e.type() == DomainEvent.Type.ERASED) ? c.updatedAt : last.at();
    Conversation next = new Conversation(c, status, subject, summary, resolution, assignee, contactId, accountId, tags,
        priority, starred, muted, agentsReadUpTo, customerReadUpTo, lastCustomerMessageAt, lastAgentMessageAt, messageCount,
        lastMessagePreview, lastMessageAt, firstReplyAt, awaitingReplySince, aiTurnSince, waitingSince, snoozedUntil, attention,
        updatedAt, last.version(), textsChanged);
    return erased ? Erasure.header(next) : next;
  }
}
