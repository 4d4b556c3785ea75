package io.segstream.streams.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest event time this instance has seen, across tasks. Features are evaluated "now" in event
 * time, so a replay of last year's data does not make every user look a year inactive.
 */
public final class StreamTime {
  private final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);

  public void observe(final long eventTime) {
    latest.accumulateAndGet(eventTime, Math::max);
  }

  /** The latest event time, or the given fallback if nothing was seen yet. */
  public long nowOr(final long fallback) {
    final long l = latest.get();
    return l == Long.MIN_VALUE ? fallback : l;
  }
}
