package io.segstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.avro.ChangeReason;
import io.segstream.avro.SegmentChange;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import io.segstream.testkit.BrokerExtension;
import io.segstream.testkit.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The latency phase's reader on a real broker: it times exactly the changes asked for, from their event time. */
class ChangeTimerIT {
  @RegisterExtension
  static final BrokerExtension KAFKA = new BrokerExtension();

  @Test
  void timesTheNewUserChangesOfTheRunOnlyFromTheirEventTime() throws Exception {
    final SegstreamConfig config = SegstreamConfig.fromMap(Map.of("bootstrap.servers", KAFKA.bootstrapServers(),
        "application.id", "change-timer-it"));
    KAFKA.createTopics(config);
    final ChangeTimer timer = new ChangeTimer(config, "live-abc-", 3);
    final Thread reader = Thread.ofPlatform().start(timer);
    timer.awaitReady();
    final long eventTime = System.currentTimeMillis() - 5_000;
    final long longAgo = eventTime - 60_000; // what must not be timed is a minute older, so it would show
    try (KafkaProducer<byte[], byte[]> p = Clients.bytesProducer(config)) {
      send(p, config, "live-abc-1", ChangeReason.NEW_USER, eventTime);
      send(p, config, "live-other-1", ChangeReason.NEW_USER, longAgo); // another run's user
      send(p, config, "live-abc-1", ChangeReason.BEHAVIOR_CHANGE, longAgo); // not a first change
      send(p, config, "live-abc-2", ChangeReason.NEW_USER, eventTime);
      send(p, config, "live-abc-3", ChangeReason.NEW_USER, eventTime);
    }
    reader.join(30_000);
    assertThat(reader.isAlive()).as("reader ends after the expected changes").isFalse();
    assertThat(timer.latencies()).hasSize(3).allSatisfy(ms -> assertThat(ms).isBetween(5_000L, 35_000L));
  }

  private static void send(final KafkaProducer<byte[], byte[]> p, final SegstreamConfig config, final String user,
      final ChangeReason reason, final long eventTime) throws Exception {
    final SegmentChange c = SegmentChange.newBuilder().setUserId(user).setSegmentId(1).setLabel("one")
        .setModelVersion(1).setDistance(0.5).setReason(reason).setEventTime(Instant.ofEpochMilli(eventTime))
        .setEmittedAt(Instant.now()).build();
    p.send(new ProducerRecord<>(config.topics().changes(), user.getBytes(StandardCharsets.UTF_8),
        AvroSerdes.SEGMENT_CHANGE.serialize("", c))).get();
  }
}
