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
import org.apache.kafka.common.errors.InvalidTopicException;
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
 * take (too large, invalid topic) is refused and parked; an authorization failure is tried again
 * (it is a configuration to fix, not a reason to park every event). Each event is sent and
 * acknowledged before the next, which keeps the relay's order and its checkpoint simple and
 * costs one broker round trip per event. Thread-safe; {@link #close()} closes the producer.
 */
public final class KafkaSink implements Sink, AutoCloseable {

  private final String topic;
  private final Producer<String, byte[]> producer;
  private final long waitMillis;

  private KafkaSink(String topic, Producer<String, byte[]> producer, long waitMillis) {
    this.topic = topic;
    this.producer = producer;
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
    long deliveryTimeout = ((Number) settings.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).longValue();
    long maxBlock = ((Number) settings.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).longValue();
    return new KafkaSink(topic, new KafkaProducer<>(settings), deliveryTimeout + maxBlock + 1_000);
  }

  /** Returns the record key of an event: {@code <tenant>/<conversation id>}. */
  public static String key(CloudEvent event) {
    return event.getExtension("tenant") + "/" + event.getSubject();
  }

  @Override
  public Result deliver(CloudEvent event) {
    Objects.requireNonNull(event, "event");
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key(event), Envelope.json(event));
    record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
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

  /** A record the broker will never take is refused; anything else (retriable, authorization, unknown) is tried again. */
  private static Result classify(Throwable cause) {
    String reason = String.valueOf(cause);
    boolean never = cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
        || cause instanceof InvalidTopicException || cause instanceof SerializationException;
    return never ? Result.refused(reason) : Result.retry(reason);
  }

  /** Closes the producer, waiting up to ten seconds for what it still sends. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return "KafkaSink[" + topic + "]";
  }
}
