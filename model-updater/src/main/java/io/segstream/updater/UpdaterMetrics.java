package io.segstream.updater;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The updater's Micrometer meters, all tagged {@code model=<name>}. Also the trainer's {@link
 * ModelTrainer.Listener}. Gauges read volatile fields of this object, so it must stay referenced while
 * registered; {@link #close()} removes every meter it registered.
 */
public final class UpdaterMetrics implements ModelTrainer.Listener, AutoCloseable {
  public static final String VECTORS_TRAINED = "segstream.updater.vectors.trained";
  public static final String VECTORS_REJECTED = "segstream.updater.vectors.rejected";
  public static final String VECTORS_SKIPPED = "segstream.updater.vectors.skipped";
  public static final String BATCHES = "segstream.updater.batches";
  public static final String MODEL_VERSION = "segstream.model.version";
  public static final String MODEL_INERTIA = "segstream.model.inertia";
  public static final String MODEL_SEGMENTS = "segstream.model.segments";
  public static final String CENTROID_DRIFT = "segstream.model.centroid.drift";
  public static final String LAG = "segstream.updater.lag";
  public static final String ACTIVE = "segstream.updater.active";
  public static final String BOOTSTRAP_PROGRESS = "segstream.updater.bootstrap.progress";
  /** Reason tag for records that are not a decodable FeatureVector at all. */
  public static final String UNDECODABLE = "undecodable";

  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter trained;
  private final Counter batches;
  private final Counter skippedEvent;
  private final Counter skippedSample;
  private final DistributionSummary drift;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

  private volatile double version = Double.NaN;
  private volatile double inertia = Double.NaN;
  private volatile double segments = Double.NaN;
  private volatile double lag = Double.NaN;
  private volatile double active;
  private volatile double bootstrapProgress;

  public UpdaterMetrics(final MeterRegistry registry, final String modelName) {
    this.registry = registry;
    this.tags = Tags.of("model", modelName);
    trained = keep(Counter.builder(VECTORS_TRAINED).tags(tags).baseUnit("vectors")
        .description("Vectors absorbed into the model (bootstrap sample included)").register(registry));
    batches = keep(Counter.builder(BATCHES).tags(tags).description("Mini-batch updates applied").register(registry));
    skippedEvent = keep(Counter.builder(VECTORS_SKIPPED).tags(tags).tag("source", "event").baseUnit("vectors")
        .description("Vectors taken at events, not trained on once a model exists (updater.event-vectors)")
        .register(registry));
    skippedSample = keep(Counter.builder(VECTORS_SKIPPED).tags(tags).tag("source", "sample").baseUnit("vectors")
        .description("Sampled vectors not trained on: the user's features had not changed since their last sample")
        .register(registry));
    drift = keep(DistributionSummary.builder(CENTROID_DRIFT).tags(tags)
        .description("Largest distance (standardised) a centre moved between two publications").register(registry));
    gauge(MODEL_VERSION, "Version of the last published (or resumed) model", m -> m.version);
    gauge(MODEL_INERTIA, "Mean squared distance of recent training vectors to their centre (standardised)",
        m -> m.inertia);
    gauge(MODEL_SEGMENTS, "Number of segments (k) of the current model", m -> m.segments);
    gauge(LAG, "Training vectors not yet consumed (end offsets minus position); NaN on standby", m -> m.lag);
    gauge(ACTIVE, "1 if this updater holds the lock and trains, 0 on standby", m -> m.active);
    gauge(BOOTSTRAP_PROGRESS, "Share of the bootstrap sample collected (1 once a model exists)",
        m -> m.bootstrapProgress);
    rejectedCounter(ModelTrainer.FEATURE_SET_MISMATCH);
    rejectedCounter(ModelTrainer.BAD_VECTOR);
    rejectedCounter(UNDECODABLE);
  }

  private void gauge(final String name, final String description,
      final java.util.function.ToDoubleFunction<UpdaterMetrics> f) {
    keep(Gauge.builder(name, this, f).tags(tags).description(description).strongReference(true).register(registry));
  }

  private <M extends Meter> M keep(final M meter) {
    synchronized (meters) {
      meters.add(meter);
    }
    return meter;
  }

  private Counter rejectedCounter(final String reason) {
    return rejected.computeIfAbsent(reason, r -> keep(Counter.builder(VECTORS_REJECTED).tags(tags).tag("reason", r)
        .baseUnit("vectors").description("Training vectors refused, by reason").register(registry)));
  }

  public void skippedEventVector() {
    skippedEvent.increment();
  }

  public void unchangedSample() {
    skippedSample.increment();
  }

  @Override
  public void rejected(final String reason) {
    rejectedCounter(reason).increment();
  }

  @Override
  public void trained(final int vectors) {
    trained.increment(vectors);
  }

  @Override
  public void batch() {
    batches.increment();
  }

  @Override
  public void bootstrapProgress(final int collected, final int needed) {
    bootstrapProgress = needed <= 0 ? 1.0 : Math.min(1.0, (double) collected / needed);
  }

  /** A model was published ({@code drift} recorded) or resumed (not recorded). */
  public void model(final Segmentation m, final boolean published) {
    version = m.version();
    inertia = m.inertia();
    segments = m.k();
    if (published) {
      drift.record(maxMovement(m));
    }
  }

  public void active(final boolean isActive) {
    active = isActive ? 1 : 0;
    if (!isActive) {
      lag = Double.NaN;
    }
  }

  public void lag(final long vectors) {
    lag = vectors;
  }

  public static double maxMovement(final Segmentation m) {
    double max = 0;
    for (final Segment s : m.segments()) {
      max = Math.max(max, s.movement());
    }
    return max;
  }

  double trainedCount() {
    return trained.count();
  }

  double rejectedCount(final String reason) {
    return rejectedCounter(reason).count();
  }

  /** Removes every meter this object registered. */
  @Override
  public void close() {
    synchronized (meters) {
      meters.forEach(registry::remove);
      meters.clear();
    }
    rejected.clear();
  }
}
