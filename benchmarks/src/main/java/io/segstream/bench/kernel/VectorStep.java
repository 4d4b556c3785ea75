package io.segstream.bench.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * (b1) Vector API on core's layout (a point against one centre row at a time): the squared distance of two rows is
 * two FMA accumulators over SPECIES_PREFERRED lanes, a horizontal add and a scalar tail.
 */
public final class VectorStep implements KernelStep {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private final FlatSums sums;
  private int[] labels = new int[0];
  private double[] sq = new double[0];

  public VectorStep(final int k, final int d) {
    this.sums = new FlatSums(k, d);
  }

  static double squared(final double[] x, final double[] c, final int d) {
    DoubleVector acc0 = DoubleVector.zero(S);
    DoubleVector acc1 = DoubleVector.zero(S);
    int j = 0;
    for (final int bound2 = d - 2 * L + 1; j < bound2; j += 2 * L) {
      final DoubleVector t0 = DoubleVector.fromArray(S, x, j).sub(DoubleVector.fromArray(S, c, j));
      final DoubleVector t1 = DoubleVector.fromArray(S, x, j + L).sub(DoubleVector.fromArray(S, c, j + L));
      acc0 = t0.fma(t0, acc0);
      acc1 = t1.fma(t1, acc1);
    }
    for (final int bound = S.loopBound(d); j < bound; j += L) {
      final DoubleVector t = DoubleVector.fromArray(S, x, j).sub(DoubleVector.fromArray(S, c, j));
      acc0 = t.fma(t, acc0);
    }
    double s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; j < d; j++) {
      final double t = x[j] - c[j];
      s = Math.fma(t, t, s);
    }
    return s;
  }

  @Override
  public double step(final double[][] batch, final double[][] centres) {
    final int n = batch.length;
    final int k = centres.length;
    final int d = sums.d;
    if (labels.length < n) {
      labels = new int[n];
      sq = new double[n];
    }
    sums.clear();
    double total = 0;
    for (int i = 0; i < n; i++) {
      final double[] x = batch[i];
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        final double dist = squared(x, centres[c], d);
        if (dist < bestD) {
          bestD = dist;
          best = c;
        }
      }
      labels[i] = best;
      sq[i] = bestD;
      total += bestD;
      sums.add(best, x);
    }
    return total;
  }

  @Override
  public int[] labels() {
    return labels;
  }

  @Override
  public double[] squaredDistances() {
    return sq;
  }

  @Override
  public int[] counts() {
    return sums.counts;
  }

  @Override
  public double[][] sums() {
    return sums.copy();
  }
}
