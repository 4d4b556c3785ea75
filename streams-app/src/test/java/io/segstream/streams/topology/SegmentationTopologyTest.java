package io.segstream.streams.topology;

import static io.segstream.core.features.Events.DAY;
import static io.segstream.core.features.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segstream.avro.ChangeReason;
import io.segstream.avro.EventType;
import io.segstream.avro.FeatureVector;
import io.segstream.avro.SegmentAssignment;
import io.segstream.avro.SegmentChange;
import io.segstream.avro.UserEvent;
import io.segstream.avro.UserProfile;
import io.segstream.avro.VectorSource;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SegmentationTopologyTest {
  private final AtomicLong wall = new AtomicLong(T0 + 100 * DAY);
  private SegstreamConfig config;
  private FeatureRegistry registry;
  private SimpleMeterRegistry meters;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> events;
  private TestInputTopic<String, byte[]> models;
  private TestInputTopic<String, byte[]> deletions;
  private TestOutputTopic<String, SegmentChange> changes;
  private TestOutputTopic<String, SegmentAssignment> assignments;
  private TestOutputTopic<String, FeatureVector> vectors;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  private void start(final Map<String, String> overrides) {
    final Map<String, String> settings = new HashMap<>(Map.of(
        "assignment.hysteresis", "0.1",
        "vectors.min-interval-seconds", "3600",
        "vectors.sample-fraction", "0",
        "sweep.interval-seconds", "60"));
    settings.putAll(overrides);
    config = SegstreamConfig.fromMap(settings);
    registry = FeatureRegistry.standard(config.features());
    meters = new SimpleMeterRegistry();
    final var topology = SegmentationTopology.build(config, registry, CategoryResolver.shopCategory(),
        new SegmentMetrics(meters), new StreamTime(), wall::get);
    final Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/segstream-ttd-" + System.nanoTime());
    driver = new TopologyTestDriver(topology, p, Instant.ofEpochMilli(wall.get()));
    final var topics = config.topics();
    events = driver.createInputTopic(topics.events().getFirst(), new ByteArraySerializer(), new ByteArraySerializer());
    models = driver.createInputTopic(topics.model(), new StringSerializer(), new ByteArraySerializer());
    deletions = driver.createInputTopic(topics.deletions(), new StringSerializer(), new ByteArraySerializer());
    changes = driver.createOutputTopic(topics.changes(), new StringDeserializer(), AvroSerdes.SEGMENT_CHANGE);
    assignments = driver.createOutputTopic(topics.assignments(), new StringDeserializer(), AvroSerdes.SEGMENT_ASSIGNMENT);
    vectors = driver.createOutputTopic(topics.featureVectors(), new StringDeserializer(), AvroSerdes.FEATURE_VECTOR);
    deadLetters = driver.createOutputTopic(topics.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
      driver = null;
    }
  }

  private void send(final UserEvent e) {
    send(e.getUserId(), e);
  }

  private void send(final String key, final UserEvent e) {
    events.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), AvroSerdes.USER_EVENT.serialize("t", e));
  }

  private void publish(final Segmentation m) {
    models.pipeInput(m.name(), AvroSerdes.SEGMENT_MODEL.serialize("t", SegmentationCodec.toAvro(m)));
    advance(Duration.ofSeconds(2)); // the processor picks the model up on its next refresh
  }

  private void advance(final Duration d) {
    wall.addAndGet(d.toMillis());
    driver.advanceWallClockTime(d);
  }

  /** Two segments: "Browsers" (a single page view) and "Buyers" (several large orders). */
  private Segmentation browsersAndBuyers(final long version) {
    final double[] browser = TestModels.vectorOf(registry, List.of(Events.view("x", T0, "s", "home")));
    final double[] buyer = TestModels.vectorOf(registry, List.of(
        Events.purchase("x", T0, "a", 200, 1, 0), Events.purchase("x", T0 + DAY, "b", 200, 1, 0),
        Events.purchase("x", T0 + 2 * DAY, "c", 200, 1, 0), Events.purchase("x", T0 + 3 * DAY, "d", 200, 1, 0)));
    return TestModels.model(registry, version, 0, List.of("Browsers", "Buyers"), browser, buyer);
  }

  /** What a store has written: the driver commits after every record, and the commit writes the buffered stores. */
  @SuppressWarnings("unchecked")
  private <K, V> ReadOnlyKeyValueStore<K, V> written(final String store) {
    return (ReadOnlyKeyValueStore<K, V>) driver.getAllStateStores().get(store);
  }

  private UserProfile profile(final String user) {
    return this.<String, UserProfile>written(StoreNames.PROFILES).get(user);
  }

  private double counter(final String name, final String tag, final String value) {
    final var c = meters.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void featuresAreKeptPerUserWithTimeDecay() {
    start(Map.of());
    send(Events.purchase("u1", T0, "s1", 100, 1, 0));
    send(Events.purchase("u1", T0 + 30 * DAY, "s2", 50, 2, 0));
    send(Events.view("u2", T0, "s3", "home"));
    final var state = UserStateCodec.fromAvro(profile("u1"), registry.layout());
    final Map<String, Double> f = registry.describe(state, T0 + 30 * DAY);
    final double decay = Math.pow(0.5, 30.0 / registry.settings().halfLifeDays()); // the first order, 30 days on
    assertThat(f.get("spend")).isCloseTo(100 * decay + 100, within(1e-4));
    assertThat(f.get("orders")).isCloseTo(decay + 1, within(1e-6));
    assertThat(f.get("avg_order_value")).isCloseTo(100, within(1e-9));
    assertThat(f.get("days_since_purchase")).isEqualTo(0.0);
    assertThat(profile("u2")).isNotNull();
    final ReadOnlyKeyValueStore<Integer, Long> sizes = written(StoreNames.SIZES);
    assertThat(sizes.get(-1)).as("users counted as unassigned").isEqualTo(2L);
    // Without a model nobody is assigned, but training vectors flow so the updater can bootstrap.
    assertThat(changes.isEmpty()).isTrue();
    assertThat(vectors.readValuesToList()).hasSize(3);
  }

  @Test
  void aNewUserIsAssignedOnceAndMovesWhenBehaviourChanges() {
    start(Map.of());
    publish(browsersAndBuyers(1));
    send(Events.view("u1", T0, "s1", "home"));
    send(Events.view("u1", T0 + 60_000, "s1", "home"));
    final List<SegmentChange> first = changes.readValuesToList();
    assertThat(first).hasSize(1);
    assertThat(first.getFirst().getReason()).isEqualTo(ChangeReason.NEW_USER);
    assertThat(first.getFirst().getPreviousSegmentId()).isNull();
    assertThat(first.getFirst().getSegmentId()).isEqualTo(0);
    assertThat(first.getFirst().getLabel()).isEqualTo("Browsers");
    assertThat(first.getFirst().getModelVersion()).isEqualTo(1L);

    for (int d = 1; d <= 4; d++) {
      send(Events.purchase("u1", T0 + d * DAY, "p" + d, 200, 1, 0));
    }
    final List<TestRecord<String, SegmentChange>> movedRecords = changes.readRecordsToList();
    assertThat(movedRecords).hasSize(1);
    assertThat(movedRecords.getFirst().timestamp()).as("record time is emission time, not event time")
        .isEqualTo(wall.get());
    final SegmentChange c = movedRecords.getFirst().value();
    assertThat(c.getReason()).isEqualTo(ChangeReason.BEHAVIOR_CHANGE);
    assertThat(c.getPreviousSegmentId()).isEqualTo(0);
    assertThat(c.getPreviousLabel()).isEqualTo("Browsers");
    assertThat(c.getSegmentId()).isEqualTo(1);
    assertThat(c.getLabel()).isEqualTo("Buyers");
    assertThat(c.getEventTime()).isBefore(Instant.ofEpochMilli(T0 + 5 * DAY));
    assertThat(c.getEmittedAt()).isEqualTo(Instant.ofEpochMilli(wall.get()));

    final Map<String, SegmentAssignment> latest = new HashMap<>();
    assignments.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
    assertThat(latest.get("u1").getSegmentId()).isEqualTo(1);
    assertThat(latest.get("u1").getLabel()).isEqualTo("Buyers");
    assertThat(profile("u1").getSegmentId()).isEqualTo(1);
    assertThat(counter("segstream.segment.changes", "reason", "behavior_change")).isEqualTo(1.0);
  }

  /** A browser who then buys once: nearer to Buyers than to Browsers, but not by much. */
  private List<UserEvent> borderline() {
    return List.of(Events.view("u1", T0, "s1", "home"), Events.purchase("u1", T0 + DAY, "p1", 20, 1, 0));
  }

  private double distanceRatioOfBorderline() {
    start(Map.of());
    final Segmentation m = browsersAndBuyers(1);
    final double[] z = m.scaler().transform(TestModels.vectorOf(registry, borderline()));
    final double toBrowsers = Math.sqrt(io.segstream.core.kmeans.DistanceKernel.squared(z, m.segments().get(0).centroid()));
    final double toBuyers = Math.sqrt(io.segstream.core.kmeans.DistanceKernel.squared(z, m.segments().get(1).centroid()));
    assertThat(toBuyers / toBrowsers).as("precondition: Buyers is nearer, but not by much").isBetween(0.3, 0.95);
    close();
    return toBuyers / toBrowsers;
  }

  @Test
  void hysteresisKeepsAUserNearTheBorderWhereTheyAre() {
    final double ratio = distanceRatioOfBorderline();
    // Moving needs toBuyers < (1 - h) * toBrowsers, i.e. h < 1 - ratio.
    start(Map.of("assignment.hysteresis", Double.toString(1 - ratio + 0.02)));
    publish(browsersAndBuyers(1));
    borderline().forEach(this::send);
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getReason).containsExactly(ChangeReason.NEW_USER);
    assertThat(profile("u1").getSegmentId()).isEqualTo(0);
  }

  @Test
  void withLessHysteresisTheSameUserMoves() {
    final double ratio = distanceRatioOfBorderline();
    start(Map.of("assignment.hysteresis", Double.toString(Math.max(0, 1 - ratio - 0.02))));
    publish(browsersAndBuyers(1));
    borderline().forEach(this::send);
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getReason)
        .containsExactly(ChangeReason.NEW_USER, ChangeReason.BEHAVIOR_CHANGE);
    assertThat(profile("u1").getSegmentId()).isEqualTo(1);
  }

  @Test
  void aNewModelReassignsThePopulationInTheBackground() {
    start(Map.of());
    publish(browsersAndBuyers(1));
    send(Events.view("u1", T0, "s1", "home"));
    send(Events.view("u2", T0, "s2", "home"));
    changes.readValuesToList();
    // Version 2 retires segment 0 and 1 and has a single new segment 5.
    final double[] browser = TestModels.vectorOf(registry, List.of(Events.view("x", T0, "s", "home")));
    publish(TestModels.model(registry, 2, 5, List.of("Everyone"), browser));
    advance(Duration.ofSeconds(1));
    final List<SegmentChange> moved = changes.readValuesToList();
    assertThat(moved).extracting(SegmentChange::getUserId).containsExactlyInAnyOrder("u1", "u2");
    assertThat(moved).allSatisfy(c -> {
      assertThat(c.getReason()).isEqualTo(ChangeReason.MODEL_UPDATE);
      assertThat(c.getPreviousSegmentId()).isEqualTo(0);
      assertThat(c.getPreviousLabel()).isEqualTo("Browsers");
      assertThat(c.getSegmentId()).isEqualTo(5);
      assertThat(c.getModelVersion()).isEqualTo(2L);
    });
    assertThat(meters.find("segstream.model.reassigned.share").gauge().value()).isEqualTo(1.0);
    // A further sweep finds nothing to change.
    advance(Duration.ofSeconds(61));
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void withTheSweepOffOnlyAUsersOwnEventsMoveThem() {
    // Fault-injection runs switch the sweep off so that every change follows from the user's own events.
    start(Map.of("sweep.enabled", "false"));
    publish(browsersAndBuyers(1));
    send(Events.view("u1", T0, "s1", "home"));
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getReason).containsExactly(ChangeReason.NEW_USER);
    final double[] browser = TestModels.vectorOf(registry, List.of(Events.view("x", T0, "s", "home")));
    publish(TestModels.model(registry, 2, 5, List.of("Everyone"), browser));
    advance(Duration.ofSeconds(61));
    assertThat(changes.isEmpty()).as("no sweep: the new model reaches u1 only with u1's next event").isTrue();
    send(Events.view("u1", T0 + DAY, "s2", "home"));
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getReason)
        .containsExactly(ChangeReason.MODEL_UPDATE);
  }

  @Test
  void aModelForAnotherFeatureSetIsNotUsed() {
    start(Map.of());
    final Segmentation good = browsersAndBuyers(1);
    publish(new Segmentation(good.name(), 1, 1, "other-feature-set", good.featureNames(), good.scaler(),
        good.segments(), 1, 1, Instant.EPOCH, 2, Map.of()));
    send(Events.view("u1", T0, "s1", "home"));
    assertThat(changes.isEmpty()).isTrue();
  }

  @Test
  void malformedAndOutOfRangeInputIsDeadLetteredWithAReasonAndCounted() {
    start(Map.of());
    publish(browsersAndBuyers(1));
    events.pipeInput("u9".getBytes(StandardCharsets.UTF_8), "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
    send(Events.purchase("u9", T0, "s", -5, 1, 0));
    send(Events.view("u9", wall.get() + 2 * DAY, "s", "home"));
    send(Events.base("u9", T0, "s", EventType.PURCHASE).build());
    send(Events.view("", T0, "s", "home"));
    send(Events.view("u9", T0, "s", "home")); // the one good event still goes through

    final List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).extracting(r -> header(r, DeadLetters.REASON))
        .containsExactly("malformed", "bad_price", "future_timestamp", "empty_order", "missing_user");
    assertThat(header(dead.getFirst(), DeadLetters.SOURCE_TOPIC)).isEqualTo("shop.events");
    assertThat(header(dead.getFirst(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(dead.getFirst().timestamp()).as("stamped when dead-lettered").isEqualTo(wall.get());
    assertThat(new String(dead.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
    assertThat(header(dead.get(1), DeadLetters.DETAIL)).contains("price -5.0");
    assertThat(counter("segstream.events.rejected", "reason", "malformed")).isEqualTo(1.0);
    assertThat(counter("segstream.events.rejected", "reason", "bad_price")).isEqualTo(1.0);
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getUserId).containsExactly("u9");
  }

  @Test
  void overlongReviewTextIsTruncatedNotRejected() {
    start(Map.of("validation.max-text-chars", "20"));
    send(UserEvent.newBuilder(Events.review("u1", T0, 4, null))
        .setReview(io.segstream.avro.Review.newBuilder().setRating(4).setText("x".repeat(500)).build()).build());
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(meters.find("segstream.text.truncated").counter().count()).isEqualTo(1.0);
    assertThat(profile("u1")).isNotNull();
  }

  @Test
  void eventsNotKeyedByTheirUserAreRekeyed() {
    start(Map.of());
    publish(browsersAndBuyers(1));
    send(null, Events.view("u1", T0, "s1", "home"));
    send("some-order-id", Events.view("u1", T0 + 1000, "s1", "home"));
    assertThat(profile("u1")).isNotNull();
    final var state = UserStateCodec.fromAvro(profile("u1"), registry.layout());
    assertThat(registry.describe(state, T0 + 1000).get("lifetime_views")).isEqualTo(2.0);
    assertThat(changes.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("u1");
  }

  @Test
  void trainingVectorsAreThrottledPerUser() {
    start(Map.of());
    send(Events.view("u1", T0, "s1", "home"));
    send(Events.view("u1", T0 + 60_000, "s1", "home"));       // within the hour: no vector
    send(Events.view("u1", T0 + 2 * 3_600_000, "s2", "home")); // two hours later: a vector
    final List<FeatureVector> out = vectors.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(out).allSatisfy(v -> {
      assertThat(v.getFeatureSet()).isEqualTo(registry.featureSetId());
      assertThat(v.getValues()).hasSize(registry.dimension());
      assertThat(v.getSource()).isEqualTo(VectorSource.EVENT);
    });
  }

  @Test
  void theSweepSamplesTheWholePopulationForTraining() {
    start(Map.of("vectors.sample-fraction", "1.0"));
    send(Events.view("u1", T0, "s1", "home"));
    send(Events.view("u2", T0, "s2", "home"));
    vectors.readValuesToList();
    advance(Duration.ofSeconds(61));
    assertThat(vectors.readValuesToList()).extracting(FeatureVector::getSource)
        .containsOnly(VectorSource.SAMPLE).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void anErasureRequestDropsTheUserAndSaysSo() {
    start(Map.of());
    publish(browsersAndBuyers(1));
    send(Events.view("u1", T0, "s1", "home"));
    changes.readValuesToList();
    assignments.readValuesToList();
    deletions.pipeInput("u1", new byte[0]);
    final List<SegmentChange> out = changes.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.getFirst().getReason()).isEqualTo(ChangeReason.USER_DELETED);
    assertThat(out.getFirst().getPreviousSegmentId()).isEqualTo(0);
    assertThat(out.getFirst().getSegmentId()).isNull();
    assertThat(profile("u1")).isNull();
    assertThat(assignments.readRecordsToList()).singleElement().satisfies(r -> assertThat(r.value()).isNull());
    final ReadOnlyKeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> members = written(StoreNames.MEMBERS);
    assertThat(members.get(SegmentKeys.key(0, "u1"))).isNull();
    final ReadOnlyKeyValueStore<Integer, Long> sizes = written(StoreNames.SIZES);
    assertThat(sizes.get(0)).isNull();
  }

  @Test
  void lateReviewSignalsDoNotResurrectAnErasedUser() {
    start(Map.of());
    publish(browsersAndBuyers(1));
    send(Events.review("u1", T0, 5, Map.of()));
    changes.readValuesToList();
    deletions.pipeInput("u1", new byte[0]);
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getReason)
        .containsExactly(ChangeReason.USER_DELETED);
    // The text stage's signals for that review arrive after the erasure.
    final var signals = driver.createInputTopic(io.segstream.streams.text.TextTopics.reviewSignals(config),
        new StringSerializer(), AvroSerdes.USER_EVENT);
    signals.pipeInput("u1", UserEvent.newBuilder(Events.review("u1", T0, 5, Map.of("sentiment", 0.8)))
        .setType(io.segstream.avro.EventType.REVIEW_SIGNALS).build());
    assertThat(profile("u1")).as("no stub user").isNull();
    assertThat(changes.isEmpty()).isTrue();
    assertThat(meters.find("segstream.review.signals.orphaned").counter().count()).isEqualTo(1.0);
  }

  @Test
  void erasureRequestsReachTheUserThroughTheByUserTopic() {
    start(Map.of());
    final var byUser = driver.createOutputTopic(SegmentationTopology.byUserTopic(config), new StringDeserializer(),
        AvroSerdes.USER_EVENT);
    deletions.pipeInput("u9", "erase".getBytes(StandardCharsets.UTF_8), T0 + 5);
    deletions.pipeInput((String) null, new byte[0]);
    assertThat(byUser.readRecordsToList()).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("u9");
      assertThat(r.value()).as("an erasure request is a tombstone").isNull();
      assertThat(r.timestamp()).isEqualTo(T0 + 5);
    });
    assertThat(counter("segstream.events.rejected", "reason", "deletion_without_user")).isEqualTo(1.0);

    // A tombstone written there directly is an erasure request too.
    publish(browsersAndBuyers(1));
    send(Events.view("u1", T0, "s1", "home"));
    changes.readValuesToList();
    driver.createInputTopic(SegmentationTopology.byUserTopic(config), new StringSerializer(), AvroSerdes.USER_EVENT)
        .pipeInput("u1", null);
    assertThat(changes.readValuesToList()).extracting(SegmentChange::getReason)
        .containsExactly(ChangeReason.USER_DELETED);
    assertThat(profile("u1")).isNull();
  }

  @Test
  void onlyWellFormedReviewSignalsOfTheKeyedUserAreApplied() {
    start(Map.of());
    send(Events.review("u1", T0, 5, Map.of()));
    final var signals = driver.createInputTopic(io.segstream.streams.text.TextTopics.reviewSignals(config),
        new StringSerializer(), AvroSerdes.USER_EVENT);
    final UserProfile before = profile("u1");
    final UserEvent good = UserEvent.newBuilder(Events.review("u1", T0 + 1, 5, Map.of("sentiment", -0.9)))
        .setType(io.segstream.avro.EventType.REVIEW_SIGNALS).build();
    signals.pipeInput("u2", good);                                   // keyed by someone else
    signals.pipeInput("u1", UserEvent.newBuilder(good).setReview(io.segstream.avro.Review.newBuilder(good.getReview())
        .setSignals(Map.of("sentiment", 7.0)).build()).build());    // out of range
    signals.pipeInput("u1", UserEvent.newBuilder(good).setReview(io.segstream.avro.Review.newBuilder(good.getReview())
        .setSignals(Map.of("sentiment", Double.NaN)).build()).build());
    assertThat(profile("u1")).as("refused signals change nothing").isEqualTo(before);
    assertThat(profile("u2")).isNull();
    signals.pipeInput("u1", good);
    assertThat(profile("u1")).as("admitted signals update the text features").isNotEqualTo(before);
  }

  @Test
  void theSegmentationTaskReadsTwoTopicsAndKeepsSubTopologyZero() {
    start(Map.of());
    final var topology = SegmentationTopology.build(config, registry, CategoryResolver.shopCategory(),
        new SegmentMetrics(meters), new StreamTime(), wall::get).describe();
    final var segmentation = topology.subtopologies().stream()
        .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(EventParser.TO_SEGMENTS))).findFirst().orElseThrow();
    // Kafka Streams checks every input partition of a task before each record: each extra, usually empty input
    // cost about half a microsecond per event (docs/performance.md).
    assertThat(segmentation.nodes().stream()
        .filter(n -> n instanceof org.apache.kafka.streams.TopologyDescription.Source)
        .flatMap(n -> ((org.apache.kafka.streams.TopologyDescription.Source) n).topicSet().stream()))
        .containsExactlyInAnyOrder(config.topics().events().getFirst(), SegmentationTopology.byUserTopic(config));
    assertThat(segmentation.id()).as("its tasks keep their state directories (0_0, 0_1, ...)").isZero();
  }

  @Test
  void usersInactiveBeyondTheRetentionExpire() {
    start(Map.of("users.retention-days", "10"));
    publish(browsersAndBuyers(1));
    send(Events.view("old", T0, "s1", "home"));
    send(Events.view("recent", T0 + 20 * DAY, "s2", "home"));
    changes.readValuesToList();
    advance(Duration.ofSeconds(61));
    final List<SegmentChange> out = changes.readValuesToList();
    assertThat(out).extracting(SegmentChange::getUserId, SegmentChange::getReason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("old", ChangeReason.EXPIRED));
    assertThat(profile("old")).isNull();
    assertThat(profile("recent")).isNotNull();
  }

  @Test
  void theMembershipIndexAndSizesFollowChanges() {
    start(Map.of());
    publish(browsersAndBuyers(1));
    send(Events.view("a", T0, "s1", "home"));
    send(Events.view("b", T0, "s2", "home"));
    for (int d = 1; d <= 4; d++) {
      send(Events.purchase("b", T0 + d * DAY, "p" + d, 200, 1, 0));
    }
    final ReadOnlyKeyValueStore<Integer, Long> sizes = written(StoreNames.SIZES);
    assertThat(sizes.get(0)).isEqualTo(1L);
    assertThat(sizes.get(1)).isEqualTo(1L);
    assertThat(sizes.get(-1)).isNull();
    final ReadOnlyKeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> members = written(StoreNames.MEMBERS);
    assertThat(members.get(SegmentKeys.key(0, "a"))).isNotNull();
    assertThat(members.get(SegmentKeys.key(1, "b"))).isNotNull();
    assertThat(members.get(SegmentKeys.key(0, "b"))).isNull();
  }

  @Test
  void trendingItemsAreCreditedToTheUsersSegmentDecayedAndBounded() {
    start(Map.of("top-items.capacity", "2", "top-items.half-life-days", "1"));
    publish(browsersAndBuyers(1));
    final String[] views = {"mug", "mug", "mug", "lamp", "rug", "rug"};
    for (int i = 0; i < views.length; i++) {
      send(Events.base("browser" + i, T0, "s" + i, EventType.PAGE_VIEW)
          .setProduct(Events.product(views[i], "home", 10)).build());
    }
    final ReadOnlyKeyValueStore<org.apache.kafka.common.utils.Bytes, io.segstream.avro.ItemScore> items =
        written(StoreNames.ITEMS);
    assertThat(items.get(SegmentKeys.key(0, "mug")).getScore()).isCloseTo(3 * TrendingItemScores.VIEW_WEIGHT, within(1e-12));
    assertThat(items.get(SegmentKeys.key(0, "lamp"))).isNotNull();
    // One day later a mug view counts fully and the old ones half.
    send(Events.base("browser0", T0 + DAY, "s9", EventType.PAGE_VIEW).setProduct(Events.product("mug", "home", 10)).build());
    assertThat(items.get(SegmentKeys.key(0, "mug")).getScore()).isCloseTo(2.5 * TrendingItemScores.VIEW_WEIGHT, within(1e-12));
    // Pruning (one segment per tick, round-robin) keeps the top two of the segment: the lamp goes.
    advance(Duration.ofSeconds(1));
    advance(Duration.ofSeconds(1));
    assertThat(items.get(SegmentKeys.key(0, "lamp"))).isNull();
    assertThat(items.get(SegmentKeys.key(0, "mug"))).isNotNull();
    assertThat(items.get(SegmentKeys.key(0, "rug"))).isNotNull();
    assertThat(items.get(SegmentKeys.key(1, "mug"))).as("nobody in segment 1 viewed it").isNull();
  }

  private static String header(final TestRecord<?, ?> r, final String name) {
    final Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
