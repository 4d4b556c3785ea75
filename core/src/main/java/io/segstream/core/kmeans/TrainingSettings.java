package io.segstream.core.kmeans;

/**
 * How the online model learns.
 *
 * @param k fixed number of segments, or 0 for automatic choice in [kMin, kMax]
 * @param decayFactor forgetting per time unit, with Spark StreamingKMeans' meaning (1 = remember all)
 * @param timeUnit whether decay applies per batch or per point
 * @param reseedMinShare a centre below this share of the total weight is starving and gets re-seeded
 * @param refitIntervalBatches every this many mini-batches the centres are refitted on the most recent points: a
 *     few Lloyd iterations, or a better optimum from k-means++ restarts (0 = never; never with decay 1); see
 *     {@link MiniBatchKMeans}
 * @param refitMinGain a restart replaces the polished centres only if it lowers the recent points' inertia by more
 *     than this share
 */
public record TrainingSettings(int k, int kMin, int kMax, int bootstrapVectors, int batchSize, double decayFactor,
    TimeUnit timeUnit, double reseedMinShare, long seed, int refitIntervalBatches, double refitMinGain) {

  public enum TimeUnit { BATCHES, POINTS }

  public static final int DEFAULT_REFIT_INTERVAL_BATCHES = 20;
  public static final double DEFAULT_REFIT_MIN_GAIN = 0.02;

  public TrainingSettings {
    if (k < 0 || (k == 0 && (kMin < 2 || kMax < kMin))) {
      throw new IllegalArgumentException("k must be >= 1, or auto with 2 <= k-min <= k-max");
    }
    if (decayFactor < 0 || decayFactor > 1) {
      throw new IllegalArgumentException("decay factor must be in [0, 1], was " + decayFactor);
    }
    if (batchSize < 1 || bootstrapVectors < 1) {
      throw new IllegalArgumentException("batch size and bootstrap vectors must be positive");
    }
    if (refitIntervalBatches < 0 || !(refitMinGain >= 0 && refitMinGain < 1)) {
      throw new IllegalArgumentException("refit interval must be >= 0 and refit min gain in [0, 1)");
    }
  }

  /** With the default refit check. */
  public TrainingSettings(final int k, final int kMin, final int kMax, final int bootstrapVectors, final int batchSize,
      final double decayFactor, final TimeUnit timeUnit, final double reseedMinShare, final long seed) {
    this(k, kMin, kMax, bootstrapVectors, batchSize, decayFactor, timeUnit, reseedMinShare, seed,
        DEFAULT_REFIT_INTERVAL_BATCHES, DEFAULT_REFIT_MIN_GAIN);
  }

  public boolean autoK() {
    return k == 0;
  }

  /** Decay factor equivalent to a half-life, as Spark's StreamingKMeans.setHalfLife computes it. */
  public static double decayForHalfLife(final double halfLife) {
    if (halfLife <= 0) {
      throw new IllegalArgumentException("half-life must be positive, was " + halfLife);
    }
    return Math.exp(Math.log(0.5) / halfLife);
  }

  public TrainingSettings withK(final int newK) {
    return new TrainingSettings(newK, kMin, kMax, bootstrapVectors, batchSize, decayFactor, timeUnit, reseedMinShare, seed,
        refitIntervalBatches, refitMinGain);
  }

  public TrainingSettings withDecay(final double decay, final TimeUnit unit) {
    return new TrainingSettings(k, kMin, kMax, bootstrapVectors, batchSize, decay, unit, reseedMinShare, seed,
        refitIntervalBatches, refitMinGain);
  }

  public TrainingSettings withRefit(final int intervalBatches, final double minGain) {
    return new TrainingSettings(k, kMin, kMax, bootstrapVectors, batchSize, decayFactor, timeUnit, reseedMinShare, seed,
        intervalBatches, minGain);
  }

  public static TrainingSettings defaults() {
    return new TrainingSettings(5, 3, 10, 2000, 512, 0.95, TimeUnit.BATCHES, 0.01, 42L);
  }
}
