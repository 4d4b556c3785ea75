package io.segstream.cli;

import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.UserProfile;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.ingest.evaluation.SystemPartition;
import io.segstream.streams.StreamsApp;
import io.segstream.streams.topology.StoreNames;
import io.segstream.updater.ModelUpdater;
import io.segstream.updater.UpdaterMetrics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A fresh segstream for one evaluation run, wired as 'demo --no-traffic' wires it: the streams app and the model
 * updater in this process, on an embedded broker in a new directory, or on an existing cluster under topic names
 * and an application id of its own so nothing there is touched. Read through interactive queries, which also
 * tell under which model version each user was last assigned.
 */
final class EvaluationSystem implements AutoCloseable {

  private final Optional<EmbeddedKafka> kafka;
  private final SegstreamConfig config;
  private final PrometheusMeterRegistry metrics;
  private final StreamsApp app;
  private final ModelUpdater updater;

  private EvaluationSystem(final Optional<EmbeddedKafka> kafka, final SegstreamConfig config,
      final PrometheusMeterRegistry metrics, final StreamsApp app, final ModelUpdater updater) {
    this.kafka = kafka;
    this.config = config;
    this.metrics = metrics;
    this.app = app;
    this.updater = updater;
  }

  /**
   * @param settings the evaluation's defaults (fast sweeps...) before the user's --config/--set
   * @param load merges the user's configuration over {@code settings}
   * @param cluster an existing cluster, or empty for an embedded broker under {@code dir}
   */
  static EvaluationSystem start(final Map<String, String> settings,
      final Function<Map<String, String>, SegstreamConfig> load, final Optional<String> cluster,
      final Path dir) throws IOException {
    final Map<String, String> s = new LinkedHashMap<>(settings);
    final Optional<EmbeddedKafka> kafka = cluster.isPresent() ? Optional.empty()
        : Optional.of(EmbeddedKafka.start(dir.resolve("kafka"), 0));
    try {
      final String run = "segstream-evaluate-" + UUID.randomUUID().toString().substring(0, 8);
      s.put("application.id", run);
      s.put("bootstrap.servers", cluster.orElseGet(() -> kafka.orElseThrow().bootstrapServers()));
      if (cluster.isPresent()) {
        final SegstreamConfig.Topics t = SegstreamConfig.fromMap(Map.of()).topics();
        s.put("topics.events", run + "." + t.events().getFirst());
        s.put("topics.feature-vectors", run + "." + t.featureVectors());
        s.put("topics.model", run + "." + t.model());
        s.put("topics.changes", run + "." + t.changes());
        s.put("topics.assignments", run + "." + t.assignments());
        s.put("topics.deletions", run + "." + t.deletions());
        s.put("topics.dead-letter", run + "." + t.deadLetter());
      }
      s.put("state.dir", dir.resolve("state").toString());
      s.put("http.port", Integer.toString(freePort()));
      final SegstreamConfig c = load.apply(s);
      final PrometheusMeterRegistry metrics = ProcessMetrics.registry();
      final StreamsApp app = StreamsApp.start(c, metrics, CategoryResolver.shopCategory());
      try {
        return new EvaluationSystem(kafka, c, metrics, app, new ModelUpdater(c, metrics).start());
      } catch (final RuntimeException e) {
        app.close();
        throw e;
      }
    } catch (final RuntimeException | IOException e) {
      kafka.ifPresent(EmbeddedKafka::close);
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  SegstreamConfig config() {
    return config;
  }

  String bootstrapServers() {
    return String.join(",", config.bootstrapServers());
  }

  /** Input events the streams app has taken in, valid or rejected. */
  long eventsProcessed() {
    return (long) (counter("segstream.events") + counter("segstream.events.rejected"));
  }

  long eventsRejected() {
    return (long) counter("segstream.events.rejected");
  }

  /** Share of the first model's bootstrap sample the updater has collected (1 once a model exists). */
  double bootstrapProgress() {
    return Search.in(metrics).name(UpdaterMetrics.BOOTSTRAP_PROGRESS).gauges().stream().mapToDouble(g -> g.value())
        .max().orElse(0);
  }

  private double counter(final String name) {
    return Search.in(metrics).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /** The model the streams app currently assigns with, if it has one and its stores can be read right now. */
  Optional<Segmentation> model() {
    try {
      return app.queries().model();
    } catch (final RuntimeException e) {
      return Optional.empty(); // not queryable during a rebalance: ask again
    }
  }

  /** Every user's segment and the model version it was assigned under; empty while the store cannot be read. */
  Optional<Map<String, UserProfile>> profiles() {
    try {
      final ReadOnlyKeyValueStore<String, UserProfile> store = app.streams().store(
          StoreQueryParameters.fromNameAndType(StoreNames.PROFILES, QueryableStoreTypes.<String, UserProfile>keyValueStore()));
      final Map<String, UserProfile> out = new HashMap<>();
      try (KeyValueIterator<String, UserProfile> it = store.all()) {
        while (it.hasNext()) {
          final KeyValue<String, UserProfile> kv = it.next();
          out.put(kv.key, kv.value);
        }
      }
      return Optional.of(out);
    } catch (final InvalidStateStoreException e) {
      return Optional.empty();
    }
  }

  /** The segments as they stand: call once the system has settled. */
  static SystemPartition partition(final Segmentation model, final Map<String, UserProfile> profiles) {
    final Map<Integer, String> labels = new HashMap<>();
    for (final Segment s : model.segments()) {
      labels.put(s.id(), s.label());
    }
    final Map<String, Integer> segmentOf = new HashMap<>();
    profiles.forEach((user, p) -> segmentOf.put(user, p.getSegmentId()));
    return new SystemPartition(model.version(), model.k(), labels, segmentOf);
  }

  @Override
  public void close() {
    try {
      updater.close();
    } finally {
      try {
        app.close();
      } finally {
        kafka.ifPresent(EmbeddedKafka::close);
      }
    }
  }
}
