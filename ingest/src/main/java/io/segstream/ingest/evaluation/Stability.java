package io.segstream.ingest.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import smile.validation.metric.AdjustedRandIndex;

/** Whether the same data gives the same segments: agreement of two runs' partitions of the same users. */
public final class Stability {
  private Stability() {}

  /**
   * Adjusted Rand index over the users both runs assigned (1 = the same partition, whatever the segment ids;
   * 0 = chance). NaN with fewer than two such users.
   */
  public static double adjustedRand(final Map<String, Integer> first, final Map<String, Integer> second) {
    final List<Integer> a = new ArrayList<>();
    final List<Integer> b = new ArrayList<>();
    first.forEach((user, segment) -> {
      final Integer other = second.get(user);
      if (segment >= 0 && other != null && other >= 0) {
        a.add(segment);
        b.add(other);
      }
    });
    return a.size() < 2 ? Double.NaN : AdjustedRandIndex.of(a.stream().mapToInt(Integer::intValue).toArray(),
        b.stream().mapToInt(Integer::intValue).toArray());
  }
}
