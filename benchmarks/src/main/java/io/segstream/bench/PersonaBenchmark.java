package io.segstream.bench;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.kmeans.KMeansBootstrap;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segmentation;
import io.segstream.bench.quality.ClusteringScores;
import io.segstream.bench.quality.FlappingMeter;
import io.segstream.bench.quality.RecoveryTracker;
import io.segstream.generator.Persona;
import io.segstream.generator.PersonaSwitch;
import io.segstream.generator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The generator's personas, turned into feature vectors offline ({@link ShopHistory}) and learnt by the model
 * updater's own trainer ({@link UpdaterHarness}) from the training stream the streams app would send it. At the
 * end of the history the last published model is compared with batch k-means++ on every user's vector; then
 * flapping is measured on the frozen population; then part of the bargain hunters start buying premium and the
 * model is watched following.
 */
final class PersonaBenchmark {
  static final Instant HISTORY_END = Instant.parse("2026-01-01T00:00:00Z");
  static final Persona DRIFT_FROM = Persona.BARGAIN_HUNTER;
  static final Persona DRIFT_TO = Persona.LOYAL_BIG_SPENDER;
  static final double DRIFT_SHARE = 0.5;
  private static final int FLAPPING_UPDATES = 20;
  private static final int CHECKPOINT_RESTARTS = 5;
  /** Drift checkpoints: each fits batch k-means++ on the whole population, so not at every sweep. */
  static final Duration CHECKPOINT_EVERY = Duration.ofHours(6);
  /** A history replayed fast: few sweeps, so event vectors make up a quarter of the training stream. */
  static final Duration EVENT_HEAVY_SWEEP_EVERY = Duration.ofHours(6);

  private final SegstreamConfig config;
  private final FeatureRegistry registry;
  private final int users;
  private final int historyDays;
  private final int driftDays;
  private final Duration sweepEvery;
  private final int restarts;
  private final long seed;
  private final Consumer<String> progress;

  PersonaBenchmark(final SegstreamConfig config, final FeatureRegistry registry, final int users,
      final int historyDays, final int driftDays, final Duration sweepEvery, final int restarts, final long seed,
      final Consumer<String> progress) {
    this.config = config;
    this.registry = registry;
    this.users = users;
    this.historyDays = historyDays;
    this.driftDays = driftDays;
    this.sweepEvery = sweepEvery;
    this.restarts = restarts;
    this.seed = seed;
    this.progress = progress;
  }

  /** @param population every user's vector at the end of the history, before the drift */
  record Results(QualityReport.Comparison atEndOfHistory, QualityReport.Comparison eventHeavy,
      QualityReport.Flapping flapping, QualityReport.Drift drift, QualityReport.Comparison afterDrift,
      Population population) {}

