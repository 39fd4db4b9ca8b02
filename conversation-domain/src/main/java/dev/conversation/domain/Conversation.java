package dev.conversation.domain;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A conversation's header: everything about a threaded exchange with one customer on one
 * channel except the messages themselves, which are {@link Message}s referring to it by id.
 *
 * <p>Immutable and thread-safe. Change it only through {@link Lifecycle}, which guards every
 * move with the {@link TransitionTable} and raises the version by one per accepted change. The
 * {@link #builder()} exists for stores that rebuild a conversation from storage; it enforces
 * the structural invariants (see {@link Builder}) but not the lifecycle's history rules.
 *
 * <p>Written by hand rather than generated, to keep a header small and a decision cheap: optional
 * attributes are kept as plain (package-private, nullable) fields and handed out as
 * {@link Option}s, and the lifecycle builds the next header with one constructor call,
 * re-checking only the text that changed.
 */
public final class Conversation {

  final ConversationId id;
  final TenantId tenantId;
  /**
   * The workspace's id as its text, wrapped on access: a 16-byte record less per header. The
   * contact, account and AI-agent ids are kept the same way; the conversation's own id is not
   * (every event carries it).
   */
  final String workspaceId;
  final Channel channel;
  final @Nullable ContactPoint customerAddress;
  final @Nullable String contactId;
  final @Nullable String accountId;
  final Status status;
  final @Nullable String subject;
  final @Nullable String summary;
  final @Nullable Resolution resolution;
  final @Nullable Assignee assignee;
  final @Nullable String aiAgentId;
  /**
   * The tags' texts in the order added, no repeats; an array of strings (not a Vavr set of tags:
   * about 280 bytes less per header). Never mutated.
   */
  final String[] tags;
  final Priority priority;
  final boolean starred;
  final boolean muted;
  final @Nullable Instant agentsReadUpTo;
  final @Nullable Instant customerReadUpTo;
  final @Nullable Instant lastCustomerMessageAt;
  final @Nullable Instant lastAgentMessageAt;
  final int messageCount;
  final @Nullable String lastMessagePreview;
  final @Nullable Instant lastMessageAt;
  final @Nullable Instant firstReplyAt;
  final @Nullable Instant awaitingReplySince;
  final @Nullable Instant aiTurnSince;
  final @Nullable Instant waitingSince;
  final @Nullable Instant snoozedUntil;
  final Seq<AttentionItem> attention;
  final @Nullable ConversationId followUpOf;
  final Instant createdAt;
  final Instant updatedAt;
  final long version;

  private Conversation(Draft d, boolean checkTexts) {
    this.id = d.id;
    this.tenantId = d.tenantId;
    this.workspaceId = d.workspaceId.value();
    this.channel = d.channel;
    this.customerAddress = d.customerAddress;
    this.contactId = d.contactId == null ? null : d.contactId.value();
    this.accountId = d.accountId == null ? null : d.accountId.value();
    this.status = d.status;
    this.subject = d.subject;
    this.summary = d.summary;
    this.resolution = d.resolution;
    this.assignee = d.assignee;
    this.aiAgentId = d.aiAgentId == null ? null : d.aiAgentId.value();
    this.tags = tagArray(d.tags);
    this.priority = d.priority;
    this.starred = d.starred;
    this.muted = d.muted;
    this.agentsReadUpTo = d.agentsReadUpTo;
    this.customerReadUpTo = d.customerReadUpTo;
    this.lastCustomerMessageAt = d.lastCustomerMessageAt;
    this.lastAgentMessageAt = d.lastAgentMessageAt;
    this.messageCount = d.messageCount;
    this.lastMessagePreview = d.lastMessagePreview;
    this.lastMessageAt = d.lastMessageAt;
    this.firstReplyAt = d.firstReplyAt;
    this.awaitingReplySince = d.awaitingReplySinceOrDerived();
    this.aiTurnSince = d.aiTurnSinceOrDerived(this.awaitingReplySince);
    this.waitingSince = d.waitingSince;
    this.snoozedUntil = d.snoozedUntil;
    this.attention = d.attention;
    this.followUpOf = d.followUpOf;
    this.createdAt = d.createdAt;
    this.updatedAt = d.updatedAt;
    this.version = d.version;
    check(checkTexts);
  }

  /**
   * The lifecycle's next header: {@code base}'s identity and origin with every attribute a
   * decision can change given anew, in one constructor call (no builder, no draft object).
   */
  Conversation(Conversation base,
      Status status,
      @Nullable String subject,
      @Nullable String summary,
      @Nullable Resolution resolution,
      @Nullable Assignee assignee,
      @Nullable String contactId,
      @Nullable String accountId,
      String[] tags,
      Priority priority,
      boolean starred,
      boolean muted,
      @Nullable Instant agentsReadUpTo,
      @Nullable Instant customerReadUpTo,
      @Nullable Instant lastCustomerMessageAt,
      @Nullable Instant lastAgentMessageAt,
      int messageCount,
      @Nullable String lastMessagePreview,
      @Nullable Instant lastMessageAt,
      @Nullable Instant firstReplyAt,
      @Nullable Instant awaitingReplySince,
      @Nullable Instant aiTurnSince,
      @Nullable Instant waitingSince,
      @Nullable Instant snoozedUntil,
      Seq<AttentionItem> attention,
      Instant updatedAt,
      long version,
      boolean checkTexts) {
    this.id = base.id;
    this.tenantId = base.tenantId;
    this.workspaceId = base.workspaceId;
    this.channel = base.channel;
    this.customerAddress = base.customerAddress;
    this.aiAgentId = base.aiAgentId;
    this.followUpOf = base.followUpOf;
    this.createdAt = base.createdAt;
    this.status = status;
    this.subject = subject;
    this.summary = summary;
    this.resolution = resolution;
    this.assignee = assignee;
    this.contactId = contactId;
    this.accountId = accountId;
    this.tags = tags;
    this.priority = priority;
    this.starred = starred;
    this.muted = muted;
    this.agentsReadUpTo = agentsReadUpTo;
    this.customerReadUpTo = customerReadUpTo;
    this.lastCustomerMessageAt = lastCustomerMessageAt;
    this.lastAgentMessageAt = lastAgentMessageAt;
    this.messageCount = messageCount;
    this.lastMessagePreview = lastMessagePreview;
    this.lastMessageAt = lastMessageAt;
    this.firstReplyAt = firstReplyAt;
    this.awaitingReplySince = awaitingReplySince;
    this.aiTurnSince = aiTurnSince;
    this.waitingSince = waitingSince;
    this.snoozedUntil = snoozedUntil;
    this.attention = attention;
    this.updatedAt = updatedAt;
    this.version = version;
    check(checkTexts);
  }

  /** Returns a builder for rebuilding a stored conversation. */
  public static Builder builder() {
    return new Draft();
  }

  /** Returns the conversation's identifier. */
  public ConversationId id() {
    return id;
  }

  /** Returns the tenant it belongs to; every store call is scoped by it. */
  public TenantId tenantId() {
    return tenantId;
  }

  /** Returns the workspace (inbox, brand) it is assigned to. */
  public WorkspaceId workspaceId() {
    return new WorkspaceId(workspaceId);
  }

  /** Returns the channel it runs on. */
  public Channel channel() {
    return channel;
  }

  /** Returns where the customer is reached on the channel; required by all but web chat. */
  public Option<ContactPoint> customerAddress() {
    return Option.of(customerAddress);
  }

  /** Returns the contact, or none while not yet resolved. */
  public Option<ContactId> contactId() {
    return contactId == null ? Option.none() : Option.some(new ContactId(contactId));
  }

  /** Returns the contact's account, or none for B2C or while not yet resolved. */
  public Option<AccountId> accountId() {
    return accountId == null ? Option.none() : Option.some(new AccountId(accountId));
  }

  /** Returns the lifecycle state. */
  public Status status() {
    return status;
  }

  /** Returns the subject line, if any. */
  public Option<String> subject() {
    return Option.of(subject);
  }

  /** Returns the AI-generated summary, updated after each turn, if any. */
  public Option<String> summary() {
    return Option.of(summary);
  }

  /**
   * Returns the resolution: present while {@link Status#RESOLVED}, absent in every open state,
   * and kept by {@link Status#CLOSED} if the conversation was resolved before it closed.
   */
  public Option<Resolution> resolution() {
    return Option.of(resolution);
  }

  /** Returns the humans it is handed to; present whenever {@link Status#HUMAN_MANAGED}. */
  public Option<Assignee> assignee() {
    return Option.of(assignee);
  }

  /** Returns the AI agent configuration handling it, if the host has several. */
  public Option<AiAgentId> aiAgentId() {
    return aiAgentId == null ? Option.none() : Option.some(new AiAgentId(aiAgentId));
  }

  /** Returns its tags, in the order they were added (a new set on each call). */
  public Set<Tag> tags() {
    if (tags.length == 0) {
      return LinkedHashSet.empty();
    }
    Tag[] wrapped = new Tag[tags.length];
    for (int i = 0; i < tags.length; i++) {
      wrapped[i] = new Tag(tags[i]);
    }
    return LinkedHashSet.of(wrapped);
  }

  /** Whether it has the tag: what a tag filter asks, without building the set. */
  public boolean hasTag(Tag tag) {
    Objects.requireNonNull(tag, "tag");
    for (String t : tags) {
      if (t.equals(tag.value())) {
        return true;
      }
    }
    return false;
  }

  /** No tags: shared by every header without any. */
  private static final String[] NO_TAGS = new String[0];

  /**
   * A tag set as the header holds it: in the set's order, repeats (by {@code equals}, whatever the
   * set's own comparator says) dropped.
   *
   * @throws NullPointerException if a tag is null
   */
  static String[] tagArray(Set<Tag> tags) {
    if (tags.isEmpty()) {
      return NO_TAGS;
    }
    Tag[] array = LinkedHashSet.ofAll(tags).toJavaArray(Tag[]::new);
    String[] texts = new String[array.length];
    for (int i = 0; i < array.length; i++) {
      texts[i] = Objects.requireNonNull(array[i], "tags must not contain null").value();
    }
    return texts;
  }

  /** Whether two tag arrays hold the same tags, in any order (each array has no repeats). */
  private static boolean sameTags(String[] a, String[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (String t : a) {
      boolean found = false;
      for (String u : b) {
        if (t.equals(u)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** Returns its priority; {@link Priority#NORMAL} by default. */
  public Priority priority() {
    return priority;
  }

  /** Returns whether a human starred it. */
  public boolean starred() {
    return starred;
  }

  /** Returns whether notifications for it are muted. */
  public boolean muted() {
    return muted;
  }

  /** Returns up to when the host's agents have read it. */
  public Option<Instant> agentsReadUpTo() {
    return Option.of(agentsReadUpTo);
  }

  /** Returns up to when the customer has read it. */
  public Option<Instant> customerReadUpTo() {
    return Option.of(customerReadUpTo);
  }

  /** Returns the time of the latest customer message, if any. */
  public Option<Instant> lastCustomerMessageAt() {
    return Option.of(lastCustomerMessageAt);
  }

  /** Returns the time of the latest AI or human agent message, if any. */
  public Option<Instant> lastAgentMessageAt() {
    return Option.of(lastAgentMessageAt);
  }

  /** Returns how many messages the conversation holds. */
  public int messageCount() {
    return messageCount;
  }

  /** Returns the first {@value Limits#PREVIEW} characters of the latest message, if any. */
  public Option<String> lastMessagePreview() {
    return Option.of(lastMessagePreview);
  }

  /** Returns the time of the latest message; none before the first message. */
  public Option<Instant> lastMessageAt() {
    return Option.of(lastMessageAt);
  }

  /** Returns when an agent (AI or human) first replied, if one has. */
  public Option<Instant> firstReplyAt() {
    return Option.of(firstReplyAt);
  }

  /**
   * Returns when the customer's oldest message no agent (AI or human) has answered yet was
   * written: present from a customer message after the last agent message until the next agent
   * message. Reply-time SLAs count from it ({@link Lifecycle#timer}); a customer who writes
   * again while waiting does not restart it.
   */
  public Option<Instant> awaitingReplySince() {
    return Option.of(awaitingReplySince);
  }

  /**
   * Returns when the AI agent's current turn began, while it is the AI's turn: the AI owns the
   * conversation (no human or team assigned), it is NEW or ACTIVE, and a customer waits for an
   * answer. The turn begins when that first holds (a customer's message, or the conversation coming
   * back to the AI while the customer waits: a return to the AI, a reopen, a wake) and lasts while
   * it holds; the customer writing again does not begin a new one. A hand-off, a resolve or a
   * snooze ends it, so a turn that comes back is a new turn with a later instant.
   * {@link Lifecycle#aiTurn} returns it.
   */
  public Option<Instant> aiTurnSince() {
    return Option.of(aiTurnSince);
  }

  /** Whether the AI agent owns it, it is NEW or ACTIVE and a customer waits: whether it is the AI's turn. */
  static boolean isAiTurn(Status status, @Nullable Assignee assignee, @Nullable Instant awaitingReplySince) {
    return assignee == null && (status == Status.NEW || status == Status.ACTIVE) && awaitingReplySince != null;
  }

  /** Returns since when it has been {@link Status#WAITING} for the customer, while it is. */
  public Option<Instant> waitingSince() {
    return Option.of(waitingSince);
  }

  /** Returns until when it is snoozed; present exactly while {@link Status#SNOOZED}. */
  public Option<Instant> snoozedUntil() {
    return Option.of(snoozedUntil);
  }

  /** Returns every attention item ever raised, open or cleared, oldest first. */
  public Seq<AttentionItem> attention() {
    return attention;
  }

  /** Returns the closed conversation this one follows up, if it is a follow-up. */
  public Option<ConversationId> followUpOf() {
    return Option.of(followUpOf);
  }

  /** Returns when it was created. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Returns when it last changed; never before {@link #createdAt()}, never goes backwards. */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** Returns its version: 1 when started, plus one per accepted change. */
  public long version() {
    return version;
  }
  /**
   * Returns who owns the conversation: {@link Actor#HUMAN_AGENT} when it has an assignee,
   * otherwise {@link Actor#AI_AGENT}.
   */
  public Actor owner() {
    return assignee != null ? Actor.HUMAN_AGENT : Actor.AI_AGENT;
  }

  /**
   * Returns whether the given side has something unread: for {@link ReadSide#AGENTS}, a
   * customer message after the agents' read marker; for {@link ReadSide#CUSTOMER}, an agent
   * message after the customer's.
   */
  public boolean unread(ReadSide side) {
    Instant latest = side == ReadSide.AGENTS ? lastCustomerMessageAt : lastAgentMessageAt;
    Instant marker = side == ReadSide.AGENTS ? agentsReadUpTo : customerReadUpTo;
    return latest != null && (marker == null || latest.isAfter(marker));
  }

  /** Returns the attention items not yet cleared. */
  public Seq<AttentionItem> openAttention() {
    return attention.filter(AttentionItem::isOpen);
  }

  /** Returns whether the customer spoke last (or nobody has spoken): the agents' turn. */
  boolean agentsTurn() {
    return lastAgentMessageAt == null
        || (lastCustomerMessageAt != null && !lastCustomerMessageAt.isBefore(lastAgentMessageAt));
  }

  /**
   * The structural rules, checked by every build. Messages are built only when a rule is broken:
   * this runs on every decision, and eager string concatenation here once cost several hundred
   * bytes per decision.
   */
  private void check(boolean checkTexts) {
    if (version < 1) {
      throw broken("version must be >= 1, was " + version);
    }
    if (messageCount < 0) {
      throw broken("messageCount must be >= 0, was " + messageCount);
    }
    if (updatedAt.isBefore(createdAt)) {
      throw broken("updatedAt must not be before createdAt");
    }
    if ((lastMessageAt != null) != (messageCount > 0) || (lastMessagePreview != null) != (messageCount > 0)) {
      throw broken("lastMessageAt and lastMessagePreview must be present exactly when messageCount > 0");
    }
    if (status == Status.RESOLVED ? resolution == null : status != Status.CLOSED && resolution != null) {
      throw broken("resolution must be present when RESOLVED and absent in open states (status " + status + ")");
    }
    if (status == Status.HUMAN_MANAGED && assignee == null) {
      throw broken("a HUMAN_MANAGED conversation needs an assignee");
    }
    if ((status == Status.WAITING) != (waitingSince != null)) {
      throw broken("waitingSince must be present exactly when WAITING (status " + status + ")");
    }
    if (awaitingReplySince != null && (lastCustomerMessageAt == null || awaitingReplySince.isAfter(lastCustomerMessageAt)
        || lastAgentMessageAt != null && awaitingReplySince.isBefore(lastAgentMessageAt))) {
      throw broken("awaitingReplySince must lie between the last agent message and the last customer message");
    }
    if ((aiTurnSince != null) != isAiTurn(status, assignee, awaitingReplySince)
        || aiTurnSince != null && aiTurnSince.isBefore(awaitingReplySince)) {
      throw broken("aiTurnSince must be present exactly while it is the AI's turn (the AI owns it, NEW or ACTIVE, a"
          + " customer waits), and not before the wait began");
    }
    if (assignee != null && (status == Status.NEW || status == Status.ACTIVE || status == Status.WAITING)) {
      throw broken("an AI-managed conversation (NEW, ACTIVE, WAITING) has no assignee (status " + status + ")");
    }
    if ((status == Status.SNOOZED) != (snoozedUntil != null)) {
      throw broken("snoozedUntil must be present exactly when SNOOZED (status " + status + ")");
    }
    Option<ContactPoint.Kind> required = channel.type().requires();
    if (required.isDefined() && (customerAddress == null || customerAddress.kind() != required.get())) {
      throw broken("channel " + channel.type() + " needs a customer address of kind " + required.get().name());
    }
    if (tags.length > Limits.MAX_TAGS) {
      throw broken("at most " + Limits.MAX_TAGS + " tags");
    }
    if (attention.size() > 1 && attention.map(AttentionItem::id).distinct().size() != attention.size()) {
      throw broken("attention item ids must be unique");
    }
    if (checkTexts && subject != null) {
      Text.requireText("subject", subject, Limits.MAX_SUBJECT);
    }
    if (checkTexts && summary != null) {
      Text.requireText("summary", summary, Limits.MAX_SUMMARY);
    }
  }

  private static IllegalArgumentException broken(String message) {
    return new IllegalArgumentException(message);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Conversation)) {
      return false;
    }
    Conversation o = (Conversation) other;
    return Objects.equals(id, o.id)
        && Objects.equals(tenantId, o.tenantId)
        && Objects.equals(workspaceId, o.workspaceId)
        && Objects.equals(channel, o.channel)
        && Objects.equals(customerAddress, o.customerAddress)
        && Objects.equals(contactId, o.contactId)
        && Objects.equals(accountId, o.accountId)
        && Objects.equals(status, o.status)
        && Objects.equals(subject, o.subject)
        && Objects.equals(summary, o.summary)
        && Objects.equals(resolution, o.resolution)
        && Objects.equals(assignee, o.assignee)
        && Objects.equals(aiAgentId, o.aiAgentId)
        && sameTags(tags, o.tags)
        && Objects.equals(priority, o.priority)
        && starred == o.starred
        && muted == o.muted
        && Objects.equals(agentsReadUpTo, o.agentsReadUpTo)
        && Objects.equals(customerReadUpTo, o.customerReadUpTo)
        && Objects.equals(lastCustomerMessageAt, o.lastCustomerMessageAt)
        && Objects.equals(lastAgentMessageAt, o.lastAgentMessageAt)
        && messageCount == o.messageCount
        && Objects.equals(lastMessagePreview, o.lastMessagePreview)
        && Objects.equals(lastMessageAt, o.lastMessageAt)
        && Objects.equals(firstReplyAt, o.firstReplyAt)
        && Objects.equals(awaitingReplySince, o.awaitingReplySince)
        && Objects.equals(aiTurnSince, o.aiTurnSince)
        && Objects.equals(waitingSince, o.waitingSince)
        && Objects.equals(snoozedUntil, o.snoozedUntil)
        && Objects.equals(attention, o.attention)
        && Objects.equals(followUpOf, o.followUpOf)
        && Objects.equals(createdAt, o.createdAt)
        && Objects.equals(updatedAt, o.updatedAt)
        && version == o.version;
  }

  /**
   * Hashes the identity and the version: equal conversations agree on them, and two versions of
   * one conversation, or two conversations, rarely share all three.
   */
  @Override
  public int hashCode() {
    return Objects.hash(id, tenantId, version);
  }

  /** Returns every attribute, optional ones as {@code Some(...)} or {@code None}. */
  @Override
  public String toString() {
    return "Conversation{"
        + "id=" + id
        + ", tenantId=" + tenantId
        + ", workspaceId=" + workspaceId
        + ", channel=" + channel
        + ", customerAddress=" + customerAddress()
        + ", contactId=" + contactId()
        + ", accountId=" + accountId()
        + ", status=" + status
        + ", subject=" + subject()
        + ", summary=" + summary()
        + ", resolution=" + resolution()
        + ", assignee=" + assignee()
        + ", aiAgentId=" + aiAgentId()
        + ", tags=" + tags()
        + ", priority=" + priority
        + ", starred=" + starred
        + ", muted=" + muted
        + ", agentsReadUpTo=" + agentsReadUpTo()
        + ", customerReadUpTo=" + customerReadUpTo()
        + ", lastCustomerMessageAt=" + lastCustomerMessageAt()
        + ", lastAgentMessageAt=" + lastAgentMessageAt()
        + ", messageCount=" + messageCount
        + ", lastMessagePreview=" + lastMessagePreview()
        + ", lastMessageAt=" + lastMessageAt()
        + ", firstReplyAt=" + firstReplyAt()
        + ", awaitingReplySince=" + awaitingReplySince()
        + ", aiTurnSince=" + aiTurnSince()
        + ", waitingSince=" + waitingSince()
        + ", snoozedUntil=" + snoozedUntil()
        + ", attention=" + attention
        + ", followUpOf=" + followUpOf()
        + ", createdAt=" + createdAt
        + ", updatedAt=" + updatedAt
        + ", version=" + version
        + "}";
  }
  /**
   * Builds a {@link Conversation}. {@code build()} throws {@link IllegalStateException} naming
   * missing required attributes (a setter given {@code null} throws {@link NullPointerException}
   * naming it) and {@link IllegalArgumentException} naming a broken structural
   * invariant (for example a {@code HUMAN_MANAGED} conversation without an assignee). Not
   * thread-safe; use it from one thread.
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

    /**
     * Sets the attribute of the same name. When never set, it is derived: the last customer
     * message's time if the customer spoke last, otherwise none (what a stored conversation
     * written before this attribute existed gets).
     */
    Builder awaitingReplySince(Option<Instant> awaitingReplySince);

    /**
     * Sets the attribute of the same name. When never set, it is derived: the time the customer
     * began to wait if it is the AI's turn, otherwise none (what a stored conversation written
     * before this attribute existed gets).
     */
    Builder aiTurnSince(Option<Instant> aiTurnSince);

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

  /** The builder: optional attributes kept as nullable values until {@link #build()}. */
  static final class Draft implements Builder {
    @Nullable ConversationId id;
    @Nullable TenantId tenantId;
    @Nullable WorkspaceId workspaceId;
    @Nullable Channel channel;
    @Nullable ContactPoint customerAddress;
    @Nullable ContactId contactId;
    @Nullable AccountId accountId;
    @Nullable Status status;
    @Nullable String subject;
    @Nullable String summary;
    @Nullable Resolution resolution;
    @Nullable Assignee assignee;
    @Nullable AiAgentId aiAgentId;
    Set<Tag> tags = LinkedHashSet.empty();
    Priority priority = Priority.NORMAL;
    boolean starred = false;
    boolean muted = false;
    @Nullable Instant agentsReadUpTo;
    @Nullable Instant customerReadUpTo;
    @Nullable Instant lastCustomerMessageAt;
    @Nullable Instant lastAgentMessageAt;
    int messageCount = 0;
    @Nullable String lastMessagePreview;
    @Nullable Instant lastMessageAt;
    @Nullable Instant firstReplyAt;
    @Nullable Instant awaitingReplySince;
    private boolean awaitingReplySinceSet;
    @Nullable Instant aiTurnSince;
    private boolean aiTurnSinceSet;
    /** Copied by {@link #from}: kept while it still fits what else is set, derived again otherwise. */
    private boolean aiTurnSinceCopied;
    @Nullable Instant waitingSince;
    @Nullable Instant snoozedUntil;
    Seq<AttentionItem> attention = List.empty();
    @Nullable ConversationId followUpOf;
    @Nullable Instant createdAt;
    @Nullable Instant updatedAt;
    long version;
    private boolean versionSet;

    Draft() {}

    @Override
    public Builder from(Conversation instance) {
      Conversation c = Objects.requireNonNull(instance, "instance");
      this.id = c.id;
      this.tenantId = c.tenantId;
      this.workspaceId = c.workspaceId();
      this.channel = c.channel;
      this.customerAddress = c.customerAddress;
      this.contactId = c.contactId().getOrNull();
      this.accountId = c.accountId().getOrNull();
      this.status = c.status;
      this.subject = c.subject;
      this.summary = c.summary;
      this.resolution = c.resolution;
      this.assignee = c.assignee;
      this.aiAgentId = c.aiAgentId().getOrNull();
      this.tags = c.tags();
      this.priority = c.priority;
      this.starred = c.starred;
      this.muted = c.muted;
      this.agentsReadUpTo = c.agentsReadUpTo;
      this.customerReadUpTo = c.customerReadUpTo;
      this.lastCustomerMessageAt = c.lastCustomerMessageAt;
      this.lastAgentMessageAt = c.lastAgentMessageAt;
      this.messageCount = c.messageCount;
      this.lastMessagePreview = c.lastMessagePreview;
      this.lastMessageAt = c.lastMessageAt;
      this.firstReplyAt = c.firstReplyAt;
      this.awaitingReplySince = c.awaitingReplySince;
      this.awaitingReplySinceSet = true;
      this.aiTurnSince = c.aiTurnSince;
      this.aiTurnSinceCopied = true;
      this.waitingSince = c.waitingSince;
      this.snoozedUntil = c.snoozedUntil;
      this.attention = c.attention;
      this.followUpOf = c.followUpOf;
      this.createdAt = c.createdAt;
      this.updatedAt = c.updatedAt;
      this.version = c.version;
      this.versionSet = true;
      return this;
    }

    @Override
    public Builder id(ConversationId id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    @Override
    public Builder tenantId(TenantId tenantId) {
      this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
      return this;
    }

    @Override
    public Builder workspaceId(WorkspaceId workspaceId) {
      this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
      return this;
    }

    @Override
    public Builder channel(Channel channel) {
      this.channel = Objects.requireNonNull(channel, "channel");
      return this;
    }

    @Override
    public Builder customerAddress(Option<ContactPoint> customerAddress) {
      this.customerAddress = present(customerAddress, "customerAddress");
      return this;
    }

    @Override
    public Builder contactId(Option<ContactId> contactId) {
      this.contactId = present(contactId, "contactId");
      return this;
    }

    @Override
    public Builder accountId(Option<AccountId> accountId) {
      this.accountId = present(accountId, "accountId");
      return this;
    }

    @Override
    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    @Override
    public Builder subject(Option<String> subject) {
      this.subject = present(subject, "subject");
      return this;
    }

    @Override
    public Builder summary(Option<String> summary) {
      this.summary = present(summary, "summary");
      return this;
    }

    @Override
    public Builder resolution(Option<Resolution> resolution) {
      this.resolution = present(resolution, "resolution");
      return this;
    }

    @Override
    public Builder assignee(Option<Assignee> assignee) {
      this.assignee = present(assignee, "assignee");
      return this;
    }

    @Override
    public Builder aiAgentId(Option<AiAgentId> aiAgentId) {
      this.aiAgentId = present(aiAgentId, "aiAgentId");
      return this;
    }

    @Override
    public Builder tags(Set<Tag> tags) {
      this.tags = Objects.requireNonNull(tags, "tags");
      return this;
    }

    @Override
    public Builder priority(Priority priority) {
      this.priority = Objects.requireNonNull(priority, "priority");
      return this;
    }

    @Override
    public Builder starred(boolean starred) {
      this.starred = starred;
      return this;
    }

    @Override
    public Builder muted(boolean muted) {
      this.muted = muted;
      return this;
    }

    @Override
    public Builder agentsReadUpTo(Option<Instant> agentsReadUpTo) {
      this.agentsReadUpTo = present(agentsReadUpTo, "agentsReadUpTo");
      return this;
    }

    @Override
    public Builder customerReadUpTo(Option<Instant> customerReadUpTo) {
      this.customerReadUpTo = present(customerReadUpTo, "customerReadUpTo");
      return this;
    }

    @Override
    public Builder lastCustomerMessageAt(Option<Instant> lastCustomerMessageAt) {
      this.lastCustomerMessageAt = present(lastCustomerMessageAt, "lastCustomerMessageAt");
      return this;
    }

    @Override
    public Builder lastAgentMessageAt(Option<Instant> lastAgentMessageAt) {
      this.lastAgentMessageAt = present(lastAgentMessageAt, "lastAgentMessageAt");
      return this;
    }

    @Override
    public Builder messageCount(int messageCount) {
      this.messageCount = messageCount;
      return this;
    }

    @Override
    public Builder lastMessagePreview(Option<String> lastMessagePreview) {
      this.lastMessagePreview = present(lastMessagePreview, "lastMessagePreview");
      return this;
    }

    @Override
    public Builder lastMessageAt(Option<Instant> lastMessageAt) {
      this.lastMessageAt = present(lastMessageAt, "lastMessageAt");
      return this;
    }

    @Override
    public Builder firstReplyAt(Option<Instant> firstReplyAt) {
      this.firstReplyAt = present(firstReplyAt, "firstReplyAt");
      return this;
    }

    @Override
    public Builder awaitingReplySince(Option<Instant> awaitingReplySince) {
      this.awaitingReplySince = present(awaitingReplySince, "awaitingReplySince");
      this.awaitingReplySinceSet = true;
      return this;
    }

    /** The attribute as set, or derived from the message times when never set. */
    @Nullable Instant awaitingReplySinceOrDerived() {
      if (awaitingReplySinceSet) {
        return awaitingReplySince;
      }
      return lastCustomerMessageAt != null
          && (lastAgentMessageAt == null || !lastCustomerMessageAt.isBefore(lastAgentMessageAt))
          ? lastCustomerMessageAt : null;
    }

    @Override
    public Builder aiTurnSince(Option<Instant> aiTurnSince) {
      this.aiTurnSince = present(aiTurnSince, "aiTurnSince");
      this.aiTurnSinceSet = true;
      return this;
    }

    /**
     * The attribute as set; or, when never set, the time the customer began to wait if it is the
     * AI's turn; a value copied by {@link #from} stays while it still fits the other attributes.
     */
    @Nullable Instant aiTurnSinceOrDerived(@Nullable Instant awaiting) {
      if (aiTurnSinceSet) {
        return aiTurnSince;
      }
      if (status == null || !isAiTurn(status, assignee, awaiting)) {
        return null;
      }
      return aiTurnSinceCopied && aiTurnSince != null && !aiTurnSince.isBefore(awaiting) ? aiTurnSince : awaiting;
    }

    @Override
    public Builder waitingSince(Option<Instant> waitingSince) {
      this.waitingSince = present(waitingSince, "waitingSince");
      return this;
    }

    @Override
    public Builder snoozedUntil(Option<Instant> snoozedUntil) {
      this.snoozedUntil = present(snoozedUntil, "snoozedUntil");
      return this;
    }

    @Override
    public Builder attention(Seq<AttentionItem> attention) {
      this.attention = Objects.requireNonNull(attention, "attention");
      return this;
    }

    @Override
    public Builder followUpOf(Option<ConversationId> followUpOf) {
      this.followUpOf = present(followUpOf, "followUpOf");
      return this;
    }

    @Override
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    @Override
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
      return this;
    }

    @Override
    public Builder version(long version) {
      this.version = version;
      this.versionSet = true;
      return this;
    }

    private IllegalStateException missing() {
      java.util.List<String> missing = new java.util.ArrayList<>();
      if (id == null) {
        missing.add("id");
      }
      if (tenantId == null) {
        missing.add("tenantId");
      }
      if (workspaceId == null) {
        missing.add("workspaceId");
      }
      if (channel == null) {
        missing.add("channel");
      }
      if (status == null) {
        missing.add("status");
      }
      if (createdAt == null) {
        missing.add("createdAt");
      }
      if (updatedAt == null) {
        missing.add("updatedAt");
      }
      if (!versionSet) {
        missing.add("version");
      }
      return new IllegalStateException("Cannot build Conversation, some of required attributes are not set " + missing);
    }

    /** The value of an optional attribute, null when absent; {@code Some(null)} is refused. */
    private static <T> @Nullable T present(Option<T> value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isDefined() && value.get() == null) {
        throw new NullPointerException(name + " must not hold null");
      }
      return value.getOrNull();
    }

    @Override
    public Conversation build() {
      return build(true);
    }

    /**
     * Builds the conversation; {@code checkTexts} false skips re-reading the subject and summary,
     * for the lifecycle when it kept them as they were.
     */
    Conversation build(boolean checkTexts) {
      if (id == null || tenantId == null || workspaceId == null || channel == null || status == null
          || createdAt == null || updatedAt == null || !versionSet) {
        throw missing();
      }
      return new Conversation(this, checkTexts);
    }
  }
}