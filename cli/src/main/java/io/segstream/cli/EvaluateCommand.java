package io.segstream.cli;

import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.io.CsvFormatException;
import io.segstream.ingest.EventFile;
import io.segstream.ingest.evaluation.Evaluation;
import io.segstream.ingest.evaluation.EvaluationCsv;
import io.segstream.ingest.evaluation.EvaluationJson;
import io.segstream.ingest.evaluation.EvaluationText;
import io.segstream.ingest.evaluation.Holdout;
import io.segstream.ingest.evaluation.HoldoutWindow;
import io.segstream.ingest.evaluation.SystemPartition;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A temporal hold-out of the segments on the user's own history, against the classic baselines (docs/evaluation.md). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"How good are the segments on your data? Replays the events before --cutoff into a fresh segstream,"
        + " waits until it has settled, and scores its segments on what each customer did in the --horizon-days after"
        + " the cutoff (repurchase AUC, future log-spend R²), next to RFM segments, R quintile, k-means on log RFM and"
        + " random groups of the same customers. Method: docs/evaluation.md."})
final class EvaluateCommand implements Callable<Integer> {
  /** Settings that let a replay settle in seconds; --set and --config win over them. */
  static final Map<String, String> EVALUATION_DEFAULTS = Map.of(
      "topics.partitions", "2",
      "sweep.interval-seconds", "2",
      "vectors.sample-fraction", "1.0",
      "updater.publish-interval-seconds", "10");
  /** A paced run lasts about this long unless --speedup says otherwise. */
  static final Duration PACED_REPLAY = Duration.ofSeconds(90);

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The event file (.csv, .jsonl, or gzipped).")
  Path data;

