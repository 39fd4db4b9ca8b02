package dev.conversation.domain;

import io.vavr.collection.List;
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
    // One fold over a draft of the next header: package code writes its fields directly, and a
    // later event of the same decision reads back what an earlier one wrote.
    Conversation.Draft next = Conversation.draft(c);
    boolean textsChanged = false;
    DomainEvent last = events.head();
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
          next.messageCount++;
          next.lastMessageAt = at;
          next.lastMessagePreview = m.preview().getOrNull();
          if (m.author() == Actor.CUSTOMER) {
            next.lastCustomerMessageAt = at;
          } else if (m.author() == Actor.AI_AGENT || m.author() == Actor.HUMAN_AGENT) {
            next.lastAgentMessageAt = at;
            if (next.firstReplyAt == null) {
              next.firstReplyAt = at;
            }
            if (next.status == Status.WAITING) {
              next.waitingSince = at;
            }
          }
        }
        case STATUS_CHANGED -> {
          // Waiting starts now if it is WAITING; a snooze ends when it leaves SNOOZED.
          Status to = ((DomainEvent.StatusChanged) change).to();
          next.status = to;
          next.waitingSince = to == Status.WAITING ? at : null;
          if (to != Status.SNOOZED) {
            next.snoozedUntil = null;
          }
        }
        case HANDED_OFF -> next.assignee = ((DomainEvent.HandedOff) change).assignee();
        case RETURNED_TO_AI -> next.assignee = null;
        case RESOLVED -> next.resolution = ((DomainEvent.Resolved) change).resolution();
        case REOPENED -> next.resolution = null;
        case SNOOZED -> next.snoozedUntil = ((DomainEvent.Snoozed) change).until();
        case CLOSED, WOKE -> { } // the status change that comes with them says it all
        case ATTENTION_RAISED -> next.attention = next.attention.append(((DomainEvent.AttentionRaised) change).item());
        case ATTENTION_CLEARED -> {
          AttentionId id = ((DomainEvent.AttentionCleared) change).id();
          next.attention = next.attention.map(item -> item.id().equals(id)
              ? new AttentionItem(item.id(), item.kind(), item.note(), item.raisedBy(), item.raisedAt(), Option.some(at))
              : item);
        }
        case METADATA_CHANGED -> {
          DomainEvent.MetadataChanged m = (DomainEvent.MetadataChanged) change;
          textsChanged |= m.subject().isDefined() || m.summary().isDefined();
          metadata(next, m);
        }
        case MARKED_READ -> {
          DomainEvent.MarkedRead read = (DomainEvent.MarkedRead) change;
          if (read.side() == ReadSide.AGENTS) {
            next.agentsReadUpTo = read.upTo();
          } else {
            next.customerReadUpTo = read.upTo();
          }
        }
      }
    }
    next.updatedAt = last.at();
    next.version = last.version();
    // The subject and summary are re-read only when an event set them; every other rule is checked.
    return next.build(textsChanged);
  }

  private static void metadata(Conversation.Draft next, DomainEvent.MetadataChanged m) {
    m.subject().forEach(v -> next.subject = v);
    m.summary().forEach(v -> next.summary = v);
    m.tags().forEach(v -> next.tags = v);
    m.priority().forEach(v -> next.priority = v);
    m.starred().forEach(v -> next.starred = v);
    m.muted().forEach(v -> next.muted = v);
    m.contactId().forEach(v -> next.contactId = v);
    m.accountId().forEach(v -> next.accountId = v);
  }
}
