package io.segstream.ingest.rfm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of users by (system segment, RFM segment), and how much the two partitions agree.
 *
 * @param rows system segment label → RFM segment → users
 */
public record CrossTab(Map<String, Map<RfmSegment, Long>> rows, double adjustedRandIndex, long users) {

  /**
   * @param systemLabel user → the label of their system segment (users missing here are left out)
   */
  public static CrossTab of(final List<RfmScore> scores, final Map<String, String> systemLabel,
      final List<String> rowOrder) {
    final Map<String, Map<RfmSegment, Long>> rows = new LinkedHashMap<>();
    rowOrder.forEach(r -> rows.put(r, new LinkedHashMap<>()));
    long users = 0;
    for (final RfmScore s : scores) {
      final String label = systemLabel.get(s.customer().userId());
      if (label != null) {
        rows.computeIfAbsent(label, k -> new LinkedHashMap<>()).merge(s.segment(), 1L, Long::sum);
        users++;
      }
    }
    final double ari = Agreement.adjustedRand(scores, systemLabel, s -> s.segment().ordinal());
    return new CrossTab(rows, ari, users);
  }

  public long count(final String row, final RfmSegment column) {
    return rows.getOrDefault(row, Map.of()).getOrDefault(column, 0L);
  }

  public long rowTotal(final String row) {
    return rows.getOrDefault(row, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  public long columnTotal(final RfmSegment column) {
    return rows.values().stream().mapToLong(m -> m.getOrDefault(column, 0L)).sum();
  }
}