  @Option(names = "--format", defaultValue = EventFile.ONLINE_RETAIL, paramLabel = "online-retail|jsonl|csv",
      description = "How to read --data (default ${DEFAULT-VALUE}: the UCI file, mapped as 'replay online-retail' maps it).")
  String format;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "Zone of local times in the file (online-retail: default Europe/London; jsonl/csv: as for produce).")
  ZoneId zone;

  @Option(names = "--cutoff", required = true, paramLabel = "DATE|INSTANT",
      description = "Segments are made from the events before this (a date is midnight UTC), e.g. 2011-06-01.")
  String cutoff;

  @Option(names = "--horizon-days", defaultValue = "90", paramLabel = "N",
      description = "Outcomes are read from the events in the N days after the cutoff (default ${DEFAULT-VALUE}).")
  int horizonDays;

  @Option(names = "--runs", defaultValue = "1", paramLabel = "1|2",
      description = "2: replay a second time, paced, on another fresh system and report how much the two agree (ARI).")
  int runs;

  @Option(names = "--speedup", paramLabel = "X",
      description = "Pace of the paced replay: event-time gaps compressed X times (default: so it lasts ~90 s)."
          + " With --runs 1, the only run is paced at X.")
  Double speedup;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of an embedded broker (topics and group get names of their own).")
  String bootstrapServers;

  @Option(names = "--json", description = "Print the result as JSON instead of Markdown.")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Also write one CSV row per customer: measures at the cutoff, outcomes, and every partition's group.")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the k-means and random baselines (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--settle-seconds", paramLabel = "S",
      description = "How long the segments must stay put (default: the publish interval + two sweeps + the batch wait + 5 s).")
  Integer settleSeconds;

  @Option(names = "--settle-tolerance", defaultValue = "0.005", paramLabel = "SHARE",
      description = "Share of users that may still change segment during the settle window (default ${DEFAULT-VALUE}).")
  double settleTolerance;

  @Option(names = "--max-wait-minutes", defaultValue = "30", paramLabel = "M",
      description = "Give up if a run has not settled after this long (default ${DEFAULT-VALUE}).")
  int maxWaitMinutes;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    validate();
    if (System.getenv("SEGSTREAM_LOG_LEVEL") == null) {
      Configurator.setLevel("io.segstream", Level.WARN); // the progress lines say what happens; logs only for trouble
    }
    final PrintStream progress = System.err;
    final SegstreamConfig base = config.load(EVALUATION_DEFAULTS);
    final HoldoutWindow window;
    try {
      window = new HoldoutWindow(HoldoutWindow.parseCutoff(cutoff), Duration.ofDays(horizonDays));
    } catch (final IllegalArgumentException e) {
      throw new SegstreamCommand.UsageError("--cutoff " + e.getMessage());
    }
    final Holdout holdout = Holdout.of(read(base, progress).events(), window);
    if (holdout.history().isEmpty()) {
      throw new SegstreamCommand.UsageError("--cutoff " + cutoff + ": no event in " + data + " is before it");
    }
    progress.printf(Locale.ROOT, "hold-out: %,d events before %s from %,d customers; %,d events in the %d days after%n",
        holdout.history().size(), window.cutoff(), holdout.customers().size(), holdout.laterEvents(), horizonDays);

    final List<SystemPartition> results = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      final Optional<Double> pace = r == 0 && runs == 2 ? Optional.empty()
          : r == 0 ? Optional.ofNullable(speedup) : Optional.of(pacedSpeedup(holdout));
      final String name = runs == 1 ? "run" : "run " + (r + 1) + "/2";
      progress.printf(Locale.ROOT, "%s: starting a fresh segstream%s; replaying %s%n", name,
          bootstrapServers == null ? " on an embedded broker" : " on " + bootstrapServers,
          pace.map(x -> String.format(Locale.ROOT, "paced at %,.0fx event time", x)).orElse("as fast as possible"));
      results.add(runOnce(holdout, pace, name, progress));
    }
    Evaluation evaluation = Evaluation.of(holdout, results.getFirst(), seed);
    if (runs == 2) {
      evaluation = evaluation.withStability(results.get(0).segmentOf(), results.get(1).segmentOf());
    }
    if (json) {
      System.out.println(EvaluationJson.of(evaluation));
    } else {
      EvaluationText.markdown(evaluation).forEach(System.out::println);
    }
    if (out != null) {
      EvaluationCsv.write(evaluation, out);
      progress.println("per-customer groups written to " + out);
    }
    return 0;
  }

  private void validate() {
    if (runs != 1 && runs != 2) {
      throw new SegstreamCommand.UsageError("--runs must be 1 or 2, was " + runs);
    }
    if (horizonDays < 1) {
      throw new SegstreamCommand.UsageError("--horizon-days must be at least 1, was " + horizonDays);
    }
    if (speedup != null && !(speedup > 0)) {
      throw new SegstreamCommand.UsageError("--speedup must be positive (e.g. 100000 plays a month in ~26 s), was " + speedup);
    }
    if (settleSeconds != null && settleSeconds < 1) {
      throw new SegstreamCommand.UsageError("--settle-seconds must be at least 1, was " + settleSeconds);
    }
    if (!(settleTolerance >= 0 && settleTolerance < 1)) {
      throw new SegstreamCommand.UsageError("--settle-tolerance must be in [0, 1), was " + settleTolerance);
    }
    if (maxWaitMinutes < 1) {
      throw new SegstreamCommand.UsageError("--max-wait-minutes must be at least 1, was " + maxWaitMinutes);
    }
  }

  private EventFile read(final SegstreamConfig c, final PrintStream progress) throws IOException {
    progress.printf("reading %s (%s)%n", data, format);
    final EventFile file;
    try {
      file = EventFile.read(data, format, Optional.ofNullable(zone), c.validation());
    } catch (final NoSuchFileException e) {
      throw new SegstreamCommand.UsageError("--data " + data + ": no such file");
    } catch (final IllegalArgumentException | CsvFormatException e) {
      throw new SegstreamCommand.UsageError("--data " + data + ": " + e.getMessage());
    }
    progress.printf(Locale.ROOT, "read %,d events (%,d rows or records left out by the %s mapping)%n",
        file.events().size(), file.skipped(), format);
    return file;
  }

  /** The speed that replays the history in about {@link #PACED_REPLAY}, or --speedup. */
  private double pacedSpeedup(final Holdout h) {
    if (speedup != null) {
      return speedup;
    }
    final List<UserEvent> events = h.history();
    final long span = events.getLast().getTimestamp().toEpochMilli() - events.getFirst().getTimestamp().toEpochMilli();
    return Math.max(1.0, span / (double) PACED_REPLAY.toMillis());
  }

  private SystemPartition runOnce(final Holdout holdout, final Optional<Double> pace, final String name,
      final PrintStream progress) throws IOException, InterruptedException {
    final Path dir = Files.createTempDirectory("segstream-evaluate-");
    final AtomicReference<EvaluationSystem> running = new AtomicReference<>();
    // Ctrl-C mid-run: stop the system and remove its broker and state (~100 MB) rather than leave them in the temp dir.
    final Thread cleanUp = new Thread(() -> {
      try {
        final EvaluationSystem s = running.getAndSet(null);
        if (s != null) {
          s.close();
        }
      } catch (final RuntimeException e) {
        // the JVM is exiting: remove the files whatever state the system is in
      } finally {
        deleteQuietly(dir);
      }
    }, "segstream-evaluate-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanUp);
    try (EvaluationSystem system = EvaluationSystem.start(EVALUATION_DEFAULTS, config::load,
        Optional.ofNullable(bootstrapServers), dir)) {
      running.set(system);
      final SegstreamConfig c = system.config();
      final Duration window = settleSeconds != null ? Duration.ofSeconds(settleSeconds)
          : c.updater().publishInterval().plus(c.assignment().sweepInterval().multipliedBy(2))
              .plus(c.updater().maxBatchWait()).plusSeconds(5);
      return new EvaluationRun(progress, window, settleTolerance, Duration.ofMinutes(maxWaitMinutes))
          .run(system, holdout.history(), pace, name);
    } finally {
      running.set(null);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanUp);
        TempDirs.delete(dir);
      } catch (final IllegalStateException e) {
        // shutting down: the hook removes the directory
      }
    }
  }

  /** Two attempts: files a closing broker was still writing can vanish or appear during the first. */
  private static void deleteQuietly(final Path dir) {
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        TempDirs.delete(dir);
        return;
      } catch (final IOException | UncheckedIOException e) {
        // try once more
      }
    }
  }
}
