package io.segstream.updater;

import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What the last publication said, and so what the next one must say: the centres, labels and birth versions the
 * streams app last saw, when that was, and what was trained since. It is the one place that measures how far a
 * centre moved since the last publication; the publish decision, the published segments' {@code movement} and
 * the drift metric all read it here, so they cannot disagree.
 *
 * <p>Positions are standardised in the trainer's current scaler; when the trainer changes scaler it re-expresses
 * the published centres through {@link #rescale}. Not thread-safe: owned by one {@link ModelTrainer}.
 */
final class PublicationTracker {
  private Map<Integer, double[]> centres = Map.of();
  private Map<Integer, String> labels = Map.of();
  private final Map<Integer, Long> createdVersions = new HashMap<>();
  private Instant publishedAt;
  private long trainedSince;
  private boolean firstDue;
  private boolean refitUnpublished;
  private Segmentation last;

  /** A new generation starts: nothing of it was published yet. */
  void reset() {
    centres = Map.of();
    labels = Map.of();
    createdVersions.clear();
    firstDue = false;
    trainedSince = 0;
  }

  /** Continues after {@code model}, a publication made earlier (possibly by another updater). */
  void resumedFrom(final Segmentation model) {
    remember(model);
    firstDue = false;
    trainedSince = 0;
  }

  /** The last publication seen, whether or not the trainer continues from it (another feature set starts over). */
  void seen(final Segmentation model) {
    last = model;
  }

  /** A bootstrap fitted the generation's first centres on {@code vectors}: they are due at once. */
  void bootstrapped(final long vectors) {
    firstDue = true;
    trainedSince = vectors;
  }

  /** A refit on the population sample replaced the centres; {@code first} if it also ended a bootstrap. */
  void refitted(final boolean first) {
    if (first) {
      firstDue = true;
    }
    refitUnpublished = true;
  }

  void trained(final long points) {
    trainedSince += points;
  }

  /** {@code model} was published: it is what the next publication is measured against. */
  void published(final Segmentation model) {
    remember(model);
    firstDue = false;
    refitUnpublished = false;
    trainedSince = 0;
  }

  private void remember(final Segmentation model) {
    final Map<Integer, double[]> snapshot = new HashMap<>();
    final Map<Integer, String> newLabels = new HashMap<>();
    createdVersions.clear();
    for (final Segment s : model.segments()) {
      snapshot.put(s.id(), s.centroid());
      newLabels.put(s.id(), s.label());
      createdVersions.put(s.id(), s.createdVersion());
    }
    centres = snapshot;
    labels = newLabels;
    publishedAt = model.publishedAt();
    last = model;
  }

  /** Re-expresses the published centres after the trainer changed scaler (old standardised → new standardised). */
  void rescale(final UnaryOperator<double[]> toNewScale) {
    final Map<Integer, double[]> rescaled = new HashMap<>();
    centres.forEach((id, c) -> rescaled.put(id, toNewScale.apply(c)));
    centres = rescaled;
  }

  /**
   * Whether the current centres should be published at {@code now}: at once after a bootstrap; after a refit once
   * the minimum gap passed; otherwise, if something was trained and the gap passed, when the interval passed, a
   * centre was re-seeded (an id the last publication did not have) or one moved more than the policy's minimum.
   */
  boolean due(final Instant now, final ModelTrainer.PublishPolicy policy, final int[] ids, final double[][] current) {
    if (firstDue) {
      return true;
    }
    if (refitUnpublished) {
      return publishedAt == null || !now.isBefore(publishedAt.plus(policy.minGap()));
    }
    if (trainedSince == 0) {
      return false;
    }
    if (publishedAt == null) {
      return true;
    }
    if (now.isBefore(publishedAt.plus(policy.minGap()))) {
      return false;
    }
    if (!now.isBefore(publishedAt.plus(policy.interval()))) {
      return true;
    }
    return hasNewCentres(ids) || maxMovement(ids, current) > policy.minMovement();
  }

  /** Per segment id, the distance its centre moved since the last publication; 0 for a centre born since. */
  Map<Integer, Double> movementById(final int[] ids, final double[][] current) {
    final Map<Integer, Double> out = new TreeMap<>();
    for (int i = 0; i < ids.length; i++) {
      final double[] before = centres.get(ids[i]);
      out.put(ids[i], before == null ? 0.0 : Math.sqrt(DistanceKernel.squared(before, current[i])));
    }
    return out;
  }

  /** The largest of {@link #movementById}; 0 if there are no centres. */
  double maxMovement(final int[] ids, final double[][] current) {
    double max = 0;
    for (final double m : movementById(ids, current).values()) {
      max = Math.max(max, m);
    }
    return max;
  }

  private boolean hasNewCentres(final int[] ids) {
    if (centres.isEmpty()) {
      return false;
    }
    for (final int id : ids) {
      if (!centres.containsKey(id)) {
        return true;
      }
    }
    return false;
  }

  /** The label segment {@code id} was last published with; empty if it was not. */
  String label(final int id) {
    return labels.getOrDefault(id, "");
  }

  /** The version segment {@code id} was born in, or {@code next} for a segment this publication introduces. */
  long createdVersion(final int id, final long next) {
    return createdVersions.getOrDefault(id, next);
  }

  boolean firstDue() {
    return firstDue;
  }

  long trainedSince() {
    return trainedSince;
  }

  Optional<Segmentation> last() {
    return Optional.ofNullable(last);
  }
}
