package io.segstream.bench.quality;

import io.segstream.core.assign.SegmentAssigner;
import io.segstream.core.model.Segmentation;
import java.util.Arrays;

/**
 * Flapping: the share of users who change segment when a new model version arrives although their own
 * behaviour did not change. Holds a fixed population's vectors and each user's current segment, and
 * re-assigns everyone under each model as the streams app's sweep does ({@link SegmentAssigner}, with the
 * given hysteresis).
 */
public final class FlappingMeter {
  private final SegmentAssigner assigner;
  private final double[][] vectors;
  private final int[] segments;
  private boolean started;

  /** @param vectors clustering vectors (transformed, not standardised), one per user; not copied */
  public FlappingMeter(final double hysteresis, final double[][] vectors) {
    this.assigner = new SegmentAssigner(hysteresis);
    this.vectors = vectors;
    this.segments = new int[vectors.length];
    Arrays.fill(segments, -1);
  }

  /**
   * Re-assigns every user under {@code model}.
   *
   * @return the share of users whose segment changed; 0 for the first model (nobody had one before)
   */
  public double update(final Segmentation model) {
    int changed = 0;
    for (int i = 0; i < vectors.length; i++) {
      final int next = assigner.assign(model, vectors[i], segments[i]).segmentId();
      if (started && next != segments[i]) {
        changed++;
      }
      segments[i] = next;
    }
    final boolean first = !started;
    started = true;
    return first ? 0.0 : changed / (double) vectors.length;
  }

  /** Each user's current segment id (-1 before the first model). */
  public int[] segments() {
    return segments.clone();
  }
}
