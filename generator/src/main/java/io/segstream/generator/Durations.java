package io.segstream.generator;

/** Millisecond constants for simulated time, which is kept as epoch millis throughout. */
final class Durations {
  static final long SECOND = 1_000L;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;

  private Durations() {}
}
