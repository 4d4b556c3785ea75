package io.segstream.streams.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Segment sizes per minute, with the model version they were counted under, for the dashboard's sparklines. Kept in
 * memory for a day (1,440 points; a restarted instance starts over): a sample taken within a minute replaces the
 * minute's previous one, so each minute holds the last sizes seen in it.
 */
final class SizeHistory {
  private static final long MINUTE = 60_000;

  private final int keepMinutes;
  private final TreeMap<Long, SizePoint> points = new TreeMap<>();

  SizeHistory(final int keepMinutes) {
    this.keepMinutes = keepMinutes;
  }

  synchronized void record(final long nowMs, final long modelVersion, final Map<Integer, Long> sizes) {
    final long minute = Math.floorDiv(nowMs, MINUTE);
    points.put(minute, new SizePoint(ChangeView.iso(minute * MINUTE), modelVersion, Map.copyOf(sizes)));
    points.headMap(minute - keepMinutes, false).clear();
  }

  /** The points of the last {@code minutes} minutes up to {@code nowMs}, oldest first. */
  synchronized List<SizePoint> since(final long nowMs, final int minutes) {
    return new ArrayList<>(points.tailMap(Math.floorDiv(nowMs, MINUTE) - minutes + 1, true).values());
  }

  /** @param sizes users per segment id, over all instances */
  record SizePoint(String minute, long modelVersion, Map<Integer, Long> sizes) {}
}
