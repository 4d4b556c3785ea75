package io.segstream.streams.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureDef;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.Transform;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.streams.rest.QueryException;
import io.segstream.streams.rest.Responses;
import io.segstream.streams.rest.SegmentQueries;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard page shows beyond the plain API: a sampler that records segment sizes (over all instances)
 * per minute and model versions as they appear, input counters added up over instances for events/s and dead
 * letters, the updater's lag from the broker, and the {@link ChangeFeed}. One per streams-app instance; each keeps
 * its own in-memory history (a restarted instance starts its sparklines over).
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
  private static final long SAMPLE_MS = 5_000;
  private static final int RATE_POINTS = 120;

  private final SegmentQueries queries;
  private final FeatureRegistry registry;
  private final ChangeFeed feed;
  private final InstanceCounters counters;
  private final UpdaterLag lag;
  private final LongSupplier clock;
  private final SizeHistory sizes = new SizeHistory(24 * 60);
  private final ModelHistory models = new ModelHistory(500);
  private final Deque<RatePoint> rates = new ArrayDeque<>(RATE_POINTS);
  private final ScheduledExecutorService sampler;
  private final ObjectMapper json = new ObjectMapper();
  private volatile InstanceCounters.Counts lastCounts = new InstanceCounters.Counts(0, Map.of());
  private volatile long lastCountsAt;
  private volatile OptionalLong updaterLag = OptionalLong.empty();

  private Dashboard(final SegmentQueries queries, final FeatureRegistry registry, final ChangeFeed feed,
      final InstanceCounters counters, final UpdaterLag lag, final LongSupplier clock) {
    this.queries = queries;
    this.registry = registry;
    this.feed = feed;
    this.counters = counters;
    this.lag = lag;
    this.clock = clock;
    this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "segstream-dashboard-sampler");
      t.setDaemon(true);
      return t;
    });
  }

  public static Dashboard start(final SegstreamConfig config, final SegmentQueries queries,
      final FeatureRegistry registry, final MeterRegistry metrics) {
    final Dashboard d = new Dashboard(queries, registry, ChangeFeed.start(config), new InstanceCounters(metrics),
        new UpdaterLag(config), System::currentTimeMillis);
    d.sampler.scheduleWithFixedDelay(d::sample, 1_000, SAMPLE_MS, TimeUnit.MILLISECONDS);
    return d;
  }

  private void sample() {
    final long now = clock.getAsLong();
    try {
      final Responses.Segments s = queries.segments();
      final Map<Integer, Long> bySegment = new HashMap<>();
      s.segments().forEach(x -> bySegment.put(x.id(), x.size()));
      sizes.record(now, s.modelVersion(), bySegment);
      queries.model().ifPresent(models::record);
    } catch (final QueryException | IOException e) {
      LOG.debug("dashboard: no segment sizes this time ({})", e.getMessage());
    } catch (final RuntimeException e) {
      LOG.debug("dashboard: no segment sizes this time", e);
    }
    try {
      final InstanceCounters.Counts c = countsOverInstances();
      final InstanceCounters.Counts before = lastCounts;
      final long beforeAt = lastCountsAt;
      if (beforeAt > 0 && now > beforeAt) {
        final double perSecond = Math.max(0, c.events() - before.events()) * 1000.0 / (now - beforeAt);
        synchronized (rates) {
          rates.addLast(new RatePoint(ChangeView.iso(now), perSecond));
          while (rates.size() > RATE_POINTS) {
            rates.removeFirst();
          }
        }
      }
      lastCounts = c;
      lastCountsAt = now;
    } catch (final QueryException | IOException e) {
      LOG.debug("dashboard: no counters from every instance this time ({})", e.getMessage());
    }
    try {
      updaterLag = lag.vectors();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This instance's own input counters, for {@code /v1/internal/counters}. */
  InstanceCounters.Counts localCounts() {
    return counters.read();
  }

  private InstanceCounters.Counts countsOverInstances() throws IOException {
    InstanceCounters.Counts total = counters.read();
    for (final InstanceCounters.Counts other
        : queries.fromOtherInstances("/v1/internal/counters", InstanceCounters.Counts.class).answers()) {
      total = total.plus(other);
    }
    return total;
  }

  SizesResponse sizes(final int minutes) {
    final Optional<Segmentation> m = queries.model();
    final List<SegmentRef> segments = m.map(Dashboard::refs).orElse(List.of());
    return new SizesResponse(minutes, segments, sizes.since(clock.getAsLong(), minutes));
  }

  FlowsResponse flows(final int minutes) {
    return new FlowsResponse(minutes, feed.seen(), feed.flows(clock.getAsLong(), minutes));
  }

  ChangeFeed feed() {
    return feed;
  }

  UserChanges userChanges(final String userId) {
    final Optional<List<ChangeView>> h = feed.history(userId);
    return new UserChanges(userId, h.isPresent(), h.orElse(List.of()));
  }

  /** Each segment's centre per feature, in original units and in spreads from the population's typical value. */
  ProfilesResponse profiles() {
    final Segmentation m = queries.model().orElseThrow(() -> new QueryException(404, "no model yet"));
    final double[] typical = m.scaler().inverse(new double[m.scaler().dimension()]);
    final List<FeatureRow> rows = new ArrayList<>();
    for (int j = 0; j < m.featureNames().size(); j++) {
      final String name = m.featureNames().get(j);
      final Transform t = registry.feature(name).map(FeatureDef::transform).orElse(Transform.IDENTITY);
      final List<Cell> cells = new ArrayList<>();
      for (final Segment s : m.segments()) {
        final double[] x = m.scaler().inverse(s.centroid());
        cells.add(new Cell(s.id(), t.invert(x[j]), s.centroid()[j]));
      }
      rows.add(new FeatureRow(name, t.invert(typical[j]), cells));
    }
    return new ProfilesResponse(m.version(), refs(m), rows);
  }

  HealthResponse health() {
    final Optional<Segmentation> m = queries.model();
    final List<Drift> drift = m.map(x -> x.segments().stream()
        .map(s -> new Drift(s.id(), s.label(), s.movement())).toList()).orElse(List.of());
    final List<RatePoint> r;
    synchronized (rates) {
      r = new ArrayList<>(rates);
    }
    final OptionalLong l = updaterLag;
    return new HealthResponse(
        m.map(Segmentation::version).orElse(0L), m.map(Segmentation::generation).orElse(0), m.map(Segmentation::k).orElse(0),
        m.map(Segmentation::trainedVectors).orElse(0L), m.map(Segmentation::inertia).orElse(0.0),
        m.map(x -> x.publishedAt().toString()).orElse(null), drift, models.all(),
        l.isPresent() ? l.getAsLong() : null, lastCounts.deadLetters(), lastCounts.events(),
        r.isEmpty() ? 0.0 : r.getLast().perSecond(), r, feed.seen());
  }

  private static List<SegmentRef> refs(final Segmentation m) {
    return m.segments().stream().map(s -> new SegmentRef(s.id(), s.label())).toList();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    feed.close();
    lag.close();
  }

  record SegmentRef(int id, String label) {}

  record SizesResponse(int minutes, List<SegmentRef> segments, List<SizeHistory.SizePoint> points) {}

  record FlowsResponse(int minutes, long changesSeen, List<Flow> flows) {}

  record UserChanges(String userId, boolean known, List<ChangeView> changes) {}

  /** @param z the centre in standardised units: spreads above (+) or below (-) the population's typical value */
  record Cell(int segmentId, double value, double z) {}

  record FeatureRow(String feature, double typical, List<Cell> segments) {}

  record ProfilesResponse(long modelVersion, List<SegmentRef> segments, List<FeatureRow> features) {}

  record Drift(int segmentId, String label, double movement) {}

  record RatePoint(String at, double perSecond) {}

  /**
   * @param updaterLag training vectors not yet in a published model (null before the updater committed any)
   * @param eventsPerSecond valid input events per second over all instances, over the last sampling interval
   */
  record HealthResponse(long modelVersion, int generation, int k, long trainedVectors, double inertia,
      String publishedAt, List<Drift> drift, List<ModelHistory.ModelPoint> versions, Long updaterLag,
      Map<String, Long> deadLetters, long eventsTotal, double eventsPerSecond, List<RatePoint> eventRate,
      long changesSeen) {}
}
