package dev.conversation.domain;

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
  static Conversation evolve(Conversation c, Seq<DomainEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("events must not be empty");
    }
    Draft draft = new Draft(c);
    for (DomainEvent event : events) {
      draft.apply(event);
    }
    DomainEvent last = events.last();
    return draft.next.updatedAt(last.at()).version(last.version()).build();
  }

  /**
   * The fold's accumulator: the builder, and the few attributes a later event of the same
   * decision reads back. Lives for one call of {@link #evolve}.
   */
  private static final class Draft {
    final Conversation.Builder next;
    Status status;
    int messageCount;
    Option<Instant> firstReplyAt;
    Seq<AttentionItem> attention;

    Draft(Conversation c) {
      this.next = Conversation.builder().from(c);
      this.status = c.status();
      this.messageCount = c.messageCount();
      this.firstReplyAt = c.firstReplyAt();
      this.attention = c.attention();
    }

    void apply(DomainEvent event) {
      Instant at = event.at();
      DomainEvent.Change change = event.change();
      switch (change.type()) {
        case STARTED -> throw new IllegalArgumentException(
            "a conversation starts with Lifecycle.start or followUp, not by evolving an existing one");
        case MESSAGE_APPENDED -> message((DomainEvent.MessageAppended) change, at);
        case STATUS_CHANGED -> status(((DomainEvent.StatusChanged) change).to(), at);
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
        case METADATA_CHANGED -> metadata((DomainEvent.MetadataChanged) change);
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

    /** A message counts, becomes the preview, and an agent's message restarts the wait for the customer. */
    private void message(DomainEvent.MessageAppended m, Instant at) {
      Option<Instant> when = Option.some(at);
      messageCount++;
      next.messageCount(messageCount).lastMessageAt(when).lastMessagePreview(m.preview());
      if (m.author() == Actor.CUSTOMER) {
        next.lastCustomerMessageAt(when);
      } else if (m.author() == Actor.AI_AGENT || m.author() == Actor.HUMAN_AGENT) {
        next.lastAgentMessageAt(when);
        if (firstReplyAt.isEmpty()) {
          firstReplyAt = when;
          next.firstReplyAt(when);
        }
        if (status == Status.WAITING) {
          next.waitingSince(when);
        }
      }
    }

    /** A new state: waiting starts now if it is WAITING, and a snooze ends when it leaves SNOOZED. */
    private void status(Status to, Instant at) {
      status = to;
      next.status(to).waitingSince(to == Status.WAITING ? Option.some(at) : Option.none());
      if (to != Status.SNOOZED) {
        next.snoozedUntil(Option.none());
      }
    }

    private void metadata(DomainEvent.MetadataChanged m) {
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
}
