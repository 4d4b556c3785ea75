package io.segstream.bench.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * (b4) Vector API in the GEMM form nd4j uses, on the transposed layout of {@link VectorTransposedStep}: a point's
 * squared distance to c is ‖x‖² - 2·x·c + ‖c‖², so the inner loop is one FMA per coordinate and centre (x·c) instead
 * of a subtraction and an FMA. ‖c‖² is +inf in padding lanes, so they never win. Not bit-for-bit the plain loop (a
 * different formula; it loses relative precision when a point sits almost on a centre), within 1e-9 on real data.
 */
public final class VectorDotStep implements KernelStep {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final DoubleVector MINUS_TWO = DoubleVector.broadcast(S, -2.0);

  private final int k;
  private final int d;
  private final int kp;
  private final double[] ct;
  private final double[] cn;
  private final FlatSums sums;
  private int[] labels = new int[0];
  private double[] sq = new double[0];
  private double total;

  public VectorDotStep(final int k, final int d) {
    this.k = k;
    this.d = d;
    this.kp = (k + L - 1) / L * L;
    this.ct = new double[d * kp];
    this.cn = new double[kp];
    this.sums = new FlatSums(k, d);
  }

  @Override
  public double step(final double[][] batch, final double[][] centres) {
    final int n = batch.length;
    if (labels.length < n) {
      labels = new int[n];
      sq = new double[n];
    }
    Arrays.fill(cn, Double.POSITIVE_INFINITY);
    for (int c = 0; c < k; c++) {
      final double[] row = centres[c];
      double s = 0;
      for (int j = 0; j < d; j++) {
        ct[j * kp + c] = row[j];
        s += row[j] * row[j];
      }
      cn[c] = s;
    }
    sums.clear();
    total = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      four(batch, i);
    }
    for (; i < n; i++) {
      one(batch, i);
    }
    return total;
  }

  private static double norm(final double[] x, final int d) {
    DoubleVector a = DoubleVector.zero(S);
    int j = 0;
    for (final int bound = S.loopBound(d); j < bound; j += L) {
      final DoubleVector v = DoubleVector.fromArray(S, x, j);
      a = v.fma(v, a);
    }
    double s = a.reduceLanes(VectorOperators.ADD);
    for (; j < d; j++) {
      s = Math.fma(x[j], x[j], s);
    }
    return s;
  }

  private void four(final double[][] batch, final int i) {
    final double[] x0 = batch[i];
    final double[] x1 = batch[i + 1];
    final double[] x2 = batch[i + 2];
    final double[] x3 = batch[i + 3];
    double m0 = Double.POSITIVE_INFINITY;
    double m1 = Double.POSITIVE_INFINITY;
    double m2 = Double.POSITIVE_INFINITY;
    double m3 = Double.POSITIVE_INFINITY;
    int b0 = 0;
    int b1 = 0;
    int b2 = 0;
    int b3 = 0;
    for (int b = 0; b < kp; b += L) {
      DoubleVector a0 = DoubleVector.zero(S);
      DoubleVector a1 = DoubleVector.zero(S);
      DoubleVector a2 = DoubleVector.zero(S);
      DoubleVector a3 = DoubleVector.zero(S);
      for (int j = 0, o = b; j < d; j++, o += kp) {
        final DoubleVector cv = DoubleVector.fromArray(S, ct, o);
        a0 = cv.fma(DoubleVector.broadcast(S, x0[j]), a0);
        a1 = cv.fma(DoubleVector.broadcast(S, x1[j]), a1);
        a2 = cv.fma(DoubleVector.broadcast(S, x2[j]), a2);
        a3 = cv.fma(DoubleVector.broadcast(S, x3[j]), a3);
      }
      final DoubleVector norms = DoubleVector.fromArray(S, cn, b);
      a0 = a0.fma(MINUS_TWO, norms);
      a1 = a1.fma(MINUS_TWO, norms);
      a2 = a2.fma(MINUS_TWO, norms);
      a3 = a3.fma(MINUS_TWO, norms);
      final double v0 = a0.reduceLanes(VectorOperators.MIN);
      if (v0 < m0) {
        m0 = v0;
        b0 = b + a0.compare(VectorOperators.EQ, v0).firstTrue();
      }
      final double v1 = a1.reduceLanes(VectorOperators.MIN);
      if (v1 < m1) {
        m1 = v1;
        b1 = b + a1.compare(VectorOperators.EQ, v1).firstTrue();
      }
      final double v2 = a2.reduceLanes(VectorOperators.MIN);
      if (v2 < m2) {
        m2 = v2;
        b2 = b + a2.compare(VectorOperators.EQ, v2).firstTrue();
      }
      final double v3 = a3.reduceLanes(VectorOperators.MIN);
      if (v3 < m3) {
        m3 = v3;
        b3 = b + a3.compare(VectorOperators.EQ, v3).firstTrue();
      }
    }
    finish(i, x0, b0, m0);
    finish(i + 1, x1, b1, m1);
    finish(i + 2, x2, b2, m2);
    finish(i + 3, x3, b3, m3);
  }

  private void one(final double[][] batch, final int i) {
    final double[] x = batch[i];
    double m = Double.POSITIVE_INFINITY;
    int best = 0;
    for (int b = 0; b < kp; b += L) {
      DoubleVector a = DoubleVector.zero(S);
      for (int j = 0, o = b; j < d; j++, o += kp) {
        a = DoubleVector.fromArray(S, ct, o).fma(DoubleVector.broadcast(S, x[j]), a);
      }
      a = a.fma(MINUS_TWO, DoubleVector.fromArray(S, cn, b));
      final double v = a.reduceLanes(VectorOperators.MIN);
      if (v < m) {
        m = v;
        best = b + a.compare(VectorOperators.EQ, v).firstTrue();
      }
    }
    finish(i, x, best, m);
  }

  private void finish(final int i, final double[] x, final int best, final double partial) {
    // ‖x‖² - 2x·c + ‖c‖² can come out a hair below zero when x sits on c.
    final double dist = Math.max(0.0, partial + norm(x, d));
    labels[i] = best;
    sq[i] = dist;
    total += dist;
    sums.add(best, x);
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
