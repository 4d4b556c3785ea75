package io.segstream.bench.kernel;

import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * (c) nd4j (CPU backend, OpenBLAS, Linux x86-64 natives): the batch and the centres are copied off-heap, one GEMM gives
 * -2·X·Cᵀ, adding ‖c‖² per column gives each point's squared distances up to its own constant ‖x‖², and an argmin along
 * the rows gives the labels. The sums are a Java loop over the batch (O(n·d); a one-hot GEMM would cost O(n·k·d)).
 *
 * <p>Single-threaded (BLAS and nd4j's own pool), so the figure is one core's, like the others'.
 */
public final class Nd4jStep implements KernelStep {
  static {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
    Nd4j.factory().blas().setMaxThreads(1);
  }

  private final int k;
  private final int d;
  private final INDArray c;
  private final INDArray cNorms;
  private final DoubleBuffer cBuf;
  private final DoubleBuffer cNormBuf;
  private final double[][] sums;
  private final int[] counts;
  private int n = -1;
  private INDArray x;
  private INDArray g;
  private DoubleBuffer xBuf;
  private DoubleBuffer gBuf;
  private int[] labels = new int[0];
  private double[] sq = new double[0];
  private double[] xNorms = new double[0];

  public Nd4jStep(final int k, final int d) {
    this.k = k;
    this.d = d;
    this.c = Nd4j.createUninitialized(DataType.DOUBLE, k, d);
    this.cNorms = Nd4j.createUninitialized(DataType.DOUBLE, 1, k);
    this.cBuf = c.data().asNioDouble();
    this.cNormBuf = cNorms.data().asNioDouble();
    this.sums = new double[k][d];
    this.counts = new int[k];
  }

  private void size(final int rows) {
    if (rows == n) {
      return;
    }
    n = rows;
    x = Nd4j.createUninitialized(DataType.DOUBLE, rows, d);
    g = Nd4j.createUninitialized(DataType.DOUBLE, rows, k);
    xBuf = x.data().asNioDouble();
    gBuf = g.data().asNioDouble();
    if (labels.length < rows) {
      labels = new int[rows];
      sq = new double[rows];
      xNorms = new double[rows];
    }
  }

  @Override
  public double step(final double[][] batch, final double[][] centres) {
    size(batch.length);
    for (int i = 0; i < k; i++) {
      final double[] row = centres[i];
      cBuf.put(i * d, row);
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += row[j] * row[j];
      }
      cNormBuf.put(i, s);
    }
    for (int i = 0; i < n; i++) {
      final double[] row = batch[i];
      xBuf.put(i * d, row);
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += row[j] * row[j];
      }
      xNorms[i] = s;
    }
    Nd4j.gemm(x, c, g, false, true, -2.0, 0.0);
    g.addiRowVector(cNorms);
    final INDArray nearest = Nd4j.argMin(g, 1);
    final LongBuffer idx = nearest.data().asNioLong();

    for (final double[] s : sums) {
      java.util.Arrays.fill(s, 0.0);
    }
    java.util.Arrays.fill(counts, 0);
    double total = 0;
    for (int i = 0; i < n; i++) {
      final int best = (int) idx.get(i);
      // ‖x‖² - 2x·c + ‖c‖² can come out a hair below zero when x sits on c.
      final double dist = Math.max(0.0, gBuf.get(i * k + best) + xNorms[i]);
      labels[i] = best;
      sq[i] = dist;
      total += dist;
      counts[best]++;
      final double[] xr = batch[i];
      final double[] s = sums[best];
      for (int j = 0; j < d; j++) {
        s[j] += xr[j];
      }
    }
    nearest.close();
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
    for (int i = 0; i < k; i++) {
      out[i] = sums[i].clone();
    }
    return out;
  }

  @Override
  public void close() {
    c.close();
    cNorms.close();
    if (x != null) {
      x.close();
      g.close();
    }
  }
}
