package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to change an existing conversation, decided by
 * {@link Lifecycle#decide(Conversation, Command, Instant)}. Each command names who issues it
 * ({@link #by()}) and maps to one {@link Trigger} of the {@link TransitionTable}.
 *
 * <p>Commands carry raw user input (text, tag names); the lifecycle checks it and reports
 * every problem at once. All implementations are immutable records; a {@code null} component
 * throws {@link NullPointerException} naming it.
 */
public sealed interface Command {

  /** Returns who issues the command. */
  Participant by();

  /** Returns the trigger the command maps to. */
  Trigger trigger();

  /**
   * Append a message. The trigger follows the author: customer message, AI reply, human reply or
   * system message.
   *
   * @param id the new message's id
   * @param by the author
   * @param content the text; not blank, at most {@value Limits#MAX_CONTENT} characters (or empty
   *     when the message has attachments)
   * @param citations sources an AI reply drew on (AI replies only, at most {@value Limits#MAX_CITATIONS})
   * @param idempotencyKey the client's idempotency key, if any (at most {@value Limits#MAX_ID})
   * @param type {@link MessageType#TEXT}, or {@link MessageType#NOTE} for an internal note (trigger
   *     {@link Trigger#ADD_NOTE}: staff only, changes nothing but the thread)
   * @param attachments files sent with it (customer, AI and human messages; at most
   *     {@value Limits#MAX_ATTACHMENTS}, each within {@link Attachment}'s limits); with at least
   *     one, {@code content} may be empty
   */
  record AppendMessage(
      MessageId id, Participant by, String content, Seq<Citation> citations, Option<String> idempotencyKey, MessageType type,
      Seq<Attachment> attachments)
      implements Command {

    /** Creates the command. */
    public AppendMessage {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(citations, "citations");
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(attachments, "attachments");
    }

    /** Creates a message without attachments. */
    public AppendMessage(
        MessageId id, Participant by, String content, Seq<Citation> citations, Option<String> idempotencyKey, MessageType type) {
      this(id, by, content, citations, idempotencyKey, type, List.empty());
    }

    /** Creates a text message. */
    public AppendMessage(MessageId id, Participant by, String content, Seq<Citation> citations, Option<String> idempotencyKey) {
      this(id, by, content, citations, idempotencyKey, MessageType.TEXT);
    }

    /** Returns an internal note by {@code author}: for the staff only. */
    public static AppendMessage note(MessageId id, Participant author, String content) {
      return new AppendMessage(id, author, content, List.empty(), Option.none(), MessageType.NOTE);
    }

    /**
     * Returns a plain text message from {@code sender}; an unspecified sender means the AI agent
     * (the convention of the AgentClara API).
     */
    public static AppendMessage of(MessageId id, Option<Participant> sender, String content) {
      return new AppendMessage(id, sender.getOrElse(Participant.ai()), content, List.empty(), Option.none());
    }

    /** Returns a plain text message from {@code author}. */
    public static AppendMessage of(MessageId id, Participant author, String content) {
      return new AppendMessage(id, author, content, List.empty(), Option.none());
    }

    /** Returns this command with the given citations. */
    public AppendMessage withCitations(Seq<Citation> citations) {
      return new AppendMessage(id, by, content, citations, idempotencyKey, type, attachments);
    }

    /** Returns this command with the given idempotency key. */
    public AppendMessage withIdempotencyKey(String key) {
      return new AppendMessage(id, by, content, citations, Option.some(key), type, attachments);
    }

    /** Returns this command with the given attachments. */
    public AppendMessage withAttachments(Seq<Attachment> attachments) {
      return new AppendMessage(id, by, content, citations, idempotencyKey, type, attachments);
    }

    @Override
    public Trigger trigger() {
      if (type == MessageType.NOTE) {
        return Trigger.ADD_NOTE;
      }
      return switch (by.actor()) {
        case CUSTOMER -> Trigger.CUSTOMER_MESSAGE;
        case AI_AGENT -> Trigger.AI_REPLY;
        case HUMAN_AGENT -> Trigger.HUMAN_REPLY;
        case SYSTEM -> Trigger.SYSTEM_MESSAGE;
      };
    }
  }

  /**
   * Record a channel receipt for an outbound message: its delivery status moves forward to
   * {@code status} if that is further than where it is ({@link DeliveryStatus#supersedes}),
   * otherwise nothing changes. A failure raises an attention item of kind
   * {@value #DELIVERY_FAILED} with id {@code delivery-failed:<message id>} (not in CLOSED, where
   * no item stays open). Issued by the system (the channel adapter), in every state, CLOSED
   * included (a reply sent just before the close still gets its receipts); it never changes the
   * state, the owner or whose turn it is.
   *
   * <p>The command must carry the message exactly as stored at the conversation's version: the
   * lifecycle checks that it is this conversation's and outbound, and stores write the message it
   * returns. {@code Conversations.receipt} and {@code dispatched} build it that way (they read the
   * message again on every attempt) and are the only way the service accepts it.
   *
   * @param by who reports it (the system)
   * @param message the message, as stored now
   * @param status the status the receipt reports
   * @param providerMessageId the provider's id for the message, if the receipt binds it (at most
   *     {@value Limits#MAX_PROVIDER_ID} characters; once bound, a receipt naming another id is refused)
   * @param failureReason why it failed: required for {@link DeliveryStatus#FAILED} (at most
   *     {@value Limits#MAX_NOTE} characters), absent otherwise
   */
  record RecordDelivery(
      Participant by, Message message, DeliveryStatus status, Option<String> providerMessageId, Option<String> failureReason)
      implements Command {

    /** The kind of the attention item a failed delivery raises. */
    public static final String DELIVERY_FAILED = "delivery-failed";

    /** Creates the command. */
    public RecordDelivery {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(providerMessageId, "providerMessageId");
      Objects.requireNonNull(failureReason, "failureReason");
    }

    /** Returns the id of the attention item a failed delivery of {@code message} raises. */
    public static AttentionId attentionId(MessageId message) {
      String id = DELIVERY_FAILED + ":" + message.value();
      // A long message id is named by a digest of it, to keep within an attention id's length.
      return AttentionId.of(Text.length(id) <= Limits.MAX_ID ? id
          : DELIVERY_FAILED + ":" + java.util.UUID.nameUUIDFromBytes(
              message.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Override
    public Trigger trigger() {
      return Trigger.RECORD_DELIVERY;
    }
  }

  /**
   * Hand the conversation to a human agent, a team or both.
   *
   * @param by who hands it off
   * @param agent the human agent to hand to, if any
   * @param team the team to hand to, if any (an agent or a team is required)
   * @param reason why; required, at most {@value Limits#MAX_NOTE} characters
   */
  record HandOff(Participant by, Option<HumanAgent> agent, Option<TeamId> team, String reason)
      implements Command {

    /** Creates the command. */
    public HandOff {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(team, "team");
      Objects.requireNonNull(reason, "reason");
    }

    /** Returns a hand-off to a team. */
    public static HandOff toTeam(Participant by, TeamId team, String reason) {
      return new HandOff(by, Option.none(), Option.some(team), reason);
    }

    /** Returns a hand-off to a human agent. */
    public static HandOff toAgent(Participant by, HumanAgent agent, String reason) {
      return new HandOff(by, Option.some(agent), Option.none(), reason);
    }

    @Override
    public Trigger trigger() {
      return Trigger.HAND_OFF;
    }
  }

  /**
   * A human hands the conversation back to the AI agent.
   *
   * @param by the human agent
   */
  record ReturnToAi(Participant by) implements Command {

    /** Creates the command. */
    public ReturnToAi {
      Objects.requireNonNull(by, "by");
    }

    @Override
    public Trigger trigger() {
      return Trigger.RETURN_TO_AI;
    }
  }

  /**
   * Resolve the conversation with an outcome; the resolver is recorded.
   *
   * @param by the resolver
   * @param outcome how it was resolved; required, at most {@value Limits#MAX_NOTE} characters
   */
  record Resolve(Participant by, String outcome) implements Command {

    /** Creates the command. */
    public Resolve {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public Trigger trigger() {
      return Trigger.RESOLVE;
    }
  }

  /**
   * Resolve a human-managed conversation that has been idle for its timer policy's time: what
   * {@link Lifecycle#due} issues for {@link TimerKind#IDLE_RESOLVE}. Only the system may, only in
   * HUMAN_MANAGED, and never while the customer waits for an answer; everything else is
   * {@link Resolve}'s to do (which in HUMAN_MANAGED only a human may).
   *
   * @param by the system
   * @param outcome how it was resolved; required, at most {@value Limits#MAX_NOTE} characters
   */
  record ResolveIdle(Participant by, String outcome) implements Command {

    /** Creates the command. */
    public ResolveIdle {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public Trigger trigger() {
      return Trigger.RESOLVE_IDLE;
    }
  }

  /**
   * Reopen a resolved conversation to its owner.
   *
   * @param by who reopens it
   */
  record Reopen(Participant by) implements Command {

    /** Creates the command. */
    public Reopen {
      Objects.requireNonNull(by, "by");
    }

    @Override
    public Trigger trigger() {
      return Trigger.REOPEN;
    }
  }

  /**
   * Close the conversation for good. A resolution it had is kept; open attention items are
   * cleared and the agents' side is marked read, since nothing can change it afterwards.
   *
   * @param by who closes it
   */
  record Close(Participant by) implements Command {

    /** Creates the command. */
    public Close {
      Objects.requireNonNull(by, "by");
    }

    @Override
    public Trigger trigger() {
      return Trigger.CLOSE;
    }
  }

  /**
   * Park the conversation until a time (it also wakes on the customer's next message).
   *
   * @param by who snoozes it
   * @param until when it wakes; must be after the decision time
   */
  record Snooze(Participant by, Instant until) implements Command {

    /** Creates the command. */
    public Snooze {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(until, "until");
    }

    @Override
    public Trigger trigger() {
      return Trigger.SNOOZE;
    }
  }

  /**
   * Wake a snoozed conversation to its owner.
   *
   * @param by who wakes it (the system when its time comes)
   */
  record Wake(Participant by) implements Command {

    /** Creates the command. */
    public Wake {
      Objects.requireNonNull(by, "by");
    }

    @Override
    public Trigger trigger() {
      return Trigger.WAKE;
    }
  }

  /**
   * Change metadata. Every component is optional; absent means "leave as it is". Start from
   * {@link #by(Participant)} and add what changes.
   *
   * @param by who changes it
   * @param subject the new subject (at most {@value Limits#MAX_SUBJECT} characters)
   * @param summary the new AI summary (at most {@value Limits#MAX_SUMMARY} characters)
   * @param addTags tags to add; each valid, no duplicates, at most {@value Limits#MAX_TAGS} in all
   * @param removeTags tags to remove; removing an absent tag is fine
   * @param priority the new priority
   * @param starred star or unstar
   * @param muted mute or unmute
   * @param contactId link the resolved contact
   * @param accountId link the resolved account
   */
  record UpdateMetadata(
      Participant by,
      Option<String> subject,
      Option<String> summary,
      Seq<String> addTags,
      Seq<String> removeTags,
      Option<Priority> priority,
      Option<Boolean> starred,
      Option<Boolean> muted,
      Option<ContactId> contactId,
      Option<AccountId> accountId)
      implements Command {

    /** Creates the command. */
    public UpdateMetadata {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(addTags, "addTags");
      Objects.requireNonNull(removeTags, "removeTags");
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(starred, "starred");
      Objects.requireNonNull(muted, "muted");
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(accountId, "accountId");
    }

    /** Returns an update by {@code by} that changes nothing yet. */
    public static UpdateMetadata by(Participant by) {
      return new UpdateMetadata(by, Option.none(), Option.none(), List.empty(), List.empty(),
          Option.none(), Option.none(), Option.none(), Option.none(), Option.none());
    }

    /** Returns this update, also setting the subject. */
    public UpdateMetadata subject(String value) {
      return new UpdateMetadata(by, Option.some(value), summary, addTags, removeTags, priority, starred, muted, contactId, accountId);
    }

    /** Returns this update, also setting the summary. */
    public UpdateMetadata summary(String value) {
      return new UpdateMetadata(by, subject, Option.some(value), addTags, removeTags, priority, starred, muted, contactId, accountId);
    }

    /** Returns this update, also adding the given tags. */
    public UpdateMetadata addTags(String... tags) {
      return new UpdateMetadata(by, subject, summary, addTags.appendAll(List.of(tags)), removeTags, priority, starred, muted, contactId, accountId);
    }

    /** Returns this update, also removing the given tags. */
    public UpdateMetadata removeTags(String... tags) {
      return new UpdateMetadata(by, subject, summary, addTags, removeTags.appendAll(List.of(tags)), priority, starred, muted, contactId, accountId);
    }

    /** Returns this update, also setting the priority. */
    public UpdateMetadata priority(Priority value) {
      return new UpdateMetadata(by, subject, summary, addTags, removeTags, Option.some(value), starred, muted, contactId, accountId);
    }

    /** Returns this update, also starring or unstarring. */
    public UpdateMetadata starred(boolean value) {
      return new UpdateMetadata(by, subject, summary, addTags, removeTags, priority, Option.some(value), muted, contactId, accountId);
    }

    /** Returns this update, also muting or unmuting. */
    public UpdateMetadata muted(boolean value) {
      return new UpdateMetadata(by, subject, summary, addTags, removeTags, priority, starred, Option.some(value), contactId, accountId);
    }

    /** Returns this update, also linking the contact. */
    public UpdateMetadata contactId(ContactId value) {
      return new UpdateMetadata(by, subject, summary, addTags, removeTags, priority, starred, muted, Option.some(value), accountId);
    }

    /** Returns this update, also linking the account. */
    public UpdateMetadata accountId(AccountId value) {
      return new UpdateMetadata(by, subject, summary, addTags, removeTags, priority, starred, muted, contactId, Option.some(value));
    }

    @Override
    public Trigger trigger() {
      return Trigger.UPDATE_METADATA;
    }
  }

  /**
   * Mark the conversation read for one side, up to the decision time. The customer marks only
   * the customer side; the customer side is marked only by the customer or the system (relaying
   * a channel's read receipt).
   *
   * @param by who read it
   * @param side which side's marker moves
   */
  record MarkRead(Participant by, ReadSide side) implements Command {

    /** Creates the command. */
    public MarkRead {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(side, "side");
    }

    @Override
    public Trigger trigger() {
      return Trigger.MARK_READ;
    }
  }

  /**
   * Raise an item a human must look at.
   *
   * @param by who raises it
   * @param id the item's id; unique within the conversation
   * @param kind a short kind (for example {@code refund}); at most {@value Limits#MAX_ID} characters
   * @param note what to look at; at most {@value Limits#MAX_NOTE} characters
   */
  record RaiseAttention(Participant by, AttentionId id, String kind, String note) implements Command {

    /** Creates the command. */
    public RaiseAttention {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(note, "note");
    }

    @Override
    public Trigger trigger() {
      return Trigger.RAISE_ATTENTION;
    }
  }

  /**
   * Clear an open attention item.
   *
   * @param by who clears it
   * @param id the item's id
   */
  record ClearAttention(Participant by, AttentionId id) implements Command {

    /** Creates the command. */
    public ClearAttention {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(id, "id");
    }

    @Override
    public Trigger trigger() {
      return Trigger.CLEAR_ATTENTION;
    }
  }
}