  Results run(final long boundBatches, final RecoveryTracker tracker) {
    final ShopHistory shop = new ShopHistory(simulation(), registry, config.assignment(), sweepEvery);
    final UpdaterHarness updater = new UpdaterHarness(registry, config);
    final long end = shop.historyEnd();

    progress.accept(String.format(Locale.ROOT, "personas: simulating %,d users over %d days of history, a sweep every"
        + " %s", users, historyDays, human(sweepEvery)));
    shop.playUntil(end, (source, v) -> updater.offer(v), at -> { });
    final Segmentation model = published(updater);
    final Population population = shop.population(end);
    progress.accept(String.format(Locale.ROOT, "personas: %,d events, %,d training vectors (%,d at events, %,d from"
            + " sweeps), %,d mini-batches, model v%d; batch k-means++ (%d restarts) and k=auto", shop.events(),
        shop.vectorsFromEvents() + shop.vectorsFromSweeps(), shop.vectorsFromEvents(), shop.vectorsFromSweeps(),
        updater.batches(), model.version(), restarts));
    final QualityReport.Comparison atEnd = compare("personas", String.format(Locale.ROOT,
            "%,d users' vectors at the end of %d days of history (5 hidden personas); training stream: vectors at"
                + " events (%,d) and a sweep every %s (%,d)", population.size(), historyDays, shop.vectorsFromEvents(),
            human(sweepEvery), shop.vectorsFromSweeps()), population, model, restarts, updater,
        autoKNote(population));

    progress.accept(String.format(Locale.ROOT, "personas: the same history with a sweep only every %s (event-heavy"
        + " stream)", human(EVENT_HEAVY_SWEEP_EVERY)));
    final QualityReport.Comparison eventHeavy = eventHeavy();

    progress.accept(String.format(Locale.ROOT, "personas: flapping over %d model versions on the frozen population",
        FLAPPING_UPDATES));
    final QualityReport.Flapping flapping = flapping(population, model);

    final List<PersonaSwitch> switched = shop.drift(DRIFT_FROM, DRIFT_TO, DRIFT_SHARE);
    progress.accept(String.format(Locale.ROOT, "drift: %,d %s users now behave as %s; %d more days, a checkpoint"
            + " every %s", switched.size(), name(DRIFT_FROM), name(DRIFT_TO), driftDays, human(CHECKPOINT_EVERY)));
    final long batchesBefore = updater.batches();
    final long checkpointMs = CHECKPOINT_EVERY.toMillis();
    shop.playUntil(end + Duration.ofDays(driftDays).toMillis(), (source, v) -> updater.offer(v), at -> {
      if ((at - end) % checkpointMs != 0) {
        return;
      }
      final Scores s = scores(shop.population(at), updater.published().orElseThrow(), CHECKPOINT_RESTARTS);
      tracker.observe(new RecoveryTracker.Checkpoint(updater.batches() - batchesBefore,
          s.online().inertia() / s.batch().inertia(), s.online().adjustedRandIndex(), s.batch().adjustedRandIndex()));
    });
    final QualityReport.Drift drift = QualityBenchmark.drift("personas: bargain hunters go premium",
        String.format(Locale.ROOT, "%.0f%% of bargain hunters (%,d users) behave as loyal big spenders from one day"
            + " on; checkpoints every %s for %d days", 100 * DRIFT_SHARE, switched.size(), human(CHECKPOINT_EVERY),
            driftDays), boundBatches, tracker);
    final Population after = shop.population(end + Duration.ofDays(driftDays).toMillis());
    final QualityReport.Comparison afterDrift = compare("personas after drift", String.format(Locale.ROOT,
            "the same users %d days after the drift, against their new personas", driftDays), after,
        updater.published().orElseThrow(), restarts, updater, "");
    return new Results(atEnd, eventHeavy, flapping, drift, afterDrift, population);
  }

  private SimulatorConfig simulation() {
    return SimulatorConfig.defaults().withUsers(users).withSeed(seed).withHistoryDays(historyDays)
        .withNow(HISTORY_END).withClock(Clock.fixed(HISTORY_END, ZoneOffset.UTC));
  }

  private static Segmentation published(final UpdaterHarness updater) {
    return updater.published().orElseThrow(() -> new IllegalStateException(
        "the updater never finished its bootstrap: the history gave only " + updater.trainedVectors()
            + " vectors; simulate more users or days"));
  }

  private QualityReport.Comparison eventHeavy() {
    final ShopHistory shop = new ShopHistory(simulation(), registry, config.assignment(), EVENT_HEAVY_SWEEP_EVERY);
    final UpdaterHarness updater = new UpdaterHarness(registry, config);
    shop.playUntil(shop.historyEnd(), (source, v) -> updater.offer(v), at -> { });
    final long total = shop.vectorsFromEvents() + shop.vectorsFromSweeps();
    return compare("personas, event-heavy", String.format(Locale.ROOT, "the same users, but the history replayed"
            + " with a sweep only every %s: %.0f%% of the %,d training vectors are taken at events (recency 0, active"
            + " users over-represented)", human(EVENT_HEAVY_SWEEP_EVERY), 100.0 * shop.vectorsFromEvents() / total, total),
        shop.population(shop.historyEnd()), published(updater), restarts, updater, "");
  }

  private record Scores(ClusteringScores batch, ClusteringScores online, Scaler common, double[][] z) {}

