package io.segstream.bench;

import io.segstream.avro.ChangeReason;
import io.segstream.avro.SegmentChange;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Times segment changes as a read_committed consumer receives them: for each NEW_USER change of a user whose id
 * starts with the given prefix, the time from the event (its own timestamp) to the poll that returned it. Runs on
 * a thread of its own and polls all the time, so a change is timed when it becomes readable, not when the
 * benchmark next finds a moment to look; it ends after the expected number of changes, or when stopped.
 */
final class ChangeTimer implements Runnable {
  private final SegstreamConfig config;
  private final String userPrefix;
  private final long expected;
  private final List<Long> latencies = new ArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile boolean running = true;

  ChangeTimer(final SegstreamConfig config, final String userPrefix, final long expected) {
    this.config = config;
    this.userPrefix = userPrefix;
    this.expected = expected;
  }

  @Override
  public void run() {
    final Map<String, Object> props = new HashMap<>(config.kafkaClientBase());
    props.put("isolation.level", "read_committed");
    try (KafkaConsumer<String, SegmentChange> c = new KafkaConsumer<>(props, new StringDeserializer(),
        AvroSerdes.SEGMENT_CHANGE)) {
      final List<TopicPartition> parts = c.partitionsFor(config.topics().changes()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      c.assign(parts);
      c.seekToEnd(parts);
      parts.forEach(c::position);
      ready.countDown();
      while (running && timed() < expected) {
        final var records = c.poll(Duration.ofMillis(100));
        final long now = System.currentTimeMillis();
        for (final ConsumerRecord<String, SegmentChange> r : records) {
          if (r.value().getReason() == ChangeReason.NEW_USER && r.key().startsWith(userPrefix)) {
            synchronized (latencies) {
              latencies.add(now - r.value().getEventTime().toEpochMilli());
            }
          }
        }
      }
    } finally {
      ready.countDown();
    }
  }

  /** Waits until the consumer sits at the end of the changes topic, so no change is missed. */
  void awaitReady() throws InterruptedException {
    if (!ready.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the changes reader did not start in a minute");
    }
  }

  void stop() {
    running = false;
  }

  long timed() {
    synchronized (latencies) {
      return latencies.size();
    }
  }

  /** A copy of the latencies so far, in milliseconds, in order of receipt. */
  List<Long> latencies() {
    synchronized (latencies) {
      return new ArrayList<>(latencies);
    }
  }
}
