package io.segstream.updater;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the updater waits before trying again after a failure it cannot fix itself (Kafka unreachable, a
 * topic missing, a publication that failed): {@code first}, then twice as long after each further failure in a
 * row, at most {@code max}. Short first waits heal a blip quickly; the cap keeps a long outage from turning into
 * a retry storm, and an operator reading the log sees the next attempt within {@code max}.
 *
 * @param first the wait after the first failure
 * @param max   the longest wait
 */
record RetryBackoff(Duration first, Duration max) {
  /** 1 s, 2 s, 4 s, 8 s, 16 s, then 30 s. */
  static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  /** Doublings after which the wait stops growing (before the cap), so the shift cannot overflow. */
  private static final int MAX_DOUBLINGS = 5;

  RetryBackoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= first <= max, got " + first + " and " + max);
    }
  }

  /** The wait after {@code failures} failures in a row (1 for the first). */
  Duration after(final int failures) {
    final long millis = first.toMillis() << Math.min(Math.max(failures, 1) - 1, MAX_DOUBLINGS);
    return Duration.ofMillis(Math.min(max.toMillis(), millis));
  }
}
