package io.segstream.bench;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.kmeans.MiniBatchKMeans;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.bench.quality.RecoveryTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs every quality measurement of {@code segstream bench quality}: blobs and personas (online vs batch),
 * drift recovery (two blob drifts, one persona drift) and flapping. Deterministic for a seed.
 */
public final class QualityBenchmark {
  /** A checkpoint is good when online inertia is within this factor of the batch optimum's... */
  static final double RECOVERED_INERTIA_RATIO = 1.03;
  /** ...and its adjusted Rand index at most this far below the batch optimum's. */
  static final double RECOVERED_ARI_GAP = 0.05;
  /** Without refits, the drift bound in half-lives of the decay: by then pre-drift data weighs 1/8. */
  static final double BOUND_HALF_LIVES = 3.0;

  public record Options(int users, int historyDays, int driftDays, Duration sweepEvery, int restarts, long seed) {}

  private final SegstreamConfig config;
  private final FeatureRegistry registry;
  private final Options options;
  private final Consumer<String> progress;

  public QualityBenchmark(final SegstreamConfig config, final FeatureRegistry registry, final Options options,
      final Consumer<String> progress) {
    this.config = config;
    this.registry = registry;
    this.options = options;
    this.progress = progress;
  }

  /** The report, and the persona population it measured (for --export-vectors). */
  public record Outcome(QualityReport report, Population personas) {}

  public Outcome run() {
    final long started = System.nanoTime();
    final TrainingSettings t = config.updater().training();
    final double halfLife = halfLifeBatches(t);
    final long bound = boundBatches(t);
    final int driftBatches = (int) Math.max(150, Math.min(1_000, 3 * Math.max(bound, 0)));

    final List<QualityReport.Comparison> comparisons = new ArrayList<>();
    final List<QualityReport.Drift> drifts = new ArrayList<>();
    progress.accept("blobs: batch k-means++ vs the online model on " + BlobBenchmark.ROWS + " points");
    final BlobBenchmark blobs = new BlobBenchmark(t, options.restarts(), options.seed());
    comparisons.add(blobs.compare());
    progress.accept("blobs: drift, " + driftBatches + " mini-batches after a group moves");
    drifts.add(blobs.groupMoves(bound, tracker(), driftBatches));
    progress.accept("blobs: drift, " + driftBatches + " mini-batches after a group is replaced by a new one");
    drifts.add(blobs.groupReplaced(bound, tracker(), driftBatches));

    final PersonaBenchmark personas = new PersonaBenchmark(config, registry, options.users(), options.historyDays(),
        options.driftDays(), options.sweepEvery(), options.restarts(), options.seed(), progress);
    final PersonaBenchmark.Results p = personas.run(bound, tracker());
    comparisons.add(p.atEndOfHistory());
    comparisons.add(p.eventHeavy());
    comparisons.add(p.afterDrift());
    drifts.add(p.drift());

    final QualityReport.Setup setup = new QualityReport.Setup(t.k(), t.batchSize(), t.decayFactor(),
        t.timeUnit().name().toLowerCase(java.util.Locale.ROOT), halfLife, t.bootstrapVectors(),
        t.refitIntervalBatches(), t.refitMinGain(), t.reseedMinShare(), options.restarts(),
        config.assignment().hysteresis(), options.users(), options.historyDays(), options.driftDays(),
        options.sweepEvery().toMinutes(), config.assignment().sampleFraction(),
        config.assignment().vectorMinInterval().toSeconds());
    return new Outcome(new QualityReport(options.seed(), setup, comparisons, drifts, p.flapping(),
        (System.nanoTime() - started) / 1e9), p.population());
  }

  private static RecoveryTracker tracker() {
    return new RecoveryTracker(RECOVERED_INERTIA_RATIO, RECOVERED_ARI_GAP);
  }

  /** Mini-batches after which old data weighs half (infinite without forgetting). */
  static double halfLifeBatches(final TrainingSettings t) {
    if (t.decayFactor() >= 1.0) {
      return Double.POSITIVE_INFINITY;
    }
    if (t.decayFactor() <= 0.0) {
      return 0.0;
    }
    final double perBatch = t.timeUnit() == TrainingSettings.TimeUnit.POINTS
        ? t.batchSize() * Math.log(t.decayFactor()) : Math.log(t.decayFactor());
    return Math.log(0.5) / perBatch;
  }

  /**
   * Mini-batches within which the model must have recovered from a drift, -1 if there is no bound (decay 1 never
   * forgets). With refits: the recent points a refit looks at are all post-drift after window / batch size
   * batches, and the next refit comes at most refit-interval batches later. Without: 3 half-lives of the decay.
   */
  static long boundBatches(final TrainingSettings t) {
    final double halfLife = halfLifeBatches(t);
    if (!Double.isFinite(halfLife)) {
      return -1;
    }
    if (t.refitIntervalBatches() > 0) {
      return (MiniBatchKMeans.recentCapacity(t) + t.batchSize() - 1) / t.batchSize() + t.refitIntervalBatches();
    }
    return (long) Math.ceil(BOUND_HALF_LIVES * halfLife);
  }

  static QualityReport.Drift drift(final String name, final String description, final long bound,
      final RecoveryTracker tracker) {
    final List<RecoveryTracker.Checkpoint> cps = tracker.checkpoints();
    final long recovered = tracker.recoveredAfter().orElse(-1);
    return new QualityReport.Drift(name, description, tracker.maxInertiaRatio(), tracker.maxAriGap(), bound, recovered,
        recovered >= 0 && (bound < 0 || recovered <= bound), cps.getFirst(), cps.getLast(), cps);
  }
}
