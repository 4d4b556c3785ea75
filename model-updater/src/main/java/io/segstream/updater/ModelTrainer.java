package io.segstream.updater;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.kmeans.KMeansBootstrap;
import io.segstream.core.kmeans.MiniBatchKMeans;
import io.segstream.core.kmeans.PopulationFit;
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
 *
 * <p>Its parts, each with one job: {@link BootstrapSample} collects and fits a generation's first vectors;
 * {@link PublicationTracker} remembers the last publication and measures centre movement against it (the publish
 * decision, the segments' {@code movement} and the drift metric all read it there); {@link PopulationSample} keeps
 * the population sample and says when to refit on it; {@link ModelParameters} writes the settings into each model.
 */
public final class ModelTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

  /** Rejection reason: the vector was computed for another feature set. */
  public static final String FEATURE_SET_MISMATCH = "feature_set_mismatch";
  /** Rejection reason: wrong dimension, NaN or infinite values, missing values. */
  public static final String BAD_VECTOR = "bad_vector";

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
  private final PopulationSample population;

  // Across generations.
  private long version;            // last published version, 0 if none
  private int nextSegmentId;       // first id the next bootstrap hands out
  private int generation = 1;
  private String generationReason = "first model";
  private long generationStartedVersion;
  private final Map<String, String> fitParameters = new TreeMap<>();

  // Bootstrap phase (null once fitted).
  private BootstrapSample bootstrap;

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

  private final PublicationTracker publication = new PublicationTracker();
  private final Map<String, Long> rejected = new TreeMap<>();

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
    this.rejectionLog = new RejectionLog(LOG, clock, modelName);
    this.population = new PopulationSample(Objects.requireNonNull(populationPolicy, "populationPolicy"), clock);
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
    publication.seen(last);
    rejected.clear();
    if (last.featureSet().equals(featureSetId) && last.featureNames().equals(featureNames) && last.k() > 0) {
      continueFrom(last);
    } else {
      generation = last.generation() + 1;
      generationReason = "feature set changed from " + last.featureSet() + " to " + featureSetId;
      LOG.info("model '{}' v{} (generation {}) was trained on feature set {}, vectors now use {}: bootstrapping"
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
    for (int i = 0; i < k; i++) {
      final Segment s = last.segments().get(i);
      centres[i] = s.centroid();
      weights[i] = s.weight();
      ids[i] = s.id();
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
    bootstrap = null;
    setScaler(last.scaler());
    moments = RunningMoments.from(last.scaler(), settings.bootstrapVectors());
    kmeans = new MiniBatchKMeans(centres, weights, ids, nextSegmentId, last.trainedVectors(), settings);
    fallbackInertia = last.inertia();
    publication.resumedFrom(last);
    pendingCount = 0;
    if (!settings.autoK() && settings.k() != k) {
      LOG.info("model '{}': configured k={} differs from the published model's k={}; the model keeps k={}"
          + " until the next generation", modelName, settings.k(), k, k);
    }
    listener.bootstrapProgress(bootstrapNeeded(), bootstrapNeeded());
    LOG.info("resuming model '{}' v{} (generation {}): k={}, {} vectors trained, segment ids {}", modelName,
        last.version(), generation, k, last.trainedVectors(), Arrays.toString(ids));
  }

  private void startBootstrap() {
    scaler = null;
    kmeans = null;
    pendingCount = 0;
    fitParameters.clear();
    publication.reset();
    fallbackInertia = Double.NaN;
    bootstrap = new BootstrapSample(bootstrapNeeded(), modelName, listener);
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
      if (bootstrap.add(row)) {
        fitBootstrap();
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
    publication.trained(r.points());
    listener.trained(r.points());
    listener.batch();
    if (r.restarted()) {
      LOG.info("model '{}': k-means++ restarts on recent vectors found a better optimum ({}% less inertia);"
          + " retired segment(s) {}, new segment(s) {}", modelName, fmt(100 * r.refitGain()), r.retiredIds(),
          r.newIds());
    } else if (!r.newIds().isEmpty()) {
      LOG.info("model '{}': re-seeded starving segment(s) {} as new segment(s) {}", modelName, r.retiredIds(),
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
    if (!population.enabled()) {
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
    return population.offer(userId, row) && offer(featureSet, row);
  }

  /** The user was erased or expired: they leave the population sample. */
  public void forget(final String userId) {
    population.forget(userId);
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
    return population.refitDue(now, populationMinUsers());
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
      fit = population.refit(now, rows, settings, previous, previousIds, nextIdForRefit());
    } catch (final RuntimeException e) {
      LOG.warn("model '{}': population refit on {} users failed ({}); keeping the current model", modelName,
          rows.length, e.getMessage());
      return;
    }
    final boolean wasBootstrapping = kmeans == null;
    final double[] weights = new double[fit.k()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.max(1, fit.sizes()[i]);
    }
    final long trained = kmeans == null ? rows.length : kmeans.trained();
    if (wasBootstrapping) {
      bootstrap = null;
      listener.trained(rows.length);
      listener.bootstrapProgress(bootstrapNeeded(), bootstrapNeeded());
    }
    setScaler(fit.scaler());
    moments = RunningMoments.of(rows);
    kmeans = new MiniBatchKMeans(fit.centres(), weights, fit.ids(), fit.nextId(), trained, settings);
    nextSegmentId = Math.max(nextSegmentId, fit.nextId());
    fallbackInertia = fit.meanInertia();
    pendingCount = 0;
    publication.refitted(wasBootstrapping);
    fitParameters.put(PARAM_POPULATION_USERS, Integer.toString(rows.length));
    fitParameters.put(Segmentation.PARAM_FRESH_FROM, Long.toString(version + 1));
    if (!fit.silhouetteByK().isEmpty()) {
      final StringJoiner scores = new StringJoiner(", ");
      new TreeMap<>(fit.silhouetteByK()).forEach((k, v) -> scores.add(String.format(Locale.ROOT, "k=%d: %.3f", k, v)));
      fitParameters.put("population.silhouette", scores.toString());
    }
    LOG.info("model '{}': refitted on the population sample ({} users, k={}, inertia {} per user) in {} ms;"
            + " segment ids {}", modelName, rows.length, fit.k(), fmt(fit.meanInertia()),
        (System.nanoTime() - started) / 1_000_000, Arrays.toString(fit.ids()));
  }

  private int nextIdForRefit() {
    return kmeans == null ? nextSegmentId : Math.max(nextSegmentId, kmeans.nextId());
  }

  // ---------------------------------------------------------------------------------------------- bootstrap

  private void fitBootstrap() {
    final int n = bootstrap.needed();
    final Optional<BootstrapSample.Fitted> fitted = bootstrap.fit(settings);
    if (fitted.isEmpty()) {
      startBootstrap();
      return;
    }
    final BootstrapSample.Fitted fit = fitted.get();
    fitParameters.clear();
    fitParameters.putAll(fit.parameters());
    moments = fit.moments();
    bootstrap = null;
    setScaler(fit.scaler());
    kmeans = MiniBatchKMeans.seeded(fit.centres(), fit.weights(), nextSegmentId, settings);
    fallbackInertia = fit.meanInertia();
    publication.bootstrapped(n);
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
    if (population.enabled() && population.size() >= populationMinUsers()) {
      fresh = population.scaler();
    } else if (scaler.byShares()) {
      return; // a population's scaler, and too few users sampled since a restart to refresh it: keep it
    } else {
      fresh = moments.scaler();
    }
    kmeans.rescale(scaler, fresh);
    final Scaler old = scaler;
    publication.rescale(c -> fresh.transform(old.inverse(c)));
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
    return kmeans != null && publication.due(now, policy, kmeans.ids(), kmeans.centres());
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
          + bootstrap.count() + " of " + bootstrapNeeded() + " vectors)");
    }
    flush();
    refreshScaler();
    final long newVersion = version + 1;
    if (publication.firstDue()) {
      generationStartedVersion = newVersion;
    }
    final double[][] centres = kmeans.centres();
    final double[] weights = kmeans.weights();
    final int[] ids = kmeans.ids();
    final List<String> previous = new ArrayList<>(ids.length);
    for (final int id : ids) {
      previous.add(publication.label(id));
    }
    final List<SegmentNamer.Name> names = namer.name(featureNames, scaler, centres, previous);
    final Map<Integer, Double> movement = publication.movementById(ids, centres);
    final List<Segment> segments = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      final int id = ids[i];
      final SegmentNamer.Name name = names.get(i);
      segments.add(new Segment(id, name.label(), name.description(), centres[i], weights[i], movement.get(id),
          publication.createdVersion(id, newVersion)));
    }
    final double inertia = Double.isNaN(kmeans.inertia()) ? fallbackInertia : kmeans.inertia();
    final Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    final Segmentation model = new Segmentation(modelName, newVersion, generation, featureSetId, featureNames, scaler,
        segments, inertia, kmeans.trained(), at, kmeans.nextId(), parameters(ids.length));
    version = newVersion;
    nextSegmentId = kmeans.nextId();
    publication.published(model);
    return model;
  }

  public Segmentation publish() {
    return publish(clock.instant());
  }

  private Map<String, String> parameters(final int k) {
    final Map<String, String> p = ModelParameters.of(settings, policy, k);
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
    return bootstrapping() ? bootstrap.count() : bootstrapNeeded();
  }

  /** Vectors taken but not yet trained (open mini-batch). */
  public int pending() {
    return pendingCount;
  }

  /** Largest distance (standardised) any living centre moved since the last publication; new centres count 0. */
  public double maxMovement() {
    return kmeans == null ? 0 : publication.maxMovement(kmeans.ids(), kmeans.centres());
  }

  /** Per segment id, distance moved since the last publication (0 for a centre born since). */
  public Map<Integer, Double> movementById() {
    return kmeans == null ? new TreeMap<>() : publication.movementById(kmeans.ids(), kmeans.centres());
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
    return publication.trainedSince();
  }

  /** Rejected vectors by reason since this trainer started (or last resumed). */
  public Map<String, Long> rejected() {
    return Map.copyOf(rejected);
  }

  /** The model last published by, or resumed into, this trainer. */
  public Optional<Segmentation> lastPublication() {
    return publication.last();
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
