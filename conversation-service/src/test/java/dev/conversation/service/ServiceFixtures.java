package dev.conversation.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Shared example data and helpers for the service tests. */
final class ServiceFixtures {

  static final Instant T0 = Instant.parse("2026-03-24T08:15:00Z");
  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");
  static final WorkspaceId SUPPORT = WorkspaceId.of("support");
  static final Channel WEB_CHAT = Channel.of(ChannelType.WEB_CHAT);
  static final Channel EMAIL = Channel.of(ChannelType.EMAIL);
  static final Channel SMS = Channel.of(ChannelType.SMS);
  static final HumanAgent ALICE = HumanAgent.of(HumanAgentId.of("agent-alice"), "Alice");
  static final Participant ALICE_BY = Participant.human(ALICE);

  private ServiceFixtures() {}

  /** Ids {@code prefix-1, prefix-2, ...}; thread-safe. */
  static final class Counter implements Supplier<String> {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    Counter(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public String get() {
      return prefix + "-" + next.incrementAndGet();
    }

    long issued() {
      return next.get();
    }
  }

  /** A deterministic service on a fresh in-memory store: the manual clock and counter ids. */
  static Conversations.Builder deterministic(ManualClock clock) {
    return Conversations.builder().clock(clock).ids(new Counter("id"));
  }

  static NewConversation webChat() {
    return NewConversation.on(SUPPORT, WEB_CHAT);
  }

  static NewMessage customer(String text) {
    return NewMessage.of(Participant.customer(), text);
  }

  static NewMessage ai(String text) {
    return NewMessage.of(Participant.ai(), text);
  }

  static <T> T right(Either<Problem, T> result) {
    assertThat(result.isRight()).as("expected success, got %s", result.isLeft() ? result.getLeft() : null).isTrue();
    return result.get();
  }

  static Problem left(Either<Problem, ?> result) {
    assertThat(result.isLeft()).as("expected a problem, got %s", result).isTrue();
    return result.getLeft();
  }

  /** Creates a web chat conversation without a first message (version 1). */
  static Conversation started(Conversations service, TenantId tenant) {
    return right(service.create(tenant, webChat())).conversation();
  }

  /** Every event of the tenant, read in batches of {@code batch} from checkpoints. */
  static Seq<StoredEvent> allEvents(Conversations service, TenantId tenant, int batch) {
    List<StoredEvent> all = List.empty();
    long checkpoint = 0;
    while (true) {
      Seq<StoredEvent> read = right(service.events(tenant, checkpoint, batch));
      if (read.isEmpty()) {
        return all;
      }
      all = all.appendAll(read);
      checkpoint = read.last().position();
    }
  }

  static Seq<StoredEvent> allEvents(Conversations service, TenantId tenant) {
    return allEvents(service, tenant, ConversationStore.MAX_EVENT_BATCH);
  }

  /** Every message of a conversation, paging with the {@code next} cursor. */
  static Seq<Message> allMessages(Conversations service, TenantId tenant, ConversationId id, int pageSize) {
    List<Message> all = List.empty();
    Option<String> cursor = Option.none();
    do {
      var page = right(service.history(tenant, id, Option.some(pageSize), cursor));
      all = all.appendAll(page.items());
      cursor = page.next();
    } while (cursor.isDefined());
    return all;
  }

  /** What a tenant has stored, to compare before and after a refused call. */
  record Snapshot(Seq<Conversation> conversations, long count, Seq<StoredEvent> events) {}

  static Snapshot snapshot(Conversations service, TenantId tenant) {
    Seq<Conversation> listed = right(service.list(tenant, ConversationQuery.request().limit(100))).items();
    return new Snapshot(listed, service.store().count(tenant, ConversationFilter.all()), allEvents(service, tenant));
  }
}
