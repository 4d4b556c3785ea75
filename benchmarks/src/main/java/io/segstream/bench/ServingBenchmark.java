package io.segstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.StreamsApp;
import io.segstream.streams.TopicSetup;
import io.segstream.streams.topology.StoreNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * {@code segstream bench serving}: how fast the REST API answers recommendation services, measured by wrk (a real
 * HTTP load generator, a separate process) against two streams-app instances on an embedded broker while the shop
 * keeps sending events at a live rate. Runs against the first instance: lookups of users it holds itself
 * (local), of users the second instance holds (forwarded: one extra hop), explanations of its own users, and
 * {@code /health} (the HTTP layer alone). It measures a settled system: after the whole history is read, and after
 * warm-up rounds until the rates stop rising (the JIT compiles the HTTP and query paths for about a minute).
 */
public final class ServingBenchmark {
  /** What to run: the {@code segstream bench serving} options. */
  public record Settings(int users, int historyDays, int liveRate, int seconds, int connections, int wrkThreads,
      int firstPort, int kafkaPort, String wrk, boolean json, List<String> runs) {
    /** The runs there are, in their default order. */
    public static final List<String> RUNS = List.of("local", "forwarded", "explain", "health");

    public Settings {
      runs = List.copyOf(runs);
      if (runs.isEmpty() || !RUNS.containsAll(runs)) {
        throw new IllegalArgumentException("runs must be some of " + RUNS + ", got " + runs);
      }
    }
  }

  /** Seconds of each kind of request in a warm-up round, and most rounds before measuring anyway. */
  private static final int WARM_UP_SECONDS = 5;
  private static final int WARM_UP_ROUNDS = 6;
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  private final Settings s;
  private final PrintStream log = System.err;

  public ServingBenchmark(final Settings settings) {
    this.s = settings;
  }

