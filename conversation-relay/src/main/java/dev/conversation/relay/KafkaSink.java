package dev.conversation.relay;

import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Delivers each event to a Kafka topic: the value is the CloudEvents structured JSON (header
 * {@code content-type: application/cloudevents+json}), the key {@code <tenant>/<conversation id>},
 * so one conversation's events go to one partition, in order (conversation ids are unique within
 * a tenant only, hence the tenant in the key).
 *
 * <p>The producer is idempotent with {@code acks=all} (whatever the configuration given says), so
 * the broker's own retries add no duplicates; a delivery waits for the broker's acknowledgement,
 * bounded by {@code delivery.timeout.ms} (default here 30 s). A timeout or a retriable error (the
 * broker restarting, a leader moving) is tried again by the relay; a record the broker will never
 * take (too large, not serializable) is refused and parked; an authorization failure or an
 * invalid topic is tried again (a configuration to fix, not a reason to park every event), with a
 * new producer, since such failures can leave an idempotent one unusable. Each event is sent and
 * acknowledged before the next, which keeps the relay's order and its checkpoint simple and
 * costs one broker round trip per event. Thread-safe; {@link #close()} closes the producer.
 */
public final class KafkaSink implements Sink, AutoCloseable {

  private final String topic;
  private final java.util.function.Supplier<Producer<String, byte[]>> producers;
  private final long waitMillis;
  private Producer<String, byte[]> producer;

  private KafkaSink(String topic, java.util.function.Supplier<Producer<String, byte[]>> producers, long waitMillis) {
    this.topic = topic;
    this.producers = producers;
    this.waitMillis = waitMillis;
  }

  /**
   * Returns a sink producing to {@code topic} with this producer configuration (at least {@code
   * bootstrap.servers}); serializers, idempotence and {@code acks} are set here.
   *
   * @throws IllegalArgumentException if the topic is blank or the configuration names no bootstrap servers
   */
  public static KafkaSink to(String topic, Map<String, Object> config) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(config, "config");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    if (!config.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("config must name " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    settings.putAll(config);
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    long deliveryTimeout = millis(settings, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    long maxBlock = millis(settings, ProducerConfig.MAX_BLOCK_MS_CONFIG);
    KafkaSink sink = new KafkaSink(topic, () -> new KafkaProducer<>(settings), deliveryTimeout + maxBlock + 1_000);
    sink.producer = sink.producers.get();
    return sink;
  }

  /** A duration setting as Kafka accepts it: a number or its text. */
  private static long millis(Map<String, Object> settings, String name) {
    Object value = settings.get(name);
    try {
      return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number of milliseconds: " + value, e);
    }
  }

  /** Returns the record key of an event: {@code <tenant>/<conversation id>}. */
  public static String key(CloudEvent event) {
    return event.getExtension("tenant") + "/" + event.getSubject();
  }

  @Override
  public synchronized Result deliver(CloudEvent event) {
    Objects.requireNonNull(event, "event");
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key(event), Envelope.json(event));
    record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    if (producer == null) {
      producer = producers.get();
    }
    try {
      producer.send(record).get(waitMillis, TimeUnit.MILLISECONDS);
      return Result.delivered();
    } catch (TimeoutException e) {
      return Result.retry("no acknowledgement within " + Duration.ofMillis(waitMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.retry("interrupted");
    } catch (ExecutionException e) {
      return classify(e.getCause());
    } catch (KafkaException e) {
      return classify(e);
    }
  }

  /**
   * A record the broker will never take (too large, not serializable) is refused. Anything else is
   * tried again; a failure that is not retriable (authorization, an unsupported version, an invalid
   * topic: configuration to fix) may leave an idempotent producer in a fatal state, so it is closed
   * and the next delivery starts a new one.
   */
  private Result classify(Throwable cause) {
    String reason = String.valueOf(cause);
    if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
        || cause instanceof SerializationException) {
      return Result.refused(reason);
    }
    if (!(cause instanceof org.apache.kafka.common.errors.RetriableException)) {
      Producer<String, byte[]> broken = producer;
      producer = null;
      broken.close(Duration.ZERO);
    }
    return Result.retry(reason);
  }

  /** Closes the producer, waiting up to ten seconds for what it still sends. */
  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
      producer = null;
    }
  }

  @Override
  public String toString() {
    return "KafkaSink[" + topic + "]";
  }
}
