package io.segstream.core.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest {
  private static final double[][] TRUE_CENTRES = {
      {0, 0, 0, 0}, {6, 0, 0, 0}, {0, 6, 0, 0}, {0, 0, 6, 0}, {0, 0, 0, 6}};

  private static double[][] blobs(final int n, final double[][] centres, final SplittableRandom r) {
    final double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      final double[] c = centres[r.nextInt(centres.length)];
      out[i] = new double[c.length];
      for (int j = 0; j < c.length; j++) {
        out[i][j] = c[j] + gaussian(r);
      }
    }
    return out;
  }

  private static double gaussian(final SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static TrainingSettings settings(final int k, final double decay) {
    return new TrainingSettings(k, 2, 8, 500, 256, decay, TrainingSettings.TimeUnit.BATCHES, 0.01, 7L);
  }

  @Test
  void convergesToTheTrueCentresOfGaussianBlobs() {
    final SplittableRandom r = new SplittableRandom(1);
    final KMeansBootstrap.Fit boot = KMeansBootstrap.fit(blobs(500, TRUE_CENTRES, r), 5, 7L, 3);
    final double[] w = Arrays.stream(boot.sizes()).asDoubleStream().toArray();
    final MiniBatchKMeans km = MiniBatchKMeans.seeded(boot.centres(), w, 0, settings(5, 1.0));
    for (int b = 0; b < 100; b++) {
      km.update(blobs(256, TRUE_CENTRES, r));
    }
    for (final double[] truth : TRUE_CENTRES) {
      final double[] found = km.centres()[km.predict(truth)];
      assertThat(Math.sqrt(DistanceKernel.squared(found, truth))).isLessThan(0.1);
    }
    // Unit-variance blobs in 4 dimensions: mean squared distance to the true centre is 4.
    assertThat(km.inertia()).isCloseTo(4.0, within(0.3));
  }

  @Test
  void withDecayOneASingleCentreIsExactlyTheMeanOfEverythingSeen() {
    final MiniBatchKMeans km = new MiniBatchKMeans(new double[][] {{0, 0}}, new double[] {0}, new int[] {0}, 1, 0,
        settings(1, 1.0));
    km.update(new double[][] {{1, 2}, {3, 4}});
    km.update(new double[][] {{5, 6}});
    km.update(new double[][] {{-1, 0}, {2, 3}, {0, 0}});
    // mean of all six points
    assertThat(km.centres()[0][0]).isCloseTo((1 + 3 + 5 - 1 + 2 + 0) / 6.0, within(1e-12));
    assertThat(km.centres()[0][1]).isCloseTo((2 + 4 + 6 + 0 + 3 + 0) / 6.0, within(1e-12));
    assertThat(km.weights()[0]).isEqualTo(6.0);
  }

  @Test
  void withDecayZeroTheCentreFollowsOnlyTheLatestBatch() {
    final MiniBatchKMeans km = new MiniBatchKMeans(new double[][] {{0, 0}}, new double[] {100}, new int[] {0}, 1, 0,
        settings(1, 0.0));
    km.update(new double[][] {{10, 10}, {20, 20}});
    assertThat(km.centres()[0]).containsExactly(15, 15);
    km.update(new double[][] {{-4, 2}});
    assertThat(km.centres()[0]).containsExactly(-4, 2);
  }

  @Test
  void afterOneHalfLifeOldDataWeighsHalf() {
    final double decay = TrainingSettings.decayForHalfLife(5); // 5 batches
    final MiniBatchKMeans km = new MiniBatchKMeans(new double[][] {{0}}, new double[] {0}, new int[] {0}, 1, 0,
        settings(1, decay));
    km.update(new double[][] {{10}}); // weight 1 at value 10
    for (int b = 0; b < 5; b++) {
      km.update(new double[0][]); // five empty batches: only forgetting
    }
    assertThat(km.weights()[0]).isCloseTo(0.5, within(1e-12));
    km.update(new double[][] {{0}}); // new point weight 1 vs old 0.5*decay... centre = (10*0.5*d)/(0.5*d+1)
    final double old = 0.5 * decay;
    assertThat(km.centres()[0][0]).isCloseTo(10 * old / (old + 1), within(1e-12));
  }

  @Test
  void perPointDecayScalesWithBatchSize() {
    final TrainingSettings s = settings(1, 0.9).withDecay(0.9, TrainingSettings.TimeUnit.POINTS);
    final MiniBatchKMeans km = new MiniBatchKMeans(new double[][] {{0}}, new double[] {10}, new int[] {0}, 1, 0, s);
    km.update(new double[][] {{1}, {1}, {1}});
    assertThat(km.weights()[0]).isCloseTo(10 * Math.pow(0.9, 3) + 3, within(1e-12));
  }

  @Test
  void aStarvingCentreIsReseededUnderANewIdAndIdsAreNeverReused() {
    // Centre 1 sits far from all data and never receives a point; with decay it starves.
    final MiniBatchKMeans km = new MiniBatchKMeans(new double[][] {{0, 0}, {100, 100}}, new double[] {50, 50},
        new int[] {3, 4}, 5, 100, settings(2, 0.5));
    final SplittableRandom r = new SplittableRandom(3);
    MiniBatchKMeans.BatchResult last = null;
    boolean reseeded = false;
    for (int b = 0; b < 20 && !reseeded; b++) {
      last = km.update(blobs(100, new double[][] {{0, 0}, {8, 8}}, r));
      reseeded = !last.newIds().isEmpty();
    }
    assertThat(reseeded).isTrue();
    assertThat(last.retiredIds()).containsExactly(4);
    assertThat(last.newIds()).containsExactly(5);
    assertThat(km.ids()).containsExactly(3, 5);
    assertThat(km.nextId()).isEqualTo(6);
    // The re-seeded centre now serves the second blob.
    for (int b = 0; b < 30; b++) {
      km.update(blobs(100, new double[][] {{0, 0}, {8, 8}}, r));
    }
    final double[] c = km.centres()[km.predict(new double[] {8, 8})];
    assertThat(Math.sqrt(DistanceKernel.squared(c, new double[] {8, 8}))).isLessThan(0.5);
  }

  @Test
  void autoKFindsTheNumberOfBlobsBySilhouette() {
    final double[][] data = blobs(1500, TRUE_CENTRES, new SplittableRandom(5));
    final KMeansBootstrap.Fit fit = KMeansBootstrap.fitAuto(data, 2, 8, 11L, 2);
    assertThat(fit.k()).isEqualTo(5);
    assertThat(fit.silhouetteByK()).containsKeys(2, 3, 4, 5, 6, 7, 8);
  }

  /** Three blobs; then blob 0 stops and a new one appears where no centre is. */
  private static final double[][] BEFORE = {{0, 0}, {8, 0}, {0, 8}};
  private static final double[][] AFTER = {{8, 8}, {8, 0}, {0, 8}};

  private static MiniBatchKMeans trainedOnBefore(final TrainingSettings s, final SplittableRandom r) {
    final KMeansBootstrap.Fit boot = KMeansBootstrap.fit(blobs(300, BEFORE, r), 3, 7L, 3);
    final MiniBatchKMeans km = MiniBatchKMeans.seeded(boot.centres(),
        Arrays.stream(boot.sizes()).asDoubleStream().toArray(), 0, s);
    for (int b = 0; b < 30; b++) {
      km.update(blobs(100, BEFORE, r));
    }
    return km;
  }

  private static double distanceToNearestCentre(final MiniBatchKMeans km, final double[] x) {
    return Math.sqrt(DistanceKernel.squared(km.centres()[km.predict(x)], x));
  }

  @Test
  void refitsFollowANewGroupWithinTheirBoundWhereMiniBatchStepsAloneDoNot() {
    // Decay 0.8: the refit looks at the last 100 / (1 - 0.8) = 500 points (5 batches) every 5 batches, so
    // 5 + 5 = 10 batches after the change the recent points are all new and a refit has run.
    final TrainingSettings with = new TrainingSettings(3, 2, 8, 300, 100, 0.8, TrainingSettings.TimeUnit.BATCHES,
        0.01, 7L, 5, 0.02);
    assertThat(MiniBatchKMeans.recentCapacity(with)).isEqualTo(500);
    final MiniBatchKMeans refitted = trainedOnBefore(with, new SplittableRandom(8));
    final MiniBatchKMeans plain = trainedOnBefore(with.withRefit(0, 0.02), new SplittableRandom(8));
    final SplittableRandom r = new SplittableRandom(9);
    for (int b = 0; b < 10; b++) {
      final double[][] batch = blobs(100, AFTER, r);
      refitted.update(batch);
      plain.update(batch);
    }
    assertThat(distanceToNearestCentre(refitted, AFTER[0])).isLessThan(0.5);
    // Without refits, the new group's points go to the neighbouring centres and pull them halfway: no centre of its
    // own (the vacated centre starves only after weight 0.8^b falls below 1% of the total).
    assertThat(distanceToNearestCentre(plain, AFTER[0])).isGreaterThan(2.0);
    // The centres serving the unchanged groups kept their ids; the new group's centre has a new one.
    final int[] before = {0, 1, 2};
    assertThat(refitted.ids()).containsAnyOf(before);
    final int newGroupId = refitted.ids()[refitted.predict(AFTER[0])];
    assertThat(newGroupId).isGreaterThanOrEqualTo(3);
    assertThat(refitted.nextId()).isGreaterThan(newGroupId);
  }

  @Test
  void withDecayOneThereAreNoRefitsSoCentresStayRunningMeans() {
    final TrainingSettings s = new TrainingSettings(2, 2, 8, 10, 10, 1.0, TrainingSettings.TimeUnit.BATCHES, 0.0, 7L,
        1, 0.0);
    assertThat(MiniBatchKMeans.recentCapacity(s)).isEqualTo(1);
    final MiniBatchKMeans km = new MiniBatchKMeans(new double[][] {{0}, {10}}, new double[] {0, 0}, new int[] {0, 1},
        2, 0, s);
    final SplittableRandom r = new SplittableRandom(1);
    double sumLow = 0;
    int low = 0;
    for (int b = 0; b < 20; b++) {
      final double[][] batch = new double[10][];
      for (int i = 0; i < 10; i++) {
        batch[i] = new double[] {i % 2 == 0 ? r.nextDouble() : 10 + r.nextDouble()};
        if (i % 2 == 0) {
          sumLow += batch[i][0];
          low++;
        }
      }
      assertThat(km.update(batch).refit()).isEqualTo(MiniBatchKMeans.Refit.NONE);
    }
    assertThat(km.centres()[0][0]).isCloseTo(sumLow / low, within(1e-12));
  }
}