  /**
   * Batch k-means++ and the online model on the same standardisation: the scaler the updater would fit on these
   * vectors. The online model's centres are carried over through feature space; its ARI is for the assignments
   * the streams app makes (nearest centre in the model's own standardisation, no hysteresis).
   */
  private Scores scores(final Population p, final Segmentation model, final int batchRestarts) {
    final Scaler common = Scaler.fit(p.vectors());
    final double[][] z = common.transformAll(p.vectors());
    final KMeansBootstrap.Fit batch = KMeansBootstrap.fit(z, model.k(), seed, batchRestarts);
    final double[][] online = new double[model.k()][];
    for (int c = 0; c < online.length; c++) {
      online[c] = common.transform(model.scaler().inverse(model.centroids()[c]));
    }
    final int[] assigned = new int[p.size()];
    final double[][] centres = model.centroids();
    for (int i = 0; i < p.size(); i++) {
      assigned[i] = DistanceKernel.nearest(model.scaler().transform(p.vectors()[i]), centres);
    }
    return new Scores(ClusteringScores.of(z, batch.centres(), p.truth(), seed),
        ClusteringScores.of(z, online, assigned, p.truth(), seed), common, z);
  }

  private QualityReport.Comparison compare(final String dataset, final String description, final Population p,
      final Segmentation model, final int batchRestarts, final UpdaterHarness updater, final String notes) {
    final Scores s = scores(p, model, batchRestarts);
    return new QualityReport.Comparison(dataset, description, p.size(), registry.dimension(), model.k(),
        s.batch().inertia(), s.online().inertia(), s.online().inertia() / s.batch().inertia(),
        s.batch().adjustedRandIndex(), s.online().adjustedRandIndex(), s.batch().silhouette(), s.online().silhouette(),
        updater.trainedVectors(), updater.batches(), (notes.isEmpty() ? "" : notes + "; ") + String.format(Locale.ROOT,
            "online = published model v%d, segment ids up to %d", model.version(), model.nextSegmentId() - 1));
  }

  private String autoKNote(final Population p) {
    final double[][] z = Scaler.fit(p.vectors()).transformAll(p.vectors());
    final TrainingSettings t = config.updater().training();
    final KMeansBootstrap.Fit auto = KMeansBootstrap.fitAuto(z, t.kMin(), t.kMax(), seed, 3);
    final StringJoiner scores = new StringJoiner(", ");
    new TreeMap<>(auto.silhouetteByK()).forEach((k, v) -> scores.add(String.format(Locale.ROOT, "%d: %.3f", k, v)));
    final int[] labels = new int[z.length];
    for (int i = 0; i < z.length; i++) {
      labels[i] = DistanceKernel.nearest(z[i], auto.centres());
    }
    return String.format(Locale.ROOT, "k=auto (silhouette) would choose k=%d (batch ARI %.3f; silhouette by k %s)",
        auto.k(), ClusteringScores.adjustedRandIndex(p.truth(), labels), scores);
  }

  private QualityReport.Flapping flapping(final Population p, final Segmentation model) {
    final double hysteresis = config.assignment().hysteresis();
    final FlappingMeter with = new FlappingMeter(hysteresis, p.vectors());
    final FlappingMeter without = new FlappingMeter(0.0, p.vectors());
    with.update(model);
    without.update(model);
    final UpdaterHarness updater = new UpdaterHarness(registry, config).resume(model);
    final SplittableRandom rnd = new SplittableRandom(seed + 7);
    final double fraction = config.assignment().sampleFraction();
    double sumWith = 0;
    double sumWithout = 0;
    double maxWith = 0;
    double maxWithout = 0;
    int seen = 1;
    for (int sweep = 0; sweep < 10_000 && seen <= FLAPPING_UPDATES; sweep++) {
      for (final double[] v : p.vectors()) {
        if (rnd.nextDouble() < fraction) {
          updater.offer(v);
        }
      }
      final List<Segmentation> versions = updater.publications();
      for (; seen < versions.size() && seen <= FLAPPING_UPDATES; seen++) {
        final double a = with.update(versions.get(seen));
        final double b = without.update(versions.get(seen));
        sumWith += a;
        sumWithout += b;
        maxWith = Math.max(maxWith, a);
        maxWithout = Math.max(maxWithout, b);
      }
    }
    final int updates = seen - 1;
    return new QualityReport.Flapping(p.size(), updates, hysteresis, sumWith / Math.max(1, updates), maxWith,
        sumWithout / Math.max(1, updates), maxWithout);
  }

  private static String name(final Persona p) {
    return p.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static String human(final Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }
}
