package io.segstream.updater;

import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.schemas.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the model topic from the beginning to its (committed) end and returns the latest model of one
 * name. Records of other names are ignored; unreadable ones are skipped and summarised in one log line.
 */
public final class ModelTopicReader {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTopicReader.class);

  private ModelTopicReader() {}

  /**
   * @param onConsumer receives the consumer while it is in use, so another thread can {@code wakeup()} it
   * @throws TimeoutException if the end is not reached within {@code timeout}
   */
  public static Optional<Segmentation> latest(final Map<String, Object> clientBase, final String topic,
      final String modelName, final Duration timeout, final Consumer<KafkaConsumer<?, ?>> onConsumer) {
    final Map<String, Object> props = new HashMap<>(clientBase);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> consumer =
             new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      onConsumer.accept(consumer);
      try {
        return read(consumer, topic, modelName, timeout);
      } finally {
        onConsumer.accept(null);
      }
    }
  }

  private static Optional<Segmentation> read(final KafkaConsumer<String, byte[]> consumer, final String topic,
      final String modelName, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new TimeoutException("model topic '" + topic + "' does not exist");
    }
    final List<TopicPartition> parts = new ArrayList<>();
    infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    final Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
    Segmentation latest = null;
    long unreadable = 0;
    String firstProblem = null;
    while (!reachedEnd(consumer, end)) {
      final long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("did not reach the end of model topic '" + topic + "' within " + timeout);
      }
      for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(Math.min(200, left / 1_000_000 + 1)))) {
        if (!modelName.equals(r.key())) {
          continue;
        }
        if (r.value() == null) {
          latest = null; // tombstone: the model was deleted
          continue;
        }
        try {
          latest = SegmentationCodec.fromAvro(AvroSerdes.SEGMENT_MODEL.decode(r.value()));
        } catch (final RuntimeException e) {
          unreadable++;
          if (firstProblem == null) {
            firstProblem = "offset " + r.offset() + ": " + e.getMessage();
          }
        }
      }
    }
    if (unreadable > 0) {
      LOG.warn("model topic '{}': skipped {} unreadable record(s) of model '{}' (first at {})", topic, unreadable,
          modelName, firstProblem);
    }
    return Optional.ofNullable(latest);
  }

  private static boolean reachedEnd(final KafkaConsumer<String, byte[]> consumer, final Map<TopicPartition, Long> end) {
    for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
