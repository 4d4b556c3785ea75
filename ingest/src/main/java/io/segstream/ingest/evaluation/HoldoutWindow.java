package io.segstream.ingest.evaluation;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where the history ends and how far the outcomes reach: segments are made from events before {@code cutoff};
 * outcomes are read from events in [cutoff, cutoff + horizon).
 */
public record HoldoutWindow(Instant cutoff, Duration horizon) {
  public HoldoutWindow {
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("the horizon must be positive, was " + horizon);
    }
  }

  public Instant end() {
    return cutoff.plus(horizon);
  }

  public boolean isHistory(final Instant t) {
    return t.isBefore(cutoff);
  }

  public boolean isOutcome(final Instant t) {
    return !t.isBefore(cutoff) && t.isBefore(end());
  }

  /**
   * @param cutoff an ISO date (midnight UTC, e.g. 2011-06-01) or instant (2011-06-01T00:00:00Z)
   * @throws IllegalArgumentException saying which forms are understood
   */
  public static Instant parseCutoff(final String cutoff) {
    try {
      return cutoff.contains("T") ? Instant.parse(cutoff) : LocalDate.parse(cutoff).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (final DateTimeException e) {
      throw new IllegalArgumentException("'" + cutoff + "' is neither a date like 2011-06-01 nor an instant like"
          + " 2011-06-01T00:00:00Z");
    }
  }
}
