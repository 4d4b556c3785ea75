package io.segstream.core.model;

import java.util.Arrays;

/**
 * Standardisation z = (x - mean) / scale that travels inside the model, so training and assignment
 * always scale a vector the same way.
 *
 * <p>Two guards keep one feature from dominating every distance: the scale has a floor of
 * {@value #RELATIVE_FLOOR} × (1 + |mean|), so a feature that barely varied in the data the scaler saw
 * (days since last seen is 0 for every vector taken at an event) does not turn a later, ordinary value
 * into a z of hundreds; and z is clipped to ±{@value #MAX_Z}, so a single extreme user cannot either.
 */
public record Scaler(double[] mean, double[] scale) {
  static final double RELATIVE_FLOOR = 0.05;
  public static final double MAX_Z = 8.0;

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
    return RunningMoments.of(data).scaler();
  }

  /**
   * A scaler for a whole population: centred on each feature's median, scaled by its standard deviation (floored
   * as usual). Centring does not change any distance, so clusters are the same as with the mean; but the centre is
   * what descriptions and explanations call "typical", and the median is what a person means by it: on skewed data
   * (most customers away for months, a few buying every week) the mean describes nobody.
   */
  public static Scaler fitPopulation(final double[][] data) {
    if (data.length == 0) {
      throw new IllegalArgumentException("cannot fit a scaler on no data");
    }
    final int d = data[0].length;
    final double[] sd = RunningMoments.of(data).standardDeviation();
    final double[] median = new double[d];
    final double[] column = new double[data.length];
    final double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < data.length; i++) {
        column[i] = data[i][j];
      }
      Arrays.sort(column);
      final int mid = column.length / 2;
      median[j] = column.length % 2 == 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2.0;
      scale[j] = floored(sd[j], median[j]);
    }
    return new Scaler(median, scale);
  }

  /** The scale actually used for a feature with this spread and mean. */
  public static double floored(final double sd, final double mean) {
    return Math.max(sd, RELATIVE_FLOOR * (1.0 + Math.abs(mean)));
  }

  public int dimension() {
    return mean.length;
  }

  public double[] transform(final double[] x) {
    final double[] z = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      z[j] = Math.max(-MAX_Z, Math.min(MAX_Z, (x[j] - mean[j]) / scale[j]));
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
