package io.segstream.streams.dashboard;

import io.segstream.core.config.SegstreamConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the model updater is behind, measured from the broker so any instance can tell, with or without an updater
 * in its own process: training vectors on the feature-vectors topic beyond the offsets the updater has committed
 * (it commits them with each published model, so this counts vectors not yet in a published model).
 */
final class UpdaterLag implements AutoCloseable {
  private final Admin admin;
  private final String topic;
  private final String group;

  UpdaterLag(final SegstreamConfig config) {
    this.admin = Admin.create(new HashMap<>(config.kafkaClientBase()));
    this.topic = config.topics().featureVectors();
    // The model updater's offsets group: ModelUpdater.offsetsGroupId (the updater module is not a dependency here).
    this.group = config.applicationId() + "-updater-" + config.modelName();
  }

  /** @return vectors not yet trained into a published model; empty while the updater has committed nothing yet */
  OptionalLong vectors() throws InterruptedException {
    try {
      final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
      final List<TopicPartition> parts = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
          .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      parts.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
          .get(5, TimeUnit.SECONDS);
      if (committed.keySet().stream().noneMatch(tp -> tp.topic().equals(topic))) {
        return OptionalLong.empty();
      }
      long lag = 0;
      for (final TopicPartition tp : parts) {
        final OffsetAndMetadata c = committed.get(tp);
        lag += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
      }
      return OptionalLong.of(lag);
    } catch (final ExecutionException | TimeoutException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
