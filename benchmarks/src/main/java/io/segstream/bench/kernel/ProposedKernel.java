package io.segstream.bench.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch assignment with the Vector API, bit for bit the plain loop's result: the centres are transposed (d rows of k,
 * k padded to whole vectors) so the lanes are centres, and each lane sums (c_j - x_j)² in coordinate order with a
 * separate multiply and add, as the scalar loop does. Four points go through together (four independent chains, each
 * centre vector loaded once for all four). A lane minimum and the first lane equal to it give the nearest centre;
 * a later block replaces it only when strictly nearer, so ties go to the lowest index as in the scalar loop.
 *
 * <p>Needs {@code --add-modules jdk.incubator.vector} at compile and run time. The code of
 * benchmarks/PROPOSED-DistanceKernel.patch's VectorDistanceKernel for core is this class's, line for line
 * (ProposedPatchTest checks).
 */
public final class ProposedKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private ProposedKernel() {}

  /** Whether this machine's preferred vectors hold enough doubles for the vector path to pay (AVX2: 4, AVX-512: 8). */
  static boolean worthwhile() {
    return L >= 4;
  }

  /** As DistanceKernel.assign: labels, squared distances and the batch's inertia, identical to the scalar loop. */
  public static double assign(final double[][] points, final double[][] centres, final int[] labels,
      final double[] squaredDistances) {
    final int n = points.length;
    final int k = centres.length;
    final int d = centres[0].length;
    final int kp = (k + L - 1) / L * L;
    final double[] ct = new double[d * kp];
    for (int c = 0; c < k; c++) {
      final double[] row = centres[c];
      for (int j = 0; j < d; j++) {
        ct[j * kp + c] = row[j];
      }
    }
    // Lanes of the last block that hold no centre: forced to +inf before the minimum.
    final VectorMask<Double> padding = S.indexInRange(kp - L, k).not();
    final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    double total = 0;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      final double[] x0 = points[i];
      final double[] x1 = points[i + 1];
      final double[] x2 = points[i + 2];
      final double[] x3 = points[i + 3];
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
          a0 = a0.add(t0.mul(t0));
          a1 = a1.add(t1.mul(t1));
          a2 = a2.add(t2.mul(t2));
          a3 = a3.add(t3.mul(t3));
        }
        if (b + L > k) {
          a0 = a0.blend(inf, padding);
          a1 = a1.blend(inf, padding);
          a2 = a2.blend(inf, padding);
          a3 = a3.blend(inf, padding);
        }
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
      squaredDistances[i] = m0;
      squaredDistances[i + 1] = m1;
      squaredDistances[i + 2] = m2;
      squaredDistances[i + 3] = m3;
      // The scalar loop adds the distances one after another: same order, same total.
      total += m0;
      total += m1;
      total += m2;
      total += m3;
    }
    for (; i < n; i++) {
      final double[] x = points[i];
      double m = Double.POSITIVE_INFINITY;
      int best = 0;
      for (int b = 0; b < kp; b += L) {
        DoubleVector a = DoubleVector.zero(S);
        for (int j = 0, o = b; j < d; j++, o += kp) {
          final DoubleVector t = DoubleVector.fromArray(S, ct, o).sub(x[j]);
          a = a.add(t.mul(t));
        }
        if (b + L > k) {
          a = a.blend(inf, padding);
        }
        final double v = a.reduceLanes(VectorOperators.MIN);
        if (v < m) {
          m = v;
          best = b + a.compare(VectorOperators.EQ, v).firstTrue();
        }
      }
      labels[i] = best;
      squaredDistances[i] = m;
      total += m;
    }
    return total;
  }
}
