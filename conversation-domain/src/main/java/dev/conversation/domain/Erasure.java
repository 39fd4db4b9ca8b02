package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Erasing a person's data from a conversation (GDPR art. 17): what is replaced by the
 * {@link #MARKER}, what is removed, and what is kept as the skeleton for reporting. Pure; a store
 * applies it to the header, every message and every event of a conversation in one transaction
 * ({@code ConversationStore.erase}).
 *
 * <table>
 *   <caption>What an erasure does</caption>
 *   <tr><th>where</th><th>replaced by the marker</th><th>removed</th></tr>
 *   <tr><td>header</td><td>subject, summary, last-message preview, resolution outcome, attention
 *       notes; the customer's address (by {@link #address}, of the same kind)</td><td>the link to
 *       the contact</td></tr>
 *   <tr><td>message</td><td>content (an attachments-only message stays empty), each attachment's
 *       name and location, a delivery failure reason</td><td>attachment captions</td></tr>
 *   <tr><td>event</td><td>message and note previews, hand-off reasons, resolution outcomes,
 *       attention notes, delivery failure reasons, subject and summary changes</td><td></td></tr>
 * </table>
 *
 * <p>Kept: ids, statuses, times, counts, channel, tags, priority, the account, who wrote, resolved
 * or was assigned (staff and AI agents), citations (the business's own sources), media types and
 * sizes, delivery statuses, provider message ids. Erasing twice changes nothing the second time.
 */
public final class Erasure {

  /** What erased text reads as. */
  public static final String MARKER = "[erased]";

  /**
   * What an erased customer address reads as, by kind (a channel that needs an address keeps one
   * of its kind): a phone number under country code 999 (reserved by the ITU), an address in the
   * {@code .invalid} domain (reserved by RFC 2606), and the marker as a handle.
   */
  public static ContactPoint address(ContactPoint.Kind kind) {
    return switch (Objects.requireNonNull(kind, "kind")) {
      case PHONE -> ERASED_PHONE;
      case EMAIL -> ERASED_EMAIL;
      case HANDLE -> ERASED_HANDLE;
    };
  }

  private static final ContactPoint ERASED_PHONE = new PhoneNumber("+9990000000");
  private static final ContactPoint ERASED_EMAIL = new EmailAddress("erased@erased.invalid");
  private static final ContactPoint ERASED_HANDLE = new Handle(MARKER);

  private Erasure() {}

  /** Returns the header with its personal data erased; version and times unchanged. */
  public static Conversation header(Conversation c) {
    Objects.requireNonNull(c, "c");
    return Conversation.builder().from(c)
        .customerAddress(c.customerAddress().map(a -> address(a.kind())))
        .contactId(Option.none())
        .subject(c.subject().map(s -> MARKER))
        .summary(c.summary().map(s -> MARKER))
        .lastMessagePreview(c.lastMessagePreview().map(s -> MARKER))
        .resolution(c.resolution().map(Erasure::resolution))
        .attention(c.attention().map(Erasure::item))
        .build();
  }

  /** Returns the message with its personal data erased. */
  public static Message message(Message m) {
    Objects.requireNonNull(m, "m");
    return Message.builder().from(m)
        .content(m.content().isEmpty() ? "" : MARKER)
        .attachments(m.attachments().map(a -> new Attachment(MARKER, a.mediaType(), a.size(), MARKER, Option.none())))
        .delivery(m.delivery().map(Erasure::delivery))
        .build();
  }

  /** Returns the event with the personal data it carries erased. */
  public static DomainEvent event(DomainEvent e) {
    Objects.requireNonNull(e, "e");
    DomainEvent.Change c = e.change();
    DomainEvent.Change change = switch (c.type()) {
      case MESSAGE_APPENDED -> {
        DomainEvent.MessageAppended m = (DomainEvent.MessageAppended) c;
        yield new DomainEvent.MessageAppended(m.messageId(), m.author(), m.preview().map(p -> MARKER));
      }
      case NOTE_ADDED -> {
        DomainEvent.NoteAdded n = (DomainEvent.NoteAdded) c;
        yield new DomainEvent.NoteAdded(n.messageId(), n.author(), MARKER);
      }
      case HANDED_OFF -> new DomainEvent.HandedOff(((DomainEvent.HandedOff) c).assignee(), MARKER);
      case RESOLVED -> new DomainEvent.Resolved(resolution(((DomainEvent.Resolved) c).resolution()));
      case ATTENTION_RAISED -> new DomainEvent.AttentionRaised(item(((DomainEvent.AttentionRaised) c).item()));
      case DELIVERY_CHANGED -> {
        DomainEvent.DeliveryChanged d = (DomainEvent.DeliveryChanged) c;
        yield new DomainEvent.DeliveryChanged(d.messageId(), delivery(d.delivery()));
      }
      case METADATA_CHANGED -> {
        DomainEvent.MetadataChanged m = (DomainEvent.MetadataChanged) c;
        yield new DomainEvent.MetadataChanged(m.fields(), m.subject().map(s -> MARKER), m.summary().map(s -> MARKER),
            m.tags(), m.priority(), m.starred(), m.muted(), m.contactId(), m.accountId());
      }
      default -> c;
    };
    return change.equals(e.change()) ? e : new DomainEvent(e.conversationId(), e.tenantId(), e.version(), e.at(), e.by(), change);
  }

  /**
   * Returns the decision that erases the conversation's header: the erased header at the next
   * version with an {@link DomainEvent.Erased} event by the system at {@code at}. Its update time is
   * kept: an erasure is not activity.
   */
  public static Decision decide(Conversation c, Instant at) {
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(at, "at");
    DomainEvent erased = new DomainEvent(c.id(), c.tenantId(), c.version() + 1, at, Participant.system(),
        new DomainEvent.Erased());
    return new Decision(Evolve.evolve(c, List.of(erased)), List.empty(), List.of(erased));
  }

  /** Whether the header holds no personal data {@link #header} would erase. */
  public static boolean isErased(Conversation c) {
    return header(c).equals(c);
  }

  private static Resolution resolution(Resolution r) {
    return new Resolution(MARKER, r.resolver(), r.resolvedAt());
  }

  private static AttentionItem item(AttentionItem i) {
    return new AttentionItem(i.id(), i.kind(), MARKER, i.raisedBy(), i.raisedAt(), i.clearedAt());
  }

  private static Delivery delivery(Delivery d) {
    return new Delivery(d.status(), d.providerMessageId(), d.failureReason().map(r -> MARKER), d.updatedAt());
  }
}
