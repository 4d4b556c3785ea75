package io.segstream.core.kmeans;

import io.segstream.core.model.RunningMoments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import smile.clustering.CentroidClustering;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * The first model: batch k-means with k-means++ seeding (smile), best of a few restarts, on
 * standardised vectors. With k = auto, each k in a range is fitted and the one with the best mean
 * silhouette on a sample wins; all scores are returned so they can be logged.
 */
public final class KMeansBootstrap {
  private static final int MAX_ITER = 100;
  private static final int SILHOUETTE_SAMPLE = 2_000;

  /** A fitted clustering: centres, points per centre, sum of squared distances, and (for auto) the k scores. */
  public record Fit(double[][] centres, int[] sizes, double inertia, Map<Integer, Double> silhouetteByK) {
    public int k() {
      return centres.length;
    }
  }

  private KMeansBootstrap() {}

  public static Fit fit(final double[][] points, final int k, final long seed, final int restarts) {
    if (points.length < k) {
      throw new IllegalArgumentException("need at least k=" + k + " vectors to fit, have " + points.length);
    }
    if (k == 1) {
      // smile refuses k = 1; the answer is the grand mean, as Spark's StreamingKMeans gives with one centre.
      final double[] mean = RunningMoments.of(points).mean();
      return new Fit(new double[][] {mean}, new int[] {points.length}, inertia(points, new double[][] {mean}), Map.of());
    }
    MathEx.setSeed(seed);
    CentroidClustering<double[], double[]> best = null;
    double bestInertia = Double.POSITIVE_INFINITY;
    for (int r = 0; r < Math.max(1, restarts); r++) {
      final CentroidClustering<double[], double[]> c = KMeans.fit(points, k, MAX_ITER);
      final double inertia = inertia(points, c.centers());
      if (inertia < bestInertia) {
        bestInertia = inertia;
        best = c;
      }
    }
    final double[][] centres = best.centers();
    final int[] sizes = new int[k];
    for (final double[] p : points) {
      sizes[DistanceKernel.nearest(p, centres)]++;
    }
    return new Fit(centres, sizes, bestInertia, Map.of());
  }

  /** Fits every k in [kMin, kMax] and keeps the best mean silhouette on a sample. */
  public static Fit fitAuto(final double[][] points, final int kMin, final int kMax, final long seed, final int restarts) {
    return fitAuto(points, kMin, kMax, seed, restarts, k -> { });
  }

  /** As {@link #fitAuto(double[][], int, int, long, int)}, telling {@code beforeK} which k it fits next. */
  public static Fit fitAuto(final double[][] points, final int kMin, final int kMax, final long seed, final int restarts,
      final IntConsumer beforeK) {
    final double[][] sample = sample(points, SILHOUETTE_SAMPLE, seed);
    final Map<Integer, Double> scores = new LinkedHashMap<>();
    Fit best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = kMin; k <= Math.min(kMax, points.length - 1); k++) {
      beforeK.accept(k);
      final Fit f = fit(points, k, seed, restarts);
      final int[] labels = new int[sample.length];
      for (int i = 0; i < sample.length; i++) {
        labels[i] = DistanceKernel.nearest(sample[i], f.centres());
      }
      final double s = Silhouette.score(sample, labels, k);
      scores.put(k, s);
      if (s > bestScore) {
        bestScore = s;
        best = f;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("need more than k-min=" + kMin + " vectors to choose k");
    }
    return new Fit(best.centres(), best.sizes(), best.inertia(), Map.copyOf(scores));
  }

  public static double inertia(final double[][] points, final double[][] centres) {
    double total = 0;
    for (final double[] p : points) {
      total += DistanceKernel.squared(p, centres[DistanceKernel.nearest(p, centres)]);
    }
    return total;
  }

  static double[][] sample(final double[][] points, final int max, final long seed) {
    if (points.length <= max) {
      return points;
    }
    // Reservoir sample: uniform without holding an index list.
    final List<double[]> res = new ArrayList<>(max);
    final SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < points.length; i++) {
      if (i < max) {
        res.add(points[i]);
      } else {
        final int j = rnd.nextInt(i + 1);
        if (j < max) {
          res.set(j, points[i]);
        }
      }
    }
    return res.toArray(new double[0][]);
  }
}
