package io.segstream.generator;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/** Waits for wall-clock instants, in short naps so a stop request is noticed promptly. */
final class Pacer {
  /** Sleeping, abstracted so tests can advance a fake clock instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private static final long MAX_NAP_MILLIS = 100;

  private final Clock clock;
  private final Sleeper sleeper;

  Pacer(final Clock clock, final Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Returns once the clock reaches {@code dueMillis}: true, or false if {@code giveUp} said so first.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  boolean awaitUntil(final long dueMillis, final BooleanSupplier giveUp) throws InterruptedException {
    long now;
    while ((now = clock.millis()) < dueMillis) {
      if (giveUp.getAsBoolean()) {
        return false;
      }
      sleeper.sleep(Math.min(MAX_NAP_MILLIS, dueMillis - now));
    }
    return true;
  }

  long millis() {
    return clock.millis();
  }
}
