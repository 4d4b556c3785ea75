package io.segstream.updater;

import java.util.SplittableRandom;

/** Well-separated Gaussian groups in raw feature space, for tests and the benchmark. */
final class Groups {
  private final double[][] means;
  private final double sd;

  Groups(final double[][] means, final double sd) {
    this.means = means;
    this.sd = sd;
  }

  /** {@code k} groups in {@code d} dimensions: group g sits {@code gap} above the others on its own block of features. */
  static Groups blocks(final int k, final int d, final double gap) {
    final double[][] means = new double[k][d];
    final int block = Math.max(1, d / k);
    for (int g = 0; g < k; g++) {
      for (int j = g * block; j < Math.min(d, (g + 1) * block); j++) {
        means[g][j] = gap;
      }
      // a little per-group offset everywhere, so no feature is identical across groups
      for (int j = 0; j < d; j++) {
        means[g][j] += 0.1 * g;
      }
    }
    return new Groups(means, 1.0);
  }

  double[][] means() {
    return means;
  }

  int k() {
    return means.length;
  }

  double[] draw(final SplittableRandom r) {
    return draw(r.nextInt(means.length), r);
  }

  double[] draw(final int group, final SplittableRandom r) {
    final double[] m = means[group];
    final double[] x = new double[m.length];
    for (int j = 0; j < x.length; j++) {
      x[j] = m[j] + sd * gaussian(r);
    }
    return x;
  }

  double[][] batch(final int n, final SplittableRandom r) {
    final double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = draw(r);
    }
    return out;
  }

  /** The same groups with one moved by {@code shift} on every feature. */
  Groups shifted(final int group, final double shift) {
    final double[][] m = new double[means.length][];
    for (int g = 0; g < m.length; g++) {
      m[g] = means[g].clone();
    }
    for (int j = 0; j < m[group].length; j++) {
      m[group][j] += shift;
    }
    return new Groups(m, sd);
  }

  static double gaussian(final SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
