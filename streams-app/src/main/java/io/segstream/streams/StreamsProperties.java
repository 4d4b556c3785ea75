package io.segstream.streams;

import io.segstream.core.config.SegstreamConfig;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/** Kafka Streams settings derived from segstream's configuration. */
public final class StreamsProperties {
  private StreamsProperties() {}

  public static Properties from(final SegstreamConfig c) {
    final Properties p = new Properties();
    p.putAll(c.kafkaClientOverrides());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", c.bootstrapServers()));
    p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, c.streams().processingGuarantee());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.streams().numThreads());
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, c.streams().numStandbyReplicas());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, c.streams().commitIntervalMs());
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, c.http().advertisedHost() + ":" + c.http().port());
    if (c.topics().replicationFactor() > 0) {
      p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) c.topics().replicationFactor());
    }
    // Unexpected failures (a bug on some odd record, a corrupt internal record) must not stop the stream:
    // Kafka Streams logs them, counts them as dropped records and copies the input to the dead-letter topic.
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, c.topics().deadLetter());
    // zstd rather than lz4: the compacted changelogs are a second copy of every user on the broker, and bench
    // throughput measured them at 91 instead of 114 bytes per user once compacted (docs/performance.md).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // No store uses Kafka Streams' record cache: the segmentation stores buffer their writes themselves until the
    // commit (CommitBufferedStore, docs/performance.md), so none of the heap is set aside for it.
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    p.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "INFO");
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StateStoreTuning.class);
    p.put(StateStoreTuning.COMPACTION_CONFIG, c.streams().stateCompaction());
    if (c.streams().inputAsFetched()) {
      // Kafka Streams (4.3) also formats a log line per empty input partition per record while it waits to merge
      // in timestamp order; both are gone with -1 (docs/performance.md).
      p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }
    return p;
  }
}
