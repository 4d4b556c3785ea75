package io.segstream.streams.topology;

import static io.segstream.core.features.Events.DAY;
import static io.segstream.core.features.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segstream.avro.ChangeReason;
import io.segstream.avro.SegmentChange;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.Events;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.schemas.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under drift two things move users: a new model version (its centres moved, a centre re-seeded under a new id)
 * and the users' own behaviour. The change events must say which: MODEL_UPDATE or BEHAVIOR_CHANGE. The sweep
 * re-assigns one user per tick here ({@code sweep.users-per-second=10}), so a user can act before the sweep reaches
 * them under the new model.
 */
class ChangeReasonsUnderDriftTest {
  private final AtomicLong wall = new AtomicLong(T0 + 100 * DAY);
  private FeatureRegistry registry;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> events;
  private TestInputTopic<String, byte[]> models;
  private TestOutputTopic<String, SegmentChange> changes;
  private double[] browser;
  private double[] buyer;

  @BeforeEach
  void start() {
    final SegstreamConfig config = SegstreamConfig.fromMap(Map.of(
        "assignment.hysteresis", "0.1",
        "vectors.sample-fraction", "0",
        "sweep.interval-seconds", "3600",
        "sweep.users-per-second", "10"));
    registry = FeatureRegistry.standard(config.features());
    final var topology = SegmentationTopology.build(config, registry, CategoryResolver.shopCategory(),
        new SegmentMetrics(new SimpleMeterRegistry()), new StreamTime(), wall::get);
    final Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "drift-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/segstream-drift-" + System.nanoTime());
    driver = new TopologyTestDriver(topology, p, Instant.ofEpochMilli(wall.get()));
    events = driver.createInputTopic(config.topics().events().getFirst(), new ByteArraySerializer(),
        new ByteArraySerializer());
    models = driver.createInputTopic(config.topics().model(), new StringSerializer(), new ByteArraySerializer());
    changes = driver.createOutputTopic(config.topics().changes(), new StringDeserializer(), AvroSerdes.SEGMENT_CHANGE);
    browser = TestModels.vectorOf(registry, List.of(Events.view("x", T0, "s", "home")));
    buyer = TestModels.vectorOf(registry, List.of(Events.purchase("x", T0, "a", 200, 1, 0),
        Events.purchase("x", T0 + DAY, "b", 200, 1, 0), Events.purchase("x", T0 + 2 * DAY, "c", 200, 1, 0),
        Events.purchase("x", T0 + 3 * DAY, "d", 200, 1, 0)));
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private void send(final UserEvent e) {
    events.pipeInput(e.getUserId().getBytes(StandardCharsets.UTF_8), AvroSerdes.USER_EVENT.serialize("t", e));
  }

  private void pipe(final Segmentation m) {
    models.pipeInput(m.name(), AvroSerdes.SEGMENT_MODEL.serialize("t", SegmentationCodec.toAvro(m)));
  }

  /** One punctuation: the processor refreshes its model (at most once a second) and sweeps one user. */
  private void tick(final Duration d) {
    wall.addAndGet(d.toMillis());
    driver.advanceWallClockTime(d);
  }

  /** Version 1: segment 0 "Browsers" on a browser's vector, segment 1 "Buyers" on a regular buyer's. */
  private Segmentation v1() {
    return TestModels.model(registry, 1, 0, List.of("Browsers", "Buyers"), browser, buyer);
  }

  /**
   * Version 2, after drift: segment 0 has moved far away from the browsers it served (same id), "Buyers" stayed,
   * and a re-seeded centre with the new id 2 now sits on the browsers.
   */
  private Segmentation v2() {
    final double[] moved = browser.clone();
    for (int j = 0; j < moved.length; j++) {
      moved[j] += 5;
    }
    return TestModels.model(registry, 2, 0, List.of("Drifted away", "Buyers", "Browsers again"), moved, buyer, browser);
  }

  private void buysFourTimes(final String user, final long from) {
    for (int d = 0; d < 4; d++) {
      send(Events.purchase(user, from + d * DAY, user + "-o" + d, 200, 1, 0));
    }
  }

  @Test
  void aNewModelVersionMovesUsersAsModelUpdateAndTheirOwnEventsAsBehaviorChange() {
    pipe(v1());
    tick(Duration.ofSeconds(2));
    for (final String u : List.of("u1", "u2", "u3")) {
      send(Events.view(u, T0, u + "-s", "home"));
    }
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getUserId, SegmentChange::getReason,
        SegmentChange::getSegmentId).containsExactly(tuple("u1", ChangeReason.NEW_USER, 0),
        tuple("u2", ChangeReason.NEW_USER, 0), tuple("u3", ChangeReason.NEW_USER, 0));

    // Under the unchanged model, u1's own purchases move it: its doing.
    buysFourTimes("u1", T0 + DAY);
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getUserId, SegmentChange::getReason,
            SegmentChange::getPreviousSegmentId, SegmentChange::getSegmentId, SegmentChange::getModelVersion)
        .containsExactly(tuple("u1", ChangeReason.BEHAVIOR_CHANGE, 0, 1, 1L));

    // The model drifts. The next tick picks version 2 up and the sweep reaches its first user, u1, a buyer who
    // stays where it is: nothing to say.
    pipe(v2());
    tick(Duration.ofMillis(1_100));
    assertThat(changes.readValuesToList()).isEmpty();

    // u3 acts before the sweep reaches it. It is first judged on its old behaviour under the new model (the model
    // moved it: browsers now belong to segment 2), then its purchases move it to the buyers (its doing).
    buysFourTimes("u3", T0 + DAY);
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getUserId, SegmentChange::getReason,
            SegmentChange::getPreviousSegmentId, SegmentChange::getSegmentId, SegmentChange::getModelVersion)
        .containsExactly(tuple("u3", ChangeReason.MODEL_UPDATE, 0, 2, 2L),
            tuple("u3", ChangeReason.BEHAVIOR_CHANGE, 2, 1, 2L));

    // The sweep goes on: u2, who did nothing, is moved by the model only; u3 is not moved again.
    for (int i = 0; i < 5; i++) {
      tick(Duration.ofMillis(100));
    }
    final List<SegmentChange> swept = changes.readValuesToList();
    assertThat(swept).extracting(SegmentChange::getUserId, SegmentChange::getReason, SegmentChange::getPreviousSegmentId,
        SegmentChange::getSegmentId, SegmentChange::getModelVersion)
        .containsExactly(tuple("u2", ChangeReason.MODEL_UPDATE, 0, 2, 2L));
    assertThat(swept.getFirst().getLabel()).isEqualTo("Browsers again");

    // Behaviour that keeps a user where it is emits nothing, whatever the model did before.
    send(Events.view("u2", T0 + 2 * DAY, "u2-s2", "home"));
    assertThat(changes.readValuesToList()).isEmpty();
  }
}
