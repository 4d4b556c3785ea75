package io.segstream.ingest.send;

import io.segstream.avro.UserEvent;
import io.segstream.schemas.AvroSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends events to a topic the way segstream expects them: key the user id, value the Avro single-object
 * encoding. Durable (acks=all, idempotent) and batched for throughput.
 *
 * <p>The record timestamp is left to the producer (now), not set to the event time: event time travels in
 * the payload, and a replay of 2011 data stamped with 2011 would be deleted by the broker's time-based
 * retention as soon as its segment rolls, on any topic that uses CreateTime.
 */
public final class KafkaEventSink implements EventSink {
  private static final long CONNECT_TIMEOUT_SECONDS = 15;

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();

  private KafkaEventSink(final KafkaProducer<String, byte[]> producer, final String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /**
   * Checks that the cluster answers and the topic exists before anything is read, so a wrong address fails in
   * seconds with a message rather than after a minute of blocked sends.
   *
   * @param clientOverrides Kafka client settings (security, for instance), applied on top of ours
   * @throws SinkUnavailableException saying what is wrong and how to fix it
   */
  public static KafkaEventSink connect(final String bootstrapServers, final Map<String, Object> clientOverrides,
      final String topic, final String clientId) {
    final Map<String, Object> admin = new HashMap<>(clientOverrides);
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS));
    try (Admin a = Admin.create(admin)) {
      final Set<String> topics = a.listTopics().names().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!topics.contains(topic)) {
        throw new SinkUnavailableException("topic '" + topic + "' does not exist on " + bootstrapServers
            + "; start segstream (it creates its topics, e.g. 'segstream demo --no-traffic') or pass --topic");
      }
    } catch (final TimeoutException | ExecutionException e) {
      throw new SinkUnavailableException("no Kafka cluster answered at " + bootstrapServers + " within "
          + CONNECT_TIMEOUT_SECONDS + " s (" + e.getClass().getSimpleName() + "); check --bootstrap-servers, e.g. the"
          + " address 'segstream demo' prints as 'Kafka broker:'");
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkUnavailableException("interrupted while connecting to " + bootstrapServers);
    }
    final Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.putAll(clientOverrides);
    return new KafkaEventSink(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), topic);
  }

  @Override
  public void send(final UserEvent event) {
    final byte[] value = AvroSerdes.USER_EVENT.serialize(topic, event);
    producer.send(new ProducerRecord<>(topic, event.getUserId(), value), (meta, error) -> {
      if (error == null) {
        acknowledged.incrementAndGet();
      } else {
        failed.incrementAndGet();
        firstError.compareAndSet(null, error.toString());
      }
    });
    sent.incrementAndGet();
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public SendStats stats() {
    return new SendStats(sent.get(), acknowledged.get(), failed.get(), Optional.ofNullable(firstError.get()));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
