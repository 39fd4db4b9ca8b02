package dev.conversation.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import io.cloudevents.CloudEvent;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The relay over a real HTTP receiver: every event arrives signed, at least once, one
 * conversation's in version order, through receiver failures and timeouts, a relay killed
 * mid-batch, and a poison event that parks without blocking the other conversations.
 */
class RelayTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");

  /** Writes {@code n} conversations per tenant, each with a few messages: events of several conversations interleaved. */
  private static List<ConversationId> write(Conversations service, TenantId tenant, int n) {
    List<ConversationId> ids = List.empty();
    for (int i = 0; i < n; i++) {
      ids = ids.append(service.create(tenant, NewConversation.on(WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT))
          .firstMessage(NewMessage.of(Participant.customer(), "hello " + i))).get().conversation().id());
    }
    for (int round = 0; round < 2; round++) {
      for (ConversationId id : ids) {
        service.send(tenant, id, NewMessage.of(Participant.ai(), "answer " + round)).get();
        service.send(tenant, id, NewMessage.of(Participant.customer(), "more " + round)).get();
      }
    }
    return ids;
  }

  private static Seq<StoredEvent> outbox(ConversationStore store, TenantId tenant) {
    List<StoredEvent> all = List.empty();
    long after = 0;
    while (true) {
      Seq<StoredEvent> page = store.events(tenant, after, 1000);
      all = all.appendAll(page);
      if (page.size() < 1000) {
        return all;
      }
      after = page.last().position();
    }
  }

  /**
   * Polls until the relay has had nothing to do (nothing delivered, retried or parked) for 20
   * passes in a row, 5 ms apart (longer than any retry wait of these tests), at most {@code passes} times.
   */
  private static void drain(Relay relay, int passes) throws InterruptedException {
    int idle = 0;
    for (int i = 0; i < passes && idle < 20; i++) {
      Relay.Stats before = relay.stats();
      relay.pollNow();
      Relay.Stats after = relay.stats();
      boolean busy = after.delivered() > before.delivered() || after.retries() > before.retries() || after.parked() > before.parked();
      idle = busy ? 0 : idle + 1;
      Thread.sleep(5);
    }
  }

  /** Asserts that the receiver got every outbox event, signed, first deliveries per conversation in version order. */
  private static void assertEverythingArrivedInOrder(Receiver receiver, ConversationStore store, TenantId... tenants) {
    java.util.List<Receiver.Received> ok = receiver.received().stream().filter(r -> r.answered() == 200).toList();
    assertThat(receiver.received()).as("every request carries a valid Standard Webhooks signature")
        .allMatch(Receiver.Received::signatureValid);
    Map<String, CloudEvent> firstById = new LinkedHashMap<>();
    for (Receiver.Received r : ok) {
      CloudEvent before = firstById.putIfAbsent(r.id(), r.event());
      if (before != null) {
        assertThat(r.event()).as("a duplicate carries the same id and the same event").isEqualTo(before);
      }
    }
    List<String> expected = List.empty();
    for (TenantId t : tenants) {
      expected = expected.appendAll(outbox(store, t).map(e -> Envelope.id(t, e.position())));
    }
    assertThat(firstById.keySet()).as("every event of the outbox arrived, nothing else").containsExactlyInAnyOrderElementsOf(expected);
    Map<String, Long> lastVersion = new LinkedHashMap<>();
    for (CloudEvent e : firstById.values()) {
      String conversation = e.getExtension("tenant") + "/" + e.getSubject();
      long version = Long.parseLong(String.valueOf(e.getExtension("conversationversion")));
      Long before = lastVersion.put(conversation, version);
      assertThat(before == null || before <= version).as("conversation %s: version %s after %s", conversation, version, before)
          .isTrue();
    }
  }

  @Test
  void everyEventArrivesSignedAndInOrderAfterTheReceiverFailsAndTimesOutForAWhile() throws Exception {
    try (Conversations service = Conversations.inMemory(); Receiver receiver = new Receiver()) {
      write(service, ACME, 4);
      write(service, GLOBEX, 3);
      AtomicInteger calls = new AtomicInteger();
      receiver.answer(e -> {
        int n = calls.incrementAndGet();
        return n <= 6 ? 500 : n <= 8 ? -600 : n % 5 == 0 ? 503 : 200;  // 500s, then two stalls past the timeout, then now and then a 503
      });
      WebhookSink sink = WebhookSink.to(receiver.url(), Receiver.SECRET, Duration.ofSeconds(1), Duration.ofMillis(300),
          java.time.Clock.systemUTC());
      Relay relay = Relay.builder("webhooks", service.store(), RelayState.inMemory(), sink).tenants(() -> List.of(ACME, GLOBEX))
          .batch(7).retries(50, Duration.ofMillis(1), Duration.ofMillis(4)).build();
      drain(relay, 500);
      assertEverythingArrivedInOrder(receiver, service.store(), ACME, GLOBEX);
      assertThat(relay.stats().retries()).as("the failures were retried").isGreaterThanOrEqualTo(8);
      assertThat(relay.stats().parked()).as("nothing parked: the receiver recovered within the budget").isZero();
      assertThat(relay.stats().lastProblem().get()).contains("HTTP 503");
      CloudEvent any = receiver.received().get(receiver.received().size() - 1).event();
      assertThat(any.getSpecVersion().toString()).isEqualTo("1.0");
      assertThat(any.getType()).startsWith("dev.conversation.");
      assertThat(any.getDataContentType()).isEqualTo("application/json");
    }
  }

  @Test
  void aRelayKilledMidBatchStartsAgainFromItsCheckpointAndLosesNothing() throws Exception {
    try (Conversations service = Conversations.inMemory(); Receiver receiver = new Receiver()) {
      write(service, ACME, 5);
      RelayState state = RelayState.inMemory();
      WebhookSink webhook = WebhookSink.to(receiver.url(), Receiver.SECRET);
      AtomicInteger sent = new AtomicInteger();
      Sink dying = event -> {
        if (sent.incrementAndGet() == 12) {
          throw new KilledError();  // the process dies mid-batch, after eleven deliveries
        }
        return webhook.deliver(event);
      };
      Relay first = Relay.builder("webhooks", service.store(), state, dying).tenants(() -> List.of(ACME)).batch(20).build();
      assertThatThrownBy(first::pollNow).isInstanceOf(KilledError.class);
      assertThat(receiver.received()).hasSize(11);
      assertThat(state.checkpoint("webhooks", ACME)).as("the batch under way was not checkpointed").isZero();
      Relay second = Relay.builder("webhooks", service.store(), state, webhook).tenants(() -> List.of(ACME)).batch(20).build();
      drain(second, 100);
      assertEverythingArrivedInOrder(receiver, service.store(), ACME);
      assertThat(receiver.received().size() - outbox(service.store(), ACME).size()).as("only the killed batch came twice")
          .isEqualTo(11);
      assertThat(state.checkpoint("webhooks", ACME)).isEqualTo(outbox(service.store(), ACME).last().position());
    }
  }

  /** Stands for the process dying: not an exception a sink reports. */
  private static final class KilledError extends Error {
    KilledError() {
      super("killed");
    }
  }

  @Test
  void aPoisonEventParksAndHoldsOnlyItsConversationUntilItIsRedelivered() throws Exception {
    try (Conversations service = Conversations.inMemory(); Receiver receiver = new Receiver()) {
      List<ConversationId> ids = write(service, ACME, 4);
      ConversationId poison = ids.get(1);
      long poisonVersion = 3;
      receiver.answer(e -> e.getSubject().equals(poison.value())
          && Long.parseLong(String.valueOf(e.getExtension("conversationversion"))) == poisonVersion ? 422 : 200);
      RelayState state = RelayState.inMemory();
      Relay relay = Relay.builder("webhooks", service.store(), state, WebhookSink.to(receiver.url(), Receiver.SECRET))
          .tenants(() -> List.of(ACME)).batch(5).build();
      drain(relay, 100);
      Seq<Parked> parked = relay.parked(ACME);
      assertThat(parked).as("the refused event and its conversation's later ones are parked").isNotEmpty()
          .allMatch(p -> p.event().event().conversationId().equals(poison));
      assertThat(parked.head().reason()).contains("refused: HTTP 422");
      assertThat(parked.tail()).allMatch(p -> p.reason().contains("held behind"));
      assertThat(parked.map(p -> p.event().event().version())).as("from the poison event on").allMatch(v -> v >= poisonVersion);
      assertThat(receiver.received().stream().filter(r -> r.event().getSubject().equals(poison.value()) && r.answered() == 200)
          .map(r -> Long.parseLong(String.valueOf(r.event().getExtension("conversationversion")))))
          .as("none of the poisoned conversation's later events was sent").allMatch(v -> v < poisonVersion);
      for (ConversationId other : ids.remove(poison)) {
        assertThat(receiver.received()).as("the other conversations were not blocked")
            .anyMatch(r -> r.event().getSubject().equals(other.value()) && r.answered() == 200);
      }
      service.send(ACME, poison, NewMessage.of(Participant.customer(), "anyone?")).get();
      drain(relay, 100);
      assertThat(relay.parked(ACME).size()).as("a new event of the held conversation is parked behind too").isEqualTo(parked.size() + 1);
      receiver.answer(e -> 200);
      assertThat(relay.redeliver(ACME, poison)).isEqualTo(parked.size() + 1);
      assertThat(relay.parked(ACME)).isEmpty();
      service.send(ACME, poison, NewMessage.of(Participant.ai(), "here")).get();
      drain(relay, 100);
      assertThat(relay.parked(ACME)).as("once redelivered, the conversation flows again").isEmpty();
      assertEverythingArrivedInOrder(receiver, service.store(), ACME);
    }
  }

  @Test
  void anEventOutOfAttemptsIsParkedAndDroppingItFreesItsConversation() throws Exception {
    try (Conversations service = Conversations.inMemory(); Receiver receiver = new Receiver()) {
      List<ConversationId> ids = write(service, ACME, 2);
      ConversationId stuck = ids.get(0);
      receiver.answer(e -> e.getSubject().equals(stuck.value()) ? 500 : 200);
      Relay relay = Relay.builder("webhooks", service.store(), RelayState.inMemory(), WebhookSink.to(receiver.url(), Receiver.SECRET))
          .tenants(() -> List.of(ACME)).retries(3, Duration.ofMillis(1), Duration.ofMillis(2)).build();
      drain(relay, 200);
      Seq<Parked> parked = relay.parked(ACME);
      assertThat(parked.head().reason()).isEqualTo("gave up after 3 attempts: HTTP 500");
      assertThat(receiver.received().stream().filter(r -> r.event().getSubject().equals(stuck.value())))
          .as("three tries of its first event, nothing after it").hasSize(3);
      for (Parked p : parked) {
        assertThat(relay.drop(ACME, p.event().position())).isTrue();
      }
      assertThat(relay.drop(ACME, parked.head().event().position())).as("dropped once").isFalse();
      receiver.answer(e -> 200);
      service.send(ACME, stuck, NewMessage.of(Participant.ai(), "later")).get();
      drain(relay, 100);
      assertThat(receiver.received().get(receiver.received().size() - 1).event().getSubject())
          .as("after the drop, its new events flow").isEqualTo(stuck.value());
    }
  }

  @Test
  void withoutAListOfTenantsTheRelayFindsEveryTenantThatWrote() throws Exception {
    try (Conversations service = Conversations.inMemory(); Receiver receiver = new Receiver()) {
      write(service, ACME, 2);
      write(service, GLOBEX, 2);
      Relay relay = Relay.builder("webhooks", service.store(), RelayState.inMemory(), WebhookSink.to(receiver.url(), Receiver.SECRET))
          .build();
      drain(relay, 100);
      TenantId initech = TenantId.of("initech");
      write(service, initech, 1);
      drain(relay, 100);
      assertEverythingArrivedInOrder(receiver, service.store(), ACME, GLOBEX, initech);
    }
  }

  @Test
  void retentionPrunesOnlyWhatEveryRelayOfTheStateDelivered() throws Exception {
    try (Conversations service = Conversations.inMemory()) {
      write(service, ACME, 3);
      Seq<StoredEvent> all = outbox(service.store(), ACME);
      RelayState state = RelayState.inMemory();
      java.util.List<String> slowGot = new java.util.ArrayList<>();
      AtomicInteger takes = new AtomicInteger(5);
      Sink slowSink = e -> {
        if (slowGot.size() >= takes.get()) {
          return Sink.Result.retry("slow receiver down");
        }
        slowGot.add(e.getId());
        return Sink.Result.delivered();
      };
      Relay slow = Relay.builder("slow", service.store(), state, slowSink).tenants(() -> List.of(ACME))
          .retries(1000, Duration.ofMillis(1), Duration.ofMillis(1)).build();
      slow.pollNow();
      long slowCheckpoint = state.checkpoint("slow", ACME);
      assertThat(slowCheckpoint).isEqualTo(all.get(4).position());
      java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(2));
      Relay fast = Relay.builder("fast", service.store(), state, e -> Sink.Result.delivered()).tenants(() -> List.of(ACME))
          .retention(Duration.ofHours(1)).clock(later).build();
      fast.pollNow();
      assertThat(fast.stats().delivered()).isEqualTo(all.size());
      assertThat(fast.stats().pruned()).as("pruned up to the slow relay's checkpoint, not past it").isEqualTo(5);
      assertThat(outbox(service.store(), ACME)).containsExactlyElementsOf(all.drop(5));
      takes.set(Integer.MAX_VALUE);
      Thread.sleep(5);  // past the retry wait
      slow.pollNow();
      assertThat(slowGot).as("the slow relay loses nothing").containsExactlyElementsOf(all.map(e -> Envelope.id(ACME, e.position())));
      fast.pollNow();
      assertThat(outbox(service.store(), ACME)).as("once both delivered everything, everything older than the retention goes")
          .isEmpty();
      Relay young = Relay.builder("young", service.store(), RelayState.inMemory(), e -> Sink.Result.delivered())
          .tenants(() -> List.of(ACME)).retention(Duration.ofHours(1)).build();
      write(service, ACME, 1);
      young.pollNow();
      assertThat(young.stats().pruned()).as("nothing younger than the retention is pruned").isZero();
    }
  }

  @Test
  void retentionWaitsForARegisteredRelayThatHasNotDeliveredThereYet() throws Exception {
    try (Conversations service = Conversations.inMemory()) {
      write(service, ACME, 2);
      int events = outbox(service.store(), ACME).size();
      RelayState state = RelayState.inMemory();
      Relay.builder("b", service.store(), state, e -> Sink.Result.retry("down")).tenants(() -> List.of(ACME))
          .retries(1000, Duration.ofMillis(1), Duration.ofMillis(1)).build().pollNow();
      Relay a = Relay.builder("a", service.store(), state, e -> Sink.Result.delivered()).tenants(() -> List.of(ACME))
          .retention(Duration.ofHours(1)).clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(2))).build();
      a.pollNow();
      assertThat(a.stats().pruned()).as("b is registered and has delivered nothing in acme").isZero();
      state.forget("b");
      a.pollNow();
      assertThat(a.stats().pruned()).as("once b is forgotten, what a delivered goes").isEqualTo(events);
    }
  }

  @Test
  void aTenantWhoseDeliveryFailsDoesNotHoldUpTheOthers() throws Exception {
    try (Conversations service = Conversations.inMemory()) {
      write(service, ACME, 1);
      write(service, GLOBEX, 1);
      ConversationStore failingAcme = new ForwardingStore(service.store()) {
        @Override
        public Seq<StoredEvent> events(TenantId tenant, long afterPosition, int limit) {
          if (tenant.equals(ACME)) {
            throw new dev.conversation.persistence.StoreFailure("cannot decode an event of acme");
          }
          return super.events(tenant, afterPosition, limit);
        }
      };
      java.util.List<String> got = new java.util.ArrayList<>();
      Relay relay = Relay.builder("r", failingAcme, RelayState.inMemory(), e -> {
        got.add(e.getId());
        return Sink.Result.delivered();
      }).tenants(() -> List.of(ACME, GLOBEX)).build();
      relay.pollNow();
      relay.pollNow();
      assertThat(got).as("globex is delivered whatever acme does").hasSize(outbox(service.store(), GLOBEX).size());
      assertThat(relay.stats().failures()).isEqualTo(2);
      assertThat(relay.stats().lastProblem().get()).contains("tenant acme failed").contains("cannot decode");
    }
  }

  @Test
  void aStartedRelaySurvivesASinkThatThrowsAnError() throws Exception {
    try (Conversations service = Conversations.inMemory()) {
      write(service, ACME, 1);
      AtomicInteger calls = new AtomicInteger();
      try (Relay relay = Relay.builder("r", service.store(), RelayState.inMemory(), e -> {
        if (calls.incrementAndGet() == 1) {
          throw new AssertionError("a bug in the sink");
        }
        return Sink.Result.delivered();
      }).tenants(() -> List.of(ACME)).start(Duration.ofMillis(10))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (relay.stats().delivered() < outbox(service.store(), ACME).size() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(relay.stats().delivered()).as("the passes after the Error went on").isEqualTo(outbox(service.store(), ACME).size());
      }
    }
  }

  @Test
  void aRetryBudgetOfHoursDoesNotOverflowTheBackOff() {
    try (Conversations service = Conversations.inMemory()) {
      write(service, ACME, 1);
      java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
          java.time.Instant.parse("2026-01-01T00:00:00Z"));
      java.time.Clock clock = new java.time.Clock() {
        @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
        @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public java.time.Instant instant() { return now.get(); }
      };
      Relay relay = Relay.builder("r", service.store(), RelayState.inMemory(), e -> Sink.Result.retry("down"))
          .tenants(() -> List.of(ACME)).retries(60, Duration.ofHours(10), Duration.ofDays(3650)).clock(clock).build();
      for (int pass = 0; pass < 70; pass++) {
        relay.pollNow();
        now.set(now.get().plus(Duration.ofDays(3651)));
      }
      assertThat(relay.stats().failures()).as("no pass failed computing a wait").isZero();
      assertThat(relay.parked(ACME).head().reason()).startsWith("gave up after 60 attempts");
    }
  }

  @Test
  void aReceiverThatStallsItsBodyIsCutOffAndOnlyEventRefusalsPark() throws Exception {
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread stall = new Thread(() -> {
        try (java.net.Socket socket = server.accept()) {
          socket.getInputStream().read(new byte[8192]);
          socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nok".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          Thread.sleep(5_000);
        } catch (Exception ignored) {
          // the test is over
        }
      });
      stall.setDaemon(true);
      stall.start();
      WebhookSink sink = WebhookSink.to(java.net.URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hooks"), Receiver.SECRET,
          Duration.ofMillis(300), Duration.ofMillis(300), java.time.Clock.systemUTC());
      long started = System.nanoTime();
      Sink.Result result = sink.deliver(Envelope.of(java.net.URI.create("urn:test"), ACME,
          new StoredEvent(1, new dev.conversation.domain.DomainEvent(ConversationId.of("c"), ACME, 1, java.time.Instant.now(),
              Participant.system(), new dev.conversation.domain.DomainEvent.Woke()))));
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      assertThat(result).isInstanceOf(Sink.Retry.class);
      assertThat(millis).as("cut off at connect plus request timeout, not when the body ends").isLessThan(2_000);
    }
    try (Conversations service = Conversations.inMemory(); Receiver receiver = new Receiver()) {
      write(service, ACME, 1);
      Sink sink = WebhookSink.to(receiver.url(), Receiver.SECRET);
      CloudEvent event = Envelope.of(java.net.URI.create("urn:test"), ACME, outbox(service.store(), ACME).head());
      for (int status : new int[] {301, 307, 401, 403, 404, 410, 429, 503}) {
        receiver.answer(e -> status);
        assertThat(sink.deliver(event)).as("HTTP %s is about the endpoint: tried again", status).isInstanceOf(Sink.Retry.class);
      }
      for (int status : new int[] {400, 409, 413, 415, 422}) {
        receiver.answer(e -> status);
        assertThat(sink.deliver(event)).as("HTTP %s refuses the event: parked", status).isInstanceOf(Sink.Refused.class);
      }
    }
  }

  @Test
  void badConfigurationIsRefusedWithTheRule() {
    ConversationStore store = ConversationStore.inMemory();
    Sink sink = e -> Sink.Result.delivered();
    assertThatThrownBy(() -> Relay.builder(" ", store, RelayState.inMemory(), sink)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> Relay.builder("r", store, RelayState.inMemory(), sink).batch(0))
        .hasMessageContaining("batch must be 1 to 1000");
    assertThatThrownBy(() -> Relay.builder("r", store, RelayState.inMemory(), sink).retries(0, Duration.ofSeconds(1), Duration.ofSeconds(2)))
        .hasMessageContaining("attempts");
    assertThatThrownBy(() -> Relay.builder("r", store, RelayState.inMemory(), sink).retries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("no shorter than the first");
    assertThatThrownBy(() -> Relay.builder("r", store, RelayState.inMemory(), sink).retention(Duration.ofMillis(500)))
        .hasMessageContaining("retention must be at least 1 s");
    assertThatThrownBy(() -> WebhookSink.to(java.net.URI.create("ftp://x/y"), Receiver.SECRET)).hasMessageContaining("http or https");
    assertThatThrownBy(() -> WebhookSink.to(java.net.URI.create("http://x/y"), "whsec_not base64!"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
  }
}
