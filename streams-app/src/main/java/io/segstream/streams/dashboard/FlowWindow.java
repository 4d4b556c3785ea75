package io.segstream.streams.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of changes from one segment to another, by reason, in one-minute buckets of the time the change was
 * computed (its {@code emittedAt}, wall clock: a replay of old events still shows up as "now"). Keeps a bounded
 * number of minutes, so a query for the last N minutes is a sum over at most N buckets.
 */
final class FlowWindow {
  private static final long MINUTE = 60_000;

  private record Key(int from, int to, String reason) {}

  private final int keepMinutes;
  private final TreeMap<Long, Map<Key, Long>> buckets = new TreeMap<>();
  private final Map<Integer, String> labels = new HashMap<>();

  FlowWindow(final int keepMinutes) {
    this.keepMinutes = keepMinutes;
  }

  synchronized void add(final ChangeView c) {
    final long minute = Math.floorDiv(c.emittedAtMs(), MINUTE);
    buckets.computeIfAbsent(minute, m -> new HashMap<>()).merge(new Key(c.from(), c.to(), c.reason()), 1L, Long::sum);
    if (!c.fromLabel().isEmpty()) {
      labels.put(c.from(), c.fromLabel());
    }
    if (!c.toLabel().isEmpty()) {
      labels.put(c.to(), c.toLabel());
    }
    final long oldest = buckets.lastKey() - keepMinutes;
    buckets.headMap(oldest, false).clear();
  }

  /** The changes of the last {@code minutes} minutes up to {@code nowMs}, one cell per (from, to) pair, biggest first. */
  synchronized List<Flow> since(final long nowMs, final int minutes) {
    final long first = Math.floorDiv(nowMs, MINUTE) - minutes + 1;
    final Map<Long, Map<String, Long>> byPair = new HashMap<>();
    for (final Map<Key, Long> bucket : buckets.tailMap(first, true).values()) {
      bucket.forEach((k, n) -> byPair.computeIfAbsent(((long) k.from() << 32) | (k.to() & 0xffffffffL),
          p -> new TreeMap<>()).merge(k.reason(), n, Long::sum));
    }
    final List<Flow> out = new ArrayList<>();
    byPair.forEach((pair, reasons) -> {
      final int from = (int) (pair >> 32);
      final int to = (int) (long) pair;
      out.add(new Flow(from, labels.getOrDefault(from, ""), to, labels.getOrDefault(to, ""),
          reasons.values().stream().mapToLong(Long::longValue).sum(), reasons));
    });
    out.sort(Comparator.comparingLong(Flow::total).reversed().thenComparingInt(Flow::from).thenComparingInt(Flow::to));
    return out;
  }
}
