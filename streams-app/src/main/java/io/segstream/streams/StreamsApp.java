package io.segstream.streams;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.service.Service;
import io.segstream.core.service.ServiceHealth;
import io.segstream.streams.dashboard.Dashboard;
import io.segstream.streams.dashboard.DashboardRoutes;
import io.segstream.streams.rest.BearerAuth;
import io.segstream.streams.rest.HealthStatus;
import io.segstream.streams.rest.RestServer;
import io.segstream.streams.rest.SegmentQueries;
import io.segstream.streams.text.TextStage;
import io.segstream.streams.topology.SegmentMetrics;
import io.segstream.streams.topology.SegmentationTopology;
import io.segstream.streams.topology.StreamTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running streams app: topics checked, topology started with exactly-once and RocksDB state, REST
 * API and metrics served. {@link #close()} stops everything in order. The topology itself is a plain function of
 * the configuration ({@link SegmentationTopology#build}); this class only runs it, as a {@link Service}.
 */
public final class StreamsApp implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private final KafkaStreams streams;
  private final RestServer http;
  private final SegmentQueries queries;
  private final KafkaStreamsMetrics streamsMetrics;
  private final ScheduledExecutorService background;
  private final boolean leaveGroupOnClose;
  private final Optional<TextStage> text;
  private final Dashboard dashboard;
  private final RestoreProgress restoring;

  private StreamsApp(final KafkaStreams streams, final RestServer http, final SegmentQueries queries,
      final KafkaStreamsMetrics streamsMetrics, final ScheduledExecutorService background,
      final boolean leaveGroupOnClose, final Optional<TextStage> text, final Dashboard dashboard,
      final RestoreProgress restoring) {
    this.streams = streams;
    this.restoring = restoring;
    this.dashboard = dashboard;
    this.text = text;
    this.http = http;
    this.queries = queries;
    this.streamsMetrics = streamsMetrics;
    this.background = background;
    this.leaveGroupOnClose = leaveGroupOnClose;
  }

  /**
   * Creates missing topics (if configured), starts the topology, then the HTTP server (REST API, dashboard,
   * /metrics, /health) and, if {@code text.enabled}, the text stage. Returns once all of them run; if one fails to
   * start, the ones started before it are stopped again.
   *
   * @param config     the settings; the topology is built from them alone
   * @param metrics    where the app's, the clients' and Kafka Streams' metrics go (served on /metrics)
   * @param categories how an event's product category is found (the shop's own, or the text stage's guess)
   */
  public static StreamsApp start(final SegstreamConfig config, final PrometheusMeterRegistry metrics,
      final CategoryResolver categories) {
    TopicSetup.ensure(config);
    final FeatureRegistry registry = FeatureRegistry.standard(config.features());
    final StreamTime streamTime = new StreamTime();
    final Topology topology = SegmentationTopology.build(config, registry, categories, new SegmentMetrics(metrics),
        streamTime, System::currentTimeMillis);
    final KafkaStreams streams = new KafkaStreams(topology, StreamsProperties.from(config));
    StreamsLifecycle.watch("streams app", streams, LOG);
    final RestoreProgress restoring = new RestoreProgress();
    streams.setGlobalStateRestoreListener(restoring);
    final KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(metrics);
    final HostInfo self = new HostInfo(config.http().advertisedHost(), config.http().port());
    final BearerAuth auth = BearerAuth.of(config.http().auth());
    final SegmentQueries queries = new SegmentQueries(streams, registry, config.modelName(), streamTime, self,
        auth.forwardingToken());
    streams.start();
    LOG.info("streams app '{}' started on {} (feature set {}, {} features, state in {})", config.applicationId(),
        String.join(",", config.bootstrapServers()), registry.featureSetId(), registry.dimension(),
        config.stateDir().toAbsolutePath());

    final Dashboard dashboard = Dashboard.start(config, queries, registry, metrics);
    final RestServer http;
    // The text stage starts after the HTTP server; /v1/text-model answers 404 until it is there.
    final AtomicReference<Optional<TextStage>> textForHttp = new AtomicReference<>(Optional.empty());
    try {
      http = RestServer.start(config.http().host(), config.http().port(), Optional.of(queries),
          config.topItems(),
          metrics, () -> HealthStatus.of(health(streams, queries, restoring)), auth,
          () -> textForHttp.get().map(TextStage::textModel),
          cfg -> DashboardRoutes.register(cfg, dashboard));
    } catch (final RuntimeException e) {
      dashboard.close();
      streams.close(Duration.ofSeconds(30));
      throw e;
    }
    // The text stage is its own Kafka Streams instance: its model batches never hold up this one.
    final Optional<TextStage> text;
    try {
      text = config.text().enabled() ? Optional.of(TextStage.start(config, metrics)) : Optional.empty();
      textForHttp.set(text);
    } catch (final RuntimeException e) {
      http.close();
      dashboard.close();
      streams.close(Duration.ofSeconds(30));
      throw e;
    }
    final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "segstream-gauges");
      t.setDaemon(true);
      return t;
    });
    final SegmentSizeGauges gauges = new SegmentSizeGauges(metrics, queries);
    background.scheduleWithFixedDelay(() -> {
      try {
        gauges.refresh();
      } catch (final RuntimeException e) {
        LOG.debug("segment size gauges not refreshed: {}", e.getMessage());
      }
    }, 1, 5, TimeUnit.SECONDS);
    return new StreamsApp(streams, http, queries, streamsMetrics, background, config.streams().leaveGroupOnClose(),
        text, dashboard, restoring);
  }

  /**
   * Up while Kafka Streams runs or rebalances; with the model version it scores with (0 before the first) and the
   * store partitions being restored from their changelogs.
   */
  @Override
  public ServiceHealth health() {
    return health(streams, queries, restoring);
  }

  private static ServiceHealth health(final KafkaStreams streams, final SegmentQueries queries,
      final RestoreProgress restoring) {
    final KafkaStreams.State s = streams.state();
    long version = 0;
    try {
      version = queries.model().map(m -> m.version()).orElse(0L);
    } catch (final RuntimeException e) {
      // not queryable yet: report version 0
    }
    final Map<String, Object> details = new LinkedHashMap<>();
    details.put("modelVersion", version);
    details.put("restoring", restoring.restoring());
    return new ServiceHealth(StreamsLifecycle.up(s), "streams", s.name(), details);
  }

  public KafkaStreams streams() {
    return streams;
  }

  public SegmentQueries queries() {
    return queries;
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    background.shutdownNow();
    text.ifPresent(TextStage::close);
    dashboard.close();
    http.close();
    // Kafka Streams stays in the group by default (good for a quick bounce); a service that stops should
    // hand its partitions over now, or the next start waits out the old member's session timeout.
    streams.close(CloseOptions.groupMembershipOperation(leaveGroupOnClose
        ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
        .withTimeout(Duration.ofSeconds(60)));
    streamsMetrics.close();
  }
}
