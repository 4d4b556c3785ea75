package io.segstream.streams.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.segstream.avro.ChangeReason;
import io.segstream.avro.EventType;
import io.segstream.avro.VectorSource;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streams app's own metrics (Kafka Streams' are bound separately). Shared by every task, so
 * everything here is thread-safe; meters are looked up once and cached.
 */
public final class SegmentMetrics {
  /** Only events younger than this feed the latency timer: replays of history would swamp it. */
  private static final long LIVE_EVENT_MAX_AGE_MS = Duration.ofMinutes(10).toMillis();

  private final MeterRegistry registry;
  private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> changes = new ConcurrentHashMap<>();
  private final Map<VectorSource, Counter> vectors = new EnumMap<>(VectorSource.class);
  private final Timer latency;
  private final Counter truncated;
  private final Counter layoutResets;
  private final Counter swept;
  private final Counter orphanSignals;
  private final AtomicLong modelVersion = new AtomicLong();
  private final AtomicLong reassessedVersion = new AtomicLong();
  private final AtomicLong reassessed = new AtomicLong();
  private final AtomicLong reassessedChanged = new AtomicLong();

  public SegmentMetrics(final MeterRegistry registry) {
    this.registry = registry;
    for (final EventType t : EventType.values()) {
      events.put(t, Counter.builder("segstream.events").description("Valid input events by type")
          .tag("type", t.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
    }
    for (final VectorSource s : VectorSource.values()) {
      vectors.put(s, Counter.builder("segstream.vectors.emitted").description("Training vectors sent to the updater")
          .tag("source", s.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
    }
    latency = Timer.builder("segstream.assignment.latency")
        .description("Event time to assignment, for live events (younger than 10 minutes)")
        .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
    truncated = Counter.builder("segstream.text.truncated").description("Review texts cut to validation.max-text-chars")
        .register(registry);
    layoutResets = Counter.builder("segstream.state.layout.resets")
        .description("User states written with another feature layout, whose counters were reset").register(registry);
    swept = Counter.builder("segstream.sweep.users").description("Users re-evaluated by the background sweep")
        .register(registry);
    orphanSignals = Counter.builder("segstream.review.signals.orphaned")
        .description("Review signals for users segstream does not hold (erased or expired): dropped").register(registry);
    registry.gauge("segstream.streams.model.version", modelVersion);
    registry.gauge("segstream.model.reassigned.share", this,
        m -> m.reassessed.get() == 0 ? 0.0 : (double) m.reassessedChanged.get() / m.reassessed.get());
    // Register the rejection reasons up front so dashboards show zeros, not gaps.
    for (final String r : new String[] {Rejection.MALFORMED, Rejection.OVERSIZED, Rejection.FUTURE_TIMESTAMP}) {
      rejectedCounter(r);
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void event(final EventType type) {
    events.get(type).increment();
  }

  public void rejected(final String reason) {
    rejectedCounter(reason).increment();
  }

  private Counter rejectedCounter(final String reason) {
    return rejected.computeIfAbsent(reason, r -> Counter.builder("segstream.events.rejected")
        .description("Input refused and dead-lettered, by reason").tag("reason", r).register(registry));
  }

  public void change(final String from, final String to, final ChangeReason reason) {
    changes.computeIfAbsent(from + '\u0000' + to + '\u0000' + reason, k -> Counter.builder("segstream.segment.changes")
        .description("Segment changes emitted").tag("from", from).tag("to", to)
        .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry)).increment();
  }

  public void vector(final VectorSource source) {
    vectors.get(source).increment();
  }

  public void assigned(final long eventTimeMillis, final long nowMillis) {
    final long age = nowMillis - eventTimeMillis;
    if (age >= 0 && age <= LIVE_EVENT_MAX_AGE_MS) {
      latency.record(age, TimeUnit.MILLISECONDS);
    }
  }

  public void truncated() {
    truncated.increment();
  }

  public void orphanSignals() {
    orphanSignals.increment();
  }

  public void layoutReset() {
    layoutResets.increment();
  }

  public void swept(final int users) {
    swept.increment(users);
  }

  public void modelVersion(final long version) {
    modelVersion.set(version);
  }

  /** A user was re-evaluated under a new model version; share of such users who changed is a gauge. */
  public synchronized void reassessedUnderNewModel(final long version, final boolean changed) {
    if (version != reassessedVersion.get()) {
      reassessedVersion.set(version);
      reassessed.set(0);
      reassessedChanged.set(0);
    }
    reassessed.incrementAndGet();
    if (changed) {
      reassessedChanged.incrementAndGet();
    }
  }
}
