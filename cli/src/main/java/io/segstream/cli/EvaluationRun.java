package io.segstream.cli;

import io.segstream.avro.UserEvent;
import io.segstream.avro.UserProfile;
import io.segstream.core.model.Segmentation;
import io.segstream.ingest.evaluation.SystemPartition;
import io.segstream.ingest.send.EventTimePacer;
import io.segstream.ingest.send.KafkaEventSink;
import io.segstream.ingest.send.SendStats;
import io.segstream.ingest.send.SinkUnavailableException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One evaluation run on a fresh system: send the history, wait until the system has settled, read the segments.
 *
 * <p>Settled means: every event sent has been taken in by the streams app; a model exists and every user is
 * assigned under its latest version (the sweep re-assigns everyone after a new model); and over {@code
 * settleWindow} (longer than the updater's publish interval) no more than {@code tolerance} of the users changed
 * segment. The updater keeps training on the sweep's samples after the replay, so new model versions keep
 * coming; what must stop is the segments moving. Only then does the partition not depend on when it was read.
 */
final class EvaluationRun {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

  private final PrintStream progress;
  private final Duration settleWindow;
  private final double tolerance;
  private final Duration maxWait;

  /** @param tolerance share of users that may still change segment during the settle window */
  EvaluationRun(final PrintStream progress, final Duration settleWindow, final double tolerance, final Duration maxWait) {
    this.progress = progress;
    this.settleWindow = settleWindow;
    this.tolerance = tolerance;
    this.maxWait = maxWait;
  }

  /** @param speedup empty = as fast as the broker takes it; else event-time gaps compressed this many times */
  SystemPartition run(final EvaluationSystem system, final List<UserEvent> history, final Optional<Double> speedup,
      final String name) throws InterruptedException {
    send(system, history, speedup, name);
    return settle(system, history.size(), name);
  }

  private void send(final EvaluationSystem system, final List<UserEvent> history, final Optional<Double> speedup,
      final String name) throws InterruptedException {
    final EventTimePacer pacer = speedup.map(EventTimePacer::compressed).orElseGet(EventTimePacer::unpaced);
    final long started = System.nanoTime();
    long reported = started;
    final SendStats stats;
    try (KafkaEventSink sink = KafkaEventSink.connect(system.bootstrapServers(),
        new HashMap<>(system.config().kafkaClientOverrides()), system.config().topics().events().getFirst(),
        "segstream-evaluate")) {
      for (final UserEvent e : history) {
        pacer.awaitTurn(e.getTimestamp());
        sink.send(e);
        if (System.nanoTime() - reported > REPORT_EVERY.toNanos()) {
          reported = System.nanoTime();
          progress.printf(Locale.ROOT, "%s: sent %,d/%,d events (up to %s), processed %,d%n", name,
              sink.stats().sent(), history.size(), e.getTimestamp(), system.eventsProcessed());
        }
      }
      sink.flush();
      stats = sink.stats();
    } catch (final SinkUnavailableException e) {
      throw new SegstreamCommand.UsageError(e.getMessage());
    }
    if (stats.failed() > 0) {
      throw new SegstreamCommand.UsageError(String.format(Locale.ROOT, "%s: %,d of %,d events could not be sent (first"
          + " error: %s); check the cluster", name, stats.failed(), history.size(), stats.firstError().orElse("?")));
    }
    progress.printf(Locale.ROOT, "%s: sent %,d events in %.1f s%n", name, stats.acknowledged(),
        (System.nanoTime() - started) / 1e9);
  }

  private SystemPartition settle(final EvaluationSystem system, final long sent, final String name)
      throws InterruptedException {
    final long deadline = System.nanoTime() + maxWait.toNanos();
    Map<String, Integer> windowStart = Map.of();
    long windowStartedAt = System.nanoTime();
    long reported = 0;
    String status = "starting";
    while (System.nanoTime() < deadline) {
      final long now = System.nanoTime();
      final long processed = system.eventsProcessed();
      final Optional<Segmentation> model = system.model();
      final Optional<Map<String, UserProfile>> profiles = system.profiles();
      if (processed < sent) {
        status = String.format(Locale.ROOT, "processed %,d/%,d events", processed, sent);
      } else if (model.isEmpty()) {
        status = String.format(Locale.ROOT, "all %,d events processed; waiting for the first model (bootstrap sample"
            + " %.0f%% collected)", sent, 100 * system.bootstrapProgress());
      } else if (profiles.isPresent()) {
        final long version = model.get().version();
        final long current = countAssignedUnder(profiles.get(), version);
        final int total = profiles.get().size();
        if (current < total) {
          status = String.format(Locale.ROOT, "model version %d (k = %d): %,d/%,d users assigned under it", version,
              model.get().k(), current, total);
        } else {
          final Map<String, Integer> segments = segmentOf(profiles.get());
          final long moved = moved(windowStart, segments);
          if (moved > tolerance * total) {
            windowStart = segments;
            windowStartedAt = now;
          }
          final long steadySeconds = Duration.ofNanos(now - windowStartedAt).toSeconds();
          if (steadySeconds >= settleWindow.toSeconds()) {
            progress.printf(Locale.ROOT, "%s: settled: model version %d (k = %d), all %,d users assigned under it; %,d"
                + " changed segment in the last %d s%n", name, version, model.get().k(), total, moved, steadySeconds);
            if (system.eventsRejected() > 0) {
              progress.printf(Locale.ROOT, "%s: %,d events were rejected by the streams app (see the dead-letter"
                  + " topic)%n", name, system.eventsRejected());
            }
            return EvaluationSystem.partition(model.get(), profiles.get());
          }
          status = String.format(Locale.ROOT, "settling: model version %d (k = %d), all %,d users assigned under it;"
              + " segments steady for %d/%d s (%,d users moved)", version, model.get().k(), total, steadySeconds,
              settleWindow.toSeconds(), moved);
        }
      }
      if (now - reported > REPORT_EVERY.toNanos()) {
        reported = now;
        progress.printf("%s: %s%n", name, status);
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new SegstreamCommand.UsageError(name + ": the system did not settle within " + maxWait.toMinutes()
        + " min (" + status + "); a small file may need --set updater.bootstrap-vectors=N below its customer count,"
        + " or allow more time with --max-wait-minutes");
  }

  private static Map<String, Integer> segmentOf(final Map<String, UserProfile> profiles) {
    final Map<String, Integer> out = new HashMap<>();
    profiles.forEach((user, p) -> out.put(user, p.getSegmentId()));
    return out;
  }

  /** Users whose segment differs between two snapshots (a user in only one of them counts as moved). */
  private static long moved(final Map<String, Integer> before, final Map<String, Integer> after) {
    long n = Math.max(0, before.size() - after.size());
    for (final Map.Entry<String, Integer> e : after.entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        n++;
      }
    }
    return n;
  }

  private static long countAssignedUnder(final Map<String, UserProfile> profiles, final long version) {
    return profiles.values().stream().filter(p -> p.getSegmentId() >= 0 && p.getModelVersion() == version).count();
  }
}
