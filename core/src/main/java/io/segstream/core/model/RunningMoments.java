package io.segstream.core.model;

/**
 * Mean and variance of a stream of vectors with forgetting: {@link #decay} scales the weight of all data
 * seen so far, so the estimate follows the recent population at the same pace as the model does.
 */
public final class RunningMoments {
  private final double[] sum;
  private final double[] sumSq;
  private double weight;

  public RunningMoments(final int dimension) {
    this.sum = new double[dimension];
    this.sumSq = new double[dimension];
  }

  /** Starts from a scaler as if it had been estimated from {@code weight} vectors. */
  public static RunningMoments from(final Scaler s, final double weight) {
    final RunningMoments m = new RunningMoments(s.dimension());
    for (int j = 0; j < s.dimension(); j++) {
      final double mean = s.mean()[j];
      final double sd = s.scale()[j];
      m.sum[j] = mean * weight;
      m.sumSq[j] = (sd * sd + mean * mean) * weight;
    }
    m.weight = weight;
    return m;
  }

  public void add(final double[] x) {
    for (int j = 0; j < sum.length; j++) {
      sum[j] += x[j];
      sumSq[j] += x[j] * x[j];
    }
    weight += 1;
  }

  public void decay(final double factor) {
    for (int j = 0; j < sum.length; j++) {
      sum[j] *= factor;
      sumSq[j] *= factor;
    }
    weight *= factor;
  }

  public double weight() {
    return weight;
  }

  public Scaler scaler() {
    if (weight <= 0) {
      throw new IllegalStateException("no data");
    }
    final double[] mean = new double[sum.length];
    final double[] scale = new double[sum.length];
    for (int j = 0; j < sum.length; j++) {
      mean[j] = sum[j] / weight;
      final double variance = Math.max(0.0, sumSq[j] / weight - mean[j] * mean[j]);
      scale[j] = Scaler.floored(Math.sqrt(variance), mean[j]);
    }
    return new Scaler(mean, scale);
  }
}
