package io.segstream.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.naming.SegmentNamer;
import io.segstream.bench.quality.ClusteringScores;
import io.segstream.bench.quality.GaussianBlobs;
import io.segstream.bench.quality.LabelledPoints;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansFitterTest {
  private static final FeatureRegistry REGISTRY = FeatureRegistry.standard(FeatureSettings.defaults());
  private static final KMeansFitter FITTER = new KMeansFitter(REGISTRY.clusteringNames(), new SegmentNamer(REGISTRY));

  private static TrainingSettings training(final int k) {
    return new TrainingSettings(k, 2, 6, 1000, 256, 0.9, TrainingSettings.TimeUnit.BATCHES, 0.01, 7L);
  }

  /** Blobs whose columns have very different units: income in thousands, age in years, a share. */
  private static LabelledPoints blobs(final int n, final long seed) {
    final LabelledPoints raw = GaussianBlobs.random(4, 3, 8.0, seed).draw(n, new SplittableRandom(seed));
    final double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      final double[] r = raw.points()[i];
      x[i] = new double[] {50_000 + 5_000 * r[0], 40 + 3 * r[1], 0.5 + 0.05 * r[2]};
    }
    return new LabelledPoints(x, raw.truth());
  }

  @Test
  void batchFitFindsTheGroupsWhateverTheUnits() {
    final LabelledPoints data = blobs(4000, 3);
    final VectorTable table = VectorTable.of(List.of("income", "age", "share"), data.points());
    final FitResult fit = FITTER.fit(table, new FitSettings(training(4), false, 5), FitProgress.NONE);

    assertThat(fit.standardisation().method()).isEqualTo(Standardisation.Z_SCORE);
    assertThat(ClusteringScores.adjustedRandIndex(data.truth(), fit.assignments())).isGreaterThan(0.95);
    assertThat(fit.segments()).extracting(FittedSegment::id).containsExactly(0, 1, 2, 3);
    assertThat(fit.segments()).extracting(FittedSegment::size).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(fit.segments().stream().mapToLong(FittedSegment::size).sum()).isEqualTo(4000);
    assertThat(fit.silhouette()).isGreaterThan(0.5);
    // Centroids are in the input's units: the mean of each segment's rows.
    for (final FittedSegment s : fit.segments()) {
      final double[] mean = new double[3];
      int n = 0;
      for (int i = 0; i < data.size(); i++) {
        if (fit.assignments()[i] == s.id()) {
          n++;
          for (int j = 0; j < 3; j++) {
            mean[j] += data.points()[i][j];
          }
        }
      }
      for (int j = 0; j < 3; j++) {
        assertThat(s.centroid()[j]).isCloseTo(mean[j] / n, within(1e-6 * (1 + Math.abs(mean[j] / n))));
      }
      assertThat(s.label()).isNotBlank();
      assertThat(s.description()).contains("income").doesNotContain("  ");
    }
  }

  @Test
  void onlineFitKeepsFileOrderAndTheOnlineModelsIds() {
    final LabelledPoints data = blobs(6000, 5);
    final VectorTable table = VectorTable.of(List.of("income", "age", "share"), data.points());
    final FitResult online = FITTER.fit(table, new FitSettings(training(4), true, 3), FitProgress.NONE);
    final FitResult batch = FITTER.fit(table, new FitSettings(training(4), false, 5), FitProgress.NONE);

    assertThat(online.training().mode()).isEqualTo("online");
    assertThat(online.training().bootstrapRows()).isEqualTo(1000);
    assertThat(online.training().batches()).isEqualTo((6000 - 1000 + 255) / 256);
    assertThat(online.inertia() / batch.inertia()).isLessThan(1.01);
    assertThat(ClusteringScores.adjustedRandIndex(data.truth(), online.assignments())).isGreaterThan(0.95);
    // Row i's id is the id of the centre nearest to row i: assignments are in input order.
    final double[][] centres = online.segments().stream().map(FittedSegment::standardisedCentroid)
        .toArray(double[][]::new);
    for (int i = 0; i < data.size(); i++) {
      final double[] z = online.standardisation().scaler().transform(data.points()[i]);
      assertThat(online.assignments()[i]).isEqualTo(online.segments().get(DistanceKernel.nearest(z, centres)).id());
    }
  }

  @Test
  void autoKIsChosenBySilhouetteAndTheScoresAreKept() {
    final LabelledPoints data = blobs(1500, 11);
    final FitResult fit = FITTER.fit(VectorTable.of(List.of("income", "age", "share"), data.points()),
        new FitSettings(training(0), false, 3), FitProgress.NONE);
    assertThat(fit.k()).isEqualTo(4);
    assertThat(fit.silhouetteByK()).containsKeys(2, 3, 4, 5, 6);
  }

  @Test
  void segstreamFeaturesAreStandardisedAsTheModelDoesAndNamedWithItsWords() {
    final int d = REGISTRY.dimension();
    final SplittableRandom r = new SplittableRandom(2);
    final double[][] x = new double[600][d];
    for (int i = 0; i < x.length; i++) {
      final boolean spender = i % 2 == 0;
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextDouble() * 0.1;
      }
      x[i][REGISTRY.clusteringNames().indexOf("spend")] = spender ? 6 + r.nextDouble() : r.nextDouble();
      x[i][REGISTRY.clusteringNames().indexOf("orders")] = spender ? 2 + r.nextDouble() : 0.1 * r.nextDouble();
    }
    final FitResult fit = FITTER.fit(VectorTable.of(REGISTRY.clusteringNames(), x),
        new FitSettings(training(2), false, 3), FitProgress.NONE);
    assertThat(fit.standardisation().method()).isEqualTo(Standardisation.SEGSTREAM);
    assertThat(fit.segments()).anySatisfy(s -> assertThat(s.description()).containsIgnoringCase("spend a lot"));
  }

  @Test
  void tooFewRowsForKIsRefusedUpFront() {
    final double[][] three = {{1}, {2}, {3}};
    assertThat(KMeansFitter.minimumRows(new FitSettings(training(3), false, 1))).isEqualTo(4);
    assertThatThrownBy(() -> FITTER.fit(VectorTable.of(List.of("x"), three), new FitSettings(training(3), false, 1),
        FitProgress.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=3 needs at least 4");
  }
}
