package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Erasure;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.MessageType;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.ContactErasure;
import dev.conversation.service.Conversations;
import dev.conversation.service.InboundMessage;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Problem;
import dev.conversation.service.Received;
import dev.conversation.service.Retention;
import dev.conversation.service.RetentionRunner;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A person's data through the service, on every store: erasing a contact leaves nothing of them
 * in any port (the directory by id and by address, reads, listings under every filter, histories,
 * the outbox, replays), a large history is erased in batches, an erasure racing inbound messages
 * never leaves an unerased message in an erased conversation, and retention deletes only closed
 * conversations past their tenant's retention.
 */
class PersonalDataTest {

  private static final WorkspaceId SUPPORT = WorkspaceId.of("support");
  private static final Channel WHATSAPP = Channel.of(ChannelType.WHATSAPP, ChannelId.of("+15550100200"));
  private static final Channel SMS = Channel.of(ChannelType.SMS, ChannelId.of("+15550100201"));
  private static final Participant ALICE = Participant.human(HumanAgent.of(HumanAgentId.of("alice"), "Alice"));
  private static final String MARIA = "+4915112345678";
  private static final String ANN = "+4915187654321";
  /** Everything Maria wrote or that was written about her. */
  private static final List<String> HERS = List.of(MARIA, "Maria Rossi", "Via Roma 12", "IBAN DE89370400440532013000",
      "passport-scan.pdf", "s3://acme/maria/passport-scan.pdf", "my passport", "Refund for Maria", "Maria is upset",
      "refunded to Maria's card", "Maria asked for a manager");

  private static Received inbound(Conversations service, TenantId tenant, Channel channel, String from, String name,
      String content) {
    return service.receive(tenant, InboundMessage.of(SUPPORT, channel, from, content, "wamid." + UUID.randomUUID())
        .senderName(name)).get();
  }

