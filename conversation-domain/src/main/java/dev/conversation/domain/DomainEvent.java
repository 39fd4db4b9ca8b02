package dev.conversation.domain;

import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a conversation, emitted by an accepted {@link Decision}: the
 * envelope (which conversation, which version, when, by whom) and the {@link Change}.
 * Immutable and thread-safe.
 *
 * <p>Every kind of change has a stable, documented {@link Type#wireName() name} (for example
 * {@code conversation.handed-off}) that stores, the outbox and relays use instead of class
 * names, so stored and delivered events outlive refactorings. {@link #SCHEMA} versions the
 * fields each kind carries.
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

  /**
   * The version of the events' fields: 2 since message events carry the preview and metadata
   * events carry the new values. Events stored under schema 1 read back with those absent.
   */
  public static final int SCHEMA = 2;

  /** Returns the stable name of this event's kind; shorthand for {@code change().type()}. */
  public Type type() {
    return change.type();
  }

  /**
   * The kinds of change, each with the stable name stored and sent for it. Never rename a
   * {@link #wireName()}: events stored and relayed under it must keep reading.
   */
  public enum Type {
    /** {@link Started}. */
    STARTED("conversation.started"),
    /** {@link MessageAppended}. */
    MESSAGE_APPENDED("conversation.message-appended"),
    /** {@link NoteAdded}. */
    NOTE_ADDED("conversation.note-added"),
    /** {@link DeliveryChanged}. */
    DELIVERY_CHANGED("conversation.delivery-changed"),
    /** {@link StatusChanged}. */
    STATUS_CHANGED("conversation.status-changed"),
    /** {@link HandedOff}. */
    HANDED_OFF("conversation.handed-off"),
    /** {@link ReturnedToAi}. */
    RETURNED_TO_AI("conversation.returned-to-ai"),
    /** {@link Resolved}. */
    RESOLVED("conversation.resolved"),
    /** {@link Reopened}. */
    REOPENED("conversation.reopened"),
    /** {@link Closed}. */
    CLOSED("conversation.closed"),
    /** {@link Snoozed}. */
    SNOOZED("conversation.snoozed"),
    /** {@link Woke}. */
    WOKE("conversation.woke"),
    /** {@link AttentionRaised}. */
    ATTENTION_RAISED("conversation.attention-raised"),
    /** {@link AttentionCleared}. */
    ATTENTION_CLEARED("conversation.attention-cleared"),
    /** {@link MetadataChanged}. */
    METADATA_CHANGED("conversation.metadata-changed"),
    /** {@link MarkedRead}. */
    MARKED_READ("conversation.marked-read"),
    /** {@link Erased}. */
    ERASED("conversation.erased");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /** Returns the stable name, for example {@code conversation.handed-off}. */
    public String wireName() {
      return wireName;
    }

    /** Returns the type with this {@link #wireName()}, or none for a name this version does not know. */
    public static Option<Type> ofWireName(String name) {
      Objects.requireNonNull(name, "name");
      for (Type type : values()) {
        if (type.wireName.equals(name)) {
          return Option.some(type);
        }
      }
      return Option.none();
    }
  }

  /** What happened. */
  public sealed interface Change {
    /** Returns the kind of change, with its stable name. */
    Type type();
  }

  /**
   * The conversation was started.
   *
   * @param status its first state (always {@link Status#NEW})
   * @param followUpOf the closed conversation it follows up, if any
   */
  public record Started(Status status, io.vavr.control.Option<ConversationId> followUpOf) implements Change {
    @Override
    public Type type() {
      return Type.STARTED;
    }
  }

  /**
   * A message was appended.
   *
   * @param messageId the message
   * @param author who wrote it
   * @param preview the first {@value Limits#PREVIEW} characters of its content, which become the
   *     conversation's last-message preview; none only for events stored under schema 1
   */
  public record MessageAppended(MessageId messageId, Actor author, Option<String> preview) implements Change {
    /** Creates the event; every component is required. */
    public MessageAppended {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(preview, "preview");
    }

    @Override
    public Type type() {
      return Type.MESSAGE_APPENDED;
    }
  }

  /**
   * An internal note was added to the thread: for the staff only, so a relay that forwards
   * messages to customers never mistakes it for one.
   *
   * @param messageId the note
   * @param author who wrote it (never the customer)
   * @param preview the first {@value Limits#PREVIEW} characters of its content
   */
  public record NoteAdded(MessageId messageId, Actor author, String preview) implements Change {
    /** Creates the event; every component is required. */
    public NoteAdded {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(author, "author");
      Objects.requireNonNull(preview, "preview");
    }

    @Override
    public Type type() {
      return Type.NOTE_ADDED;
    }
  }

  /**
   * The state changed.
   *
   * @param from the previous state
   * @param to the new state
   */
  public record StatusChanged(Status from, Status to) implements Change {
    @Override
    public Type type() {
      return Type.STATUS_CHANGED;
    }
  }

  /**
   * The conversation was handed to humans (by a hand-off, or by a human replying).
   *
   * @param assignee who has it now
   * @param reason why
   */
  public record HandedOff(Assignee assignee, String reason) implements Change {
    @Override
    public Type type() {
      return Type.HANDED_OFF;
    }
  }

  /** A human returned the conversation to the AI agent. */
  public record ReturnedToAi() implements Change {
    @Override
    public Type type() {
      return Type.RETURNED_TO_AI;
    }
  }

  /**
   * The conversation was resolved.
   *
   * @param resolution the outcome and the resolver
   */
  public record Resolved(Resolution resolution) implements Change {
    @Override
    public Type type() {
      return Type.RESOLVED;
    }
  }

  /** A resolved conversation was reopened. */
  public record Reopened() implements Change {
    @Override
    public Type type() {
      return Type.REOPENED;
    }
  }

  /** The conversation was closed. */
  public record Closed() implements Change {
    @Override
    public Type type() {
      return Type.CLOSED;
    }
  }

  /**
   * The conversation was snoozed.
   *
   * @param until when it wakes
   */
  public record Snoozed(Instant until) implements Change {
    @Override
    public Type type() {
      return Type.SNOOZED;
    }
  }

  /** A snoozed conversation woke. */
  public record Woke() implements Change {
    @Override
    public Type type() {
      return Type.WOKE;
    }
  }

  /**
   * A channel receipt moved an outbound message's delivery status (or bound the provider's id to
   * it). The message itself is stored with the new status; the header does not change.
   *
   * @param messageId the message
   * @param delivery its delivery status now
   */
  public record DeliveryChanged(MessageId messageId, Delivery delivery) implements Change {
    @Override
    public Type type() {
      return Type.DELIVERY_CHANGED;
    }
  }

  /**
   * An attention item was raised.
   *
   * @param item the item
   */
  public record AttentionRaised(AttentionItem item) implements Change {
    @Override
    public Type type() {
      return Type.ATTENTION_RAISED;
    }
  }

  /**
   * An attention item was cleared.
   *
   * @param id the item
   */
  public record AttentionCleared(AttentionId id) implements Change {
    @Override
    public Type type() {
      return Type.ATTENTION_CLEARED;
    }
  }

  /**
   * Metadata changed: the names of the attributes that changed and, for each, its new value
   * (absent for an attribute that did not change, and for every attribute of an event stored
   * under schema 1, which kept only the names).
   *
   * @param fields the names of the attributes that changed (for example {@code tags}), in the
   *     order {@code subject, summary, tags, priority, starred, muted, contactId, accountId}
   * @param subject the new subject
   * @param summary the new summary
   * @param tags the conversation's tags after the change
   * @param priority the new priority
   * @param starred the new star
   * @param muted the new mute
   * @param contactId the newly linked contact
   * @param accountId the newly linked account
   */
  public record MetadataChanged(
      Set<String> fields,
      Option<String> subject,
      Option<String> summary,
      Option<Set<Tag>> tags,
      Option<Priority> priority,
      Option<Boolean> starred,
      Option<Boolean> muted,
      Option<ContactId> contactId,
      Option<AccountId> accountId)
      implements Change {

    /** Creates the event; every component is required. */
    public MetadataChanged {
      Objects.requireNonNull(fields, "fields");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(tags, "tags");
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(starred, "starred");
      Objects.requireNonNull(muted, "muted");
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(accountId, "accountId");
    }

    /**
     * Returns the event for the given new values (absent: unchanged), naming exactly the
     * attributes given, in the documented order.
     */
    public static MetadataChanged of(Option<String> subject, Option<String> summary, Option<Set<Tag>> tags,
        Option<Priority> priority, Option<Boolean> starred, Option<Boolean> muted, Option<ContactId> contactId,
        Option<AccountId> accountId) {
      java.util.LinkedHashMap<String, Option<?>> values = new java.util.LinkedHashMap<>();
      values.put("subject", subject);
      values.put("summary", summary);
      values.put("tags", tags);
      values.put("priority", priority);
      values.put("starred", starred);
      values.put("muted", muted);
      values.put("contactId", contactId);
      values.put("accountId", accountId);
      Set<String> fields = io.vavr.collection.LinkedHashSet.empty();
      for (java.util.Map.Entry<String, Option<?>> value : values.entrySet()) {
        if (Objects.requireNonNull(value.getValue(), value.getKey()).isDefined()) {
          fields = fields.add(value.getKey());
        }
      }
      return new MetadataChanged(fields, subject, summary, tags, priority, starred, muted, contactId, accountId);
    }

    /** Returns an event that names the changed attributes only, as schema 1 stored it. */
    public static MetadataChanged namesOnly(Set<String> fields) {
      return new MetadataChanged(fields, Option.none(), Option.none(), Option.none(), Option.none(),
          Option.none(), Option.none(), Option.none(), Option.none());
    }

    @Override
    public Type type() {
      return Type.METADATA_CHANGED;
    }
  }

  /**
   * One side read the conversation.
   *
   * @param side which side
   * @param upTo up to when
   */
  public record MarkedRead(ReadSide side, Instant upTo) implements Change {
    @Override
    public Type type() {
      return Type.MARKED_READ;
    }
  }

  /**
   * The personal data of the conversation was erased ({@link Erasure}): its messages' contents,
   * attachments' names and locations, subject, summary, preview, the customer's address and the
   * link to the contact were replaced or removed, and so were those strings in its earlier events.
   * Carries no personal data.
   */
  public record Erased() implements Change {
    @Override
    public Type type() {
      return Type.ERASED;
    }
  }
}
