package dev.conversation.domain;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * A conversation's header: everything about a threaded exchange with one customer on one
 * channel except the messages themselves, which are {@link Message}s referring to it by id.
 *
 * <p>Immutable and thread-safe. Change it only through {@link Lifecycle}, which guards every
 * move with the {@link TransitionTable} and raises the version by one per accepted change. The
 * {@link #builder()} exists for stores that rebuild a conversation from storage; it enforces
 * the structural invariants (see {@link #builder()}) but not the lifecycle's history rules.
 */
@Value.Immutable
public abstract class Conversation {

  Conversation() {}

  /** Returns a builder for rebuilding a stored conversation. */
  public static Builder builder() {
    return ImmutableConversation.builder();
  }

  /** Returns the conversation's identifier. */
  public abstract ConversationId id();

  /** Returns the tenant it belongs to; every store call is scoped by it. */
  public abstract TenantId tenantId();

  /** Returns the workspace (inbox, brand) it is assigned to. */
  public abstract WorkspaceId workspaceId();

  /** Returns the channel it runs on. */
  public abstract Channel channel();

  /** Returns where the customer is reached on the channel; required by all but web chat. */
  @Value.Default
  public Option<ContactPoint> customerAddress() {
    return Option.none();
  }

  /** Returns the contact, or none while not yet resolved. */
  @Value.Default
  public Option<ContactId> contactId() {
    return Option.none();
  }

  /** Returns the contact's account, or none for B2C or while not yet resolved. */
  @Value.Default
  public Option<AccountId> accountId() {
    return Option.none();
  }

  /** Returns the lifecycle state. */
  public abstract Status status();

  /** Returns the subject line, if any. */
  @Value.Default
  public Option<String> subject() {
    return Option.none();
  }

  /** Returns the AI-generated summary, updated after each turn, if any. */
  @Value.Default
  public Option<String> summary() {
    return Option.none();
  }

  /**
   * Returns the resolution: present while {@link Status#RESOLVED}, absent in every open state,
   * and kept by {@link Status#CLOSED} if the conversation was resolved before it closed.
   */
  @Value.Default
  public Option<Resolution> resolution() {
    return Option.none();
  }

  /** Returns the humans it is handed to; present whenever {@link Status#HUMAN_MANAGED}. */
  @Value.Default
  public Option<Assignee> assignee() {
    return Option.none();
  }

  /** Returns the AI agent configuration handling it, if the host has several. */
  @Value.Default
  public Option<AiAgentId> aiAgentId() {
    return Option.none();
  }

  /** Returns its tags, in the order they were added. */
  @Value.Default
  public Set<Tag> tags() {
    return LinkedHashSet.empty();
  }

  /** Returns its priority; {@link Priority#NORMAL} by default. */
  @Value.Default
  public Priority priority() {
    return Priority.NORMAL;
  }

  /** Returns whether a human starred it. */
  @Value.Default
  public boolean starred() {
    return false;
  }

  /** Returns whether notifications for it are muted. */
  @Value.Default
  public boolean muted() {
    return false;
  }

  /** Returns up to when the host's agents have read it. */
  @Value.Default
  public Option<Instant> agentsReadUpTo() {
    return Option.none();
  }

  /** Returns up to when the customer has read it. */
  @Value.Default
  public Option<Instant> customerReadUpTo() {
    return Option.none();
  }

  /** Returns the time of the latest customer message, if any. */
  @Value.Default
  public Option<Instant> lastCustomerMessageAt() {
    return Option.none();
  }

  /** Returns the time of the latest AI or human agent message, if any. */
  @Value.Default
  public Option<Instant> lastAgentMessageAt() {
    return Option.none();
  }

  /** Returns how many messages the conversation holds. */
  @Value.Default
  public int messageCount() {
    return 0;
  }

  /** Returns the first {@value Limits#PREVIEW} characters of the latest message, if any. */
  @Value.Default
  public Option<String> lastMessagePreview() {
    return Option.none();
  }

  /** Returns the time of the latest message; none before the first message. */
  @Value.Default
  public Option<Instant> lastMessageAt() {
    return Option.none();
  }

  /** Returns when an agent (AI or human) first replied, if one has. */
  @Value.Default
  public Option<Instant> firstReplyAt() {
    return Option.none();
  }

  /** Returns since when it has been {@link Status#WAITING} for the customer, while it is. */
  @Value.Default
  public Option<Instant> waitingSince() {
    return Option.none();
  }

  /** Returns until when it is snoozed; present exactly while {@link Status#SNOOZED}. */
  @Value.Default
  public Option<Instant> snoozedUntil() {
    return Option.none();
  }

  /** Returns every attention item ever raised, open or cleared, oldest first. */
  @Value.Default
  public Seq<AttentionItem> attention() {
    return List.empty();
  }

  /** Returns the closed conversation this one follows up, if it is a follow-up. */
  @Value.Default
  public Option<ConversationId> followUpOf() {
    return Option.none();
  }

  /** Returns when it was created. */
  public abstract Instant createdAt();

  /** Returns when it last changed; never before {@link #createdAt()}, never goes backwards. */
  public abstract Instant updatedAt();

  /** Returns its version: 1 when started, plus one per accepted change. */
  public abstract long version();

  /**
   * Returns who owns the conversation: {@link Actor#HUMAN_AGENT} when it has an assignee,
   * otherwise {@link Actor#AI_AGENT}.
   */
  public final Actor owner() {
    return assignee().isDefined() ? Actor.HUMAN_AGENT : Actor.AI_AGENT;
  }

  /**
   * Returns whether the given side has something unread: for {@link ReadSide#AGENTS}, a
   * customer message after the agents' read marker; for {@link ReadSide#CUSTOMER}, an agent
   * message after the customer's.
   */
  public final boolean unread(ReadSide side) {
    Option<Instant> latest =
        side == ReadSide.AGENTS ? lastCustomerMessageAt() : lastAgentMessageAt();
    Option<Instant> marker = side == ReadSide.AGENTS ? agentsReadUpTo() : customerReadUpTo();
    return latest.exists(at -> marker.forAll(read -> at.isAfter(read)));
  }

  /** Returns the attention items not yet cleared. */
  public final Seq<AttentionItem> openAttention() {
    return attention().filter(AttentionItem::isOpen);
  }

  /** Returns whether the customer spoke last (or nobody has spoken): the agents' turn. */
  final boolean agentsTurn() {
    return agentsTurn(lastCustomerMessageAt(), lastAgentMessageAt());
  }

  static boolean agentsTurn(Option<Instant> lastCustomer, Option<Instant> lastAgent) {
    return lastAgent.forAll(agent -> lastCustomer.exists(customer -> !customer.isBefore(agent)));
  }

  /**
   * The structural rules. Messages are built only when a rule is broken: this runs on every
   * decision, and eager string concatenation here once cost several hundred bytes per decision.
   */
  @Value.Check
  final void check() {
    Status status = status();
    int messages = messageCount();
    if (version() < 1) {
      throw broken("version must be >= 1, was " + version());
    }
    if (messages < 0) {
      throw broken("messageCount must be >= 0, was " + messages);
    }
    if (updatedAt().isBefore(createdAt())) {
      throw broken("updatedAt must not be before createdAt");
    }
    if (lastMessageAt().isDefined() != (messages > 0) || lastMessagePreview().isDefined() != (messages > 0)) {
      throw broken("lastMessageAt and lastMessagePreview must be present exactly when messageCount > 0");
    }
    if (status == Status.RESOLVED ? resolution().isEmpty() : status != Status.CLOSED && resolution().isDefined()) {
      throw broken("resolution must be present when RESOLVED and absent in open states (status " + status + ")");
    }
    if (status == Status.HUMAN_MANAGED && assignee().isEmpty()) {
      throw broken("a HUMAN_MANAGED conversation needs an assignee");
    }
    if ((status == Status.WAITING) != waitingSince().isDefined()) {
      throw broken("waitingSince must be present exactly when WAITING (status " + status + ")");
    }
    if (assignee().isDefined() && (status == Status.NEW || status == Status.ACTIVE || status == Status.WAITING)) {
      throw broken("an AI-managed conversation (NEW, ACTIVE, WAITING) has no assignee (status " + status + ")");
    }
    if ((status == Status.SNOOZED) != snoozedUntil().isDefined()) {
      throw broken("snoozedUntil must be present exactly when SNOOZED (status " + status + ")");
    }
    Option<ContactPoint.Kind> required = channel().type().requires();
    if (required.isDefined() && (customerAddress().isEmpty() || customerAddress().get().kind() != required.get())) {
      throw broken("channel " + channel().type() + " needs a customer address of kind " + required.get().name());
    }
    if (tags().size() > Limits.MAX_TAGS) {
      throw broken("at most " + Limits.MAX_TAGS + " tags");
    }
    Seq<AttentionItem> items = attention();
    if (items.size() > 1 && items.map(AttentionItem::id).distinct().size() != items.size()) {
      throw broken("attention item ids must be unique");
    }
    if (subject().isDefined()) {
      Text.requireText("subject", subject().get(), Limits.MAX_SUBJECT);
    }
    if (summary().isDefined()) {
      Text.requireText("summary", summary().get(), Limits.MAX_SUMMARY);
    }
  }

  private static IllegalArgumentException broken(String message) {
    return new IllegalArgumentException(message);
  }

  /**
   * Builds a {@link Conversation}. {@code build()} throws {@link IllegalStateException} naming
   * missing required attributes (a setter given {@code null} throws {@link NullPointerException}
   * naming it) and {@link IllegalArgumentException} naming a broken structural
   * invariant (for example a {@code HUMAN_MANAGED} conversation without an assignee).
   */
  public interface Builder {
    /** Copies every attribute of {@code instance}. */
    Builder from(Conversation instance);

    /** Sets the attribute of the same name. */
    Builder id(ConversationId id);

    /** Sets the attribute of the same name. */
    Builder tenantId(TenantId tenantId);

    /** Sets the attribute of the same name. */
    Builder workspaceId(WorkspaceId workspaceId);

    /** Sets the attribute of the same name. */
    Builder channel(Channel channel);

    /** Sets the attribute of the same name. */
    Builder customerAddress(Option<ContactPoint> customerAddress);

    /** Sets the attribute of the same name. */
    Builder contactId(Option<ContactId> contactId);

    /** Sets the attribute of the same name. */
    Builder accountId(Option<AccountId> accountId);

    /** Sets the attribute of the same name. */
    Builder status(Status status);

    /** Sets the attribute of the same name. */
    Builder subject(Option<String> subject);

    /** Sets the attribute of the same name. */
    Builder summary(Option<String> summary);

    /** Sets the attribute of the same name. */
    Builder resolution(Option<Resolution> resolution);

    /** Sets the attribute of the same name. */
    Builder assignee(Option<Assignee> assignee);

    /** Sets the attribute of the same name. */
    Builder aiAgentId(Option<AiAgentId> aiAgentId);

    /** Sets the attribute of the same name. */
    Builder tags(Set<Tag> tags);

    /** Sets the attribute of the same name. */
    Builder priority(Priority priority);

    /** Sets the attribute of the same name. */
    Builder starred(boolean starred);

    /** Sets the attribute of the same name. */
    Builder muted(boolean muted);

    /** Sets the attribute of the same name. */
    Builder agentsReadUpTo(Option<Instant> agentsReadUpTo);

    /** Sets the attribute of the same name. */
    Builder customerReadUpTo(Option<Instant> customerReadUpTo);

    /** Sets the attribute of the same name. */
    Builder lastCustomerMessageAt(Option<Instant> lastCustomerMessageAt);

    /** Sets the attribute of the same name. */
    Builder lastAgentMessageAt(Option<Instant> lastAgentMessageAt);

    /** Sets the attribute of the same name. */
    Builder messageCount(int messageCount);

    /** Sets the attribute of the same name. */
    Builder lastMessagePreview(Option<String> lastMessagePreview);

    /** Sets the attribute of the same name. */
    Builder lastMessageAt(Option<Instant> lastMessageAt);

    /** Sets the attribute of the same name. */
    Builder firstReplyAt(Option<Instant> firstReplyAt);

    /** Sets the attribute of the same name. */
    Builder waitingSince(Option<Instant> waitingSince);

    /** Sets the attribute of the same name. */
    Builder snoozedUntil(Option<Instant> snoozedUntil);

    /** Sets the attribute of the same name. */
    Builder attention(Seq<AttentionItem> attention);

    /** Sets the attribute of the same name. */
    Builder followUpOf(Option<ConversationId> followUpOf);

    /** Sets the attribute of the same name. */
    Builder createdAt(Instant createdAt);

    /** Sets the attribute of the same name. */
    Builder updatedAt(Instant updatedAt);

    /** Sets the attribute of the same name. */
    Builder version(long version);

    /** Returns the conversation; throws as described on {@link Builder}. */
    Conversation build();
  }
}
