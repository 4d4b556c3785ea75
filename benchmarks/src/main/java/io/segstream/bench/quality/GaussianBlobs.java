package io.segstream.bench.quality;

import java.util.SplittableRandom;

/**
 * Isotropic Gaussian groups of unequal size and spread, with known membership: the easy case any k-means must
 * get right, and a clean stage for drift (a group moves, or one vanishes while another appears).
 */
public final class GaussianBlobs {
  private final double[][] means;
  private final double[] sds;
  private final double[] cumulativeWeights;

  private GaussianBlobs(final double[][] means, final double[] sds, final double[] weights) {
    this.means = means;
    this.sds = sds;
    this.cumulativeWeights = new double[weights.length];
    double total = 0;
    for (final double w : weights) {
      total += w;
    }
    double running = 0;
    for (int g = 0; g < weights.length; g++) {
      running += weights[g] / total;
      cumulativeWeights[g] = running;
    }
  }

  /**
   * {@code k} groups in {@code d} dimensions: means drawn at random with every pair at least {@code separation}
   * apart, spreads between 0.8 and 1.2, shares from 30% down to a few percent.
   */
  public static GaussianBlobs random(final int k, final int d, final double separation, final long seed) {
    final SplittableRandom rnd = new SplittableRandom(seed);
    final double[][] means = new double[k][];
    final double box = separation * Math.cbrt(k);
    for (int g = 0; g < k; g++) {
      double[] candidate;
      do {
        candidate = new double[d];
        for (int j = 0; j < d; j++) {
          candidate[j] = (2 * rnd.nextDouble() - 1) * box;
        }
      } while (tooClose(candidate, means, g, separation));
      means[g] = candidate;
    }
    final double[] sds = new double[k];
    final double[] weights = new double[k];
    for (int g = 0; g < k; g++) {
      sds[g] = 0.8 + 0.4 * rnd.nextDouble();
      weights[g] = k - g; // k, k-1, ..., 1: the smallest group has 2/(k(k+1)) of the points
    }
    return new GaussianBlobs(means, sds, weights);
  }

  private static boolean tooClose(final double[] x, final double[][] means, final int count, final double min) {
    for (int g = 0; g < count; g++) {
      double s = 0;
      for (int j = 0; j < x.length; j++) {
        s += (x[j] - means[g][j]) * (x[j] - means[g][j]);
      }
      if (s < min * min) {
        return true;
      }
    }
    return false;
  }

  public int k() {
    return means.length;
  }

  public int dimension() {
    return means[0].length;
  }

  public double[] mean(final int group) {
    return means[group].clone();
  }

  public LabelledPoints draw(final int n, final SplittableRandom rnd) {
    final double[][] x = new double[n][];
    final int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      final double u = rnd.nextDouble();
      int g = 0;
      while (g < cumulativeWeights.length - 1 && u > cumulativeWeights[g]) {
        g++;
      }
      truth[i] = g;
      x[i] = new double[means[g].length];
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] = means[g][j] + sds[g] * gaussian(rnd);
      }
    }
    return new LabelledPoints(x, truth);
  }

  /** The same groups, with {@code group}'s mean at {@code newMean} (e.g. a behaviour that changed). */
  public GaussianBlobs withMean(final int group, final double[] newMean) {
    final double[][] m = new double[means.length][];
    for (int g = 0; g < m.length; g++) {
      m[g] = g == group ? newMean.clone() : means[g].clone();
    }
    final double[] weights = new double[means.length];
    double previous = 0;
    for (int g = 0; g < weights.length; g++) {
      weights[g] = cumulativeWeights[g] - previous;
      previous = cumulativeWeights[g];
    }
    return new GaussianBlobs(m, sds.clone(), weights);
  }

  /** A point as far from every group as the groups are from each other, within the same region. */
  public double[] vacantMean(final double separation, final long seed) {
    final SplittableRandom rnd = new SplittableRandom(seed);
    final double box = separation * Math.cbrt(means.length + 1);
    for (int attempt = 0; attempt < 100_000; attempt++) {
      final double[] candidate = new double[dimension()];
      for (int j = 0; j < candidate.length; j++) {
        candidate[j] = (2 * rnd.nextDouble() - 1) * box;
      }
      if (!tooClose(candidate, means, means.length, separation)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no room for another group " + separation + " away from the others");
  }

  static double gaussian(final SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
