package io.segstream.updater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.SegmentNamer;
import io.segstream.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {
  private static final FeatureRegistry REGISTRY = FeatureRegistry.standard(FeatureSettings.defaults());
  private static final int D = REGISTRY.dimension();
  private static final String FS = REGISTRY.featureSetId();
  private static final Groups GROUPS = Groups.blocks(4, D, 8.0);

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SplittableRandom random = new SplittableRandom(11);
  private final Recorder recorder = new Recorder();

  /** Counts listener callbacks. */
  private static final class Recorder implements ModelTrainer.Listener {
    final Map<String, Integer> rejected = new HashMap<>();
    long trained;
    int batches;
    double progress;

    @Override
    public void rejected(final String reason) {
      rejected.merge(reason, 1, Integer::sum);
    }

    @Override
    public void trained(final int vectors) {
      trained += vectors;
    }

    @Override
    public void batch() {
      batches++;
    }

    @Override
    public void bootstrapProgress(final int collected, final int needed) {
      progress = (double) collected / needed;
    }
  }

  private static TrainingSettings settings(final int k) {
    return new TrainingSettings(k, 2, 6, 400, 100, 0.95, TrainingSettings.TimeUnit.BATCHES, 0.01, 7L);
  }

  private ModelTrainer trainer(final TrainingSettings s, final double minMovement, final FeatureRegistry registry) {
    return new ModelTrainer(registry, s, new ModelTrainer.PublishPolicy(minMovement, Duration.ofSeconds(60)), "default",
        new SegmentNamer(registry), clock, recorder);
  }

  private ModelTrainer trainer(final double minMovement) {
    return trainer(settings(4), minMovement, REGISTRY);
  }

  private void feed(final ModelTrainer t, final Groups g, final int n) {
    for (int i = 0; i < n; i++) {
      assertThat(t.offer(FS, g.draw(random))).isTrue();
    }
  }

  /** Distance from each true group mean (standardised with the model's scaler) to the nearest centroid. */
  private static double[] distancesToTruth(final Segmentation m, final Groups g) {
    final double[] out = new double[g.k()];
    for (int i = 0; i < g.k(); i++) {
      final double[] z = m.scaler().transform(g.means()[i]);
      out[i] = Math.sqrt(DistanceKernel.squared(z, m.centroids()[DistanceKernel.nearest(z, m.centroids())]));
    }
    return out;
  }

  private Segmentation bootstrapped(final ModelTrainer t) {
    feed(t, GROUPS, 400);
    assertThat(t.bootstrapping()).isFalse();
    assertThat(t.shouldPublish(clock.instant())).isTrue();
    return t.publish(clock.instant());
  }

  @Test
  void bootstrapFindsTheTrueGroupsAndPublishesVersionOne() {
    final ModelTrainer t = trainer(0.05);
    assertThat(t.shouldPublish(clock.instant())).isFalse();
    feed(t, GROUPS, 399);
    assertThat(t.bootstrapping()).isTrue();
    assertThat(recorder.progress).isCloseTo(399 / 400.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(t.shouldPublish(clock.instant())).isFalse();
    assertThatThrownBy(() -> t.publish(clock.instant())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bootstrapping");

    feed(t, GROUPS, 1);
    assertThat(recorder.progress).isEqualTo(1.0);
    assertThat(recorder.trained).isEqualTo(400);
    assertThat(t.shouldPublish(clock.instant())).isTrue();
    final Segmentation m = t.publish(clock.instant());

    assertThat(m.name()).isEqualTo("default");
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.generation()).isEqualTo(1);
    assertThat(m.featureSet()).isEqualTo(FS);
    assertThat(m.featureNames()).isEqualTo(REGISTRY.clusteringNames());
    assertThat(m.k()).isEqualTo(4);
    assertThat(m.segments()).extracting(Segment::id).containsExactly(0, 1, 2, 3);
    assertThat(m.nextSegmentId()).isEqualTo(4);
    assertThat(m.trainedVectors()).isEqualTo(400);
    assertThat(m.publishedAt()).isEqualTo(clock.instant());
    assertThat(m.segments()).allSatisfy(s -> {
      assertThat(s.movement()).isZero();
      assertThat(s.createdVersion()).isEqualTo(1);
      assertThat(s.weight()).isBetween(60.0, 140.0);
      assertThat(s.label()).isNotBlank();
      assertThat(s.description()).isNotBlank();
    });
    assertThat(m.segments().stream().map(Segment::label).distinct()).hasSize(4);
    // Each true group has a centre near it (standardised units; groups are ~5 apart).
    assertThat(Arrays.stream(distancesToTruth(m, GROUPS)).max().orElseThrow()).isLessThan(0.3);
    // Standardised unit-variance noise over D features, scaled: inertia per vector is well below the spread.
    assertThat(m.inertia()).isFinite().isPositive().isLessThan(D);
    assertThat(m.parameters()).containsEntry("k", "4").containsEntry("batch-size", "100")
        .containsEntry("bootstrap-vectors", "400").containsEntry("decay-factor", "0.95")
        .containsEntry("time-unit", "batches").containsEntry("generation.reason", "first model")
        .containsEntry("bootstrap.k-selection", "fixed");
    assertThat(t.shouldPublish(clock.instant())).isFalse();
  }

  @Test
  void autoKChoosesTheNumberOfGroupsBySilhouette() {
    final ModelTrainer t = trainer(new TrainingSettings(0, 2, 6, 300, 100, 0.95, TrainingSettings.TimeUnit.BATCHES,
        0.01, 7L), 0.05, REGISTRY);
    final Groups three = Groups.blocks(3, D, 8.0);
    feed(t, three, 300);
    final Segmentation m = t.publish(clock.instant());
    assertThat(m.k()).isEqualTo(3);
    assertThat(m.parameters()).containsEntry("bootstrap.k-selection", "silhouette")
        .containsEntry("k.setting", "auto(2..6)");
    assertThat(m.parameters().get("bootstrap.silhouette")).contains("k=2: ", "k=3: ", "k=6: ");
  }

  @Test
  void onlineTrainingMovesCentresAndPublishesOnMovementOrInterval() {
    final ModelTrainer t = trainer(0.5);
    final Segmentation v1 = bootstrapped(t);
    final int batchesBefore = recorder.batches;

    // Same distribution: centres wobble a little, below the movement threshold.
    t.train(GROUPS.batch(100, random));
    assertThat(recorder.batches).isEqualTo(batchesBefore + 1);
    assertThat(t.maxMovement()).isPositive().isLessThan(0.5);
    assertThat(t.shouldPublish(clock.instant())).isFalse();
    clock.advance(Duration.ofSeconds(59));
    assertThat(t.shouldPublish(clock.instant())).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(t.shouldPublish(clock.instant())).as("interval passed with training").isTrue();
    final Segmentation v2 = t.publish(clock.instant());
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.trainedVectors()).isEqualTo(500);
    for (final Segment s : v2.segments()) {
      // Movement is measured in the new version's standardisation (its scaler follows the recent data).
      final double[] before = v2.scaler().transform(v1.scaler().inverse(v1.segment(s.id()).orElseThrow().centroid()));
      assertThat(s.movement()).isCloseTo(Math.sqrt(DistanceKernel.squared(before, s.centroid())),
          org.assertj.core.api.Assertions.within(1e-9));
    }

    // Interval passed but nothing trained: nothing to say.
    clock.advance(Duration.ofMinutes(5));
    assertThat(t.shouldPublish(clock.instant())).isFalse();

    // One group drifts far: its centre moves past the threshold without waiting for the interval.
    final Segmentation v3before = v2;
    final Groups drifted = GROUPS.shifted(2, 3.0);
    clock.advance(Duration.ofSeconds(1));
    final Segmentation published = t.publish(clock.instant()); // restart the interval
    assertThat(published.version()).isEqualTo(3);
    int batches = 0;
    while (t.maxMovement() <= 0.5 && batches < 50) {
      t.train(drifted.batch(100, random));
      batches++;
    }
    assertThat(batches).isLessThan(50);
    assertThat(t.shouldPublish(clock.instant())).as("not within the minimum gap after a publication").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(t.shouldPublish(clock.instant())).as("moved past the threshold, interval not yet passed").isTrue();
    final Segmentation v4 = t.publish(clock.instant());
    assertThat(v4.version()).isEqualTo(4);
    final Segment moved = v4.segments().stream().max((a, b) -> Double.compare(a.movement(), b.movement())).orElseThrow();
    assertThat(moved.movement()).isGreaterThan(0.5);
    // It is the centre of the drifted group, and it moved towards the new mean.
    final double[] target = v4.scaler().transform(drifted.means()[2]);
    assertThat(DistanceKernel.nearest(target, v4.centroids())).isEqualTo(v4.segments().indexOf(moved));
    assertThat(v4.segments()).extracting(Segment::id).containsExactlyElementsOf(
        v3before.segments().stream().map(Segment::id).toList());
  }

  @Test
  void labelsFollowTheSegmentIdNotItsPosition() {
    final ModelTrainer t = trainer(0.05);
    final Segmentation v1 = bootstrapped(t);
    // Same model with the segments listed in reverse order: labels must stay with their ids.
    final List<Segment> reversed = new ArrayList<>(v1.segments());
    java.util.Collections.reverse(reversed);
    final Segmentation shuffled = new Segmentation(v1.name(), v1.version(), v1.generation(), v1.featureSet(),
        v1.featureNames(), v1.scaler(), reversed, v1.inertia(), v1.trainedVectors(), v1.publishedAt(),
        v1.nextSegmentId(), v1.parameters());
    final ModelTrainer resumed = trainer(0.05);
    resumed.resume(shuffled);
    resumed.train(GROUPS.batch(100, random));
    final Segmentation v2 = resumed.publish(clock.instant().plusSeconds(1));
    assertThat(labelsById(v2)).isEqualTo(labelsById(v1));
    assertThat(v2.segments()).extracting(Segment::id).containsExactly(3, 2, 1, 0);
  }

  @Test
  void aReseededCentreGetsANewIdNoPreviousLabelAndTriggersPublication() {
    // Heavy forgetting and a high starvation share: a group that stops sending vectors loses its centre.
    final TrainingSettings s = new TrainingSettings(4, 2, 6, 400, 100, 0.5, TrainingSettings.TimeUnit.BATCHES, 0.1, 7L);
    final ModelTrainer t = trainer(s, 100.0, REGISTRY); // movement alone never triggers
    final Segmentation v1 = bootstrapped(t);
    final Groups withoutGroup0 = new Groups(Arrays.copyOfRange(GROUPS.means(), 1, 4), 1.0);
    clock.advance(Duration.ofSeconds(2)); // past the minimum gap, well before the interval
    int batches = 0;
    while (!t.shouldPublish(clock.instant()) && batches < 30) {
      t.train(withoutGroup0.batch(100, random));
      batches++;
    }
    assertThat(batches).isLessThan(30);
    final Segmentation v2 = t.publish(clock.instant());
    assertThat(v2.nextSegmentId()).isEqualTo(5);
    final Segment born = v2.segment(4).orElseThrow();
    assertThat(born.movement()).isZero();
    assertThat(born.createdVersion()).isEqualTo(2);
    // The starved centre is the one that served group 0; the others keep their ids, labels and birth version.
    final int starved = v1.segments().get(DistanceKernel.nearest(v1.scaler().transform(GROUPS.means()[0]),
        v1.centroids())).id();
    final List<Integer> expectedIds = new ArrayList<>(List.of(0, 1, 2, 3));
    expectedIds.set(starved, 4);
    assertThat(v2.segments()).extracting(Segment::id).containsExactlyElementsOf(expectedIds);
    for (final Segment kept : v2.segments()) {
      if (kept.id() != 4) {
        assertThat(kept.createdVersion()).isEqualTo(1);
        assertThat(kept.label()).isEqualTo(v1.segment(kept.id()).orElseThrow().label());
      }
    }
  }

  @Test
  void resumeContinuesVersionsIdsLabelsAndCounts() {
    final ModelTrainer first = trainer(0.05);
    bootstrapped(first);
    first.train(GROUPS.batch(100, random));
    final Segmentation v2 = first.publish(clock.instant().plusSeconds(1));

    final Recorder second = new Recorder();
    final ModelTrainer t = new ModelTrainer(REGISTRY, settings(4), new ModelTrainer.PublishPolicy(0.05,
        Duration.ofSeconds(60)), "default", new SegmentNamer(REGISTRY), clock, second);
    t.resume(v2);
    assertThat(t.bootstrapping()).isFalse();
    assertThat(second.progress).isEqualTo(1.0);
    assertThat(t.version()).isEqualTo(2);
    assertThat(t.shouldPublish(clock.instant())).as("nothing new since v2").isFalse();
    t.train(GROUPS.batch(150, random));
    assertThat(second.trained).isEqualTo(150);
    clock.advance(Duration.ofMinutes(2));
    assertThat(t.shouldPublish(clock.instant())).isTrue();
    final Segmentation v3 = t.publish(clock.instant());
    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.generation()).isEqualTo(1);
    assertThat(v3.trainedVectors()).isEqualTo(v2.trainedVectors() + 150);
    assertThat(v3.nextSegmentId()).isEqualTo(4);
    // The scaler follows the recent vectors; drawn from the same groups, it barely changes.
    for (int j = 0; j < v3.scaler().dimension(); j++) {
      assertThat(v3.scaler().mean()[j]).isCloseTo(v2.scaler().mean()[j],
          org.assertj.core.api.Assertions.within(0.2 * v2.scaler().scale()[j]));
    }
    assertThat(labelsById(v3)).isEqualTo(labelsById(v2));
    assertThat(v3.segments()).allSatisfy(s -> assertThat(s.createdVersion()).isEqualTo(1));
    assertThat(Arrays.stream(distancesToTruth(v3, GROUPS)).max().orElseThrow()).isLessThan(0.3);
    assertThat(v3.parameters()).containsEntry("generation.started-version", "1");
  }

  @Test
  void aFeatureSetChangeStartsANewGenerationWithFreshIds() {
    final ModelTrainer first = trainer(0.05);
    final Segmentation v1 = bootstrapped(first);

    final FeatureRegistry changed = FeatureRegistry.standard(new FeatureSettings(10.0,
        FeatureSettings.defaults().categories(), 30.0, 365.0));
    assertThat(changed.featureSetId()).isNotEqualTo(FS);
    final ModelTrainer t = trainer(settings(4), 0.05, changed);
    t.resume(v1);
    assertThat(t.bootstrapping()).isTrue();
    assertThat(t.shouldPublish(clock.instant())).isFalse();
    // Old-feature-set vectors are refused; new ones bootstrap generation 2.
    assertThat(t.offer(FS, GROUPS.draw(random))).isFalse();
    assertThat(t.rejected()).containsEntry(ModelTrainer.FEATURE_SET_MISMATCH, 1L);
    for (int i = 0; i < 400; i++) {
      assertThat(t.offer(changed.featureSetId(), GROUPS.draw(random))).isTrue();
    }
    final Segmentation g2 = t.publish(clock.instant());
    assertThat(g2.version()).isEqualTo(2);
    assertThat(g2.generation()).isEqualTo(2);
    assertThat(g2.featureSet()).isEqualTo(changed.featureSetId());
    assertThat(g2.segments()).extracting(Segment::id).containsExactly(4, 5, 6, 7);
    assertThat(g2.segments()).allSatisfy(s -> assertThat(s.createdVersion()).isEqualTo(2));
    assertThat(g2.nextSegmentId()).isEqualTo(8);
    assertThat(g2.trainedVectors()).isEqualTo(400);
    assertThat(g2.parameters().get("generation.reason")).contains("feature set changed");
    assertThat(g2.parameters()).containsEntry("generation.started-version", "2");
  }

  @Test
  void badVectorsAreCountedNotThrown() {
    final ModelTrainer t = trainer(0.05);
    final double[] good = GROUPS.draw(random);
    final double[] nan = good.clone();
    nan[3] = Double.NaN;
    final double[] inf = good.clone();
    inf[0] = Double.POSITIVE_INFINITY;
    final List<Double> boxedWithNull = new ArrayList<>(Arrays.stream(good).boxed().toList());
    boxedWithNull.set(5, null);

    assertThat(t.offer("another-feature-set", good)).isFalse();
    assertThat(t.offer(null, good)).isFalse();
    assertThat(t.offer(FS, Arrays.copyOf(good, D - 1))).isFalse();
    assertThat(t.offer(FS, (double[]) null)).isFalse();
    assertThat(t.offer(FS, nan)).isFalse();
    assertThat(t.offer(FS, inf)).isFalse();
    assertThat(t.offer(FS, boxedWithNull)).isFalse();
    assertThat(t.offer(FS, List.of(1.0, 2.0))).isFalse();
    assertThat(t.offer(FS, (List<Double>) null)).isFalse();

    assertThat(t.rejected()).containsEntry(ModelTrainer.FEATURE_SET_MISMATCH, 2L)
        .containsEntry(ModelTrainer.BAD_VECTOR, 7L);
    assertThat(recorder.rejected).containsEntry(ModelTrainer.FEATURE_SET_MISMATCH, 2)
        .containsEntry(ModelTrainer.BAD_VECTOR, 7);
    assertThat(t.bootstrapCollected()).isZero();

    // Boxed and array input count the same; bad rows inside a raw batch are skipped.
    assertThat(t.offer(FS, Arrays.stream(good).boxed().toList())).isTrue();
    t.train(new double[][] {good, nan, inf});
    assertThat(t.bootstrapCollected()).isEqualTo(2);
    assertThat(t.rejected()).containsEntry(ModelTrainer.BAD_VECTOR, 9L);

    // Online too: a bad vector never reaches the model.
    feed(t, GROUPS, 398);
    final Segmentation v1 = t.publish(clock.instant());
    assertThat(t.offer(FS, nan)).isFalse();
    t.flush();
    assertThat(t.trainedVectors()).isEqualTo(v1.trainedVectors());
    assertThat(t.pending()).isZero();
  }

  @Test
  void partialBatchesAreTrainedOnFlushAndBeforePublication() {
    final ModelTrainer t = trainer(0.05);
    bootstrapped(t);
    for (int i = 0; i < 30; i++) {
      t.offer(FS, GROUPS.draw(random));
    }
    assertThat(t.pending()).isEqualTo(30);
    assertThat(t.trainedVectors()).isEqualTo(400);
    t.flush();
    assertThat(t.pending()).isZero();
    assertThat(t.trainedVectors()).isEqualTo(430);
    for (int i = 0; i < 20; i++) {
      t.offer(FS, GROUPS.draw(random));
    }
    final Segmentation v2 = t.publish(clock.instant().plusSeconds(61));
    assertThat(v2.trainedVectors()).isEqualTo(450);
  }

  private static Map<Integer, String> labelsById(final Segmentation m) {
    return m.segments().stream().collect(Collectors.toMap(Segment::id, Segment::label));
  }
}
