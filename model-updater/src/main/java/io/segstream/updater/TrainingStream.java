package io.segstream.updater;

import io.segstream.core.config.SegstreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training vectors as the active updater reads them: every partition of the vectors topic, assigned (never
 * subscribed: only the active updater may read, and the lock, not this group, says who that is), positioned at
 * the offsets committed with the last published model in group {@link #groupId} (the beginning if none), read
 * committed. Partitions added to the topic later are picked up within {@link #PARTITION_REFRESH}. Also reports
 * the lag (vectors not yet consumed) to the metrics about once a second.
 *
 * <p>Used by the updater's thread only, except {@link #wakeup()}.
 */
final class TrainingStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingStream.class);
  private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);
  private static final Duration PARTITION_RETRY = Duration.ofSeconds(2);
  private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);
  private static final Duration LAG_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final String modelName;
  private final Set<TopicPartition> partitions = new HashSet<>();
  private long nextRefresh;
  private long nextLag;
  private boolean topicMissingLogged;

  /** @throws org.apache.kafka.common.KafkaException if the consumer cannot be created */
  TrainingStream(final SegstreamConfig config) {
    this.topic = config.topics().featureVectors();
    this.modelName = config.modelName();
    this.consumer = new KafkaConsumer<>(consumerProps(config), new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Consumer group holding the committed training positions (never joined; offsets only). */
  static String groupId(final SegstreamConfig config) {
    return config.applicationId() + "-updater-" + config.modelName();
  }

  /** Starts reading afresh, at the committed positions: on becoming active. */
  void restart() {
    partitions.clear();
    consumer.assign(List.of());
    topicMissingLogged = false;
    refreshPartitions();
    nextLag = System.nanoTime();
  }

  /** Stops reading (on stepping down); positions are not committed here, only with a publication. */
  void release() {
    partitions.clear();
    try {
      consumer.assign(List.of());
    } catch (final RuntimeException e) {
      LOG.debug("unassigning training partitions failed", e);
    }
  }

  /** Whether there is anything to poll, looking for new partitions when it is time to. */
  boolean ready() {
    if (System.nanoTime() - nextRefresh >= 0) {
      refreshPartitions();
    }
    return !partitions.isEmpty();
  }

  ConsumerRecords<String, byte[]> poll(final Duration timeout) {
    return consumer.poll(timeout);
  }

  /** The next offset to read on every partition: what a publication commits with its model. */
  Map<TopicPartition, OffsetAndMetadata> positions() {
    final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (final TopicPartition tp : partitions) {
      offsets.put(tp, new OffsetAndMetadata(consumer.position(tp, CALL_TIMEOUT)));
    }
    return offsets;
  }

  /** The training consumer never joins its group (assign() only): its metadata names the group, no generation. */
  ConsumerGroupMetadata groupMetadata() {
    return consumer.groupMetadata();
  }

  /** Reports the lag to {@code metrics} if a second passed since the last report. */
  void reportLag(final UpdaterMetrics metrics) {
    if (System.nanoTime() - nextLag < 0) {
      return;
    }
    try {
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LAG_TIMEOUT);
      long lag = 0;
      for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        lag += Math.max(0, e.getValue() - consumer.position(e.getKey(), LAG_TIMEOUT));
      }
      metrics.lag(lag);
    } catch (final TimeoutException e) {
      // Lag is informational; the next round tries again.
    }
    nextLag = System.nanoTime() + LAG_INTERVAL.toNanos();
  }

  /** Makes a blocked call return; safe from any thread, also after close. */
  void wakeup() {
    try {
      consumer.wakeup();
    } catch (final RuntimeException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } catch (final RuntimeException e) {
      LOG.debug("closing the training consumer failed", e);
    }
  }

  /** Assigns any partitions of the training topic not yet assigned, at their committed offsets (earliest if none). */
  private void refreshPartitions() {
    final List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, CALL_TIMEOUT);
    } catch (final TimeoutException e) {
      LOG.warn("model updater for '{}': cannot get partitions of '{}' ({}); retrying", modelName, topic,
          KafkaFailures.rootMessage(e));
      nextRefresh = System.nanoTime() + PARTITION_RETRY.toNanos();
      return;
    }
    if (infos == null || infos.isEmpty()) {
      if (!topicMissingLogged) {
        LOG.warn("model updater for '{}': training topic '{}' does not exist yet; waiting for it", modelName, topic);
        topicMissingLogged = true;
      }
      nextRefresh = System.nanoTime() + PARTITION_RETRY.toNanos();
      return;
    }
    nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
    final Set<TopicPartition> added = new HashSet<>();
    for (final PartitionInfo p : infos) {
      final TopicPartition tp = new TopicPartition(p.topic(), p.partition());
      if (!partitions.contains(tp)) {
        added.add(tp);
      }
    }
    if (!added.isEmpty()) {
      assign(added);
    }
  }

  private void assign(final Set<TopicPartition> added) {
    final Set<TopicPartition> all = new HashSet<>(partitions);
    all.addAll(added);
    consumer.assign(all);
    final int fromStart = seekToCommitted(added);
    final boolean initial = partitions.isEmpty();
    partitions.addAll(added);
    if (initial) {
      LOG.info("model updater for '{}': consuming '{}' ({} partition(s): {} at committed offsets, {} from the"
          + " beginning)", modelName, topic, added.size(), added.size() - fromStart, fromStart);
    } else {
      LOG.info("model updater for '{}': '{}' now has {} partitions; consuming the {} new one(s)", modelName,
          topic, partitions.size(), added.size());
    }
  }

  /** Positions newly assigned partitions at their committed offsets, or the beginning; returns how many had none. */
  private int seekToCommitted(final Set<TopicPartition> added) {
    final Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(added, CALL_TIMEOUT);
    final List<TopicPartition> fromStart = new ArrayList<>();
    for (final TopicPartition tp : added) {
      final OffsetAndMetadata c = committed.get(tp);
      if (c == null) {
        fromStart.add(tp);
      } else {
        consumer.seek(tp, c.offset());
      }
    }
    if (!fromStart.isEmpty()) {
      consumer.seekToBeginning(fromStart); // careful: an empty collection would mean "all assigned partitions"
    }
    return fromStart.size();
  }

  private static Map<String, Object> consumerProps(final SegstreamConfig config) {
    final Map<String, Object> p = new HashMap<>();
    // Throughput defaults (overridable with kafka.*): big polls and fetches, the broker answers when it has data.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
    p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
    p.putAll(config.kafkaClientBase());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(config));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return p;
  }
}
