package io.segstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segstream.core.config.SegstreamConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {
  @Test
  void tasksMergeTheirInputsInTimestampOrderUnlessToldToProcessAsFetched() {
    assertThat(StreamsProperties.from(SegstreamConfig.defaults()))
        .as("Kafka Streams' own default, 0: wait to fetch what is on the brokers")
        .doesNotContainKey(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
    assertThat(StreamsProperties.from(SegstreamConfig.fromMap(Map.of("streams.input-order", "as-fetched"))))
        .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    assertThat(StreamsProperties.from(SegstreamConfig.fromMap(Map.of("kafka.max.task.idle.ms", "500"))))
        .as("a Kafka Streams setting passed through is kept").containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "500");
    assertThatThrownBy(() -> SegstreamConfig.fromMap(Map.of("streams.input-order", "fifo")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("streams.input-order");
  }
}
