package io.segstream.ingest.send;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Replays in event time with the gaps compressed: an event {@code d} after the first one is sent {@code d /
 * speedup} after the replay started. Without a speedup, it never waits (as fast as the cluster takes it).
 * The events keep their historical timestamps either way; only the sending is paced.
 */
public final class EventTimePacer {
  /** Sleeping, abstracted so tests can advance a fake clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private static final long MAX_NAP_MILLIS = 200;

  private final double speedup;
  private final LongSupplier wallClock;
  private final Sleeper sleeper;
  private long firstEventMillis = Long.MIN_VALUE;
  private long startedAtMillis;

  private EventTimePacer(final double speedup, final LongSupplier wallClock, final Sleeper sleeper) {
    this.speedup = speedup;
    this.wallClock = wallClock;
    this.sleeper = sleeper;
  }

  public static EventTimePacer unpaced() {
    return new EventTimePacer(Double.POSITIVE_INFINITY, System::currentTimeMillis, Thread::sleep);
  }

  /** @param speedup how many times faster than real time; must be positive */
  public static EventTimePacer compressed(final double speedup) {
    return compressed(speedup, System::currentTimeMillis, Thread::sleep);
  }

  public static EventTimePacer compressed(final double speedup, final LongSupplier wallClock, final Sleeper sleeper) {
    if (!(speedup > 0) || Double.isNaN(speedup)) {
      throw new IllegalArgumentException("speedup must be positive, was " + speedup);
    }
    return new EventTimePacer(speedup, wallClock, sleeper);
  }

  /** Returns when the event at {@code eventTime} is due. An event earlier than its predecessors is due at once. */
  public void awaitTurn(final Instant eventTime) throws InterruptedException {
    if (Double.isInfinite(speedup)) {
      return;
    }
    final long t = eventTime.toEpochMilli();
    if (firstEventMillis == Long.MIN_VALUE) {
      firstEventMillis = t;
      startedAtMillis = wallClock.getAsLong();
      return;
    }
    final long due = startedAtMillis + (long) ((t - firstEventMillis) / speedup);
    long now;
    while ((now = wallClock.getAsLong()) < due) {
      sleeper.sleep(Math.min(MAX_NAP_MILLIS, due - now));
    }
  }
}
