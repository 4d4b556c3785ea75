package io.segstream.bench.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a model has recovered from a drift: at checkpoints after the drift, the online model is compared with
 * the batch optimum of the data as it is then. A checkpoint is <em>good</em> when the online inertia is within
 * {@code maxInertiaRatio} of the batch optimum's and its adjusted Rand index against the post-drift truth at most
 * {@code maxAriGap} below the batch optimum's. The model has recovered at the first checkpoint from which every
 * later checkpoint is good too, so one lucky checkpoint does not count.
 */
public final class RecoveryTracker {
  /** One comparison after the drift; {@code batches} mini-batches trained since the drift began. */
  public record Checkpoint(long batches, double inertiaRatio, double onlineAri, double batchAri) {}

  private final double maxInertiaRatio;
  private final double maxAriGap;
  private final List<Checkpoint> checkpoints = new ArrayList<>();

  public RecoveryTracker(final double maxInertiaRatio, final double maxAriGap) {
    this.maxInertiaRatio = maxInertiaRatio;
    this.maxAriGap = maxAriGap;
  }

  public void observe(final Checkpoint c) {
    checkpoints.add(c);
  }

  public boolean good(final Checkpoint c) {
    return c.inertiaRatio() <= maxInertiaRatio && c.onlineAri() >= c.batchAri() - maxAriGap;
  }

  /** Batches after the drift at which the model recovered for good; empty if the last checkpoint is not good. */
  public OptionalLong recoveredAfter() {
    long since = -1;
    for (final Checkpoint c : checkpoints) {
      if (!good(c)) {
        since = -1;
      } else if (since < 0) {
        since = c.batches();
      }
    }
    return since < 0 ? OptionalLong.empty() : OptionalLong.of(since);
  }

  public List<Checkpoint> checkpoints() {
    return List.copyOf(checkpoints);
  }

  public double maxInertiaRatio() {
    return maxInertiaRatio;
  }

  public double maxAriGap() {
    return maxAriGap;
  }
}
