package io.segstream.core.model;

import java.util.Arrays;

/**
 * Standardisation z = (x - mean) / scale that travels inside the model, so training and assignment
 * always scale a vector the same way. A constant feature gets scale 1: it then adds nothing to distances
 * instead of dividing by zero.
 */
public record Scaler(double[] mean, double[] scale) {
  private static final double MIN_SCALE = 1e-9;

  public Scaler {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException("mean and scale differ in length");
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  public static Scaler fit(final double[][] data) {
    if (data.length == 0) {
      throw new IllegalArgumentException("cannot fit a scaler on no data");
    }
    final int d = data[0].length;
    final double[] mean = new double[d];
    final double[] m2 = new double[d];
    int n = 0;
    for (final double[] x : data) {
      n++;
      for (int j = 0; j < d; j++) {
        final double delta = x[j] - mean[j];
        mean[j] += delta / n;
        m2[j] += delta * (x[j] - mean[j]);
      }
    }
    final double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      final double sd = Math.sqrt(m2[j] / n);
      scale[j] = sd < MIN_SCALE ? 1.0 : sd;
    }
    return new Scaler(mean, scale);
  }

  public int dimension() {
    return mean.length;
  }

  public double[] transform(final double[] x) {
    final double[] z = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      z[j] = (x[j] - mean[j]) / scale[j];
    }
    return z;
  }

  public double[][] transformAll(final double[][] xs) {
    final double[][] out = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      out[i] = transform(xs[i]);
    }
    return out;
  }

  public double[] inverse(final double[] z) {
    final double[] x = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      x[j] = z[j] * scale[j] + mean[j];
    }
    return x;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Scaler s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
  }

  @Override
  public String toString() {
    return "Scaler" + Arrays.toString(mean) + "/" + Arrays.toString(scale);
  }
}
