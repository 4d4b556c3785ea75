package io.segstream.cli.chaos;

import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.core.topics.TopicProvisioner;
import io.segstream.schemas.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A broker and streams instances, each a {@code segstream} JVM of its own, in deterministic mode: a frozen model,
 * no updater, the sweep off, no text stage. The harness sends input and reads outputs from its own JVM.
 */
final class Cluster implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final String classpath;
  private final int partitions;
  private final int standbys;
  private final List<ChildProcess> children = new ArrayList<>();
  private final Map<ChildProcess, Integer> httpPorts = new HashMap<>();
  private final Map<String, String> extra = new LinkedHashMap<>();
  private ChildProcess broker;
  private String bootstrap;

  Cluster(final Path dir, final String classpath, final int partitions, final int standbys) {
    this.dir = dir;
    this.classpath = classpath;
    this.partitions = partitions;
    this.standbys = standbys;
  }

  void startBroker() throws InterruptedException {
    final int port = freePort();
    broker = ChildProcess.start("broker", dir.resolve("logs/broker.log"), classpath,
        List.of("broker", "--port", Integer.toString(port), "--data-dir", dir.resolve("broker").toString()));
    children.add(broker);
    broker.awaitLine("Kafka broker ready", 0, START_TIMEOUT);
    bootstrap = "localhost:" + port;
  }

  /** A further setting for every instance started from now on (and the harness's own config). */
  void set(final String key, final String value) {
    extra.put(key, value);
  }

  ChildProcess broker() {
    return broker;
  }

  String bootstrap() {
    return bootstrap;
  }

  /** The settings every streams instance runs with, also used by the harness's own clients. */
  Map<String, String> settings() {
    final Map<String, String> s = new LinkedHashMap<>();
    s.put("bootstrap.servers", bootstrap);
    s.put("application.id", "chaos");
    s.put("topics.partitions", Integer.toString(partitions));
    s.put("streams.num-standby-replicas", Integer.toString(standbys));
    s.put("streams.leave-group-on-close", "true");
    s.put("sweep.enabled", "false");
    s.put("text.enabled", "false");
    // A killed member holds its partitions until its session expires: 10 s instead of 45 s.
    s.put("kafka.session.timeout.ms", "10000");
    s.put("kafka.heartbeat.interval.ms", "2000");
    s.putAll(extra);
    return s;
  }

  SegstreamConfig config() {
    return SegstreamConfig.fromMap(settings());
  }

  /**
   * Deterministic mode for a run of the script: the frozen model (one centre per persona) published before any
   * instance starts, and the oracle of the changes the run must produce under it.
   */
  Oracle prepareDeterministic(final ShopScript script) throws InterruptedException, ExecutionException {
    final Segmentation model = Oracle.frozenModel(config(), script.events(), script.personas());
    final Oracle oracle = Oracle.fold(config(), model, script.events());
    prepare(model);
    return oracle;
  }

  /** Topics from the shared catalogue, then the frozen model, before any instance starts. */
  void prepare(final Segmentation model) throws InterruptedException, ExecutionException {
    TopicProvisioner.ensureAll(config());
    try (KafkaProducer<String, byte[]> p = producer()) {
      p.send(new ProducerRecord<>(config().topics().model(), model.name(),
          AvroSerdes.SEGMENT_MODEL.serialize("", SegmentationCodec.toAvro(model)))).get();
    }
  }

  /** Starts a streams instance with its own state directory and HTTP port; waits until it is RUNNING. */
  ChildProcess startStreams(final String name) throws InterruptedException {
    return startStreams(name, classpath);
  }

  /** As {@link #startStreams(String)}, with another class path (e.g. an upgraded build's). */
  ChildProcess startStreams(final String name, final String classpath) throws InterruptedException {
    final int port = freePort();
    final List<String> args = new ArrayList<>(List.of("streams"));
    final Map<String, String> s = settings();
    s.put("state.dir", dir.resolve("state-" + name).toString());
    s.put("http.port", Integer.toString(port));
    s.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    final ChildProcess child = ChildProcess.start(name, dir.resolve("logs/" + name + ".log"), classpath, args);
    final long runningBefore = child.count("-> RUNNING"); // an earlier process of this name shares the log
    children.add(child);
    httpPorts.put(child, port);
    awaitRunning(child, runningBefore);
    return child;
  }

  /** Starts a model updater ({@code segstream updater}) with its own HTTP port; waits until it has started. */
  ChildProcess startUpdater(final String name) throws InterruptedException {
    final int port = freePort();
    final List<String> args = new ArrayList<>(List.of("updater"));
    final Map<String, String> s = settings();
    s.put("updater.http-port", Integer.toString(port));
    s.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    final ChildProcess child = ChildProcess.start(name, dir.resolve("logs/" + name + ".log"), classpath, args);
    children.add(child);
    httpPorts.put(child, port);
    child.awaitLine("started: STANDBY", 0, START_TIMEOUT);
    return child;
  }

  /** Waits for the instance's next transition to RUNNING after {@code seenBefore} earlier ones. */
  static void awaitRunning(final ChildProcess child, final long seenBefore) throws InterruptedException {
    child.awaitLine("-> RUNNING", seenBefore, START_TIMEOUT);
  }

  /**
   * Waits until the instance's /health reports a partition of the user-profiles store restoring from its changelog
   * (global stores restore first and quickly, so they do not count); false if that was not seen within the timeout.
   * Polls quickly: on a small shop restoration takes a second.
   */
  boolean awaitRestoring(final ChildProcess child, final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && child.alive()) {
      final Reply r = get(httpPort(child), "/health");
      if ((r.status() == 200 || r.status() == 503) && r.body().contains("\"user-profiles/")) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  int httpPort(final ChildProcess child) {
    return httpPorts.get(child);
  }

  Path stateDir(final ChildProcess child) {
    return dir.resolve("state-" + child.name());
  }

  KafkaProducer<String, byte[]> producer() {
    final Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  static void send(final KafkaProducer<String, byte[]> p, final String topic, final List<UserEvent> events) {
    for (final UserEvent e : events) {
      p.send(new ProducerRecord<>(topic, e.getUserId(), AvroSerdes.USER_EVENT.serialize("", e)));
    }
    p.flush();
  }

  /** GET on an instance's HTTP port; status -1 when it does not answer at all. */
  static Reply get(final int port, final String path) {
    try {
      final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (final IOException e) {
      return new Reply(-1, e.toString());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-1, "interrupted");
    }
  }

  record Reply(int status, String body) {}

  long errorLines() {
    return children.stream().mapToLong(ChildProcess::errors).sum();
  }

  /** Ports handed out from (when set) a range of the operator's choosing, e.g. one reserved on a shared machine. */
  private static volatile int portFrom;
  private static volatile int portTo;
  private static int nextPort;

  /** Brokers and instances listen on free ports of {@code from..to} from now on (default: any free port). */
  static void portRange(final int from, final int to) {
    portFrom = from;
    portTo = to;
    nextPort = from;
  }

  static synchronized int freePort() {
    if (portFrom > 0) {
      for (int tries = 0; tries <= portTo - portFrom; tries++) {
        final int port = nextPort;
        nextPort = nextPort >= portTo ? portFrom : nextPort + 1;
        try (ServerSocket s = new ServerSocket(port)) {
          return s.getLocalPort();
        } catch (final IOException e) {
          // taken: try the next one
        }
      }
      throw new IllegalStateException("no free port in " + portFrom + ".." + portTo);
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    // Streams instances first (they commit and leave the group), the broker last.
    for (int i = children.size() - 1; i >= 0; i--) {
      children.get(i).close();
    }
  }
}
