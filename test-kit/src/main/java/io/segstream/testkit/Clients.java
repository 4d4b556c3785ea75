package io.segstream.testkit;

import io.segstream.core.config.SegstreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Producers and readers as integration tests use them, with segstream's client settings ({@code kafka.*} included).
 * Readers are read_committed: a test sees what a downstream consumer of an exactly-once app would see.
 */
public final class Clients {
  private Clients() {}

  /** A producer of raw bytes (tests encode Avro with {@code io.segstream.schemas.Serdes}). */
  public static KafkaProducer<byte[], byte[]> bytesProducer(final SegstreamConfig config) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }

  /**
   * Reads the topic from its start (read_committed) until at least {@code atLeast} records arrived; fails after a
   * minute with what it has.
   */
  public static <V> List<ConsumerRecord<String, V>> readAtLeast(final SegstreamConfig config, final String topic,
      final Deserializer<V> values, final int atLeast) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
      c.subscribe(List.of(topic));
      Wait.until(Duration.ofSeconds(60), "at least " + atLeast + " records on " + topic, () -> {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
        return out.size() >= atLeast;
      });
    }
    return out;
  }

  /** Everything on the topic from its start up to its end as of now (read_committed); fails after {@code atMost}. */
  public static <V> List<ConsumerRecord<String, V>> readToEnd(final SegstreamConfig config, final String topic,
      final Deserializer<V> values, final Duration atMost) {
    final List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> c = assignedFromStart(config, topic, values)) {
      final Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
      Wait.until(atMost, "the end of " + topic, () -> {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
        return c.assignment().stream().allMatch(tp -> c.position(tp) >= end.get(tp));
      });
    }
    return out;
  }

  /**
   * Reads the topic from its start (read_committed), handing each record to {@code each}, until {@code done} holds
   * or, if it never does, until the reader is at the topic's current end with something read.
   */
  public static <V> void readUntil(final SegstreamConfig config, final String topic, final Deserializer<V> values,
      final Consumer<ConsumerRecord<String, V>> each, final BooleanSupplier done, final Duration atMost) {
    try (KafkaConsumer<String, V> c = assignedFromStart(config, topic, values)) {
      Wait.until(atMost, topic + " read to the condition or its end", () -> {
        c.poll(Duration.ofMillis(300)).forEach(each);
        if (done.getAsBoolean()) {
          return true;
        }
        final Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
        return !end.isEmpty() && c.assignment().stream().allMatch(tp -> c.position(tp) >= end.get(tp))
            && end.values().stream().mapToLong(Long::longValue).sum() > 0;
      });
    }
  }

  private static <V> KafkaConsumer<String, V> assignedFromStart(final SegstreamConfig config, final String topic,
      final Deserializer<V> values) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), values);
    final List<TopicPartition> partitions = c.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    c.assign(partitions);
    c.seekToBeginning(partitions);
    return c;
  }
}
