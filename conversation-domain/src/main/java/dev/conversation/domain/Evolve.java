package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
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
    // One fold, its accumulator in locals (no per-decision state object): the builder, and the
    // attributes a later event of the same decision reads back.
    Conversation.Builder next = Conversation.builder().from(c);
    Status status = c.status();
    int messageCount = c.messageCount();
    boolean replied = c.firstReplyAt().isDefined();
    Seq<AttentionItem> attention = c.attention();
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
          Option<Instant> when = Option.some(at);
          next.messageCount(++messageCount).lastMessageAt(when).lastMessagePreview(m.preview());
          if (m.author() == Actor.CUSTOMER) {
            next.lastCustomerMessageAt(when);
          } else if (m.author() == Actor.AI_AGENT || m.author() == Actor.HUMAN_AGENT) {
            next.lastAgentMessageAt(when);
            if (!replied) {
              replied = true;
              next.firstReplyAt(when);
            }
            if (status == Status.WAITING) {
              next.waitingSince(when);
            }
          }
        }
        case STATUS_CHANGED -> {
          // Waiting starts now if it is WAITING; a snooze ends when it leaves SNOOZED.
          status = ((DomainEvent.StatusChanged) change).to();
          next.status(status).waitingSince(status == Status.WAITING ? Option.some(at) : Option.none());
          if (status != Status.SNOOZED) {
            next.snoozedUntil(Option.none());
          }
        }
        case HANDED_OFF -> next.assignee(Option.some(((DomainEvent.HandedOff) change).assignee()));
        case RETURNED_TO_AI -> next.assignee(Option.none());
        case RESOLVED -> next.resolution(Option.some(((DomainEvent.Resolved) change).resolution()));
        case REOPENED -> next.resolution(Option.none());
        case SNOOZED -> next.snoozedUntil(Option.some(((DomainEvent.Snoozed) change).until()));
        case CLOSED, WOKE -> { } // the status change that comes with them says it all
        case ATTENTION_RAISED -> {
          attention = attention.append(((DomainEvent.AttentionRaised) change).item());
          next.attention(attention);
        }
        case ATTENTION_CLEARED -> {
          AttentionId id = ((DomainEvent.AttentionCleared) change).id();
          attention = attention.map(item -> item.id().equals(id)
              ? new AttentionItem(item.id(), item.kind(), item.note(), item.raisedBy(), item.raisedAt(), Option.some(at))
              : item);
          next.attention(attention);
        }
        case METADATA_CHANGED -> metadata(next, (DomainEvent.MetadataChanged) change);
        case MARKED_READ -> {
          DomainEvent.MarkedRead read = (DomainEvent.MarkedRead) change;
          if (read.side() == ReadSide.AGENTS) {
            next.agentsReadUpTo(Option.some(read.upTo()));
          } else {
            next.customerReadUpTo(Option.some(read.upTo()));
          }
        }
      }
    }
    return next.updatedAt(last.at()).version(last.version()).build();
  }

  private static void metadata(Conversation.Builder next, DomainEvent.MetadataChanged m) {
    m.subject().forEach(v -> next.subject(Option.some(v)));
    m.summary().forEach(v -> next.summary(Option.some(v)));
    m.tags().forEach(next::tags);
    m.priority().forEach(next::priority);
    m.starred().forEach(next::starred);
    m.muted().forEach(next::muted);
    m.contactId().forEach(v -> next.contactId(Option.some(v)));
    m.accountId().forEach(v -> next.accountId(Option.some(v)));
  }
}
