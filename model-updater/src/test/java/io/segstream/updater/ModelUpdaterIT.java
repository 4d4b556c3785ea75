package io.segstream.updater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The updater against a real (embedded, KRaft) broker. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ModelUpdaterIT {
  private static final FeatureRegistry REGISTRY = FeatureRegistry.standard(FeatureSettings.defaults());
  private static final String FS = REGISTRY.featureSetId();
  private static final Groups GROUPS = Groups.blocks(3, REGISTRY.dimension(), 8.0);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  static Path dataDir;
  private static EmbeddedKafka kafka;
  private static KafkaFixtures fx;

  private final SplittableRandom random = new SplittableRandom(5);

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start(dataDir, 0);
    fx = new KafkaFixtures(kafka.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static SegstreamConfig config(final String name) {
    return KafkaFixtures.config(kafka.bootstrapServers(), name, name + ".vectors", name + ".model", Map.of());
  }

  private Segmentation awaitModel(final SegstreamConfig c, final long trainedVectors) {
    final AtomicReference<Segmentation> seen = new AtomicReference<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
      final Optional<Segmentation> m = fx.latestModel(c.topics().model(), c.modelName());
      m.ifPresent(seen::set);
      return m.isPresent() && m.get().trainedVectors() >= trainedVectors;
    });
    return seen.get();
  }

  private static double counter(final MeterRegistry r, final String name, final String... tags) {
    return r.get(name).tags(tags).counter().count();
  }

  private static double gauge(final MeterRegistry r, final String name) {
    return r.get(name).gauge().value();
  }

  @Test
  void trainsPublishesAndResumesFromTheLastModelAndCommittedOffsets() throws Exception {
    final SegstreamConfig c = config("resume");
    fx.createTopics(c.topics().featureVectors(), 3, c.topics().model());
    // Noise first: an undecodable record, a tombstone (an erased user: dropped from the population sample, not an
    // error) and three vectors of another feature set.
    fx.produceRaw(c.topics().featureVectors(), "junk", new byte[] {1, 2, 3});
    fx.produceRaw(c.topics().featureVectors(), "tombstone", null);
    for (int i = 0; i < 3; i++) {
      fx.produceRaw(c.topics().featureVectors(), "old", KafkaFixtures.vector("old", "old-feature-set", GROUPS.draw(random)));
    }
    fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 600, random);

    final MeterRegistry metricsA = new SimpleMeterRegistry();
    final Segmentation afterFirstBatch;
    final Segmentation lastOfA;
    try (ModelUpdater a = new ModelUpdater(c, metricsA).start()) {
      afterFirstBatch = awaitModel(c, 600);
      assertThat(afterFirstBatch.trainedVectors()).isEqualTo(600);
      assertThat(afterFirstBatch.k()).isEqualTo(3);
      assertThat(afterFirstBatch.generation()).isEqualTo(1);
      assertThat(afterFirstBatch.segments()).extracting(Segment::id).containsExactlyInAnyOrder(0, 1, 2);
      for (final double[] mean : GROUPS.means()) {
        final double[] z = afterFirstBatch.scaler().transform(mean);
        final double[] nearest = afterFirstBatch.centroids()[DistanceKernel.nearest(z, afterFirstBatch.centroids())];
        assertThat(Math.sqrt(DistanceKernel.squared(z, nearest))).isLessThan(0.3);
      }
      assertThat(a.isActive()).isTrue();
      assertThat(counter(metricsA, UpdaterMetrics.VECTORS_REJECTED, "reason", "undecodable")).isEqualTo(1);
      assertThat(counter(metricsA, UpdaterMetrics.VECTORS_REJECTED, "reason", "feature_set_mismatch")).isEqualTo(3);
      assertThat(counter(metricsA, UpdaterMetrics.VECTORS_TRAINED)).isEqualTo(600);
      assertThat(counter(metricsA, UpdaterMetrics.BATCHES)).isPositive();
      assertThat(gauge(metricsA, UpdaterMetrics.ACTIVE)).isEqualTo(1);
      assertThat(gauge(metricsA, UpdaterMetrics.BOOTSTRAP_PROGRESS)).isEqualTo(1);
      assertThat(gauge(metricsA, UpdaterMetrics.MODEL_SEGMENTS)).isEqualTo(3);
      await().atMost(WAIT).until(() -> gauge(metricsA, UpdaterMetrics.MODEL_VERSION) >= afterFirstBatch.version());
      await().atMost(WAIT).until(() -> gauge(metricsA, UpdaterMetrics.LAG) == 0);
      assertThat(metricsA.get(UpdaterMetrics.CENTROID_DRIFT).summary().count()).isPositive();

      fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 400, random);
      lastOfA = awaitModel(c, 1000);
      assertThat(lastOfA.trainedVectors()).isEqualTo(1000);
      assertThat(lastOfA.version()).isGreaterThan(afterFirstBatch.version());
      assertThat(lastOfA.segments()).extracting(Segment::id).containsExactlyInAnyOrder(0, 1, 2);
    }
    // Offsets were committed with the model: all 605 records of the three partitions are consumed.
    final Map<TopicPartition, OffsetAndMetadata> committed = fx.committed(ModelUpdater.offsetsGroupId(c));
    assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(1005);
    assertThat(metricsA.find(UpdaterMetrics.ACTIVE).gauge()).as("meters removed on close").isNull();

    // A new updater resumes: same ids, versions continue, only new vectors are trained; the scaler carries
    // on from the last model's and follows the new vectors (same groups, so it barely moves).
    final MeterRegistry metricsB = new SimpleMeterRegistry();
    try (ModelUpdater b = new ModelUpdater(c, metricsB).start()) {
      await().atMost(WAIT).until(b::isActive);
      assertThat(b.lastModel()).hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(lastOfA.version()));
      assertThat(gauge(metricsB, UpdaterMetrics.MODEL_VERSION)).isEqualTo(lastOfA.version());
      fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 200, random);
      final Segmentation resumed = awaitModel(c, 1200);
      assertThat(resumed.trainedVectors()).isEqualTo(1200);
      assertThat(resumed.version()).isGreaterThan(lastOfA.version());
      for (int j = 0; j < resumed.scaler().dimension(); j++) {
        assertThat(resumed.scaler().mean()[j]).isCloseTo(lastOfA.scaler().mean()[j],
            org.assertj.core.api.Assertions.within(0.2 * lastOfA.scaler().scale()[j]));
      }
      assertThat(resumed.segments()).extracting(Segment::id).containsExactlyInAnyOrder(0, 1, 2);
      for (final Segment s : resumed.segments()) {
        assertThat(s.label()).isEqualTo(lastOfA.segment(s.id()).orElseThrow().label());
        assertThat(s.createdVersion()).isEqualTo(1);
      }
      assertThat(counter(metricsB, UpdaterMetrics.VECTORS_TRAINED)).isEqualTo(200);
      assertThat(counter(metricsB, UpdaterMetrics.VECTORS_REJECTED, "reason", "undecodable")).isZero();
    }
  }

  @Test
  void refitsOnThePopulationSampleOnceItSettlesAndIgnoresRepeatedSamples() throws Exception {
    final SegstreamConfig c = KafkaFixtures.config(kafka.bootstrapServers(), "population", "population.vectors",
        "population.model", Map.of("updater.population-users", "5000", "updater.population-quiet-ms", "1000"));
    fx.createTopics(c.topics().featureVectors(), 2, c.topics().model());
    final MeterRegistry metrics = new SimpleMeterRegistry();
    try (ModelUpdater u = new ModelUpdater(c, metrics).start()) {
      final List<KafkaFixtures.Keyed> users = fx.produceUsers(c.topics().featureVectors(), FS, GROUPS, 400, random);
      final AtomicReference<Segmentation> refitted = new AtomicReference<>();
      await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
        final Optional<Segmentation> m = fx.latestModel(c.topics().model(), c.modelName());
        m.filter(x -> x.freshFromVersion() > 0).ifPresent(refitted::set);
        return refitted.get() != null;
      });
      final Segmentation model = refitted.get();
      assertThat(model.parameters()).containsEntry("population.users", "400");
      assertThat(model.freshFromVersion()).isEqualTo(model.version());
      assertThat(model.scaler().byShares()).as("the default scaling measures shares").isTrue();
      // The same users sampled again, unchanged: nothing to learn, no new version.
      final double trained = counter(metrics, UpdaterMetrics.VECTORS_TRAINED);
      fx.produceAgain(c.topics().featureVectors(), users);
      await().atMost(WAIT).until(() -> counter(metrics, UpdaterMetrics.VECTORS_SKIPPED, "source", "sample") == 400);
      Thread.sleep(2_500); // past the quiet time and the publish interval
      assertThat(counter(metrics, UpdaterMetrics.VECTORS_TRAINED)).isEqualTo(trained);
      assertThat(fx.latestModel(c.topics().model(), c.modelName()).orElseThrow().version()).isEqualTo(model.version());
      // An erased user's tombstone takes them out of the sample, and the next refit says so.
      fx.produceRaw(c.topics().featureVectors(), users.getFirst().key(), null);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> fx.latestModel(c.topics().model(),
          c.modelName()).map(m -> "399".equals(m.parameters().get("population.users"))).orElse(false));
    }
  }

  @Test
  void withEventVectorsForBootstrapOnlyTheModelThenTrainsOnTheSweepSample() throws Exception {
    final SegstreamConfig c = KafkaFixtures.config(kafka.bootstrapServers(), "events", "events.vectors", "events.model",
        Map.of("updater.event-vectors", "bootstrap"));
    fx.createTopics(c.topics().featureVectors(), 1, c.topics().model());
    final MeterRegistry metrics = new SimpleMeterRegistry();
    try (ModelUpdater u = new ModelUpdater(c, metrics).start()) {
      // Event vectors bootstrap the first model...
      fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 300, random, io.segstream.avro.VectorSource.EVENT);
      assertThat(awaitModel(c, 300).trainedVectors()).isEqualTo(300);
      // ...after which more event vectors are skipped and counted, and sampled ones train.
      fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 200, random, io.segstream.avro.VectorSource.EVENT);
      fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 100, random, io.segstream.avro.VectorSource.SAMPLE);
      await().atMost(WAIT).until(() -> metrics.find(UpdaterMetrics.VECTORS_SKIPPED).tag("source", "event").counter().count() == 200);
      assertThat(awaitModel(c, 400).trainedVectors()).isEqualTo(400);
    }
  }

  @Test
  void onlyOneOfTwoUpdatersIsActiveAndTheOtherTakesOverWhenItLeaves() throws Exception {
    final SegstreamConfig c = config("failover");
    fx.createTopics(c.topics().featureVectors(), 2, c.topics().model());
    fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 400, random);

    final MeterRegistry r1 = new SimpleMeterRegistry();
    final MeterRegistry r2 = new SimpleMeterRegistry();
    ModelUpdater one = new ModelUpdater(c, r1).start();
    ModelUpdater two = new ModelUpdater(c, r2).start();
    try {
      await().atMost(WAIT).until(() -> one.isActive() || two.isActive());
      final Segmentation first = awaitModel(c, 400);
      // Stays that way: exactly one active, the other on standby.
      for (int i = 0; i < 6; i++) {
        assertThat(one.isActive() ^ two.isActive()).as("exactly one active").isTrue();
        Thread.sleep(250);
      }
      final ModelUpdater active = one.isActive() ? one : two;
      final ModelUpdater standby = active == one ? two : one;
      assertThat(standby.state()).isEqualTo(ModelUpdater.State.STANDBY);
      assertThat(gauge(active == one ? r1 : r2, UpdaterMetrics.ACTIVE)).isEqualTo(1);
      assertThat(gauge(standby == one ? r1 : r2, UpdaterMetrics.ACTIVE)).isZero();
      assertThat(standby.lastModel()).isEmpty();

      // A third instance joining the group does not take the lock away (sticky assignment, no flapping).
      try (ModelUpdater three = new ModelUpdater(c, new SimpleMeterRegistry()).start()) {
        await().atMost(WAIT).until(() -> three.state() == ModelUpdater.State.STANDBY);
        for (int i = 0; i < 12; i++) {
          assertThat(active.isActive()).isTrue();
          assertThat(three.isActive()).isFalse();
          Thread.sleep(250);
        }
      }

      active.close();
      await().atMost(WAIT).until(standby::isActive);
      assertThat(standby.lastModel()).hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(first.version()));
      fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 200, random);
      final Segmentation next = awaitModel(c, 600);
      assertThat(next.trainedVectors()).isEqualTo(600);
      assertThat(next.version()).isGreaterThan(first.version());
      assertThat(standby.lastModel()).hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(next.version()));
      assertThat(counter(standby == one ? r1 : r2, UpdaterMetrics.VECTORS_TRAINED)).isEqualTo(200);
    } finally {
      one.close();
      two.close();
    }
    assertThat(one.state()).isEqualTo(ModelUpdater.State.CLOSED);
    assertThat(two.state()).isEqualTo(ModelUpdater.State.CLOSED);
    one.close(); // idempotent
  }

  @Test
  void waitsForMissingTopicsAndClosesQuickly() throws Exception {
    final SegstreamConfig c = config("missing");
    final ModelUpdater u = new ModelUpdater(c, new SimpleMeterRegistry()).start();
    Thread.sleep(1500);
    assertThat(u.isActive()).isFalse();
    fx.createTopics(c.topics().featureVectors(), 1, c.topics().model());
    await().atMost(WAIT).until(u::isActive);
    final long t0 = System.nanoTime();
    u.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(u.state()).isEqualTo(ModelUpdater.State.CLOSED);
    // And with topics.create=true it makes them itself (model topic compacted, one partition).
    final SegstreamConfig own = KafkaFixtures.config(kafka.bootstrapServers(), "create", "create.vectors",
        "create.model", Map.of("topics.create", "true", "topics.partitions", "2"));
    try (ModelUpdater v = new ModelUpdater(own, new SimpleMeterRegistry()).start();
         Admin admin = fx.admin()) {
      await().atMost(WAIT).until(v::isActive);
      final var desc = admin.describeTopics(java.util.List.of("create.vectors", "create.model")).allTopicNames().get();
      assertThat(desc.get("create.vectors").partitions()).hasSize(2);
      assertThat(desc.get("create.model").partitions()).hasSize(1);
      final var cfg = admin.describeConfigs(java.util.List.of(new org.apache.kafka.common.config.ConfigResource(
          org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "create.model"))).all().get();
      assertThat(cfg.values().iterator().next().get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void aFencedUpdaterStepsDownAndResumesFromThePublishedModel() throws Exception {
    final SegstreamConfig c = config("fence");
    fx.createTopics(c.topics().featureVectors(), 1, c.topics().model());
    fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 300, random);
    try (ModelUpdater u = new ModelUpdater(c, new SimpleMeterRegistry()).fencedBackoff(Duration.ofSeconds(3)).start()) {
      final Segmentation v1 = awaitModel(c, 300);
      // A "newer instance" registers the same transactional id: the running updater is now a zombie.
      final Map<String, Object> p = Map.of("bootstrap.servers", kafka.bootstrapServers(), "transactional.id",
          ModelPublisher.transactionalId(c.applicationId(), c.modelName()));
      try (var zombieMaker = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
          new org.apache.kafka.common.serialization.StringSerializer(),
          new org.apache.kafka.common.serialization.StringSerializer())) {
        zombieMaker.initTransactions();
      }
      fx.produceVectors(c.topics().featureVectors(), FS, GROUPS, 200, random);
      // Its next publication is refused: it steps down, dropping what it trained...
      await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> u.state() == ModelUpdater.State.STANDBY);
      // ...and, still holding the lock, comes back later from the published model and committed offsets.
      final Segmentation v2 = awaitModel(c, 500);
      assertThat(v2.trainedVectors()).isEqualTo(500);
      assertThat(v2.version()).isEqualTo(v1.version() + 1);
      assertThat(u.isActive()).isTrue();
    }
  }
}
