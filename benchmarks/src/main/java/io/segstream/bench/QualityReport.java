package io.segstream.bench;

import io.segstream.bench.quality.RecoveryTracker;
import java.util.List;

/** Everything {@code segstream bench quality} measured; serialised as is for {@code --json}. */
public record QualityReport(long seed, Setup setup, List<Comparison> comparisons, List<Drift> drifts, Flapping flapping,
    double seconds) {

  public QualityReport {
    comparisons = List.copyOf(comparisons);
    drifts = List.copyOf(drifts);
  }

  /** The online model's settings (from the configuration) and the benchmark's own. */
  public record Setup(int k, int batchSize, double decayFactor, String timeUnit, double halfLifeBatches, int bootstrapVectors,
      int refitIntervalBatches, double refitMinGain, double reseedMinShare, int batchRestarts, double hysteresis,
      int users, int historyDays, int driftDays, double sweepMinutes, double sampleFraction, long vectorMinIntervalSeconds) {}

  /**
   * Online model vs batch k-means++ on the same standardised points. Inertia in standardised units, summed
   * over the points; ARI against the true groups; silhouette on the same uniform sample for both.
   */
  public record Comparison(String dataset, String description, int rows, int dimension, int k, double batchInertia,
      double onlineInertia, double inertiaRatio, double batchAri, double onlineAri, double batchSilhouette,
      double onlineSilhouette, long onlineVectors, long onlineBatches, String notes) {}

  /**
   * Recovery after a drift (see {@link RecoveryTracker}): {@code batchesToRecover} is -1 if the model had not
   * recovered for good by the last checkpoint.
   */
  public record Drift(String scenario, String description, double maxInertiaRatio, double maxAriGap, long boundBatches,
      long batchesToRecover, boolean withinBound, RecoveryTracker.Checkpoint first, RecoveryTracker.Checkpoint last,
      List<RecoveryTracker.Checkpoint> checkpoints) {
    public Drift {
      checkpoints = List.copyOf(checkpoints);
    }

    boolean recovered() {
      return batchesToRecover >= 0;
    }
  }

  /**
   * Users whose behaviour is frozen, re-assigned under each new model version while the updater keeps training
   * on them: the share who change segment per version, with the configured hysteresis and without any.
   */
  public record Flapping(int users, int modelUpdates, double hysteresis, double meanShareWithHysteresis,
      double maxShareWithHysteresis, double meanShareWithoutHysteresis, double maxShareWithoutHysteresis) {}
}
