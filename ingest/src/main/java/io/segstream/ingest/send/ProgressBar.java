package io.segstream.ingest.send;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows an import's progress: a bar redrawn in place on a terminal, a line every few seconds otherwise
 * (logs and CI output should not fill with carriage returns).
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 24;
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private volatile ProgressSnapshot latest = ProgressSnapshot.START;
  private final boolean terminal;
  private final String unit;
  private final ScheduledExecutorService timer;
  private long lastAt = System.nanoTime();
  private long lastAcked;
  private double rate;

  private ProgressBar(final PrintStream out, final boolean terminal, final String unit) {
    this.out = out;
    this.terminal = terminal;
    this.unit = unit;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "segstream-progress");
      t.setDaemon(true);
      return t;
    });
  }

  /** @param unit what the input counts ("rows", "lines") */
  public static ProgressBar start(final PrintStream out, final String unit) {
    final boolean terminal = System.console() != null && System.console().isTerminal();
    final ProgressBar bar = new ProgressBar(out, terminal, unit);
    final long period = terminal ? 500 : 5_000;
    bar.timer.scheduleAtFixedRate(bar::draw, period, period, TimeUnit.MILLISECONDS);
    return bar;
  }

  /** Called by the importing thread whenever it has moved on; drawn by the timer. */
  public void update(final ProgressSnapshot s) {
    latest = s;
  }

  private synchronized void draw() {
    final String line = render(latest);
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
    } else {
      out.println(line);
    }
    out.flush();
  }

  synchronized String render(final ProgressSnapshot s) {
    final long now = System.nanoTime();
    final double seconds = (now - lastAt) / 1e9;
    if (seconds > 0.2) {
      rate = (s.sent().acknowledged() - lastAcked) / seconds;
      lastAt = now;
      lastAcked = s.sent().acknowledged();
    }
    return format(s, rate, unit);
  }

  /** One progress line; the rate is acknowledged events per second. */
  static String format(final ProgressSnapshot s, final double eventsPerSecond, final String unit) {
    final int filled = (int) Math.round(Math.max(0, Math.min(1, s.fractionRead())) * WIDTH);
    return String.format(Locale.ROOT, "[%s%s] %3.0f%% %s %,d (skipped %,d) | events %,d sent, %,d acked, %,d failed"
            + " (%,.0f/s) | event time %s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), s.fractionRead() * 100, unit, s.records(), s.skipped(),
        s.sent().sent(), s.sent().acknowledged(), s.sent().failed(), eventsPerSecond,
        s.eventTime().map(EVENT_TIME::format).map(t -> t + " UTC").orElse("-"));
  }

  /** Stops the updates and leaves the final state on its own line. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw();
    if (terminal) {
      out.println();
    }
  }
}
