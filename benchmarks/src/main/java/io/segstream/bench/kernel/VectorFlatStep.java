package io.segstream.bench.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * (b2) Vector API with the centres copied once per batch into one flat row-major array (k rows of d), and a point
 * compared with four centres at a time: each chunk of x is loaded once for four FMA chains.
 */
public final class VectorFlatStep implements KernelStep {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private final int k;
  private final int d;
  private final double[] flat;
  private final double[] dist;
  private final FlatSums sums;
  private int[] labels = new int[0];
  private double[] sq = new double[0];

  public VectorFlatStep(final int k, final int d) {
    this.k = k;
    this.d = d;
    this.flat = new double[k * d];
    this.dist = new double[k];
    this.sums = new FlatSums(k, d);
  }

  @Override
  public double step(final double[][] batch, final double[][] centres) {
    final int n = batch.length;
    if (labels.length < n) {
      labels = new int[n];
      sq = new double[n];
    }
    for (int c = 0; c < k; c++) {
      System.arraycopy(centres[c], 0, flat, c * d, d);
    }
    sums.clear();
    final int bound = S.loopBound(d);
    double total = 0;
    for (int i = 0; i < n; i++) {
      final double[] x = batch[i];
      int c = 0;
      for (; c + 4 <= k; c += 4) {
        final int o0 = c * d;
        final int o1 = o0 + d;
        final int o2 = o1 + d;
        final int o3 = o2 + d;
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        DoubleVector a2 = DoubleVector.zero(S);
        DoubleVector a3 = DoubleVector.zero(S);
        int j = 0;
        for (; j < bound; j += L) {
          final DoubleVector xv = DoubleVector.fromArray(S, x, j);
          final DoubleVector t0 = xv.sub(DoubleVector.fromArray(S, flat, o0 + j));
          final DoubleVector t1 = xv.sub(DoubleVector.fromArray(S, flat, o1 + j));
          final DoubleVector t2 = xv.sub(DoubleVector.fromArray(S, flat, o2 + j));
          final DoubleVector t3 = xv.sub(DoubleVector.fromArray(S, flat, o3 + j));
          a0 = t0.fma(t0, a0);
          a1 = t1.fma(t1, a1);
          a2 = t2.fma(t2, a2);
          a3 = t3.fma(t3, a3);
        }
        double s0 = a0.reduceLanes(VectorOperators.ADD);
        double s1 = a1.reduceLanes(VectorOperators.ADD);
        double s2 = a2.reduceLanes(VectorOperators.ADD);
        double s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; j < d; j++) {
          final double xj = x[j];
          final double t0 = xj - flat[o0 + j];
          final double t1 = xj - flat[o1 + j];
          final double t2 = xj - flat[o2 + j];
          final double t3 = xj - flat[o3 + j];
          s0 = Math.fma(t0, t0, s0);
          s1 = Math.fma(t1, t1, s1);
          s2 = Math.fma(t2, t2, s2);
          s3 = Math.fma(t3, t3, s3);
        }
        dist[c] = s0;
        dist[c + 1] = s1;
        dist[c + 2] = s2;
        dist[c + 3] = s3;
      }
      for (; c < k; c++) {
        final int o = c * d;
        DoubleVector a = DoubleVector.zero(S);
        int j = 0;
        for (; j < bound; j += L) {
          final DoubleVector t = DoubleVector.fromArray(S, x, j).sub(DoubleVector.fromArray(S, flat, o + j));
          a = t.fma(t, a);
        }
        double s = a.reduceLanes(VectorOperators.ADD);
        for (; j < d; j++) {
          final double t = x[j] - flat[o + j];
          s = Math.fma(t, t, s);
        }
        dist[c] = s;
      }
      int best = 0;
      double bestD = dist[0];
      for (c = 1; c < k; c++) {
        if (dist[c] < bestD) {
          bestD = dist[c];
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
