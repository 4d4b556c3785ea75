package io.segstream.ingest.retail;

import io.segstream.avro.EventType;
import io.segstream.avro.UserEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What became of every row: in an event, or skipped for one reason. {@code rowsRead == rowsInEvents +
 * skipped()} always holds, which is what makes the table at the end trustworthy.
 */
public final class RetailTally {
  private long rowsRead;
  private long rowsInEvents;
  private long mergedRows;
  private long purchases;
  private long returns;
  private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
  private final Set<String> users = new HashSet<>();
  private Instant firstEvent;
  private Instant lastEvent;
  private final List<String> malformedExamples = new ArrayList<>();

  void read() {
    rowsRead++;
  }

  void malformed(final long line, final String problem) {
    skip(SkipReason.MALFORMED, 1);
    if (malformedExamples.size() < 5) {
      malformedExamples.add("line " + line + ": " + problem);
    }
  }

  void skip(final SkipReason why, final long rows) {
    skipped.merge(why, rows, Long::sum);
  }

  void mapped(final UserEvent e, final int rows, final int merged) {
    rowsInEvents += rows;
    mergedRows += merged;
    if (e.getType() == EventType.PURCHASE) {
      purchases++;
    } else {
      returns++;
    }
    users.add(e.getUserId());
    if (firstEvent == null || e.getTimestamp().isBefore(firstEvent)) {
      firstEvent = e.getTimestamp();
    }
    if (lastEvent == null || e.getTimestamp().isAfter(lastEvent)) {
      lastEvent = e.getTimestamp();
    }
  }

  public long rowsRead() {
    return rowsRead;
  }

  public long rowsInEvents() {
    return rowsInEvents;
  }

  /** Rows that went into an event but were added to an earlier line of the same product and price. */
  public long mergedRows() {
    return mergedRows;
  }

  public long purchases() {
    return purchases;
  }

  public long returns() {
    return returns;
  }

  public long events() {
    return purchases + returns;
  }

  public long skipped(final SkipReason why) {
    return skipped.getOrDefault(why, 0L);
  }

  public long skipped() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Skip counts in the reasons' declaration order, only reasons that occurred. */
  public Map<SkipReason, Long> skippedByReason() {
    return new EnumMap<>(skipped);
  }

  /** Distinct users that got at least one event. */
  public int users() {
    return users.size();
  }

  /** The first few malformed rows and what was wrong with them. */
  public List<String> malformedExamples() {
    return List.copyOf(malformedExamples);
  }

  public Optional<Instant> firstEventTime() {
    return Optional.ofNullable(firstEvent);
  }

  public Optional<Instant> lastEventTime() {
    return Optional.ofNullable(lastEvent);
  }
}
