package io.segstream.cli;

import io.segstream.core.fit.FitProgress;
import java.io.PrintStream;
import java.util.Locale;

/** Progress of a fit on stderr: every new step at once, running counts at most once a second. */
final class FitProgressPrinter implements FitProgress {
  private static final long EVERY_NANOS = 1_000_000_000L;

  private final PrintStream err;
  private final String file;
  private final long started = System.nanoTime();
  private long lastPrinted = started;

  FitProgressPrinter(final PrintStream err, final String file) {
    this.err = err;
    this.file = file;
  }

  @Override
  public void reading(final long rows, final double share) {
    if (due()) {
      print(String.format(Locale.ROOT, "reading %s: %,d rows (%.0f%%)", file, rows, 100 * share));
    }
  }

  @Override
  public void fitting(final String step) {
    print(step);
  }

  @Override
  public void training(final long batches, final long total) {
    if (due() || batches == total) {
      print(String.format(Locale.ROOT, "online: mini-batch %,d of %,d", batches, total));
    }
  }

  void print(final String line) {
    lastPrinted = System.nanoTime();
    err.printf(Locale.ROOT, "[%5.1f s] %s%n", (lastPrinted - started) / 1e9, line);
  }

  private boolean due() {
    return System.nanoTime() - lastPrinted >= EVERY_NANOS;
  }
}
