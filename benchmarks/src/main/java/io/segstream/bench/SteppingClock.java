package io.segstream.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told, so a publication policy in seconds runs on simulated time. */
final class SteppingClock extends Clock {
  private Instant now;

  SteppingClock(final Instant start) {
    this.now = start;
  }

  void advance(final Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(final ZoneId zone) {
    return this;
  }
}
