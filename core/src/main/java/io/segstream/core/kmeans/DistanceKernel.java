package io.segstream.core.kmeans;

/**
 * The hot loop of both training and assignment: squared Euclidean distances from points to centres.
 * Plain loops over contiguous arrays, which HotSpot unrolls and vectorises on its own.
 */
public final class DistanceKernel {
  private DistanceKernel() {}

  public static double squared(final double[] a, final double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      final double d = a[j] - b[j];
      s += d * d;
    }
    return s;
  }

  /** Index of the nearest centre to x. */
  public static int nearest(final double[] x, final double[][] centres) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centres.length; c++) {
      final double d = squared(x, centres[c]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  /**
   * Assigns every point to its nearest centre.
   *
   * @param labels out: nearest centre per point
   * @param squaredDistances out: squared distance to that centre
   * @return sum of squared distances (the batch's inertia)
   */
  public static double assign(final double[][] points, final double[][] centres, final int[] labels,
      final double[] squaredDistances) {
    double total = 0;
    for (int i = 0; i < points.length; i++) {
      final double[] x = points[i];
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int c = 0; c < centres.length; c++) {
        final double d = squared(x, centres[c]);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      labels[i] = best;
      squaredDistances[i] = bestD;
      total += bestD;
    }
    return total;
  }
}
