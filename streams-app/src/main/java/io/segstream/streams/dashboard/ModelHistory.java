package io.segstream.streams.dashboard;

import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The model versions this instance has seen since it started, for the health panel's inertia and drift over
 * versions. The model topic is compacted to the latest version, so history exists only from watching it; versions
 * published between two samples are missed, which the chart shows as gaps in the version numbers.
 */
final class ModelHistory {
  private final int keep;
  private final TreeMap<Long, ModelPoint> versions = new TreeMap<>();

  ModelHistory(final int keep) {
    this.keep = keep;
  }

  synchronized void record(final Segmentation m) {
    if (versions.containsKey(m.version())) {
      return;
    }
    double max = 0;
    for (final Segment s : m.segments()) {
      max = Math.max(max, s.movement());
    }
    versions.put(m.version(), new ModelPoint(m.version(), m.generation(), m.publishedAt().toString(), m.k(),
        m.inertia(), m.trainedVectors(), max));
    while (versions.size() > keep) {
      versions.pollFirstEntry();
    }
  }

  synchronized List<ModelPoint> all() {
    return new ArrayList<>(versions.values());
  }

  /** @param maxDrift the largest distance (standardised) a centre moved since the previous publication */
  record ModelPoint(long version, int generation, String publishedAt, int k, double inertia, long trainedVectors,
      double maxDrift) {}
}
