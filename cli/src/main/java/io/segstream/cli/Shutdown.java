package io.segstream.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Blocks until Ctrl-C / SIGTERM (or a deadline), then runs the given shutdown once, in order. */
final class Shutdown {
  private Shutdown() {}

  static int awaitSignal(final Runnable stop) throws InterruptedException {
    return await(stop, -1);
  }

  /** @param seconds how long to run; negative = until a signal */
  static int await(final Runnable stop, final long seconds) throws InterruptedException {
    final CountDownLatch signalled = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final Thread hook = new Thread(() -> {
      signalled.countDown();
      try {
        stopped.await(90, TimeUnit.SECONDS); // keep the JVM alive until the clean shutdown has finished
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "segstream-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (seconds < 0) {
      signalled.await();
    } else {
      signalled.await(seconds, TimeUnit.SECONDS);
    }
    try {
      stop.run();
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (final IllegalStateException e) {
        // already shutting down because of the signal: the hook is running and now returns
      }
    }
    return 0;
  }
}