  public int run() throws Exception {
    final Path dir = Files.createTempDirectory("segstream-bench-serving");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), s.kafkaPort())) {
      final SegstreamConfig first = config(kafka, dir, 0);
      TopicSetup.ensure(first);
      final FeatureRegistry registry = FeatureRegistry.standard(first.features());
      final ShopSimulator sim = new ShopSimulator(SimulatorConfig.defaults().withUsers(s.users())
          .withHistoryDays(s.historyDays()).withLiveEventsPerSecond(s.liveRate()));
      final OfflineModel offline = new OfflineModel(registry);
      final long history = produceHistory(first, sim, offline);
      ThroughputBenchmark.publish(first, offline.fit(5, first.modelName()));
      try (StreamsApp a = StreamsApp.start(first, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          CategoryResolver.shopCategory());
          StreamsApp b = StreamsApp.start(config(kafka, dir, 1), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
              CategoryResolver.shopCategory())) {
        waitForUsers(a, offline.users(), history);
        // Every user has a profile long before all their history is read; measuring then measured the catch-up.
        waitForHistoryRead(first);
        final Map<String, List<String>> byOwner = usersByOwner(a, offline.userIds());
        final List<String> local = byOwner.getOrDefault("localhost:" + a.httpPort(), List.of());
        final List<String> remote = byOwner.getOrDefault("localhost:" + b.httpPort(), List.of());
        log.printf(Locale.ROOT, "%,d users held by instance 1, %,d by instance 2%n", local.size(), remote.size());
        final AtomicBoolean live = new AtomicBoolean(true);
        final AtomicLong sent = new AtomicLong();
        final Thread traffic = Thread.ofPlatform().name("bench-live-traffic").daemon().start(() -> live(first, sim, live, sent));
        final Map<String, Object> results = new LinkedHashMap<>();
        results.put("users", offline.users());
        results.put("instances", 2);
        results.put("liveEventsPerSecond", s.liveRate());
        results.put("connections", s.connections());
        results.put("wrkThreads", s.wrkThreads());
        results.put("seconds", s.seconds());
        try {
          warmUp(dir, a.httpPort(), local, remote);
          final long liveStart = System.nanoTime();
          final long sentAtStart = sent.get();
          // Each run in the order asked; a run named twice is measured twice and reported as NAME, NAME-2, ...
          // (the first runs follow the history's ingest, when the JIT and the stores are coldest).
          final Map<String, Integer> seen = new HashMap<>();
          for (final String run : s.runs()) {
            final int nth = seen.merge(run, 1, Integer::sum);
            results.put(nth == 1 ? run : run + "-" + nth, wrk(dir, run, a.httpPort(), local, remote));
          }
          results.put("liveEventsPerSecondAchieved",
              Math.round((sent.get() - sentAtStart) / ((System.nanoTime() - liveStart) / 1e9)));
        } finally {
          live.set(false);
          traffic.join(5_000);
        }
        print(results);
      }
      return 0;
    } finally {
      deleteQuietly(dir);
    }
  }

  private SegstreamConfig config(final EmbeddedKafka kafka, final Path dir, final int instance) {
    final Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", kafka.bootstrapServers());
    m.put("application.id", "bench-serving");
    m.put("state.dir", dir.resolve("state-" + instance).toString());
    m.put("topics.events", "bench.events");
    m.put("topics.partitions", "4");
    m.put("http.port", Integer.toString(s.firstPort() + instance));
    m.put("http.host", "127.0.0.1");
    m.put("http.advertised-host", "localhost");
    m.put("text.enabled", "false"); // the text stage has its own benchmark; here it would only take CPU from HTTP
    return SegstreamConfig.fromMap(m);
  }

  private long produceHistory(final SegstreamConfig config, final ShopSimulator sim, final OfflineModel offline) {
    long n = 0;
    try (KafkaProducer<byte[], byte[]> p = producer(config)) {
      Optional<UserEvent> e;
      while ((e = sim.nextHistoryEvent()).isPresent()) {
        offline.add(e.get());
        send(p, e.get());
        n++;
      }
      p.flush();
    }
    log.printf(Locale.ROOT, "produced %,d history events of %,d users (%d days)%n", n, s.users(), s.historyDays());
    return n;
  }

  private void live(final SegstreamConfig config, final ShopSimulator sim, final AtomicBoolean running,
      final AtomicLong sent) {
    final long interval = 1_000_000_000L / s.liveRate();
    try (KafkaProducer<byte[], byte[]> p = producer(config)) {
      long due = System.nanoTime();
      while (running.get()) {
        send(p, sim.next());
        sent.incrementAndGet();
        due += interval;
        final long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
  }

  private static void send(final KafkaProducer<byte[], byte[]> p, final UserEvent e) {
    p.send(new ProducerRecord<>("bench.events", e.getUserId().getBytes(StandardCharsets.UTF_8),
        AvroSerdes.USER_EVENT.serialize("", e)));
  }

  private void waitForUsers(final StreamsApp a, final int users, final long events) throws InterruptedException {
    final long deadline = System.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
    long lastLog = 0;
    while (System.currentTimeMillis() < deadline) {
      long held = 0;
      try {
        held = a.queries().segments().users() + a.queries().segments().unassigned();
      } catch (final RuntimeException | IOException e) {
        // not yet queryable (rebalancing, restoring)
      }
      if (held >= users) {
        log.printf(Locale.ROOT, "all %,d users segmented by the two instances%n", users);
        return;
      }
      if (System.currentTimeMillis() - lastLog > 2_000) {
        lastLog = System.currentTimeMillis();
        log.printf(Locale.ROOT, "ingesting the history (%,d events): %,d of %,d users so far%n", events, held, users);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the instances did not segment all " + users + " users in 20 minutes");
  }

  /** Waits until the streams app has committed offsets at the end of every partition of the history. */
  private void waitForHistoryRead(final SegstreamConfig config) throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(config.kafkaClientBase())) {
      final List<TopicPartition> parts = admin.describeTopics(List.of("bench.events")).allTopicNames().get()
          .get("bench.events").partitions().stream().map(p -> new TopicPartition("bench.events", p.partition())).toList();
      final Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(parts.stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get().forEach((p, o) -> end.put(p, o.offset()));
      final long deadline = System.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
      long lastLog = 0;
      while (System.currentTimeMillis() < deadline) {
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("bench-serving")
            .partitionsToOffsetAndMetadata().get();
        final long behind = end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue()
            - Optional.ofNullable(committed.get(e.getKey())).map(OffsetAndMetadata::offset).orElse(0L))).sum();
        if (behind == 0) {
          log.printf(Locale.ROOT, "the whole history is read%n");
          return;
        }
        if (System.currentTimeMillis() - lastLog > 2_000) {
          lastLog = System.currentTimeMillis();
          log.printf(Locale.ROOT, "reading the rest of the history: %,d events to go%n", behind);
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException("the instances did not read the whole history in 20 minutes");
    }
  }

  /**
   * Every kind of request, in rounds, until the JVM has settled: the first measured run used to come out at a
   * third to a half of the same run measured a minute later (the JIT's C2 threads were still compiling the HTTP,
   * query and broker paths, on the same 2 cores). A round asks for each kind for {@link #WARM_UP_SECONDS}; warming
   * ends when a round's local lookups are within 10% of the round before, or after {@link #WARM_UP_ROUNDS} rounds.
   */
  private void warmUp(final Path dir, final int port, final List<String> local, final List<String> remote)
      throws IOException, InterruptedException {
    double previous = 0;
    for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
      double rate = 0;
      for (final String run : Settings.RUNS) {
        final String out = exec(wrkCommand(script(dir, run, local, remote), port, WARM_UP_SECONDS, false));
        if (run.equals("local")) {
          rate = requestsPerSecond(out);
        }
      }
      log.printf(Locale.ROOT, "wrk: warm-up round %d: local lookups at %,.0f requests/s%n", round, rate);
      if (previous > 0 && Math.abs(rate - previous) <= 0.10 * previous) {
        return;
      }
      previous = rate;
    }
  }

  private static double requestsPerSecond(final String wrkOutput) {
    final Matcher rate = RATE.matcher(wrkOutput);
    if (!rate.find()) {
      throw new IllegalStateException("cannot read wrk's output:\n" + wrkOutput);
    }
    return Double.parseDouble(rate.group(1));
  }

  private static Map<String, List<String>> usersByOwner(final StreamsApp a, final List<String> users) {
    final Map<String, List<String>> out = new HashMap<>();
    final KafkaStreams streams = a.streams();
    for (final String u : users) {
      final KeyQueryMetadata m = streams.queryMetadataForKey(StoreNames.PROFILES, u, new StringSerializer());
      out.computeIfAbsent(m.activeHost().host() + ":" + m.activeHost().port(), k -> new ArrayList<>()).add(u);
    }
    return out;
  }

  /** One measured wrk run of {@code run} (one of {@link Settings#RUNS}); its requests/s, p50/p99 and non-2xx count. */
  private Map<String, Object> wrk(final Path dir, final String run, final int port, final List<String> local,
      final List<String> remote) throws IOException, InterruptedException {
    final Path script = script(dir, run, local, remote);
    log.printf(Locale.ROOT, "wrk: %s lookups for %d s (%d connections)...%n", run, s.seconds(), s.connections());
    final String out = exec(wrkCommand(script, port, s.seconds(), true));
    final Map<String, Object> r = new LinkedHashMap<>();
    r.put("requestsPerSecond", Math.round(requestsPerSecond(out)));
    final Matcher p = PERCENTILE.matcher(out);
    while (p.find()) {
      final double v = Double.parseDouble(p.group(2));
      final double ms = switch (p.group(3)) {
        case "us" -> v / 1000;
        case "s" -> v * 1000;
        default -> v;
      };
      r.put("p" + p.group(1) + "Millis", Math.round(ms * 100) / 100.0);
    }
    final Matcher errors = ERRORS.matcher(out);
    r.put("non2xx", errors.find() ? Long.parseLong(errors.group(1)) : 0L);
    log.printf(Locale.ROOT, "wrk: %s: %,d requests/s, p50 %s ms, p99 %s ms, %s non-2xx%n", run,
        r.get("requestsPerSecond"), r.get("p50Millis"), r.get("p99Millis"), r.get("non2xx"));
    return r;
  }

  /** The Lua script asking for random paths of the run: users of the first instance, of the second, or /health. */
  private static Path script(final Path dir, final String run, final List<String> local, final List<String> remote)
      throws IOException {
    final List<String> users = switch (run) {
      case "forwarded" -> remote;
      case "health" -> List.of("");
      default -> local;
    };
    if (users.isEmpty()) {
      throw new IllegalStateException("no users for the " + run + " run: the two instances did not share the partitions");
    }
    final String prefix = run.equals("health") ? "/health" : "/v1/users/";
    final String suffix = run.equals("explain") ? "/explain" : "";
    final List<String> sample = new ArrayList<>(users);
    Collections.shuffle(sample, new java.util.Random(7));
    final StringBuilder lua = new StringBuilder("local paths = {\n");
    for (final String u : sample.subList(0, Math.min(5_000, sample.size()))) {
      lua.append("  \"").append(prefix).append(u).append(suffix).append("\",\n");
    }
    lua.append("}\nmath.randomseed(7)\nrequest = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n");
    final Path script = dir.resolve(run + ".lua");
    Files.writeString(script, lua);
    return script;
  }

  private List<String> wrkCommand(final Path script, final int port, final int seconds, final boolean latency) {
    final List<String> cmd = new ArrayList<>(List.of(s.wrk(), "-t" + s.wrkThreads(), "-c" + s.connections(),
        "-d" + seconds + "s"));
    if (latency) {
      cmd.add("--latency");
    }
    cmd.addAll(List.of("-s", script.toString(), "http://127.0.0.1:" + port));
    return cmd;
  }

  private static String exec(final List<String> command) throws IOException, InterruptedException {
    final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }

  private void print(final Map<String, Object> r) throws IOException {
    if (s.json()) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
      return;
    }
    final PrintStream out = System.out;
    out.printf(Locale.ROOT, "segstream bench serving: %,d users on 2 instances, %,d events/s ingested meanwhile"
        + " (asked %,d), wrk %d threads x %d connections, %d s a run%n", r.get("users"),
        r.get("liveEventsPerSecondAchieved"), r.get("liveEventsPerSecond"), r.get("wrkThreads"), r.get("connections"),
        r.get("seconds"));
    for (final Map.Entry<String, Object> e : r.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> m)) {
        continue;
      }
      final String run = e.getKey().replaceFirst("-\\d+$", "");
      final String again = run.equals(e.getKey()) ? "" : " (again)";
      out.printf(Locale.ROOT, "  %-42s %,8d requests/s   p50 %6.2f ms   p99 %6.2f ms   %d non-2xx%n", switch (run) {
        case "local" -> "GET /v1/users/{id}, held here";
        case "forwarded" -> "GET /v1/users/{id}, other instance";
        case "explain" -> "GET /v1/users/{id}/explain";
        default -> "GET /health (the HTTP layer alone)";
      } + again, m.get("requestsPerSecond"), m.get("p50Millis"), m.get("p99Millis"), m.get("non2xx"));
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(final SegstreamConfig config) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put("linger.ms", 5);
    p.put("compression.type", "lz4");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void deleteQuietly(final Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (final IOException e) {
      // a temp dir left behind is not worth failing the benchmark for
    }
  }
}
