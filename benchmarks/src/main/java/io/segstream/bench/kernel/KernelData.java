package io.segstream.bench.kernel;

import java.util.SplittableRandom;

/**
 * Reproducible data shaped like standardised features: k true groups with N(0, 1) means per coordinate, points at
 * their group's mean plus N(0, 1) noise, and model centres near (not on) the true means.
 */
public record KernelData(double[][] points, double[][] centres) {
  public static KernelData generate(final int points, final int k, final int d, final long seed) {
    final SplittableRandom r = new SplittableRandom(seed);
    final double[][] means = new double[k][d];
    for (final double[] m : means) {
      for (int j = 0; j < d; j++) {
        m[j] = gaussian(r);
      }
    }
    final double[][] centres = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        centres[c][j] = means[c][j] + 0.1 * gaussian(r);
      }
    }
    final double[][] xs = new double[points][d];
    for (final double[] x : xs) {
      final double[] m = means[r.nextInt(k)];
      for (int j = 0; j < d; j++) {
        x[j] = m[j] + gaussian(r);
      }
    }
    return new KernelData(xs, centres);
  }

  /** The points cut into consecutive batches of the given size (the last may be shorter). */
  public double[][][] batches(final int size) {
    final int count = (points.length + size - 1) / size;
    final double[][][] out = new double[count][][];
    for (int b = 0; b < count; b++) {
      final int from = b * size;
      out[b] = java.util.Arrays.copyOfRange(points, from, Math.min(points.length, from + size));
    }
    return out;
  }

  private static double gaussian(final SplittableRandom r) {
    // Box-Muller, so the data does not depend on the JDK's nextGaussian algorithm.
    final double u = 1.0 - r.nextDouble();
    final double v = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
