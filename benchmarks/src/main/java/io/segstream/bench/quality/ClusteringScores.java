package io.segstream.bench.quality;

import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.kmeans.Silhouette;
import smile.validation.metric.AdjustedRandIndex;

/**
 * How good a set of centres is on standardised points with known groups.
 *
 * @param inertia sum of squared distances to the nearest centre
 * @param adjustedRandIndex agreement of nearest-centre labels with the true groups (1 = identical partition,
 *     0 = chance)
 * @param silhouette mean silhouette of a uniform sample, labels by nearest centre
 */
public record ClusteringScores(double inertia, double adjustedRandIndex, double silhouette) {
  public static final int SILHOUETTE_SAMPLE = 2_000;

  /** Scores centres on points; the silhouette sample is drawn with {@code seed}, so two models share it. */
  public static ClusteringScores of(final double[][] points, final double[][] centres, final int[] truth,
      final long seed) {
    final int[] labels = new int[points.length];
    final double[] sq = new double[points.length];
    final double inertia = DistanceKernel.assign(points, centres, labels, sq);
    return new ClusteringScores(inertia, adjustedRandIndex(truth, labels),
        Silhouette.ofNearestCentre(points, centres, SILHOUETTE_SAMPLE, seed));
  }

  /** As {@link #of}, but with the labels a model gave the points itself (e.g. in its own standardisation). */
  public static ClusteringScores of(final double[][] points, final double[][] centres, final int[] labels,
      final int[] truth, final long seed) {
    return new ClusteringScores(inertia(points, centres), adjustedRandIndex(truth, labels),
        Silhouette.ofNearestCentre(points, centres, SILHOUETTE_SAMPLE, seed));
  }

  public static double inertia(final double[][] points, final double[][] centres) {
    double total = 0;
    for (final double[] p : points) {
      total += DistanceKernel.squared(p, centres[DistanceKernel.nearest(p, centres)]);
    }
    return total;
  }

  public static double adjustedRandIndex(final int[] truth, final int[] labels) {
    return AdjustedRandIndex.of(truth, labels);
  }
}
