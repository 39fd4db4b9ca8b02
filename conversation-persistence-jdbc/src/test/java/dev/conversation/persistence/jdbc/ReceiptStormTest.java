package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Delivery;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Receipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receipts under contention, on every store: two service instances (as two processes would be)
 * with four threads each deliver every receipt of 24 outbound messages, each thread in its own
 * shuffled order, so every receipt arrives eight times and out of order. Each message must end in
 * the furthest status reported for it, its statuses must rise strictly in the outbox (no writer
 * ever moved one back), and a failure must raise at most one attention item.
 */
class ReceiptStormTest {

  private static final int THREADS_PER_SERVICE = 4;
  private static final int CONVERSATIONS = 4;
  private static final int MESSAGES_PER_CONVERSATION = 6;
  private static final String REASON = "30003: Unreachable destination handset";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void everyMessageEndsInItsFurthestStatusAndNeverMovesBack(String engine) {
    TenantId tenant = TenantId.of("receipts-" + engine);
    try (Stores stores = Stores.on(engine);
        Conversations one = Conversations.builder().store(stores.store()).directory(stores.directory()).build();
        Conversations two = Conversations.builder().store(stores.store()).directory(stores.directory()).build()) {
      assertTimeoutPreemptively(Duration.ofMinutes(3), () -> storm(List.of(one, two), stores.store(), tenant));
    }
  }

  private static void storm(List<Conversations> services, ConversationStore store, TenantId tenant) throws Exception {
    Conversations service = services.get(0);
    Random random = new Random(42);
    Map<String, DeliveryStatus> furthest = new HashMap<>();
    Map<String, Message> byProvider = new HashMap<>();
    List<Receipt> receipts = new ArrayList<>();
    for (int c = 0; c < CONVERSATIONS; c++) {
      Conversation conversation = service.create(tenant, NewConversation.on(WorkspaceId.of("support"), Channel.of(ChannelType.WEB_CHAT))
          .firstMessage(NewMessage.of(Participant.customer(), "Hello " + c))).get().conversation();
      for (int m = 0; m < MESSAGES_PER_CONVERSATION; m++) {
        Message reply = service.send(tenant, conversation.id(), NewMessage.of(Participant.ai(), "Answer " + m)).get().messages().single();
        String provider = "SM-" + c + "-" + m;
        service.dispatched(tenant, conversation.id(), reply.id(), provider).get();
        byProvider.put(provider, reply);
        DeliveryStatus top = DeliveryStatus.SENT;
        for (DeliveryStatus status : DeliveryStatus.values()) {
          if (random.nextBoolean()) {
            receipts.add(status == DeliveryStatus.FAILED ? Receipt.failed(provider, REASON) : Receipt.of(provider, status));
            top = status.compareTo(top) > 0 ? status : top;
          }
        }
        furthest.put(provider, top);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(services.size() * THREADS_PER_SERVICE);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < services.size() * THREADS_PER_SERVICE; t++) {
        Conversations mine = services.get(t % services.size());
        List<Receipt> order = new ArrayList<>(receipts);
        Collections.shuffle(order, new Random(t));
        running.add(pool.submit(() -> {
          go.await();
          for (Receipt r : order) {
            assertThat(mine.receipt(tenant, r).isRight()).as("receipt %s", r).isTrue();
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<MessageId, DeliveryStatus> lastSeen = new HashMap<>();
    long after = 0;
    while (true) {
      var batch = store.events(tenant, after, ConversationStore.MAX_EVENT_BATCH);
      if (batch.isEmpty()) {
        break;
      }
      for (StoredEvent e : batch) {
        if (e.event().change() instanceof DomainEvent.DeliveryChanged d) {
          DeliveryStatus before = lastSeen.getOrDefault(d.messageId(), DeliveryStatus.QUEUED);
          assertThat(d.delivery().status().compareTo(before)).as("statuses rise strictly for %s", d.messageId()).isPositive();
          lastSeen.put(d.messageId(), d.delivery().status());
        }
      }
      after = batch.last().position();
    }
    for (Map.Entry<String, Message> sent : byProvider.entrySet()) {
      Message now = store.findByProviderMessageId(tenant, sent.getKey()).get();
      Delivery delivery = now.delivery().get();
      assertThat(delivery.status()).as("%s ends in its furthest status", sent.getKey()).isEqualTo(furthest.get(sent.getKey()));
      assertThat(delivery.providerMessageId()).contains(sent.getKey());
      Conversation c = store.find(tenant, now.conversationId()).get();
      long items = c.attention().count(i -> i.id().equals(Command.RecordDelivery.attentionId(now.id())));
      assertThat(items).as("at most one attention item per failed message").isLessThanOrEqualTo(1);
      if (delivery.status() == DeliveryStatus.FAILED) {
        assertThat(items).isEqualTo(1);
      }
    }
  }
}
