package io.segstream.cli;

import io.segstream.ingest.send.DryRunSink;
import io.segstream.ingest.send.EventSink;
import io.segstream.ingest.send.KafkaEventSink;
import io.segstream.ingest.send.SinkUnavailableException;
import io.segstream.core.config.SegstreamConfig;
import java.util.HashMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where importing commands send events: cluster, topic, or nowhere (--dry-run). */
final class SinkOptions {
  @Mixin ConfigOptions config;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka to send to; wins over bootstrap.servers from --config/--set/the environment.")
  String bootstrapServers;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic to send to (default: the first of topics.events).")
  String topic;

  @Option(names = "--dry-run", description = "Read and map the file, print the counts, send nothing (no cluster needed).")
  boolean dryRun;

  SegstreamConfig load() {
    if (bootstrapServers != null) {
      config.overrides.put("bootstrap.servers", bootstrapServers);
    }
    return config.load();
  }

  String topic(final SegstreamConfig c) {
    return topic != null ? topic : c.topics().events().getFirst();
  }

  EventSink open(final SegstreamConfig c, final String clientId) {
    if (dryRun) {
      return new DryRunSink();
    }
    try {
      return KafkaEventSink.connect(String.join(",", c.bootstrapServers()), new HashMap<>(c.kafkaClientOverrides()),
          topic(c), clientId);
    } catch (final SinkUnavailableException e) {
      throw new SegstreamCommand.UsageError(e.getMessage());
    }
  }
}
