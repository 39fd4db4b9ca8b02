package dev.conversation.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import io.cloudevents.CloudEvent;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay into a real Kafka broker (KRaft, one combined node in this JVM): every event arrives
 * once or more with its id, keyed by conversation, each conversation's events in one partition in
 * version order; through a broker restart in the middle of the stream.
 */
class KafkaSinkTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static KafkaClusterTestKit cluster;

  @BeforeAll
  static void startBroker() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build()).build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static void createTopic(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      admin.createTopics(java.util.List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
  }

  private static java.util.List<ConsumerRecord<String, byte[]>> consumeAll(String topic, int atLeast) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    java.util.List<ConsumerRecord<String, byte[]>> all = new java.util.ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      // No consumer group (one broker cannot host the group coordinator's replicated topic): every partition, from the start.
      java.util.List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int empty = 0;
      while (System.nanoTime() < deadline && (all.size() < atLeast || empty < 3)) {
        var records = consumer.poll(Duration.ofMillis(500));
        records.forEach(all::add);
        empty = records.isEmpty() ? empty + 1 : 0;
      }
    }
    return all;
  }

  private static List<ConversationId> write(Conversations service, TenantId tenant, int conversations, int rounds) {
    List<ConversationId> ids = List.empty();
    for (int i = 0; i < conversations; i++) {
      ids = ids.append(service.create(tenant, NewConversation.on(WorkspaceId.of("ws"), Channel.of(ChannelType.WEB_CHAT))
          .firstMessage(NewMessage.of(Participant.customer(), "hello " + i))).get().conversation().id());
    }
    for (int round = 0; round < rounds; round++) {
      for (ConversationId id : ids) {
        service.send(tenant, id, NewMessage.of(Participant.ai(), "answer " + round)).get();
        service.send(tenant, id, NewMessage.of(Participant.customer(), "more " + round)).get();
      }
    }
    return ids;
  }

  private static Seq<String> outboxIds(Conversations service, TenantId tenant) {
    return service.store().events(tenant, 0, 1000).map((StoredEvent e) -> Envelope.id(tenant, e.position()));
  }

  /** Checks ids, keys, partitions and per-conversation order of what the topic holds. */
  private static void assertTopicHoldsEverythingInOrder(java.util.List<ConsumerRecord<String, byte[]>> records, Seq<String> expected) {
    Map<String, CloudEvent> firstById = new LinkedHashMap<>();
    Map<String, Integer> partitionByKey = new HashMap<>();
    Map<String, Long> lastVersionByKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      CloudEvent e = Envelope.fromJson(r.value());
      assertThat(r.key()).as("the key is tenant/conversation").isEqualTo(KafkaSink.key(e));
      assertThat(new String(r.headers().lastHeader("content-type").value(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("application/cloudevents+json");
      Integer partition = partitionByKey.putIfAbsent(r.key(), r.partition());
      assertThat(partition == null || partition == r.partition()).as("one conversation, one partition").isTrue();
      if (firstById.putIfAbsent(e.getId(), e) == null) {
        long version = Long.parseLong(String.valueOf(e.getExtension("conversationversion")));
        Long before = lastVersionByKey.put(r.key(), version);
        assertThat(before == null || before <= version).as("%s: version %s after %s", r.key(), version, before).isTrue();
      } else {
        assertThat(e).as("a duplicate is the same event under the same id").isEqualTo(firstById.get(e.getId()));
      }
    }
    assertThat(firstById.keySet()).as("every outbox event is in the topic").containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyEventLandsKeyedByConversationInOrderWithItsId() throws Exception {
    createTopic("conversations-a");
    try (Conversations service = Conversations.inMemory();
         KafkaSink sink = KafkaSink.to("conversations-a", Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      write(service, ACME, 5, 2);
      write(service, GLOBEX, 3, 1);
      Relay relay = Relay.builder("kafka", service.store(), RelayState.inMemory(), sink).tenants(() -> List.of(ACME, GLOBEX)).build();
      relay.pollNow();
      Seq<String> expected = outboxIds(service, ACME).appendAll(outboxIds(service, GLOBEX));
      assertThat(relay.stats().delivered()).isEqualTo(expected.size());
      assertTopicHoldsEverythingInOrder(consumeAll("conversations-a", expected.size()), expected);
    }
  }

  @Test
  void settingsGivenAsTextAreTakenAsKafkaTakesThem() throws Exception {
    createTopic("conversations-c");
    try (Conversations service = Conversations.inMemory(); KafkaSink sink = KafkaSink.to("conversations-c",
        Map.of("bootstrap.servers", cluster.bootstrapServers(), "delivery.timeout.ms", "20000", "max.block.ms", "5000"))) {
      write(service, ACME, 1, 0);
      Relay relay = Relay.builder("kafka", service.store(), RelayState.inMemory(), sink).tenants(() -> List.of(ACME)).build();
      relay.pollNow();
      assertThat(relay.stats().delivered()).isEqualTo(outboxIds(service, ACME).size());
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaSink.to("t",
            Map.of("bootstrap.servers", cluster.bootstrapServers(), "delivery.timeout.ms", "soon")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delivery.timeout.ms must be a number");
  }

  @Test
  void aBrokerRestartInTheMiddleOfTheStreamLosesNothing() throws Exception {
    createTopic("conversations-b");
    Map<String, Object> config = Map.of("bootstrap.servers", cluster.bootstrapServers(), "delivery.timeout.ms", 3_000,
        "request.timeout.ms", 1_000, "max.block.ms", 1_000);
    try (Conversations service = Conversations.inMemory(); KafkaSink sink = KafkaSink.to("conversations-b", config)) {
      write(service, ACME, 4, 1);
      Relay relay = Relay.builder("kafka", service.store(), RelayState.inMemory(), sink).tenants(() -> List.of(ACME))
          .retries(1000, Duration.ofMillis(50), Duration.ofMillis(200)).build();
      relay.pollNow();
      var broker = cluster.brokers().values().iterator().next();
      broker.shutdown();
      broker.awaitShutdown();
      write(service, ACME, 3, 1);
      relay.pollNow();
      assertThat(relay.stats().retries()).as("the broker is down: the delivery waits").isPositive();
      broker.startup();
      cluster.waitForReadyBrokers();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Seq<String> expected = outboxIds(service, ACME);
      while (relay.stats().delivered() < expected.size() && System.nanoTime() < deadline) {
        relay.pollNow();
        Thread.sleep(100);
      }
      assertThat(relay.stats().parked()).isZero();
      assertTopicHoldsEverythingInOrder(consumeAll("conversations-b", expected.size()), expected);
    }
  }
}
