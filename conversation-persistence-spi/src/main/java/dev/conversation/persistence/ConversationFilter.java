package dev.conversation.persistence;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Which conversations a listing selects: the seeds' filters. Every criterion is optional (empty
 * set or none means "any"); a conversation matches when it meets all given criteria. Immutable;
 * sets are kept sorted so equal filters have equal {@link #toString()}.
 *
 * <p>{@link #test(Conversation)} is the reference meaning of every criterion: a store may
 * translate the filter to its own query language, and the TCK checks the result against this
 * method.
 *
 * @param statuses the conversation's status is one of these
 * @param channels the conversation's channel type is one of these
 * @param contactId the conversation is linked to this contact (the seeds' customer id)
 * @param unread the agents' side has (true) or has not (false) unread customer messages
 * @param anyTags the conversation carries at least one of these tags
 * @param allTags the conversation carries all of these tags
 * @param agent the conversation is assigned to this human agent
 * @param team the conversation is assigned to this team
 * @param starred the conversation is (true) or is not (false) starred
 * @param updatedSince the conversation was last updated at or after this instant
 */
public record ConversationFilter(
    Set<Status> statuses,
    Set<ChannelType> channels,
    Option<ContactId> contactId,
    Option<Boolean> unread,
    Set<Tag> anyTags,
    Set<Tag> allTags,
    Option<HumanAgentId> agent,
    Option<TeamId> team,
    Option<Boolean> starred,
    Option<Instant> updatedSince) {

  private static final ConversationFilter ALL = new ConversationFilter(
      TreeSet.empty(), TreeSet.empty(), Option.none(), Option.none(), TreeSet.empty(), TreeSet.empty(),
      Option.none(), Option.none(), Option.none(), Option.none());

  /** Creates the filter; every component is required (use empty sets and none for "any"). */
  public ConversationFilter {
    statuses = TreeSet.ofAll(Objects.requireNonNull(statuses, "statuses"));
    channels = TreeSet.ofAll(Objects.requireNonNull(channels, "channels"));
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(unread, "unread");
    anyTags = TreeSet.ofAll(Objects.requireNonNull(anyTags, "anyTags"));
    allTags = TreeSet.ofAll(Objects.requireNonNull(allTags, "allTags"));
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(starred, "starred");
    Objects.requireNonNull(updatedSince, "updatedSince");
  }

  /** Returns the filter that selects every conversation of the tenant. */
  public static ConversationFilter all() {
    return ALL;
  }

  /** Returns this filter, selecting only conversations in one of these statuses. */
  public ConversationFilter withStatuses(Status... values) {
    return new ConversationFilter(TreeSet.of(values), channels, contactId, unread, anyTags, allTags, agent, team, starred, updatedSince);
  }

  /** Returns this filter, selecting only conversations on one of these channel types. */
  public ConversationFilter withChannels(ChannelType... values) {
    return new ConversationFilter(statuses, TreeSet.of(values), contactId, unread, anyTags, allTags, agent, team, starred, updatedSince);
  }

  /** Returns this filter, selecting only conversations linked to this contact. */
  public ConversationFilter withContact(ContactId value) {
    return new ConversationFilter(statuses, channels, Option.some(value), unread, anyTags, allTags, agent, team, starred, updatedSince);
  }

  /** Returns this filter, selecting only conversations whose agents' side is (or is not) unread. */
  public ConversationFilter withUnread(boolean value) {
    return new ConversationFilter(statuses, channels, contactId, Option.some(value), anyTags, allTags, agent, team, starred, updatedSince);
  }

  /** Returns this filter, selecting only conversations with at least one of these tags. */
  public ConversationFilter withAnyTag(Tag... values) {
    return new ConversationFilter(statuses, channels, contactId, unread, TreeSet.of(values), allTags, agent, team, starred, updatedSince);
  }

  /** Returns this filter, selecting only conversations with all of these tags. */
  public ConversationFilter withAllTags(Tag... values) {
    return new ConversationFilter(statuses, channels, contactId, unread, anyTags, TreeSet.of(values), agent, team, starred, updatedSince);
  }

  /** Returns this filter, selecting only conversations assigned to this human agent. */
  public ConversationFilter withAgent(HumanAgentId value) {
    return new ConversationFilter(statuses, channels, contactId, unread, anyTags, allTags, Option.some(value), team, starred, updatedSince);
  }

  /** Returns this filter, selecting only conversations assigned to this team. */
  public ConversationFilter withTeam(TeamId value) {
    return new ConversationFilter(statuses, channels, contactId, unread, anyTags, allTags, agent, Option.some(value), starred, updatedSince);
  }

  /** Returns this filter, selecting only starred (or only unstarred) conversations. */
  public ConversationFilter withStarred(boolean value) {
    return new ConversationFilter(statuses, channels, contactId, unread, anyTags, allTags, agent, team, Option.some(value), updatedSince);
  }

  /** Returns this filter, selecting only conversations updated at or after this instant. */
  public ConversationFilter withUpdatedSince(Instant value) {
    return new ConversationFilter(statuses, channels, contactId, unread, anyTags, allTags, agent, team, starred, Option.some(value));
  }

  /** Returns whether this filter selects every conversation. */
  public boolean isAll() {
    return equals(ALL);
  }

  /** Returns whether the conversation meets every criterion of this filter. */
  public boolean test(Conversation c) {
    return (statuses.isEmpty() || statuses.contains(c.status()))
        && (channels.isEmpty() || channels.contains(c.channel().type()))
        && (contactId.isEmpty() || c.contactId().equals(contactId))
        && (unread.isEmpty() || unread.get() == c.unread(ReadSide.AGENTS))
        && (anyTags.isEmpty() || anyTags.exists(c::hasTag))
        && allTags.forAll(c::hasTag)
        && (agent.isEmpty() || c.assignee().flatMap(a -> a.agent()).map(HumanAgent::id).equals(agent))
        && (team.isEmpty() || c.assignee().flatMap(a -> a.team()).equals(team))
        && (starred.isEmpty() || starred.get() == c.starred())
        && (updatedSince.isEmpty() || !c.updatedAt().isBefore(updatedSince.get()));
  }
}
