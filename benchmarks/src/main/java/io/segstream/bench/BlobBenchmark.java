package io.segstream.bench;

import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.fit.FitProgress;
import io.segstream.core.fit.FitResult;
import io.segstream.core.fit.FitSettings;
import io.segstream.core.fit.KMeansFitter;
import io.segstream.core.fit.Standardisation;
import io.segstream.core.fit.VectorTable;
import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.kmeans.KMeansBootstrap;
import io.segstream.core.kmeans.MiniBatchKMeans;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.Scaler;
import io.segstream.core.naming.SegmentNamer;
import io.segstream.bench.quality.ClusteringScores;
import io.segstream.bench.quality.GaussianBlobs;
import io.segstream.bench.quality.LabelledPoints;
import io.segstream.bench.quality.RecoveryTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Gaussian blobs with known groups: the online model (exactly what {@code segstream fit --online} runs) against
 * batch k-means++ on the same points, and two abrupt drifts: a group moves, and a group vanishes while a new one
 * appears elsewhere.
 */
final class BlobBenchmark {
  static final int K = 6;
  static final int DIMENSION = 8;
  static final double SEPARATION = 5.0;
  static final int ROWS = 50_000;
  /** The updater's bootstrap fits k-means++ with this many restarts (ModelTrainer). */
  static final int ONLINE_BOOTSTRAP_RESTARTS = 3;
  // Not a multiple of the default refit interval: the drift comes mid-interval, as it would.
  private static final int PRE_DRIFT_BATCHES = 70;
  private static final int EVALUATION_POINTS = 20_000;
  private static final double MOVE = 3.0;

  private final TrainingSettings training;
  private final int restarts;
  private final long seed;
  private final GaussianBlobs blobs;

  BlobBenchmark(final TrainingSettings training, final int restarts, final long seed) {
    this.training = training.withK(K);
    this.restarts = restarts;
    this.seed = seed;
    this.blobs = GaussianBlobs.random(K, DIMENSION, SEPARATION, seed);
  }

  QualityReport.Comparison compare() {
    final LabelledPoints data = blobs.draw(ROWS, new SplittableRandom(seed));
    final List<String> columns = new ArrayList<>();
    for (int j = 1; j <= DIMENSION; j++) {
      columns.add("x" + j);
    }
    final VectorTable table = VectorTable.of(columns, data.points());
    final KMeansFitter fitter = new KMeansFitter(List.of(),
        new SegmentNamer(FeatureRegistry.standard(FeatureSettings.defaults())));
    final FitResult batch = fitter.fit(table, new FitSettings(training, false, restarts), FitProgress.NONE);
    final FitResult online = fitter.fit(table, new FitSettings(training, true, ONLINE_BOOTSTRAP_RESTARTS),
        FitProgress.NONE);
    final FitResult.Training t = online.training();
    return new QualityReport.Comparison("blobs", String.format(Locale.ROOT,
        "%d Gaussian groups (sizes 29%%..5%%, sd 0.8-1.2, means >= %.0f apart), random order", K, SEPARATION),
        ROWS, DIMENSION, K, batch.inertia(), online.inertia(), online.inertia() / batch.inertia(),
        ClusteringScores.adjustedRandIndex(data.truth(), batch.assignments()),
        ClusteringScores.adjustedRandIndex(data.truth(), online.assignments()), batch.silhouette(),
        online.silhouette(), ROWS, t.batches(), String.format(Locale.ROOT,
            "online: bootstrap on the first %,d rows, %d polish(es), %d restart(s), %d re-seed(s)", t.bootstrapRows(),
            t.polishes(), t.refitRestarts(), t.reseeds()));
  }

  /** Group 0 (the largest) shifts by {@value #MOVE} standard deviations in a random direction. */
  QualityReport.Drift groupMoves(final long boundBatches, final RecoveryTracker tracker, final int maxBatches) {
    final SplittableRandom rnd = new SplittableRandom(seed + 1);
    final double[] direction = new double[DIMENSION];
    double norm = 0;
    for (int j = 0; j < DIMENSION; j++) {
      direction[j] = rnd.nextDouble() * 2 - 1;
      norm += direction[j] * direction[j];
    }
    final double[] moved = blobs.mean(0);
    for (int j = 0; j < DIMENSION; j++) {
      moved[j] += MOVE * direction[j] / Math.sqrt(norm);
    }
    return drift("blobs: a group moves", String.format(Locale.ROOT,
        "the largest group (29%%) shifts %.0f sd at once", MOVE), blobs.withMean(0, moved), boundBatches, tracker,
        maxBatches);
  }

  /** Group 0 stops and as many points come from a new group where there was none. */
  QualityReport.Drift groupReplaced(final long boundBatches, final RecoveryTracker tracker, final int maxBatches) {
    return drift("blobs: a new group", "the largest group (29%) vanishes and a new one appears where nobody was",
        blobs.withMean(0, blobs.vacantMean(SEPARATION, seed + 2)), boundBatches, tracker, maxBatches);
  }

  private QualityReport.Drift drift(final String name, final String description, final GaussianBlobs after,
      final long boundBatches, final RecoveryTracker tracker, final int maxBatches) {
    final SplittableRandom rnd = new SplittableRandom(seed + 3);
    final LabelledPoints boot = blobs.draw(training.bootstrapVectors(), rnd);
    // One fixed standardisation (of the data before the drift): this isolates the centres' learning.
    final Scaler scaler = Standardisation.zScores(boot.points()).scaler();
    final KMeansBootstrap.Fit fit = KMeansBootstrap.fit(scaler.transformAll(boot.points()), K, training.seed(),
        ONLINE_BOOTSTRAP_RESTARTS);
    final MiniBatchKMeans km = MiniBatchKMeans.seeded(fit.centres(),
        Arrays.stream(fit.sizes()).asDoubleStream().toArray(), 0, training);
    for (int b = 0; b < PRE_DRIFT_BATCHES; b++) {
      km.update(scaler.transformAll(blobs.draw(training.batchSize(), rnd).points()));
    }
    final LabelledPoints evaluation = after.draw(EVALUATION_POINTS, new SplittableRandom(seed + 4));
    final double[][] z = scaler.transformAll(evaluation.points());
    final double[][] optimum = KMeansBootstrap.fit(z, K, seed, restarts).centres();
    final ClusteringScores best = ClusteringScores.of(z, optimum, evaluation.truth(), seed);
    for (int b = 1; b <= maxBatches; b++) {
      km.update(scaler.transformAll(after.draw(training.batchSize(), rnd).points()));
      final double[][] centres = km.centres();
      final int[] labels = new int[z.length];
      final double inertia = DistanceKernel.assign(z, centres, labels, new double[z.length]);
      tracker.observe(new RecoveryTracker.Checkpoint(b, inertia / best.inertia(),
          ClusteringScores.adjustedRandIndex(evaluation.truth(), labels), best.adjustedRandIndex()));
    }
    return QualityBenchmark.drift(name, description, boundBatches, tracker);
  }
}
