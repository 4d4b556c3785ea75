package io.segstream.core.model;

/**
 * Mean and variance of a stream of vectors, with forgetting: {@link #decay} scales the weight of all data
 * seen so far, so the estimate follows the recent population at the same pace as the model does. Weighted
 * Welford updates, which stay accurate when values are large and their spread small.
 */
public final class RunningMoments {
  private final double[] mean;
  private final double[] m2;
  private double weight;

  public RunningMoments(final int dimension) {
    this.mean = new double[dimension];
    this.m2 = new double[dimension];
  }

  /** Starts from a scaler as if it had been estimated from {@code weight} vectors. */
  public static RunningMoments from(final Scaler s, final double weight) {
    final RunningMoments m = new RunningMoments(s.dimension());
    for (int j = 0; j < s.dimension(); j++) {
      m.mean[j] = s.mean()[j];
      m.m2[j] = s.scale()[j] * s.scale()[j] * weight;
    }
    m.weight = weight;
    return m;
  }

  public static RunningMoments of(final double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no data");
    }
    final RunningMoments m = new RunningMoments(rows[0].length);
    for (final double[] x : rows) {
      m.add(x);
    }
    return m;
  }

  public void add(final double[] x) {
    weight += 1;
    for (int j = 0; j < mean.length; j++) {
      final double delta = x[j] - mean[j];
      mean[j] += delta / weight;
      m2[j] += delta * (x[j] - mean[j]);
    }
  }

  public void decay(final double factor) {
    for (int j = 0; j < m2.length; j++) {
      m2[j] *= factor;
    }
    weight *= factor;
  }

  public double weight() {
    return weight;
  }

  public double[] mean() {
    return mean.clone();
  }

  /** Population standard deviation per dimension. */
  public double[] standardDeviation() {
    requireData();
    final double[] sd = new double[mean.length];
    for (int j = 0; j < sd.length; j++) {
      sd[j] = Math.sqrt(Math.max(0.0, m2[j] / weight));
    }
    return sd;
  }

  /** The model's scaler: this mean, and this spread with {@link Scaler#floored}'s floor. */
  public Scaler scaler() {
    final double[] sd = standardDeviation();
    for (int j = 0; j < sd.length; j++) {
      sd[j] = Scaler.floored(sd[j], mean[j]);
    }
    return new Scaler(mean, sd);
  }

  private void requireData() {
    if (weight <= 0) {
      throw new IllegalStateException("no data");
    }
  }
}
