package io.segstream.updater;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.kmeans.DistanceKernel;
import io.segstream.core.kmeans.KMeansBootstrap;
import io.segstream.core.kmeans.MiniBatchKMeans;
import io.segstream.core.kmeans.PopulationFit;
import io.segstream.core.kmeans.PopulationSnapshot;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.core.model.RunningMoments;
import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.core.naming.SegmentNamer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one named segment model from raw (transformed, not standardised) clustering vectors; no Kafka.
 *
 * <p>Life of a generation: vectors are buffered until {@code bootstrapVectors} are collected; a
 * {@link Scaler} is fitted on them (and stays fixed for the generation), batch k-means++ seeds the centres
 * ({@link KMeansBootstrap}, k fixed or chosen by silhouette), and from then on every mini-batch of
 * {@code batchSize} standardised vectors updates a {@link MiniBatchKMeans}. {@link #resume} continues a
 * published model, or starts a new generation when the feature set changed.
 *
 * <p>Bad input is never thrown: vectors of another feature set, of the wrong dimension or with non-finite
 * values are rejected and reported to the {@link Listener}. Not thread-safe: one thread owns a trainer.
 */
public final class ModelTrainer {
  private static final Logger log = LoggerFactory.getLogger(ModelTrainer.class);

  /** Rejection reason: the vector was computed for another feature set. */
  public static final String FEATURE_SET_MISMATCH = "feature_set_mismatch";
  /** Rejection reason: wrong dimension, NaN or infinite values, missing values. */
  public static final String BAD_VECTOR = "bad_vector";

  static final int BOOTSTRAP_RESTARTS = 3;
  static final String PARAM_GENERATION_REASON = "generation.reason";
  static final String PARAM_GENERATION_STARTED = "generation.started-version";
  /** Model parameter: users in the population sample the last population refit used. */
  static final String PARAM_POPULATION_USERS = "population.users";
  private static final String PARAM_POPULATION_PREFIX = "population.";
  /** Population refits need at least this many users (or the bootstrap size, if smaller) before they replace it. */
  static final int POPULATION_MIN_USERS = 1_000;
  private static final String PARAM_BOOTSTRAP_PREFIX = "bootstrap.";

  /** Callbacks for metrics; all optional. Called on the trainer's thread. */
  public interface Listener {
    /** A vector was refused; {@code reason} is {@link #FEATURE_SET_MISMATCH} or {@link #BAD_VECTOR}. */
    default void rejected(final String reason) {}

    /** Vectors absorbed into the model: the bootstrap sample when it is fitted, then every mini-batch. */
    default void trained(final int vectors) {}

    /** One mini-batch update was applied. */
    default void batch() {}

    /** Bootstrap buffer filled to {@code collected} of {@code needed}; also called with needed/needed once fitted. */
    default void bootstrapProgress(final int collected, final int needed) {}
  }

  /**
   * When to publish: some centre moved more than {@code minMovement} or was re-seeded, or {@code interval}
   * passed with training; but never sooner than {@code minGap} after the previous publication, so catching
   * up a backlog (or centres jittering around the threshold) does not flood the model topic with versions,
   * each of which makes the streams app re-assign the population.
   */
  public record PublishPolicy(double minMovement, Duration interval, Duration minGap) {
    /** Default floor between two publications. */
    public static final Duration DEFAULT_MIN_GAP = Duration.ofSeconds(1);

    public PublishPolicy {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(minGap, "minGap");
      if (minMovement < 0 || interval.isNegative() || minGap.isNegative()) {
        throw new IllegalArgumentException("publish thresholds must not be negative");
      }
    }

    /** With the default gap (1 s, or the interval if that is shorter). */
    public PublishPolicy(final double minMovement, final Duration interval) {
      this(minMovement, interval, interval.compareTo(DEFAULT_MIN_GAP) < 0 ? interval : DEFAULT_MIN_GAP);
    }
  }

  private final FeatureRegistry registry;
  private final TrainingSettings settings;
  private final PublishPolicy policy;
  private final String modelName;
  private final SegmentNamer namer;
  private final Clock clock;
  private final Listener listener;
  private final String featureSetId;
  private final List<String> featureNames;
  private final int dimension;
  private final RejectionLog rejectionLog;
  private final SegstreamConfig.Population populationPolicy;
  private final PopulationSnapshot population;

  // Across generations.
  private long version;            // last published version, 0 if none
  private int nextSegmentId;       // first id the next bootstrap hands out
  private int generation = 1;
  private String generationReason = "first model";
  private long generationStartedVersion;
  private final Map<String, String> fitParameters = new TreeMap<>();

  // Bootstrap phase (null once fitted).
  private double[][] bootstrapBuffer;
  private int bootstrapCount;
  private int bootstrapDecileLogged;

  // Online phase.
  private Scaler scaler;
  private MiniBatchKMeans kmeans;
  private double fallbackInertia = Double.NaN; // bootstrap inertia / n, or the resumed model's inertia
  private final double[][] pending;             // standardised rows of the open mini-batch (reused)
  private int pendingCount;
  private double[] scaleMean;
  private double[] scaleInverse;
  // Recent raw vectors' mean and spread, forgetting at the model's pace: each publication's scaler.
  private RunningMoments moments;

  // Publication bookkeeping.
  private boolean firstPublicationDue;
  private Instant lastPublishedAt;
  private long trainedSincePublication;
  private Map<Integer, double[]> publishedCentres = Map.of();
  private Map<Integer, String> labels = Map.of();
  private final Map<Integer, Long> createdVersions = new HashMap<>();
  private Segmentation lastPublication;
  private final Map<String, Long> rejected = new TreeMap<>();

  // Population refits.
  private long populationChangesAtRefit;
  private long populationChangesSeen;
  private Instant populationChangedAt;
  private Instant populationFirstChangeAt;
  private Instant populationRefitAt;
  private boolean populationRefitUnpublished;

  /** Online learning only, without population refits. */
  public ModelTrainer(final FeatureRegistry registry, final TrainingSettings settings, final PublishPolicy policy,
      final String modelName, final SegmentNamer namer, final Clock clock, final Listener listener) {
    this(registry, settings, policy, modelName, namer, clock, listener,
        new SegstreamConfig.Population(0, Duration.ZERO, Duration.ofDays(1), false, 0.0));
  }

  public ModelTrainer(final FeatureRegistry registry, final TrainingSettings settings, final PublishPolicy policy,
      final String modelName, final SegmentNamer namer, final Clock clock, final Listener listener,
      final SegstreamConfig.Population populationPolicy) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.namer = Objects.requireNonNull(namer, "namer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = listener == null ? new Listener() {} : listener;
    this.featureSetId = registry.featureSetId();
    this.featureNames = registry.clusteringNames();
    this.dimension = registry.dimension();
    this.pending = new double[settings.batchSize()][dimension];
    this.rejectionLog = new RejectionLog(log, clock, modelName);
    this.populationPolicy = Objects.requireNonNull(populationPolicy, "populationPolicy");
    this.population = new PopulationSnapshot(Math.max(1, populationPolicy.users()));
    startBootstrap();
  }

  public ModelTrainer(final FeatureRegistry registry, final TrainingSettings settings, final PublishPolicy policy,
      final String modelName, final Clock clock) {
    this(registry, settings, policy, modelName, new SegmentNamer(registry), clock, null);
  }

  // ---------------------------------------------------------------------------------------------- resume

  /**
   * Continues from a published model of this name. Same feature set: its scaler, centres, weights, ids,
   * labels, version and counters carry on. Another feature set: a new generation is bootstrapped from fresh
   * vectors; versions keep increasing and segment ids continue at the model's nextSegmentId.
   */
  public void resume(final Segmentation last) {
    Objects.requireNonNull(last, "last");
    if (!last.name().equals(modelName)) {
      throw new IllegalArgumentException("model '" + last.name() + "' is not '" + modelName + "'");
    }
    version = last.version();
    int maxId = -1;
    for (final Segment s : last.segments()) {
      maxId = Math.max(maxId, s.id());
    }
    nextSegmentId = Math.max(last.nextSegmentId(), maxId + 1);
    lastPublication = last;
    rejected.clear();
    if (last.featureSet().equals(featureSetId) && last.featureNames().equals(featureNames) && last.k() > 0) {
      continueFrom(last);
    } else {
      generation = last.generation() + 1;
      generationReason = "feature set changed from " + last.featureSet() + " to " + featureSetId;
      log.info("model '{}' v{} (generation {}) was trained on feature set {}, vectors now use {}: bootstrapping"
              + " generation {} from {} fresh vectors (segment ids from {})", modelName, last.version(),
          last.generation(), last.featureSet(), featureSetId, generation, bootstrapNeeded(), nextSegmentId);
      startBootstrap();
    }
  }

  private void continueFrom(final Segmentation last) {
    final int k = last.k();
    final double[][] centres = new double[k][];
    final double[] weights = new double[k];
    final int[] ids = new int[k];
    final Map<Integer, double[]> snapshot = new HashMap<>();
    final Map<Integer, String> previousLabels = new HashMap<>();
    createdVersions.clear();
    for (int i = 0; i < k; i++) {
      final Segment s = last.segments().get(i);
      centres[i] = s.centroid();
      weights[i] = s.weight();
      ids[i] = s.id();
      snapshot.put(s.id(), s.centroid());
      previousLabels.put(s.id(), s.label());
      createdVersions.put(s.id(), s.createdVersion());
    }
    generation = last.generation();
    generationReason = last.parameters().getOrDefault(PARAM_GENERATION_REASON, "resumed");
    generationStartedVersion = parseLong(last.parameters().get(PARAM_GENERATION_STARTED), 0);
    fitParameters.clear();
    last.parameters().forEach((key, value) -> {
      if (key.startsWith(PARAM_BOOTSTRAP_PREFIX) || key.startsWith(PARAM_POPULATION_PREFIX)) {
        fitParameters.put(key, value);
      }
    });
    bootstrapBuffer = null;
    bootstrapCount = 0;
    setScaler(last.scaler());
    moments = RunningMoments.from(last.scaler(), settings.bootstrapVectors());
    kmeans = new MiniBatchKMeans(centres, weights, ids, nextSegmentId, last.trainedVectors(), settings);
    fallbackInertia = last.inertia();
    publishedCentres = snapshot;
    labels = previousLabels;
    lastPublishedAt = last.publishedAt();
    firstPublicationDue = false;
    trainedSincePublication = 0;
    pendingCount = 0;
    if (!settings.autoK() && settings.k() != k) {
      log.info("model '{}': configured k={} differs from the published model's k={}; the model keeps k={}"
          + " until the next generation", modelName, settings.k(), k, k);
    }
    listener.bootstrapProgress(bootstrapNeeded(), bootstrapNeeded());
    log.info("resuming model '{}' v{} (generation {}): k={}, {} vectors trained, segment ids {}", modelName,
        last.version(), generation, k, last.trainedVectors(), Arrays.toString(ids));
  }

  private void startBootstrap() {
    scaler = null;
    kmeans = null;
    pendingCount = 0;
    bootstrapBuffer = new double[bootstrapNeeded()][];
    bootstrapCount = 0;
    bootstrapDecileLogged = 0;
    fitParameters.clear();
    publishedCentres = Map.of();
    labels = Map.of();
    createdVersions.clear();
    firstPublicationDue = false;
    trainedSincePublication = 0;
    fallbackInertia = Double.NaN;
    listener.bootstrapProgress(0, bootstrapNeeded());
  }

  // ---------------------------------------------------------------------------------------------- input

  /**
   * Takes one raw vector: bootstrap buffer, or the open mini-batch (trained when it holds batchSize).
   *
   * @return false if rejected (counted, reported to the listener)
   */
  public boolean offer(final String featureSet, final List<Double> values) {
    if (!featureSetId.equals(featureSet)) {
      return reject(FEATURE_SET_MISMATCH, featureSet);
    }
    if (values == null || values.size() != dimension) {
      return reject(BAD_VECTOR, values == null ? "no values" : values.size() + " values, expected " + dimension);
    }
    final double[] row = bootstrapping() ? new double[dimension] : pending[pendingCount];
    for (int j = 0; j < dimension; j++) {
      final Double boxed = values.get(j);
      if (boxed == null || !Double.isFinite(boxed)) {
        return reject(BAD_VECTOR, "non-finite value at " + featureNames.get(j));
      }
      row[j] = boxed;
    }
    accept(row);
    return true;
  }

  /** As {@link #offer(String, List)} for an array (copied; the caller keeps ownership). */
  public boolean offer(final String featureSet, final double[] values) {
    if (!featureSetId.equals(featureSet)) {
      return reject(FEATURE_SET_MISMATCH, featureSet);
    }
    if (values == null || values.length != dimension) {
      return reject(BAD_VECTOR, values == null ? "no values" : values.length + " values, expected " + dimension);
    }
    for (int j = 0; j < dimension; j++) {
      if (!Double.isFinite(values[j])) {
        return reject(BAD_VECTOR, "non-finite value at " + featureNames.get(j));
      }
    }
    final double[] row = bootstrapping() ? new double[dimension] : pending[pendingCount];
    System.arraycopy(values, 0, row, 0, dimension);
    accept(row);
    return true;
  }

  /**
   * Trains raw vectors of this registry's feature set: they complete the bootstrap first if it is still
   * running, then update the model in mini-batches of batchSize; a partial last batch is trained too.
   */
  public void train(final double[][] rawBatch) {
    for (final double[] x : rawBatch) {
      offer(featureSetId, x);
    }
    flush();
  }

  /** Trains the open partial mini-batch, if any (after maxBatchWait, and before every publication). */
  public void flush() {
    if (pendingCount > 0 && kmeans != null) {
      trainPending(pendingCount == pending.length ? pending : Arrays.copyOf(pending, pendingCount));
    }
  }

  /** Raw row, already validated (and standardised in place when online). */
  private void accept(final double[] row) {
    if (bootstrapping()) {
      bootstrapBuffer[bootstrapCount++] = row;
      reportBootstrapProgress();
      if (bootstrapCount == bootstrapBuffer.length) {
        bootstrap();
      }
      return;
    }
    moments.add(row);
    if (scaler.byShares()) {
      scaler.transformInto(row, row);
    } else {
      for (int j = 0; j < dimension; j++) {
        // Same standardisation as Scaler.transform, clipping included, so training and assignment agree.
        row[j] = Math.max(-Scaler.MAX_Z, Math.min(Scaler.MAX_Z, (row[j] - scaleMean[j]) * scaleInverse[j]));
      }
    }
    if (++pendingCount == pending.length) {
      trainPending(pending);
    }
  }

  private boolean reject(final String reason, final Object detail) {
    rejected.merge(reason, 1L, Long::sum);
    listener.rejected(reason);
    rejectionLog.rejected(reason, detail);
    return false;
  }

  private void trainPending(final double[][] batch) {
    final MiniBatchKMeans.BatchResult r = kmeans.update(batch);
    moments.decay(settings.timeUnit() == TrainingSettings.TimeUnit.POINTS
        ? Math.pow(settings.decayFactor(), batch.length) : settings.decayFactor());
    pendingCount = 0;
    trainedSincePublication += r.points();
    listener.trained(r.points());
    listener.batch();
    if (r.restarted()) {
      log.info("model '{}': k-means++ restarts on recent vectors found a better optimum ({}% less inertia);"
          + " retired segment(s) {}, new segment(s) {}", modelName, fmt(100 * r.refitGain()), r.retiredIds(),
          r.newIds());
    } else if (!r.newIds().isEmpty()) {
      log.info("model '{}': re-seeded starving segment(s) {} as new segment(s) {}", modelName, r.retiredIds(),
          r.newIds());
    }
  }

  // ---------------------------------------------------------------------------------------------- population

  /**
   * Takes a vector from the sweep's sample of the population. It updates the user's entry in the population sample;
   * if it repeats exactly what the sample already holds for the user (nothing happened to them since), it is not
   * trained again: re-sampling quiet users would otherwise keep pulling the centres towards them, and a model that
   * had settled on a history would keep moving without any new data.
   *
   * @return whether the vector was new (and was offered to training)
   */
  public boolean offerSample(final String userId, final String featureSet, final List<Double> values) {
    if (!populationPolicy.enabled()) {
      return offer(featureSet, values);
    }
    if (!featureSetId.equals(featureSet) || values == null || values.size() != dimension) {
      return offer(featureSet, values); // rejected and counted there
    }
    final double[] row = new double[dimension];
    for (int j = 0; j < dimension; j++) {
      final Double boxed = values.get(j);
      if (boxed == null || !Double.isFinite(boxed)) {
        return offer(featureSet, values);
      }
      row[j] = boxed;
    }
    if (population.contains(userId, row)) {
      return false;
    }
    notePopulationChange(population.put(userId, row));
    return offer(featureSet, row);
  }

  /** The user was erased or expired: they leave the population sample. */
  public void forget(final String userId) {
    final long before = population.changes();
    population.remove(userId);
    notePopulationChange(population.changes() != before);
  }

  private void notePopulationChange(final boolean changed) {
    if (changed) {
      populationChangesSeen = population.changes();
      populationChangedAt = clock.instant();
      if (populationFirstChangeAt == null) {
        populationFirstChangeAt = populationChangedAt;
      }
    }
  }

  /** Users in the population sample. */
  public int populationSize() {
    return population.size();
  }

  private int populationMinUsers() {
    return Math.max(bootstrapNeeded() > 0 ? Math.min(bootstrapNeeded(), POPULATION_MIN_USERS) : 1,
        settings.autoK() ? settings.kMax() + 1 : settings.k() + 1);
  }

  /**
   * A population refit is due when the sample changed since the last one, holds enough users, and has either been
   * quiet for the policy's quiet time (the population settled, e.g. a replay ended) or kept changing for its
   * maximum interval.
   */
  public boolean populationRefitDue(final Instant now) {
    if (!populationPolicy.enabled() || populationChangesSeen == populationChangesAtRefit
        || population.size() < populationMinUsers() || populationChangedAt == null) {
      return false;
    }
    if (!now.isBefore(populationChangedAt.plus(populationPolicy.quiet()))) {
      return true;
    }
    final Instant since = populationRefitAt != null ? populationRefitAt : populationFirstChangeAt;
    return !now.isBefore(since.plus(populationPolicy.maxInterval()));
  }

  /**
   * Refits the model on the population sample ({@link PopulationFit}) and adopts it: population scaler, centres,
   * ids that follow their users, weights from the sample's sizes. The next publication carries it. Assignments
   * made under earlier versions are then re-judged without hysteresis ({@link Segmentation#PARAM_FRESH_FROM}):
   * a user's segment under the refitted model must not depend on the path the earlier models took.
   */
  public void refitFromPopulation(final Instant now) {
    final long started = System.nanoTime();
    flush();
    final double[][] rows = population.rows();
    final double[][] previous;
    final int[] previousIds;
    if (kmeans == null) {
      previous = new double[0][];
      previousIds = new int[0];
    } else {
      final double[][] centres = kmeans.centres();
      previous = new double[centres.length][];
      for (int i = 0; i < centres.length; i++) {
        previous[i] = scaler.inverse(centres[i]);
      }
      previousIds = kmeans.ids();
    }
    final PopulationFit.Result fit;
    try {
      fit = PopulationFit.fit(rows, settings, populationPolicy.byShares(), populationPolicy.blend(), previous,
          previousIds, nextIdForRefit());
    } catch (final RuntimeException e) {
      log.warn("model '{}': population refit on {} users failed ({}); keeping the current model", modelName,
          rows.length, e.getMessage());
      populationChangesAtRefit = populationChangesSeen;
      populationRefitAt = now;
      return;
    }
    final boolean wasBootstrapping = kmeans == null;
    final double[] weights = new double[fit.k()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.max(1, fit.sizes()[i]);
    }
    final long trained = kmeans == null ? rows.length : kmeans.trained();
    if (wasBootstrapping) {
      bootstrapBuffer = null;
      bootstrapCount = 0;
      firstPublicationDue = true;
      listener.trained(rows.length);
      listener.bootstrapProgress(bootstrapNeeded(), bootstrapNeeded());
    }
    setScaler(fit.scaler());
    moments = RunningMoments.of(rows);
    kmeans = new MiniBatchKMeans(fit.centres(), weights, fit.ids(), fit.nextId(), trained, settings);
    nextSegmentId = Math.max(nextSegmentId, fit.nextId());
    fallbackInertia = fit.meanInertia();
    pendingCount = 0;
    populationChangesAtRefit = populationChangesSeen;
    populationRefitAt = now;
    populationRefitUnpublished = true;
    fitParameters.put(PARAM_POPULATION_USERS, Integer.toString(rows.length));
    fitParameters.put(Segmentation.PARAM_FRESH_FROM, Long.toString(version + 1));
    if (!fit.silhouetteByK().isEmpty()) {
      final StringJoiner scores = new StringJoiner(", ");
      new TreeMap<>(fit.silhouetteByK()).forEach((k, v) -> scores.add(String.format(Locale.ROOT, "k=%d: %.3f", k, v)));
      fitParameters.put("population.silhouette", scores.toString());
    }
    log.info("model '{}': refitted on the population sample ({} users, k={}, inertia {} per user) in {} ms;"
            + " segment ids {}", modelName, rows.length, fit.k(), fmt(fit.meanInertia()),
        (System.nanoTime() - started) / 1_000_000, Arrays.toString(fit.ids()));
  }

  private int nextIdForRefit() {
    return kmeans == null ? nextSegmentId : Math.max(nextSegmentId, kmeans.nextId());
  }

  // ---------------------------------------------------------------------------------------------- bootstrap

  private void reportBootstrapProgress() {
    final int needed = bootstrapBuffer.length;
    listener.bootstrapProgress(bootstrapCount, needed);
    final int decile = (int) (10L * bootstrapCount / needed);
    if (decile > bootstrapDecileLogged && bootstrapCount < needed) {
      bootstrapDecileLogged = decile;
      log.info("model '{}' bootstrap: {} of {} vectors collected ({}%)", modelName, bootstrapCount, needed,
          100L * bootstrapCount / needed);
    }
  }

  private void bootstrap() {
    final double[][] raw = bootstrapBuffer;
    final int n = raw.length;
    final long started = System.nanoTime();
    final Scaler fitted = Scaler.fit(raw);
    final double[][] z = fitted.transformAll(raw);
    final KMeansBootstrap.Fit fit;
    try {
      fit = settings.autoK()
          ? KMeansBootstrap.fitAuto(z, settings.kMin(), settings.kMax(), settings.seed(), BOOTSTRAP_RESTARTS)
          : KMeansBootstrap.fit(z, settings.k(), settings.seed(), BOOTSTRAP_RESTARTS);
      for (final double[] c : fit.centres()) {
        for (final double v : c) {
          if (!Double.isFinite(v)) {
            throw new IllegalStateException("non-finite centre");
          }
        }
      }
    } catch (final RuntimeException e) {
      log.warn("model '{}' bootstrap: k-means on {} vectors failed ({}); collecting {} fresh vectors to try again",
          modelName, n, e.getMessage(), n);
      startBootstrap();
      return;
    }
    final long ms = (System.nanoTime() - started) / 1_000_000;
    fitParameters.clear();
    if (settings.autoK()) {
      final StringJoiner scores = new StringJoiner(", ");
      new TreeMap<>(fit.silhouetteByK()).forEach((k, s) -> scores.add(String.format(Locale.ROOT, "k=%d: %.3f", k, s)));
      fitParameters.put("bootstrap.k-selection", "silhouette");
      fitParameters.put("bootstrap.silhouette", scores.toString());
      log.info("model '{}' bootstrap: chose k={} by mean silhouette over k={}..{} on {} vectors ({}) in {} ms",
          modelName, fit.k(), settings.kMin(), settings.kMax(), n, scores, ms);
    } else {
      fitParameters.put("bootstrap.k-selection", "fixed");
      log.info("model '{}' bootstrap: fitted k={} on {} vectors (k-means++, best of {} restarts), inertia {} per"
          + " vector, in {} ms", modelName, fit.k(), n, BOOTSTRAP_RESTARTS, fmt(fit.inertia() / n), ms);
    }
    fitParameters.put("bootstrap.vectors", Integer.toString(n));
    fitParameters.put("bootstrap.inertia", fmt(fit.inertia() / n));
    final double[] weights = new double[fit.k()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = fit.sizes()[i];
    }
    moments = new RunningMoments(dimension);
    for (final double[] x : raw) {
      moments.add(x);
    }
    bootstrapBuffer = null;
    bootstrapCount = 0;
    setScaler(fitted);
    kmeans = MiniBatchKMeans.seeded(fit.centres(), weights, nextSegmentId, settings);
    fallbackInertia = fit.inertia() / n;
    firstPublicationDue = true;
    trainedSincePublication = n;
    listener.trained(n);
    listener.bootstrapProgress(n, n);
  }

  /**
   * The scaler fitted at bootstrap saw only the first vectors (in a replay of history: users' early days,
   * when e.g. nobody has been away yet). Each publication therefore takes a scaler from the recent vectors
   * and re-expresses the centres in it, so a model version's scaler and centres always belong together.
   */
  private void refreshScaler() {
    final Scaler fresh;
    if (populationPolicy.enabled() && population.size() >= populationMinUsers()) {
      fresh = Scaler.fitPopulation(population.rows(), populationPolicy.byShares(), populationPolicy.blend());
    } else if (scaler.byShares()) {
      return; // a population's scaler, and too few users sampled since a restart to refresh it: keep it
    } else {
      fresh = moments.scaler();
    }
    kmeans.rescale(scaler, fresh);
    final Map<Integer, double[]> rescaled = new HashMap<>();
    publishedCentres.forEach((id, c) -> rescaled.put(id, fresh.transform(scaler.inverse(c))));
    publishedCentres = rescaled;
    setScaler(fresh);
  }

  private void setScaler(final Scaler s) {
    scaler = s;
    scaleMean = s.mean();
    scaleInverse = new double[dimension];
    final double[] scale = s.scale();
    for (int j = 0; j < dimension; j++) {
      scaleInverse[j] = 1.0 / scale[j];
    }
  }

  // ---------------------------------------------------------------------------------------------- publication

  /**
   * Due right after the bootstrap; afterwards when a centre moved more than the policy's minimum since the
   * last publication, a centre was re-seeded (new id), or the interval passed and something was trained,
   * and in any case not before the policy's minimum gap. Partial mini-batches not yet trained do not count.
   */
  public boolean shouldPublish(final Instant now) {
    if (kmeans == null) {
      return false;
    }
    if (firstPublicationDue) {
      return true;
    }
    if (populationRefitUnpublished) {
      return lastPublishedAt == null || !now.isBefore(lastPublishedAt.plus(policy.minGap()));
    }
    if (trainedSincePublication == 0) {
      return false;
    }
    if (lastPublishedAt == null) {
      return true;
    }
    if (now.isBefore(lastPublishedAt.plus(policy.minGap()))) {
      return false;
    }
    if (!now.isBefore(lastPublishedAt.plus(policy.interval()))) {
      return true;
    }
    return hasNewCentres() || maxMovement() > policy.minMovement();
  }

  public boolean shouldPublish() {
    return shouldPublish(clock.instant());
  }

  /**
   * Trains any open partial batch and returns the next version of the model. The trainer then counts it
   * as published (movement, labels and the interval restart from it).
   *
   * @throws IllegalStateException while still bootstrapping
   */
  public Segmentation publish(final Instant now) {
    if (kmeans == null) {
      throw new IllegalStateException("model '" + modelName + "' is still bootstrapping ("
          + bootstrapCount + " of " + bootstrapNeeded() + " vectors)");
    }
    flush();
    refreshScaler();
    final long newVersion = version + 1;
    if (firstPublicationDue) {
      generationStartedVersion = newVersion;
    }
    final double[][] centres = kmeans.centres();
    final double[] weights = kmeans.weights();
    final int[] ids = kmeans.ids();
    final List<String> previous = new ArrayList<>(ids.length);
    for (final int id : ids) {
      previous.add(labels.getOrDefault(id, ""));
    }
    final List<SegmentNamer.Name> names = namer.name(featureNames, scaler, centres, previous);
    final List<Segment> segments = new ArrayList<>(ids.length);
    final Map<Integer, double[]> snapshot = new HashMap<>();
    final Map<Integer, String> newLabels = new HashMap<>();
    final Map<Integer, Long> created = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      final int id = ids[i];
      final double[] before = publishedCentres.get(id);
      final double movement = before == null ? 0.0 : Math.sqrt(DistanceKernel.squared(before, centres[i]));
      final long createdVersion = createdVersions.getOrDefault(id, newVersion);
      final SegmentNamer.Name name = names.get(i);
      segments.add(new Segment(id, name.label(), name.description(), centres[i], weights[i], movement, createdVersion));
      snapshot.put(id, centres[i]);
      newLabels.put(id, name.label());
      created.put(id, createdVersion);
    }
    final double inertia = Double.isNaN(kmeans.inertia()) ? fallbackInertia : kmeans.inertia();
    final Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    final Segmentation model = new Segmentation(modelName, newVersion, generation, featureSetId, featureNames, scaler,
        segments, inertia, kmeans.trained(), at, kmeans.nextId(), parameters(ids.length));
    version = newVersion;
    nextSegmentId = kmeans.nextId();
    publishedCentres = snapshot;
    labels = newLabels;
    createdVersions.clear();
    createdVersions.putAll(created);
    lastPublishedAt = at;
    trainedSincePublication = 0;
    firstPublicationDue = false;
    populationRefitUnpublished = false;
    lastPublication = model;
    return model;
  }

  public Segmentation publish() {
    return publish(clock.instant());
  }

  private Map<String, String> parameters(final int k) {
    final Map<String, String> p = new LinkedHashMap<>();
    p.put("k", Integer.toString(k));
    p.put("k.setting", settings.autoK() ? "auto(" + settings.kMin() + ".." + settings.kMax() + ")"
        : Integer.toString(settings.k()));
    p.put("decay-factor", Double.toString(settings.decayFactor()));
    p.put("time-unit", settings.timeUnit().name().toLowerCase(Locale.ROOT));
    p.put("batch-size", Integer.toString(settings.batchSize()));
    p.put("bootstrap-vectors", Integer.toString(settings.bootstrapVectors()));
    p.put("reseed-min-share", Double.toString(settings.reseedMinShare()));
    p.put("seed", Long.toString(settings.seed()));
    p.put("publish.min-movement", Double.toString(policy.minMovement()));
    p.put("publish.interval", policy.interval().toString());
    p.put("publish.min-gap", policy.minGap().toString());
    p.put(PARAM_GENERATION_REASON, generationReason);
    p.put(PARAM_GENERATION_STARTED, Long.toString(generationStartedVersion));
    p.putAll(fitParameters);
    return p;
  }

  // ---------------------------------------------------------------------------------------------- state

  public boolean bootstrapping() {
    return kmeans == null;
  }

  /** Vectors the bootstrap needs (at least bootstrapVectors, and enough for the k-means fit). */
  public int bootstrapNeeded() {
    final int minimum = settings.autoK() ? settings.kMin() + 1 : settings.k();
    return Math.max(settings.bootstrapVectors(), minimum);
  }

  public int bootstrapCollected() {
    return bootstrapping() ? bootstrapCount : bootstrapNeeded();
  }

  /** Vectors taken but not yet trained (open mini-batch). */
  public int pending() {
    return pendingCount;
  }

  /** Largest distance (standardised) any living centre moved since the last publication; new centres count 0. */
  public double maxMovement() {
    if (kmeans == null) {
      return 0;
    }
    final double[][] centres = kmeans.centres();
    final int[] ids = kmeans.ids();
    double max = 0;
    for (int i = 0; i < ids.length; i++) {
      final double[] before = publishedCentres.get(ids[i]);
      if (before != null) {
        max = Math.max(max, Math.sqrt(DistanceKernel.squared(before, centres[i])));
      }
    }
    return max;
  }

  /** Per segment id, distance moved since the last publication (0 for a centre born since). */
  public Map<Integer, Double> movementById() {
    final Map<Integer, Double> out = new TreeMap<>();
    if (kmeans != null) {
      final double[][] centres = kmeans.centres();
      final int[] ids = kmeans.ids();
      for (int i = 0; i < ids.length; i++) {
        final double[] before = publishedCentres.get(ids[i]);
        out.put(ids[i], before == null ? 0.0 : Math.sqrt(DistanceKernel.squared(before, centres[i])));
      }
    }
    return out;
  }

  private boolean hasNewCentres() {
    if (publishedCentres.isEmpty()) {
      return false;
    }
    for (final int id : kmeans.ids()) {
      if (!publishedCentres.containsKey(id)) {
        return true;
      }
    }
    return false;
  }

  /** Last published (or resumed) version; 0 if none. */
  public long version() {
    return version;
  }

  public int generation() {
    return generation;
  }

  public String modelName() {
    return modelName;
  }

  public String featureSetId() {
    return featureSetId;
  }

  /** Vectors the current generation's model absorbed (bootstrap included); 0 while bootstrapping. */
  public long trainedVectors() {
    return kmeans == null ? 0 : kmeans.trained();
  }

  public long trainedSinceLastPublication() {
    return trainedSincePublication;
  }

  /** Rejected vectors by reason since this trainer started (or last resumed). */
  public Map<String, Long> rejected() {
    return Map.copyOf(rejected);
  }

  /** The model last published by, or resumed into, this trainer. */
  public Optional<Segmentation> lastPublication() {
    return Optional.ofNullable(lastPublication);
  }

  public FeatureRegistry registry() {
    return registry;
  }

  static String fmt(final double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static long parseLong(final String s, final long fallback) {
    if (s == null) {
      return fallback;
    }
    try {
      return Long.parseLong(s);
    } catch (final NumberFormatException e) {
      return fallback;
    }
  }
}
