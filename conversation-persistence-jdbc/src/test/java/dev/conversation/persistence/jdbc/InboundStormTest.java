package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Page;
import dev.conversation.persistence.Route;
import dev.conversation.service.Conversations;
import dev.conversation.service.InboundMessage;
import dev.conversation.service.Problem;
import dev.conversation.service.Received;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inbound exactly once under a storm, on every store: 16 threads each receive 500 SMS from 20
 * customers who have never written before; every tenth delivery is a redelivery of a message
 * another thread is receiving at about the same time (same provider id, sender and text). Every
 * customer must end with exactly one open conversation, and every distinct message must be
 * stored exactly once, whoever won each race.
 */
class InboundStormTest {

  private static final int THREADS = 16;
  private static final int MESSAGES = 500;
  private static final int CUSTOMERS = 20;
  private static final Channel LINE = Channel.of(ChannelType.SMS, ChannelId.of("+15550001111"));
  private static final WorkspaceId SUPPORT = WorkspaceId.of("support");

  /** What thread {@code t} delivers at step {@code i}: its own message, or every tenth time the next thread's next one. */
  private static InboundMessage delivery(int t, int i) {
    return i % 10 == 0 ? original((t + 1) % THREADS, i + 1) : original(t, i);
  }

  private static InboundMessage original(int t, int i) {
    return InboundMessage.of(SUPPORT, LINE, phone(customer(t, i)), "message " + i + " of thread " + t, "SM-" + t + "-" + i);
  }

  /** Who wrote thread {@code t}'s message {@code i}: every customer writes, on every thread. */
  private static int customer(int t, int i) {
    return (t + i) % CUSTOMERS;
  }

  private static String phone(int customer) {
    return String.format("+1555300%04d", customer);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-memory", "h2", "postgresql"})
  void everyCustomerGetsOneOpenConversationAndEveryDistinctMessageIsStoredOnce(String engine) {
    TenantId tenant = TenantId.of("storm");
    try (Stores stores = Stores.on(engine);
        Conversations service = Conversations.builder().store(stores.store()).directory(stores.directory()).build()) {
      assertTimeoutPreemptively(Duration.ofMinutes(3), () -> storm(service, tenant));
    }
  }

  private static void storm(Conversations service, TenantId tenant) throws Exception {
    ConcurrentLinkedQueue<Either<Problem, Received>> results = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        running.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < MESSAGES; i++) {
            results.add(service.receive(tenant, delivery(thread, i)));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : running) {
        f.get(170, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(results).hasSize(THREADS * MESSAGES);
    assertThat(results).as("every delivery is accepted").allSatisfy(r -> assertThat(r.isRight()).as("%s", r).isTrue());
    Map<String, String> expected = new HashMap<>();  // provider id -> content, of every distinct message
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < MESSAGES; i++) {
        InboundMessage m = delivery(t, i);
        expected.put(m.providerMessageId(), m.content());
      }
    }
    assertThat(expected).hasSize(THREADS * MESSAGES * 9 / 10);
    assertThat(results.stream().filter(r -> r.get().delivery() == Received.Delivery.DUPLICATE).count())
        .as("each redelivery, and only it, is answered as a duplicate").isEqualTo(THREADS * MESSAGES / 10);

    ConversationStore store = service.store();
    assertThat(store.count(tenant, ConversationFilter.all())).as("one conversation per customer").isEqualTo(CUSTOMERS);
    Map<String, Integer> stored = new HashMap<>();
    Set<ConversationId> conversations = new HashSet<>();
    for (int customer = 0; customer < CUSTOMERS; customer++) {
      var contact = service.directory().findByAddress(tenant, ChannelType.SMS, new PhoneNumber(phone(customer)));
      assertThat(contact).as("customer %s has one contact", customer).hasSize(1);
      Option<Conversation> open = store.latest(tenant, Route.of(LINE, contact.get().id()));
      assertThat(open).as("customer %s has an open conversation", customer).hasSize(1);
      assertThat(open.get().status()).isNotEqualTo(Status.CLOSED);
      conversations.add(open.get().id());
      MessageQuery query = MessageQuery.first(100);
      while (true) {
        Page<Message> page = store.messages(tenant, open.get().id(), query);
        for (Message m : page.items()) {
          String providerId = m.idempotencyKey().get().substring("inbound:".length());
          String[] parts = providerId.split("-");
          assertThat(customer(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])))
              .as("message %s is in its sender's conversation", providerId).isEqualTo(customer);
          stored.merge(providerId + "\u0000" + m.content(), 1, Integer::sum);
        }
        if (page.next().isEmpty()) {
          break;
        }
        query = MessageQuery.of(Option.some(100), page.next()).get();
      }
    }
    assertThat(conversations).as("twenty different conversations").hasSize(CUSTOMERS);
    Map<String, Integer> once = new HashMap<>();
    expected.forEach((id, content) -> once.put(id + "\u0000" + content, 1));
    assertThat(stored).as("every distinct message stored exactly once, in its sender's conversation").isEqualTo(once);
  }
}
