package io.segstream.core.assign;

import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.util.List;

/**
 * Nearest centre in standardised space, with hysteresis: a user already in a live segment moves only if
 * the nearest centre is closer than (1 - hysteresis) × the distance to the current one, so users near a
 * border do not flap between segments as their features jitter.
 */
public final class SegmentAssigner {
  private final double hysteresis;

  /**
   * @param segmentId the segment the user is in after this call
   * @param distance distance (standardised) to that segment's centre
   * @param runnerUpId the closest other segment (-1 with a single segment)
   */
  public record Assignment(int segmentId, double distance, int nearestId, double nearestDistance, int runnerUpId,
      double runnerUpDistance, double[] distances) {}

  public SegmentAssigner(final double hysteresis) {
    if (hysteresis < 0 || hysteresis >= 1) {
      throw new IllegalArgumentException("hysteresis must be in [0, 1), was " + hysteresis);
    }
    this.hysteresis = hysteresis;
  }

  /**
   * @param vector the user's clustering vector (transformed, not standardised), of the model's feature set
   * @param currentSegmentId the user's segment, or a negative number if none
   */
  public Assignment assign(final Segmentation model, final double[] vector, final int currentSegmentId) {
    return assign(model, vector, currentSegmentId, Long.MAX_VALUE);
  }

  /**
   * As {@link #assign(Segmentation, double[], int)}; hysteresis holds the user in their segment only if they were
   * assigned under a version of the model from {@link Segmentation#freshFromVersion()} on.
   *
   * @param assignedUnderVersion the model version of the user's current assignment
   */
  public Assignment assign(final Segmentation model, final double[] vector, final int currentSegmentId,
      final long assignedUnderVersion) {
    if (vector.length != model.featureNames().size()) {
      throw new IllegalArgumentException("vector has " + vector.length + " features, model " + model.featureNames().size());
    }
    final double[] z = model.scaler().transform(vector);
    final List<Segment> segments = model.segments();
    final double[] dist = new double[segments.size()];
    int nearest = -1;
    int second = -1;
    int current = -1;
    for (int i = 0; i < dist.length; i++) {
      dist[i] = Math.sqrt(DistanceKernel.squared(z, segments.get(i).centroid()));
      if (nearest < 0 || dist[i] < dist[nearest]) {
        second = nearest;
        nearest = i;
      } else if (second < 0 || dist[i] < dist[second]) {
        second = i;
      }
      if (segments.get(i).id() == currentSegmentId && assignedUnderVersion >= model.freshFromVersion()) {
        current = i;
      }
    }
    final int chosen = current >= 0 && dist[nearest] >= (1.0 - hysteresis) * dist[current] ? current : nearest;
    return new Assignment(segments.get(chosen).id(), dist[chosen], segments.get(nearest).id(), dist[nearest],
        second < 0 ? -1 : segments.get(second).id(), second < 0 ? Double.NaN : dist[second], dist);
  }
}