  /** Everything the service answers about the tenant, as text. */
  private static String everything(Conversations service, Stores stores, TenantId tenant) {
    StringBuilder out = new StringBuilder();
    Seq<ConversationQuery> queries = List.of(ConversationFilter.all(), ConversationFilter.all().withStatuses(Status.values()),
        ConversationFilter.all().withChannels(ChannelType.values()), ConversationFilter.all().withUnread(true),
        ConversationFilter.all().withUnread(false), ConversationFilter.all().withContact(ContactId.of("x")))
        .map(f -> ConversationQuery.first(f).withLimit(100));
    for (ConversationQuery q : queries) {
      for (Conversation c : stores.store().list(tenant, q).items()) {
        out.append(c).append('\n');
        out.append(service.getEnriched(tenant, c.id())).append('\n');
        for (Message m : service.history(tenant, c.id(), Option.some(100), Option.none()).get().items()) {
          out.append(m).append('\n');
          m.idempotencyKey().forEach(k -> out.append(stores.store().findByIdempotencyKey(tenant, c.id(), k)));
        }
        c.contactId().forEach(id -> out.append(stores.directory().contact(tenant, id)));
      }
    }
    for (StoredEvent e : service.events(tenant, 0, 1000).get()) {
      out.append(e).append('\n');
    }
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void erasingAContactLeavesNothingOfThemInAnyPort(String engine) {
    TenantId tenant = TenantId.of("erase-" + engine);
    try (Stores stores = Stores.on(engine);
        Conversations service = Conversations.builder().store(stores.store()).directory(stores.directory()).build()) {
      Received first = inbound(service, tenant, WHATSAPP, MARIA, "Maria Rossi", "Hi, I live at Via Roma 12");
      ContactId maria = first.contactId();
      ConversationId whatsapp = first.conversationId();
      service.receive(tenant, InboundMessage.of(SUPPORT, WHATSAPP, MARIA, "", "wamid.scan").attachments(List.of(
          Attachment.of("passport-scan.pdf", "application/pdf", 120_000, "s3://acme/maria/passport-scan.pdf")
              .withCaption("my passport")))).get();
      service.execute(tenant, whatsapp, Command.UpdateMetadata.by(ALICE).subject("Refund for Maria")
          .summary("Maria asked for a manager")).get();
      service.note(tenant, whatsapp, NewMessage.of(ALICE, "Maria is upset")).get();
      service.send(tenant, whatsapp, NewMessage.of(ALICE, "Your IBAN DE89370400440532013000 is noted")).get();
      service.execute(tenant, whatsapp, new Command.Resolve(ALICE, "refunded to Maria's card")).get();
      ConversationId sms = inbound(service, tenant, SMS, MARIA, "Maria Rossi", "Same person, by SMS").conversationId();
      Received ann = inbound(service, tenant, WHATSAPP, ANN, "Ann Berg", "Hello from Ann");
      long eventsBefore = service.events(tenant, 0, 1000).get().size();

      ContactErasure erased = service.erase(tenant, maria).get();

      assertThat(erased.removedFromDirectory()).isTrue();
      assertThat(erased.conversations()).isEqualTo(2);
      assertThat(erased.messages()).isEqualTo(5);
      assertThat(stores.directory().contact(tenant, maria)).isEmpty();
      assertThat(stores.directory().findByAddress(tenant, ChannelType.WHATSAPP, new PhoneNumber(MARIA))).isEmpty();
      assertThat(stores.directory().findByAddress(tenant, ChannelType.SMS, new PhoneNumber(MARIA))).isEmpty();
      String read = everything(service, stores, tenant);
      for (String hers : HERS) {
        assertThat(read).as("no port answers %s", hers).doesNotContain(hers);
      }
      assertThat(read).as("the other contact is untouched").contains("Ann Berg", "Hello from Ann", ANN);
      Seq<StoredEvent> events = service.events(tenant, 0, 1000).get();
      assertThat(events.size()).as("one Erased event per conversation").isEqualTo(eventsBefore + 2);
      assertThat(events.filter(e -> e.event().type() == DomainEvent.Type.ERASED).map(e -> e.event().conversationId()))
          .containsExactlyInAnyOrder(whatsapp, sms);
      Conversation skeleton = service.get(tenant, whatsapp).get();
      assertThat(skeleton.status()).isEqualTo(Status.RESOLVED);
      assertThat(skeleton.resolution().get().resolver()).as("who resolved stays").isEqualTo(ALICE);
      assertThat(skeleton.messageCount()).isEqualTo(3);
      assertThat(skeleton.subject()).contains(Erasure.MARKER);
      assertThat(service.history(tenant, whatsapp, Option.some(100), Option.none()).get().items()
          .map(Message::type)).as("notes stay notes").contains(MessageType.NOTE);
      assertThat(service.get(tenant, ann.conversationId()).get().contactId()).contains(ann.contactId());

      assertThat(service.erase(tenant, maria).getLeft()).as("erased twice: nothing knows the contact")
          .isInstanceOf(Problem.ContactNotFound.class);
      Received back = inbound(service, tenant, WHATSAPP, MARIA, "Maria", "Hello again");
      assertThat(back.conversationId()).as("she comes back as new, in a new conversation").isNotIn(whatsapp, sms);
      assertThat(service.history(tenant, whatsapp, Option.some(100), Option.none()).get().items())
          .noneMatch(m -> m.content().contains("Hello again"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void tenThousandMessagesAcrossTwentyConversationsAreErasedInBatches(String engine) {
    TenantId tenant = TenantId.of("large-" + engine);
    try (Stores stores = Stores.on(engine);
        Conversations service = Conversations.builder().store(stores.store()).directory(stores.directory()).build()) {
      ContactId contact = null;
      java.util.List<ConversationId> ids = new ArrayList<>();
      for (int c = 0; c < 20; c++) {
        // One contact, twenty channel instances: twenty open conversations.
        Received r = inbound(service, tenant, Channel.of(ChannelType.WHATSAPP, ChannelId.of("+1555010" + (1000 + c))), MARIA,
            "Maria Rossi", "Conversation " + c + " from Via Roma 12");
        contact = r.contactId();
        ids.add(r.conversationId());
        for (int batch = 0; batch < 5; batch++) {
          java.util.List<Command> appends = new ArrayList<>();
          for (int m = 0; m < (batch == 4 ? 99 : 100); m++) {
            appends.add(Command.AppendMessage.of(MessageId.of(UUID.randomUUID().toString()),
                m % 2 == 0 ? Participant.customer() : Participant.ai(), "Via Roma 12, message " + batch + "-" + m));
          }
          service.execute(tenant, r.conversationId(), List.ofAll(appends)).get();
        }
      }
      // On a database, the erasing service reads through a data source that counts rows per result set.
      RowCountingDataSource counting = stores.database() == null ? null : new RowCountingDataSource(stores.database());
      ContactErasure erased;
      if (counting == null) {
        erased = service.erase(tenant, contact).get();
      } else {
        try (Conversations eraser = Conversations.builder().store(JdbcConversationStore.on(counting.dataSource))
            .directory(JdbcDirectory.on(counting.dataSource)).build()) {
          counting.mostRowsPerResult.set(0);
          erased = eraser.erase(tenant, contact).get();
        }
        assertThat(counting.mostRowsPerResult.get()).as("rows are read in batches of 500 (a thread holds 500), never more")
            .isEqualTo(JdbcConversationStore.ERASE_BATCH);
      }
      assertThat(erased.conversations()).isEqualTo(20);
      assertThat(erased.messages()).isEqualTo(10_000);
      for (ConversationId id : ids) {
        Seq<Message> thread = List.empty();
        Option<String> cursor = Option.none();
        do {
          var page = service.history(tenant, id, Option.some(100), cursor).get();
          thread = thread.appendAll(page.items());
          cursor = page.next();
        } while (cursor.isDefined());
        assertThat(thread).hasSize(500).allMatch(m -> m.content().equals(Erasure.MARKER));
      }
      assertThat(service.events(tenant, 0, 1000).get().appendAll(service.events(tenant,
          service.events(tenant, 0, 1000).get().last().position(), 1000).get()).mkString())
          .doesNotContain("Via Roma");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void anErasureRacingInboundMessagesLeavesNoUnerasedMessageInAnErasedConversation(String engine) throws Exception {
    TenantId tenant = TenantId.of("race-" + engine);
    try (Stores stores = Stores.on(engine);
        Conversations service = Conversations.builder().store(stores.store()).directory(stores.directory()).build()) {
      java.util.List<ContactId> contacts = new ArrayList<>();
      for (int c = 0; c < 6; c++) {
        contacts.add(inbound(service, tenant, Channel.of(ChannelType.WHATSAPP, ChannelId.of("+1555020" + (1000 + c))), MARIA,
            "Maria Rossi", "First " + c).contactId());
      }
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch writing = new CountDownLatch(4);
      java.util.List<CompletableFuture<Integer>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(CompletableFuture.supplyAsync(() -> {
          int sent = 0;
          writing.countDown();
          while (!stop.get() || sent < 5) {
            Channel channel = Channel.of(ChannelType.WHATSAPP, ChannelId.of("+1555020" + (1000 + (sent + writer) % 6)));
            service.receive(tenant, InboundMessage.of(SUPPORT, channel, MARIA, "Racing " + writer + "-" + sent,
                "wamid.race-" + writer + "-" + sent)).getOrElseThrow(p -> new AssertionError("receive refused: " + p));
            sent++;
          }
          return sent;
        }));
      }
      assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
      ContactErasure erased = service.erase(tenant, contacts.get(0)).get();
      stop.set(true);
      for (CompletableFuture<Integer> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
      assertThat(erased.conversations()).isPositive();
      for (Conversation c : stores.store().list(tenant, ConversationQuery.first(ConversationFilter.all()).withLimit(100)).items()) {
        Seq<Message> thread = service.history(tenant, c.id(), Option.some(100), Option.none()).get().items();
        if (Erasure.isErased(c) && c.contactId().isEmpty()) {
          assertThat(thread).as("an erased conversation holds only erased messages: %s", c.id())
              .allMatch(m -> Erasure.message(m).equals(m));
        } else {
          assertThat(thread).as("a message stored after the erasure is in a new conversation").isNotEmpty();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void retentionDeletesOnlyClosedConversationsPastTheirTenantsRetention(String engine) throws Exception {
    TenantId usual = TenantId.of("usual-" + engine);
    TenantId brief = TenantId.of("brief-" + engine);
    TenantId archive = TenantId.of("archive-" + engine);
    MovableClock clock = new MovableClock(Instant.parse("2026-03-01T00:00:00Z"));
    try (Stores stores = Stores.on(engine);
        Conversations service = Conversations.builder().store(stores.store()).directory(stores.directory()).clock(clock)
            .build()) {
      java.util.Map<TenantId, java.util.List<ConversationId>> closed = new java.util.HashMap<>();
      java.util.Map<TenantId, ConversationId> open = new java.util.HashMap<>();
      for (TenantId tenant : List.of(usual, brief, archive)) {
        for (int i = 0; i < 3; i++) {
          ConversationId id = inbound(service, tenant, WHATSAPP, "+49151000000" + i, "C" + i, "Question " + i).conversationId();
          service.execute(tenant, id, new Command.Resolve(ALICE, "answered")).get();
          service.execute(tenant, id, new Command.Close(ALICE)).get();
          closed.computeIfAbsent(tenant, t -> new ArrayList<>()).add(id);
        }
        open.put(tenant, inbound(service, tenant, SMS, "+491510000009", "Old", "Still open").conversationId());
      }
      clock.now = clock.now.plus(Duration.ofDays(10));
      Retention retention = Retention.keepClosedFor(Duration.ofDays(30)).tenant(brief, Duration.ofDays(7))
          .tenantKeepsForever(archive);
      assertThat(service.purgeClosed(retention).get()).as("only the brief tenant's are past 7 days").isEqualTo(3);
      assertThat(closed.get(brief)).allMatch(id -> service.get(brief, id).isLeft());
      assertThat(service.events(brief, 0, 1000).get().map(e -> e.event().conversationId()).distinct())
          .as("with their events").containsExactly(open.get(brief));

      clock.now = clock.now.plus(Duration.ofDays(365));
      try (RetentionRunner runner = service.startRetention(retention, Duration.ofHours(1))) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runner.stats().sweeps() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(runner.stats().sweeps()).as("the runner sweeps at once").isEqualTo(1);
        assertThat(runner.stats().deleted()).as("now the usual tenant's too").isEqualTo(3);
        assertThat(runner.sweepNow().get()).as("a sweep after it finds nothing").isZero();
        assertThat(runner.stats().unavailable()).isZero();
      }
      assertThat(closed.get(usual)).allMatch(id -> service.get(usual, id).isLeft());
      assertThat(closed.get(archive)).as("kept forever").allMatch(id -> service.get(archive, id).isRight());
      for (TenantId tenant : List.of(usual, brief, archive)) {
        assertThat(service.get(tenant, open.get(tenant)).get().status()).as("an open conversation is never deleted")
            .isNotEqualTo(Status.CLOSED);
      }
    }
  }
}
