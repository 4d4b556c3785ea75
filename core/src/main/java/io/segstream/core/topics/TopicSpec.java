package io.segstream.core.topics;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How one of segstream's topics must look: its name, whether it shares the input topics' partition count
 * (so one user's records meet in one task) or has a single partition, and whether it is compacted.
 *
 * <p>Every topic except the model topic uses log-append time: Kafka's time-based retention reads record
 * timestamps, so a replay of last year's events, timestamped with their event time, would otherwise be deleted as
 * soon as its log segment rolls, possibly before it is processed. The model topic keeps create time: its records
 * carry their publication time, and it is compacted anyway.
 */
public record TopicSpec(String name, Partitioning partitioning, boolean compacted, boolean logAppendTime) {
  /** Where a topic's partition count comes from. */
  public enum Partitioning {
    /** The count of the co-partitioned group: the input, deletions and by-user topics. */
    CO_PARTITIONED,
    /** Exactly one partition: one ordered history (the model topic, which is also the updater's lock). */
    SINGLE
  }

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(partitioning, "partitioning");
  }

  /** The partition count to create this topic with, given the co-partitioned group's count. */
  public int partitions(final int coPartitioned) {
    return partitioning == Partitioning.SINGLE ? 1 : coPartitioned;
  }

  /** Topic-level configs to create it with. */
  public Map<String, String> configs() {
    final Map<String, String> configs = new java.util.LinkedHashMap<>();
    if (compacted) {
      configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    if (logAppendTime) {
      configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
    }
    return Map.copyOf(configs);
  }
}
