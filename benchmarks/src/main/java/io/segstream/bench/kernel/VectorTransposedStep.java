package io.segstream.bench.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * (b3) Vector API with the centres transposed once per batch (d rows of k, k padded to whole vectors): the lanes are
 * centres, so one pass over the d coordinates of a point yields its squared distances to SPECIES_PREFERRED centres at
 * once, with no horizontal add; a lane minimum and the first lane equal to it give the nearest centre. Four points
 * go through together so four independent chains hide the add latency and each centre vector is loaded once for all
 * four. The per-centre sums are vector adds into one flat array, fused with the assignment.
 *
 * <p>Core's VectorDistanceKernel is the same layout with a separate multiply and add instead of the FMA, which makes it bit
 * for bit the plain loop; in a one-fork scan that alone cost little (0-13%): most of what core's path ("proposed") gives up
 * against this class is core's separate sums pass.
 */
public final class VectorTransposedStep implements KernelStep {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final DoubleVector INF = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);

  private final int k;
  private final int d;
  private final int kp;
  private final double[] ct;
  private final VectorMask<Double> padding;
  private final FlatSums sums;
  private int[] labels = new int[0];
  private double[] sq = new double[0];
  private double total;

  public VectorTransposedStep(final int k, final int d) {
    this.k = k;
    this.d = d;
    this.kp = (k + L - 1) / L * L;
    this.ct = new double[d * kp];
    // Lanes of the last block that hold no centre: forced to +inf before the minimum.
    this.padding = S.indexInRange(kp - L, k).not();
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
      final double[] row = centres[c];
      for (int j = 0; j < d; j++) {
        ct[j * kp + c] = row[j];
      }
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
        final DoubleVector t0 = cv.sub(x0[j]);
        final DoubleVector t1 = cv.sub(x1[j]);
        final DoubleVector t2 = cv.sub(x2[j]);
        final DoubleVector t3 = cv.sub(x3[j]);
        a0 = t0.fma(t0, a0);
        a1 = t1.fma(t1, a1);
        a2 = t2.fma(t2, a2);
        a3 = t3.fma(t3, a3);
      }
      if (b + L > k) {
        a0 = a0.blend(INF, padding);
        a1 = a1.blend(INF, padding);
        a2 = a2.blend(INF, padding);
        a3 = a3.blend(INF, padding);
      }
      // Strictly smaller only: an earlier block (lower centre index) keeps a tie, as in the plain loop.
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
    labels[i] = b0;
    labels[i + 1] = b1;
    labels[i + 2] = b2;
    labels[i + 3] = b3;
    sq[i] = m0;
    sq[i + 1] = m1;
    sq[i + 2] = m2;
    sq[i + 3] = m3;
    sums.add(b0, x0);
    sums.add(b1, x1);
    sums.add(b2, x2);
    sums.add(b3, x3);
    // The plain loop adds the batch's distances one after another: keep that order.
    total += m0;
    total += m1;
    total += m2;
    total += m3;
  }

  private void one(final double[][] batch, final int i) {
    final double[] x = batch[i];
    double m = Double.POSITIVE_INFINITY;
    int best = 0;
    for (int b = 0; b < kp; b += L) {
      DoubleVector a = DoubleVector.zero(S);
      for (int j = 0, o = b; j < d; j++, o += kp) {
        final DoubleVector t = DoubleVector.fromArray(S, ct, o).sub(x[j]);
        a = t.fma(t, a);
      }
      if (b + L > k) {
        a = a.blend(INF, padding);
      }
      final double v = a.reduceLanes(VectorOperators.MIN);
      if (v < m) {
        m = v;
        best = b + a.compare(VectorOperators.EQ, v).firstTrue();
      }
    }
    labels[i] = best;
    sq[i] = m;
    sums.add(best, x);
    total += m;
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
