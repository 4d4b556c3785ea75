package io.segstream.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;

/**
 * What the streams app and the text stage do alike with their Kafka Streams instance. Each state change is one log
 * line ({@code "streams app REBALANCING -> RUNNING"}; scripts and the fault-injection suite wait for it). A stream
 * thread that dies of an unexpected error is replaced rather than taking the instance down: bad input is
 * dead-lettered before it can throw, so such an error is a bug, logged as ERROR, and the other partitions keep
 * being served. An instance is up (for {@code /health}) while running or rebalancing.
 */
public final class StreamsLifecycle {
  private StreamsLifecycle() {}

  /** Installs the state logging (to {@code log}, the service's own) and the thread replacement, before it starts. */
  public static void watch(final String name, final KafkaStreams streams, final Logger log) {
    streams.setStateListener((now, before) -> log.info("{} {} -> {}", name, before, now));
    streams.setUncaughtExceptionHandler(e -> {
      log.error("{} thread failed; replacing it", name, e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  /** Whether an instance in {@code state} does its job (a rebalance is routine, not an outage). */
  public static boolean up(final KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }
}
