package io.segstream.generator;

import java.time.Clock;

/** Events per second over the last few complete seconds; cheap enough to tick on every event. */
final class RateMeter {
  private static final int WINDOW_SECONDS = 5;

  private final Clock clock;
  private final long[] counts = new long[WINDOW_SECONDS + 1];
  private final long[] seconds = new long[WINDOW_SECONDS + 1];
  private long firstSecond = -1;

  RateMeter(final Clock clock) {
    this.clock = clock;
  }

  synchronized void record(final int events) {
    final long second = clock.millis() / 1000;
    if (firstSecond < 0) {
      firstSecond = second;
    }
    final int slot = (int) (second % counts.length);
    if (seconds[slot] != second) {
      seconds[slot] = second;
      counts[slot] = 0;
    }
    counts[slot] += events;
  }

  /** Average over the last complete seconds (the current one is still filling), up to the window. */
  synchronized double perSecond() {
    if (firstSecond < 0) {
      return 0;
    }
    final long now = clock.millis() / 1000;
    final long span = Math.min(WINDOW_SECONDS, now - firstSecond);
    if (span <= 0) {
      return 0;
    }
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (seconds[i] >= now - span && seconds[i] < now) {
        sum += counts[i];
      }
    }
    return sum / (double) span;
  }
}
