package io.segstream.core.kmeans;

/**
 * The hot loop of both training and assignment: squared Euclidean distances from points to centres.
 * Plain loops over contiguous arrays, which HotSpot unrolls and vectorises on its own.
 *
 * <p>{@link #assign} of a batch takes the JDK Vector API ({@link VectorDistanceKernel}) when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (e.g. {@code SEGSTREAM_JAVA_OPTS=--add-modules=jdk.incubator.vector}) on
 * a CPU with vectors of at least four doubles: 4.4-9 times the points per second at d 16-384, k 8-32
 * (docs/kernel-benchmark.md), with bit-for-bit the same labels, distances and inertia as the scalar loop. Without the
 * module nothing changes and no incubator warning is printed.
 */
public final class DistanceKernel {
  /** Whether {@link #assign} runs on the Vector API in this JVM (results are identical either way). */
  public static final boolean VECTORISED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && VectorDistanceKernel.worthwhile();

  /** Smaller batches stay scalar: transposing the centres costs about one point's work. */
  static final int VECTOR_MIN_POINTS = 8;

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
    if (VECTORISED && points.length >= VECTOR_MIN_POINTS && centres.length > 0) {
      return VectorDistanceKernel.assign(points, centres, labels, squaredDistances);
    }
    return assignScalar(points, centres, labels, squaredDistances);
  }

  /**
   * {@link #assign} with plain loops, whatever the JVM: the reference the Vector API path matches bit for bit
   * (public for the kernel benchmarks, which measure both).
   */
  public static double assignScalar(final double[][] points, final double[][] centres, final int[] labels,
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
