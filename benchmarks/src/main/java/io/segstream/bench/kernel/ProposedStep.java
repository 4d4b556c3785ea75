package io.segstream.bench.kernel;

import java.util.Arrays;

/**
 * What core would run with benchmarks/PROPOSED-DistanceKernel.patch applied and the Vector API module present:
 * {@link ProposedKernel#assign} (the patch's VectorDistanceKernel) and MiniBatchKMeans.update's sums loop, unchanged.
 */
public final class ProposedStep implements KernelStep {
  private final int k;
  private final int d;
  private int[] labels = new int[0];
  private double[] sq = new double[0];
  private final double[][] sums;
  private final int[] counts;

  public ProposedStep(final int k, final int d) {
    this.k = k;
    this.d = d;
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
    final double total = ProposedKernel.assign(batch, centres, labels, sq);
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
