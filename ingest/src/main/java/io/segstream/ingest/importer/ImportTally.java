package io.segstream.ingest.importer;

import io.segstream.avro.EventType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records read, events by type, rejected records and the first few reasons. */
public final class ImportTally {
  private static final int EXAMPLES = 10;
  private final Map<EventType, Long> events = new EnumMap<>(EventType.class);
  private final Map<String, Long> rejectedByField = new TreeMap<>();
  private final List<String> examples = new ArrayList<>();
  private long rejected;
  private long rejectedLines;

  public void accepted(final EventType t) {
    events.merge(t, 1L, Long::sum);
  }

  public void rejected(final ParsedEvent.Invalid bad) {
    rejected++;
    rejectedLines += bad.lines();
    rejectedByField.merge(bad.field().isEmpty() ? "(record)" : bad.field().replaceAll("\\[\\d+]", "[]"), 1L, Long::sum);
    if (examples.size() < EXAMPLES) {
      examples.add(bad.describe());
    }
  }

  public long events() {
    return events.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<EventType, Long> eventsByType() {
    return new EnumMap<>(events);
  }

  public long rejected() {
    return rejected;
  }

  /** Lines of the file in rejected records (a rejected CSV order counts all its rows). */
  public long rejectedLines() {
    return rejectedLines;
  }

  /** Rejections by the field at fault (item indexes folded: items[].quantity). */
  public Map<String, Long> rejectedByField() {
    return Map.copyOf(rejectedByField);
  }

  public List<String> examples() {
    return List.copyOf(examples);
  }
}
