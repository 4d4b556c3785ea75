package io.segstream.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.generator.TrafficProducer;
import io.segstream.generator.TrafficSnapshot;
import io.segstream.streams.StreamsApp;
import io.segstream.updater.ModelUpdater;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The demo's console: one status line every few seconds, and the segment table whenever the model changes. */
final class DemoProgress {
  private final PrintStream out;
  private final MeterRegistry metrics;
  private final StreamsApp app;
  private final ModelUpdater updater;
  private final TrafficProducer traffic;
  private final long startedAt;
  private long lastAt;
  private double lastEvents;
  private double lastChanges;
  private long shownVersion;
  private long firstModelAtMillis = -1;

  DemoProgress(final PrintStream out, final MeterRegistry metrics, final StreamsApp app, final ModelUpdater updater,
      final TrafficProducer traffic, final long startedAt) {
    this.out = out;
    this.metrics = metrics;
    this.app = app;
    this.updater = updater;
    this.traffic = traffic;
    this.startedAt = startedAt;
    this.lastAt = startedAt;
  }

  /** Sum of a counter over all its tags. */
  private double total(final String name) {
    return Search.in(metrics).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  void print() {
    final long now = System.currentTimeMillis();
    final double events = total("segstream.events");
    final double changes = total("segstream.segment.changes");
    final double rejected = total("segstream.events.rejected");
    final double seconds = Math.max(0.001, (now - lastAt) / 1000.0);
    final TrafficSnapshot sent = traffic.snapshot();
    long users = 0;
    try {
      users = app.queries().localUserCount();
    } catch (final RuntimeException e) {
      // stores restoring: show 0 this time
    }
    final Optional<Segmentation> model = currentModel();
    final String modelText = model.map(m -> String.format(Locale.ROOT, "model v%d k=%d (%,d vectors)", m.version(),
        m.k(), m.trainedVectors())).orElse(updater.state() == ModelUpdater.State.ACTIVE
            ? "model: bootstrapping" : "model: waiting (" + updater.state().name().toLowerCase(Locale.ROOT) + ")");
    out.printf(Locale.ROOT, "[%4ds] %s | sent %,d (%,.0f/s) | processed %,d (%,.0f/s) | users ~%,d | %s | changes %,d (%,.0f/s) | dead letters %,d%n",
        (now - startedAt) / 1000, sent.progress().phase().name().toLowerCase(Locale.ROOT), sent.sent(),
        sent.eventsPerSecond(), (long) events, (events - lastEvents) / seconds, users, modelText, (long) changes,
        (changes - lastChanges) / seconds, (long) rejected);
    lastAt = now;
    lastEvents = events;
    lastChanges = changes;
    model.ifPresent(m -> {
      if (firstModelAtMillis < 0) {
        if (m.publishedAt().toEpochMilli() < startedAt) {
          firstModelAtMillis = 0;
          out.printf(Locale.ROOT, "resumed with model v%d, published %s%n", m.version(), m.publishedAt());
        } else {
          firstModelAtMillis = m.publishedAt().toEpochMilli() - startedAt;
          out.printf(Locale.ROOT, "first model published %.1f s after start%n", firstModelAtMillis / 1000.0);
        }
      }
      if (m.version() != shownVersion) {
        shownVersion = m.version();
        printSegments(m);
      }
    });
  }

  private Optional<Segmentation> currentModel() {
    try {
      return app.queries().model();
    } catch (final RuntimeException e) {
      return Optional.empty();
    }
  }

  private void printSegments(final Segmentation m) {
    Map<Integer, Long> sizes = Map.of();
    try {
      sizes = app.queries().localSizes();
    } catch (final RuntimeException e) {
      // not queryable right now: sizes show as 0
    }
    out.printf(Locale.ROOT, "  segments of model v%d (inertia %.2f):%n", m.version(), m.inertia());
    for (final Segment s : m.segments()) {
      out.printf(Locale.ROOT, "    #%-3d %-30s %7d users  %s%n", s.id(), s.label(), sizes.getOrDefault(s.id(), 0L),
          s.description());
    }
  }

  long firstModelAtMillis() {
    return firstModelAtMillis;
  }
}
