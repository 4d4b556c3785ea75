package io.segstream.updater;

import io.segstream.core.config.SegstreamConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which of several updaters of one model is active, with Kafka's group membership instead of a lock
 * service: every updater joins consumer group {@link #groupId} on the model topic, and whoever is assigned its
 * partition 0 holds the lock. The group moves the partition when the holder leaves (at once on a clean close) or
 * stops heartbeating (after the session timeout); the sticky assignor keeps a joining standby from taking it.
 *
 * <p>Nothing is ever read from the lock partition: it is paused, so polling only keeps the membership alive.
 * Gaining and losing the lock are reported to the {@link Listener} from inside {@link #poll}, on the updater's
 * thread. Not thread-safe, except {@link #wakeup()}.
 */
final class LockElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LockElection.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** What the updater does when the lock comes or goes. */
  interface Listener {
    /** This updater now holds the lock and may become active. */
    void gained();

    /** The lock went elsewhere, or was lost while out of touch with the group; {@code reason} says which. */
    void lost(String reason);
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final TopicPartition lockPartition;
  private final Listener listener;
  private boolean held;

  /** @throws org.apache.kafka.common.KafkaException if the consumer cannot be created */
  LockElection(final SegstreamConfig config, final Listener listener) {
    this.topic = config.topics().model();
    this.lockPartition = new TopicPartition(topic, 0);
    this.listener = listener;
    this.consumer = new KafkaConsumer<>(consumerProps(config), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Consumer group whose partition-0 owner is the active updater (one per model name). */
  static String groupId(final SegstreamConfig config) {
    return config.applicationId() + "-updater-lock-" + config.modelName();
  }

  /** Joins the election (the lock comes, if at all, with a later {@link #poll}). */
  void join() {
    consumer.subscribe(List.of(topic), new Rebalance());
  }

  /** Keeps the membership alive; lock changes are reported from here. */
  void poll(final Duration timeout) {
    consumer.poll(timeout);
  }

  /** Whether this updater holds the lock (as of the last poll). */
  boolean held() {
    return held;
  }

  /** The model topic's partitions, empty if it does not exist yet (the lock needs it). */
  List<PartitionInfo> topicPartitions(final Duration timeout) {
    final List<PartitionInfo> parts = consumer.partitionsFor(topic, timeout);
    return parts == null ? List.of() : parts;
  }

  /** Makes a blocked {@link #poll} return; safe from any thread, also after close. */
  void wakeup() {
    try {
      consumer.wakeup();
    } catch (final RuntimeException ignored) {
      // already closed
    }
  }

  /** Leaves the group, so a standby gets the lock at once. */
  @Override
  public void close() {
    try {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } catch (final RuntimeException e) {
      LOG.debug("closing the lock consumer failed", e);
    }
  }

  private static Map<String, Object> consumerProps(final SegstreamConfig config) {
    final Map<String, Object> p = new HashMap<>();
    final boolean classic = GroupProtocol.CLASSIC.name().equalsIgnoreCase(String.valueOf(
        config.kafkaClientBase().getOrDefault(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CLASSIC.name())));
    if (classic) {
      // A crashed active updater is replaced after the session timeout; a clean close hands over at once.
      p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
      p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    }
    p.putAll(config.kafkaClientBase());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(config));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    if (classic) {
      // Sticky: a joining standby does not take the lock away from the active updater.
      p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
    }
    return p;
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
      // We never read the lock partition; pausing keeps poll() cheap while the membership stays alive.
      consumer.pause(partitions);
      if (partitions.contains(lockPartition)) {
        held = true;
        listener.gained();
      }
    }

    @Override
    public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
      if (partitions.contains(lockPartition)) {
        held = false;
        listener.lost("lock handed to another updater");
      }
    }

    @Override
    public void onPartitionsLost(final Collection<TopicPartition> partitions) {
      if (partitions.contains(lockPartition)) {
        held = false;
        listener.lost("lock lost: this updater was out of touch with the group");
      }
    }
  }
}
