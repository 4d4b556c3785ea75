package io.segstream.ingest.rfm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import smile.validation.metric.AdjustedRandIndex;

/** How much the system's partition of customers agrees with a partition derived from their RFM scores. */
final class Agreement {
  private Agreement() {}

  /**
   * Adjusted Rand index (1 = the same partition, 0 = chance) over the customers the system lists.
   *
   * @param rfmSide which RFM partition: the segment, or one score alone
   */
  static double adjustedRand(final List<RfmScore> scores, final Map<String, String> systemLabel,
      final ToIntFunction<RfmScore> rfmSide) {
    final Map<String, Integer> ids = new HashMap<>();
    final List<Integer> a = new ArrayList<>();
    final List<Integer> b = new ArrayList<>();
    for (final RfmScore s : scores) {
      final String label = systemLabel.get(s.customer().userId());
      if (label != null) {
        a.add(ids.computeIfAbsent(label, k -> ids.size()));
        b.add(rfmSide.applyAsInt(s));
      }
    }
    return a.size() < 2 ? Double.NaN : AdjustedRandIndex.of(a.stream().mapToInt(Integer::intValue).toArray(),
        b.stream().mapToInt(Integer::intValue).toArray());
  }
}
