package io.segstream.updater;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.SegmentNamer;
import io.segstream.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's refits on the population sample: the same population gives the same model, whatever came before. */
class PopulationRefitTest {
  private static final FeatureRegistry REGISTRY = FeatureRegistry.standard(FeatureSettings.defaults());
  private static final int D = REGISTRY.dimension();
  private static final String FS = REGISTRY.featureSetId();
  private static final Groups GROUPS = Groups.blocks(4, D, 8.0);
  private static final SegstreamConfig.Population POLICY =
      new SegstreamConfig.Population(10_000, Duration.ofSeconds(3), Duration.ofMinutes(5), true, 0.5);

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

  private ModelTrainer trainer() {
    final TrainingSettings s = new TrainingSettings(4, 2, 6, 400, 100, 0.95, TrainingSettings.TimeUnit.BATCHES, 0.01, 7L);
    return new ModelTrainer(REGISTRY, s, new ModelTrainer.PublishPolicy(0.1, Duration.ofSeconds(60)), "default",
        new SegmentNamer(REGISTRY), clock, null, POLICY);
  }

  private static List<Double> boxed(final double[] v) {
    return Arrays.stream(v).boxed().toList();
  }

  /** 2,000 users, their final vectors. */
  private static List<double[]> population() {
    final SplittableRandom r = new SplittableRandom(5);
    final List<double[]> users = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      users.add(GROUPS.draw(r));
    }
    return users;
  }

  /** A history: noisy vectors of the users in an order and amount that differ per seed, then every final vector. */
  private Segmentation settle(final long historySeed) {
    final ModelTrainer t = trainer();
    final List<double[]> users = population();
    final SplittableRandom r = new SplittableRandom(historySeed);
    for (int i = 0; i < 1_000 + r.nextInt(3_000); i++) {
      final int u = r.nextInt(users.size());
      final double[] noisy = users.get(u).clone();
      noisy[0] += r.nextGaussian();
      t.offerSample("u" + u, FS, boxed(noisy));
      if (t.shouldPublish(clock.instant())) {
        t.publish(clock.instant());
      }
      clock.advance(Duration.ofMillis(2));
    }
    final List<Integer> order = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(historySeed));
    for (final int u : order) {
      t.offerSample("u" + u, FS, boxed(users.get(u)));
    }
    assertThat(t.populationRefitDue(clock.instant())).as("not before the population is quiet").isFalse();
    clock.advance(Duration.ofSeconds(4));
    assertThat(t.populationRefitDue(clock.instant())).isTrue();
    t.refitFromPopulation(clock.instant());
    assertThat(t.populationRefitDue(clock.instant())).isFalse();
    assertThat(t.shouldPublish(clock.instant())).isTrue();
    final Segmentation settled = t.publish(clock.instant());
    // Sampling the same users again changes nothing: no training, no new model.
    for (int u = 0; u < users.size(); u++) {
      assertThat(t.offerSample("u" + u, FS, boxed(users.get(u)))).isFalse();
    }
    clock.advance(Duration.ofMinutes(10));
    assertThat(t.populationRefitDue(clock.instant())).isFalse();
    assertThat(t.trainedSinceLastPublication()).isZero();
    return settled;
  }

  @Test
  void theSamePopulationGivesTheSameModelWhateverTheHistory() {
    final Segmentation a = settle(1);
    final Segmentation b = settle(2);
    assertThat(b.scaler()).isEqualTo(a.scaler());
    assertThat(centres(b)).isDeepEqualTo(centres(a));
    assertThat(a.freshFromVersion()).isEqualTo(a.version());
    assertThat(a.parameters()).containsEntry("population.users", "2000");
  }

  private static double[][] centres(final Segmentation m) {
    return m.segments().stream().map(Segment::centroid).sorted((x, y) -> Arrays.compare(x, y)).toArray(double[][]::new);
  }

  @Test
  void aPopulationThatNeverSettlesIsRefittedAtTheMaximumInterval() {
    final ModelTrainer t = trainer();
    final List<double[]> users = population();
    final SplittableRandom r = new SplittableRandom(3);
    for (int step = 0; step < 400; step++) {
      for (int i = 0; i < 10; i++) {
        final int u = r.nextInt(users.size());
        final double[] v = users.get(u).clone();
        v[1] += r.nextGaussian();
        t.offerSample("u" + u, FS, boxed(v));
      }
      for (int u = step * 5; u < step * 5 + 5 && u < users.size(); u++) {
        t.offerSample("u" + u, FS, boxed(users.get(u)));
      }
      clock.advance(Duration.ofSeconds(1));
      if (t.populationRefitDue(clock.instant())) {
        assertThat(step).as("changes every second, so only the maximum interval (5 min) can trigger").isGreaterThan(250);
        return;
      }
    }
    throw new AssertionError("no refit within 400 s of continuous changes");
  }

  @Test
  void forgottenUsersLeaveThePopulation() {
    final ModelTrainer t = trainer();
    final List<double[]> users = population();
    for (int u = 0; u < users.size(); u++) {
      t.offerSample("u" + u, FS, boxed(users.get(u)));
    }
    t.forget("u0");
    t.forget("nobody");
    assertThat(t.populationSize()).isEqualTo(1_999);
  }
}
