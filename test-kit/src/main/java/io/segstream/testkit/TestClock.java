package io.segstream.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The one clock tests move by hand: a {@link Clock} for code that takes one, and {@link #millis()} as a
 * {@link LongSupplier} for code that takes a wall clock in milliseconds. Thread-safe.
 */
public final class TestClock extends Clock implements LongSupplier {
  private final AtomicLong now;

  public TestClock(final Instant start) {
    this.now = new AtomicLong(start.toEpochMilli());
  }

  public void advance(final Duration by) {
    now.addAndGet(by.toMillis());
  }

  public void set(final Instant to) {
    now.set(to.toEpochMilli());
  }

  @Override
  public long millis() {
    return now.get();
  }

  @Override
  public long getAsLong() {
    return now.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(now.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(final ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("the test clock runs in UTC");
    }
    return this;
  }
}
