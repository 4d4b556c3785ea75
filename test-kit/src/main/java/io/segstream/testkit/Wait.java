package io.segstream.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for a condition, never for a fixed time: tests on a busy machine take as long as they need, up to a bound. */
public final class Wait {
  private Wait() {}

  /** Polls {@code condition} until it holds; fails with {@code what} after {@code atMost}. */
  public static void until(final Duration atMost, final String what, final Callable<Boolean> condition) {
    await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition);
  }
}
