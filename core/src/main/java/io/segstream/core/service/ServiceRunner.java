package io.segstream.core.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every segstream process runs its services, so the streams app, the text stage and the updater start, stop,
 * fail and log alike: each service is started through {@link #start} (one log line with the time it took; if one
 * fails to start, those already started are stopped again), the process then waits for SIGTERM or Ctrl-C (or a
 * deadline) in {@link #awaitShutdown}, and stops the services in reverse order, one log line each. A shutdown hook
 * keeps the JVM alive until that clean stop has finished, so Ctrl-C never cuts a transaction or a state flush
 * short. A thread that dies of an error nobody handled is logged as an ERROR with its name instead of vanishing.
 *
 * <p>The services themselves stay free of process concerns (signals, hooks, exit), so tests and the demo run them
 * in-process the same way.
 */
public final class ServiceRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);
  /** How long the shutdown hook holds the JVM for the clean stop. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(90);

  private final String process;
  private final Deque<Running> running = new ArrayDeque<>();

  private record Running(String name, AutoCloseable service) {}

  /** @param process what the process is, for the log (e.g. {@code segstream streams}) */
  public ServiceRunner(final String process) {
    this.process = Objects.requireNonNull(process, "process");
    if (Thread.getDefaultUncaughtExceptionHandler() == null) {
      Thread.setDefaultUncaughtExceptionHandler((t, e) ->
          LOG.error("thread '{}' died of an unhandled error", t.getName(), e));
    }
  }

  /**
   * Starts a service (or anything the process must close when it stops, such as an HTTP server) and takes charge
   * of stopping it.
   *
   * @param name    what it is, for the log
   * @param starter starts it and returns it running
   * @throws RuntimeException whatever {@code starter} threw, after stopping the services started before it
   */
  public synchronized <S extends AutoCloseable> S start(final String name, final Supplier<S> starter) {
    final long began = System.nanoTime();
    final S service;
    try {
      service = Objects.requireNonNull(starter.get(), name);
    } catch (final RuntimeException e) {
      LOG.warn("{} did not start ({}); stopping what did", name, e.getMessage());
      close();
      throw e;
    }
    running.push(new Running(name, service));
    LOG.info("{} started in {} ms", name, (System.nanoTime() - began) / 1_000_000);
    return service;
  }

  /** Blocks until SIGTERM or Ctrl-C, then stops every service. Returns the process's exit status (0). */
  public int awaitShutdown() throws InterruptedException {
    return awaitShutdown(-1, () -> { });
  }

  /**
   * Blocks until SIGTERM or Ctrl-C, or until {@code seconds} passed (if not negative), then runs {@code beforeStop}
   * (e.g. a closing report while everything still runs) and stops every service in reverse start order.
   *
   * @return the process's exit status (0)
   */
  public int awaitShutdown(final long seconds, final Runnable beforeStop) throws InterruptedException {
    final CountDownLatch signalled = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final Thread hook = new Thread(() -> {
      signalled.countDown();
      try {
        stopped.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS); // keep the JVM alive until the clean stop is done
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
    LOG.info("{}: stopping ({})", process, signalled.getCount() == 0 ? "signal" : "after " + seconds + " s");
    try {
      beforeStop.run();
    } finally {
      close();
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (final IllegalStateException e) {
        // already shutting down because of the signal: the hook is running and now returns
      }
    }
    return 0;
  }

  /** Stops every service started so far, the last started first; a failure to stop one is logged, not thrown. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      final Running r = running.pop();
      final long began = System.nanoTime();
      try {
        r.service().close();
        LOG.info("{} stopped in {} ms", r.name(), (System.nanoTime() - began) / 1_000_000);
      } catch (final Exception e) {
        LOG.warn("{} did not stop cleanly", r.name(), e);
      }
    }
  }
}
