package io.segstream.bench.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Per-centre sums and counts in one flat row-major array (k rows of d), accumulated with the Vector API. Element-wise
 * additions in the same order as the plain loop, so the sums are bit-for-bit the plain ones.
 */
final class FlatSums {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  final int k;
  final int d;
  final double[] sums;
  final int[] counts;

  FlatSums(final int k, final int d) {
    this.k = k;
    this.d = d;
    this.sums = new double[k * d];
    this.counts = new int[k];
  }

  void clear() {
    Arrays.fill(sums, 0.0);
    Arrays.fill(counts, 0);
  }

  void add(final int c, final double[] x) {
    counts[c]++;
    final int off = c * d;
    final int bound = S.loopBound(d);
    int j = 0;
    for (; j < bound; j += S.length()) {
      DoubleVector.fromArray(S, sums, off + j).add(DoubleVector.fromArray(S, x, j)).intoArray(sums, off + j);
    }
    for (; j < d; j++) {
      sums[off + j] += x[j];
    }
  }

  double[][] copy() {
    final double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      out[c] = Arrays.copyOfRange(sums, c * d, (c + 1) * d);
    }
    return out;
  }
}
