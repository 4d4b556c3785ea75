package io.segstream.bench.kernel;

import io.segstream.core.kmeans.DistanceKernel;
import java.util.Arrays;

/**
 * Core's own kernel: the assignment is {@link DistanceKernel#assignScalar} (plain loops, what core runs without the
 * Vector API module) or {@link DistanceKernel#assign} (which takes core's Vector API path when the module is
 * present, as it is in the benchmark forks); the sums loop is MiniBatchKMeans.update's, verbatim.
 */
public final class CoreStep implements KernelStep {
  private final int k;
  private final int d;
  private int[] labels = new int[0];
  private double[] sq = new double[0];
  private final double[][] sums;
  private final int[] counts;

  private final boolean dispatch;

  /** @param dispatch false: always the scalar loop; true: core's {@link DistanceKernel#assign} as it dispatches */
  public CoreStep(final int k, final int d, final boolean dispatch) {
    this.k = k;
    this.d = d;
    this.dispatch = dispatch;
    this.sums = new double[k][d];
    this.counts = new int[k];
  }

  @Override
  public double step(final double[][] batch, final double[][] centres) {
    final int n = batch.length;
    if (labels.length < n) {
      labels = new int[n];
      sq = new double[n];
    }
    final double total = dispatch ? DistanceKernel.assign(batch, centres, labels, sq)
        : DistanceKernel.assignScalar(batch, centres, labels, sq);
    for (final double[] s : sums) {
      Arrays.fill(s, 0.0);
    }
    Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      final int c = labels[i];
      counts[c]++;
      final double[] x = batch[i];
      final double[] s = sums[c];
      for (int j = 0; j < d; j++) {
        s[j] += x[j];
      }
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
    return counts;
  }

  @Override
  public double[][] sums() {
    final double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      out[c] = sums[c].clone();
    }
    return out;
  }
}
