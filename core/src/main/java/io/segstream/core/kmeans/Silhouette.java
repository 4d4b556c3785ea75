package io.segstream.core.kmeans;

/** Mean silhouette coefficient: how much closer points are to their own cluster than to the next one. */
public final class Silhouette {
  private Silhouette() {}

  /**
   * Mean silhouette of a uniform sample of at most {@code sampleSize} points, each labelled by its nearest
   * centre: the usual way to score a k-means model on more points than O(n²) allows.
   */
  public static double ofNearestCentre(final double[][] points, final double[][] centres, final int sampleSize,
      final long seed) {
    final double[][] sample = KMeansBootstrap.sample(points, sampleSize, seed);
    final int[] labels = new int[sample.length];
    for (int i = 0; i < sample.length; i++) {
      labels[i] = DistanceKernel.nearest(sample[i], centres);
    }
    return score(sample, labels, centres.length);
  }

  /** O(n²·d): call it on a sample. Points in singleton clusters score 0, as usual. */
  public static double score(final double[][] points, final int[] labels, final int k) {
    final int n = points.length;
    if (n < 2 || k < 2) {
      return 0.0;
    }
    final int[] sizes = new int[k];
    for (final int l : labels) {
      sizes[l]++;
    }
    double total = 0;
    final double[] sumTo = new double[k];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(sumTo, 0.0);
      for (int j = 0; j < n; j++) {
        if (i != j) {
          sumTo[labels[j]] += Math.sqrt(DistanceKernel.squared(points[i], points[j]));
        }
      }
      final int own = labels[i];
      if (sizes[own] <= 1) {
        continue;
      }
      final double a = sumTo[own] / (sizes[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && sizes[c] > 0) {
          b = Math.min(b, sumTo[c] / sizes[c]);
        }
      }
      if (Double.isFinite(b)) {
        total += (b - a) / Math.max(a, b);
      }
    }
    return total / n;
  }
}
