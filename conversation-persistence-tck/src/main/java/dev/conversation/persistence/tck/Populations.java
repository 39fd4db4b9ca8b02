package dev.conversation.persistence.tck;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.Order;
import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Populations for the query properties: a few dozen conversations in every state, on every
 * channel, with tags, assignees, stars, unread markers and five shared contacts, and random
 * queries over them (some selective enough for an index, some not).
 */
final class Populations {

  /** An instant after every generated scenario's last step. */
  static final Instant AFTER_ALL = ConversationGenerators.EPOCH.plus(Duration.ofDays(5 * 365));

  private static final java.util.List<String> TAGS =
      java.util.List.of("vip", "refund", "billing", "urgent", "bug", "lead", "churn-risk", "de", "Spam");

  private Populations() {}

  /** A tenant's conversations as committed, and how to predict a query's result from them. */
  record Populated(TenantId tenant, Seq<Conversation> conversations, Seq<dev.conversation.domain.TimerPolicy> timers) {

    /** Returns what the query must list: the matches, in order, from its paging position on. */
    Seq<Conversation> expected(ConversationQuery query) {
      Seq<Conversation> matching = conversations.filter(query.filter()::test).sorted(query.order().comparator());
      if (query.paging() instanceof ConversationQuery.Paging.After after) {
        return matching.filter(c -> query.order().position(c).compareTo(after.position()) > 0);
      }
      return matching.drop(((ConversationQuery.Paging.Offset) query.paging()).value());
    }
  }

  /** Returns populations of 20 to 60 scenarios of up to 12 steps. */
  static Gen<Seq<Scenario>> populations() {
    return lists().of(ConversationGenerators.scenarios(12)).ofSizeBetween(20, 60).map(l -> (Seq<Scenario>) List.ofAll(l));
  }

  /** Commits a population into a fresh tenant, as conversations {@code p0, p1, ...}. */
  static Populated populate(ConversationStore store, Seq<Scenario> population) {
    return populate(store, population, n -> dev.conversation.domain.TimerPolicy.wakeOnly());
  }

  /**
   * Commits a population into a fresh tenant, as conversations {@code p0, p1, ...}, conversation
   * {@code pn} under the timer policy {@code timers} gives for {@code n}.
   */
  static Populated populate(ConversationStore store, Seq<Scenario> population,
      java.util.function.IntFunction<dev.conversation.domain.TimerPolicy> timers) {
    TenantId tenant = Lives.freshTenant();
    List<Conversation> conversations = List.empty();
    List<dev.conversation.domain.TimerPolicy> policies = List.empty();
    int n = 0;
    for (Scenario s : population) {
      StartConversation st = s.start();
      Option<ContactId> contact = st.contactId().isDefined() || n % 3 == 0
          ? Option.some(ContactId.of("contact-" + n % 5)) : Option.none();
      StartConversation start = new StartConversation(ConversationId.of("p" + n), tenant, st.workspaceId(), st.channel(),
          st.customerAddress(), contact, st.accountId(), st.subject(), st.aiAgentId(), st.firstMessage());
      dev.conversation.domain.TimerPolicy policy = timers.apply(n);
      Seq<Decision> life = Lives.commitLife(store, new Scenario(start, s.startedAt(), s.policy(), s.steps()), policy);
      conversations = conversations.append(life.last().conversation());
      policies = policies.append(policy);
      n++;
    }
    return new Populated(tenant, conversations, policies);
  }

  /** Returns random first-page queries: each criterion present now and then, both orders. */
  static Gen<ConversationQuery> queries() {
    Gen<ConversationFilter> none = Generate.constant(ConversationFilter.all());
    Gen<java.util.function.UnaryOperator<ConversationFilter>> statuses = lists().of(Generate.enumValues(Status.class)).ofSizeBetween(1, 3)
        .map(s -> f -> f.withStatuses(s.toArray(Status[]::new)));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> channels = lists().of(Generate.enumValues(ChannelType.class)).ofSizeBetween(1, 3)
        .map(c -> f -> f.withChannels(c.toArray(ChannelType[]::new)));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> contact = integers().between(0, 5)
        .map(n -> f -> f.withContact(ContactId.of("contact-" + n)));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> unread = Generate.booleans().map(b -> f -> f.withUnread(b));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> starred = Generate.booleans().map(b -> f -> f.withStarred(b));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> anyTags = lists().of(Generate.pick(TAGS)).ofSizeBetween(1, 3)
        .map(t -> f -> f.withAnyTag(t.stream().map(Tag::of).toArray(Tag[]::new)));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> allTags = lists().of(Generate.pick(TAGS)).ofSizeBetween(1, 2)
        .map(t -> f -> f.withAllTags(t.stream().map(Tag::of).toArray(Tag[]::new)));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> agent = integers().between(1, 4)
        .map(n -> f -> f.withAgent(HumanAgentId.of("agent-" + n)));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> team = integers().between(1, 3)
        .map(n -> f -> f.withTeam(TeamId.of("team-" + n)));
    Gen<java.util.function.UnaryOperator<ConversationFilter>> since = integers().between(0, 500)
        .map(d -> f -> f.withUpdatedSince(ConversationGenerators.EPOCH.plus(Duration.ofDays(d))));
    List<Gen<java.util.function.UnaryOperator<ConversationFilter>>> criteria =
        List.of(statuses, channels, contact, unread, starred, anyTags, allTags, agent, team, since);
    Gen<ConversationFilter> filter = none;
    for (Gen<java.util.function.UnaryOperator<ConversationFilter>> criterion : criteria) {
      Gen<ConversationFilter> before = filter;
      filter = before.zip(criterion.toOptionals(75), (f, c) -> c.map(op -> op.apply(f)).orElse(f));
    }
    return filter.zip(Generate.enumValues(Order.class), (f, o) -> ConversationQuery.first(f).withOrder(o));
  }
}
