package io.segstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segstream.avro.EventType;
import io.segstream.avro.FeatureVector;
import io.segstream.avro.Product;
import io.segstream.avro.UserEvent;
import io.segstream.avro.UserProfile;
import io.segstream.avro.VectorSource;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.model.Segmentation;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.StreamsProperties;
import io.segstream.streams.TopicSetup;
import io.segstream.streams.topology.SegmentMetrics;
import io.segstream.streams.topology.SegmentationTopology;
import io.segstream.streams.topology.StoreNames;
import io.segstream.streams.topology.StreamTime;
import io.segstream.streams.topology.UserProfileSerde;
import io.segstream.updater.ModelUpdater;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Drives a real (embedded) broker and reports, in one run: events/s of the segmentation topology against a
 * bare per-user count topology on the same data and settings (the practical ceiling), end-to-end latency
 * from an event to its segment change, bytes of state per user, and the model updater's vectors/s.
 */
public final class ThroughputBenchmark {
  /** What to run: the {@code segstream bench throughput} options. */
  public record Settings(List<Integer> users, int historyDays, int partitions, int threads, String guarantee,
      int liveRate, int liveSeconds, int vectors, int texts, Optional<Path> chart, boolean json,
      Map<String, String> overrides) {
    /** @param overrides segstream settings for every phase (e.g. {@code streams.commit-interval-ms}), over the bench's */
    public Settings {
      overrides = Map.copyOf(overrides);
    }
  }

  private final List<Integer> sizes;
  private final int texts;
  private final Optional<Path> chart;
  private int users;
  private final int historyDays;
  private final int partitions;
  private final int threads;
  private final String guarantee;
  private final int liveRate;
  private final int liveSeconds;
  private final int vectors;
  private final boolean json;
  private final Map<String, String> overrides;
  private final PrintStream log = System.err;
  /** The settings every phase shares; each phase gets its own application id. */
  private final Map<String, String> settings = new HashMap<>();

  public ThroughputBenchmark(final Settings s) {
    this.sizes = List.copyOf(s.users());
    this.texts = s.texts();
    this.chart = s.chart();
    this.historyDays = s.historyDays();
    this.partitions = s.partitions();
    this.threads = s.threads();
    this.guarantee = s.guarantee();
    this.liveRate = s.liveRate();
    this.liveSeconds = s.liveSeconds();
    this.vectors = s.vectors();
    this.json = s.json();
    this.overrides = s.overrides();
  }

  /**
   * Runs every phase for each population size, each on a fresh embedded broker, prints the figures to stdout
   * (progress to stderr) and draws the scaling chart. The updater and the text stage are measured once, with the
   * first size.
   */
  public int run() throws Exception {
    final List<Map<String, Object>> perSize = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      users = sizes.get(i);
      settings.clear();
      perSize.add(measure(i == 0));
    }
    final Map<String, Object> results = new LinkedHashMap<>(perSize.getFirst());
    if (sizes.size() > 1) {
      results.put("sizes", perSize);
    }
    if (chart.isPresent()) {
      ScalingChart.write(chart.get(), perSize);
      log.printf(Locale.ROOT, "wrote the scaling chart to %s%n", chart.get());
    }
    print(results, perSize);
    return 0;
  }

  private Map<String, Object> measure(final boolean once) throws Exception {
    final Path dir = Files.createTempDirectory("segstream-bench");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      settings.putAll(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(),
          "state.dir", dir.resolve("state").toString(),
          "topics.events", "bench.events",
          "topics.partitions", Integer.toString(partitions),
          "streams.num-threads", Integer.toString(threads),
          "streams.processing-guarantee", guarantee,
          "vectors.sample-fraction", "0.0"));
      final SegstreamConfig config = config("bench");
      TopicSetup.ensure(config);
      final FeatureRegistry registry = FeatureRegistry.standard(config.features());
      final Map<String, Object> results = new LinkedHashMap<>();
      results.put("users", users);
      results.put("partitions", partitions);
      results.put("streamThreads", threads);
      results.put("processingGuarantee", guarantee);
      results.put("settings", new java.util.TreeMap<>(overrides));

      final OfflineModel offline = new OfflineModel(registry);
      final long events = produceHistory(config, offline);
      results.put("events", events);
      final Segmentation model = offline.fit(5, config.modelName());
      publish(config, model);
      log.printf(Locale.ROOT, "model fitted offline on %,d users and published (k=5)%n", offline.users());

      final Phase firstPass = countPass("bench-warmup-count", events, "bare per-user count, first pass");
      final Phase secondPass = countPass("bench-count", events, "bare per-user count");
      final Phase ceiling = secondPass.eventsPerSecond() >= firstPass.eventsPerSecond() ? secondPass : firstPass;
      final double countRate = ceiling.eventsPerSecond();
      results.put("countTopologyEventsPerSecond", Math.round(countRate));
      results.put("countTopologyFirstPassEventsPerSecond", Math.round(firstPass.eventsPerSecond()));
      results.put("countTopologyStreamThreadMicrosPerEvent", ceiling.roundedMicros());

      final Phase segFirstPass = segmentationPass("bench-warmup-segments", registry, events);
      results.put("segmentationFirstPassEventsPerSecond", Math.round(segFirstPass.eventsPerSecond()));
      results.put("firstPassesShare", Math.round(1000.0 * segFirstPass.eventsPerSecond()
          / firstPass.eventsPerSecond()) / 1000.0);

      final SimpleMeterRegistry meters = new SimpleMeterRegistry();
      final SegstreamConfig segConfig = config("bench-segments");
      TopicSetup.ensure(segConfig); // its own re-key topic, named after its application id
      final Topology segmentation = SegmentationTopology.build(segConfig, registry, CategoryResolver.shopCategory(),
          new SegmentMetrics(meters), new StreamTime(), System::currentTimeMillis);
      try (KafkaStreams streams = new KafkaStreams(segmentation, StreamsProperties.from(segConfig))) {
        final Phase segPhase = run(streams, processedBy(meters), events, "segmentation");
        final double segRate = segPhase.eventsPerSecond();
        results.put("segmentationStreamThreadMicrosPerEvent", segPhase.roundedMicros());
        results.put("segmentationTopologyEventsPerSecond", Math.round(segRate));
        results.put("segmentationShareOfCeiling", Math.round(1000.0 * segRate / countRate) / 1000.0);
        results.put("heapUsedAfterGcMiB", heapAfterGc());
        results.put("sweepSecondsWholePopulation", sweep(segConfig, model, meters, offline.users()));
        results.putAll(latency(segConfig));
        results.putAll(stateSize(streams, offline.users()));
        // Leave the group, as a stopping service does: otherwise the restore below first waits out this member's
        // session timeout (45 s), which is not restore time.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(60)));
      }
      // Per user the state holds: the history's users and the latency phase's one-event users alike.
      results.putAll(stateOnDisk(dir, ((Number) results.get("usersInState")).intValue(), segConfig));
      results.put("restoreSecondsFromChangelogs", restore(segmentation, segConfig, dir));
      if (once) {
        results.put("updaterVectorsPerSecond", Math.round(updater(config("bench-updater"), registry)));
        results.put("textStageTextsPerSecond", Math.round(TextStageRate.measure(config.text(), texts, log)));
      }
      return results;
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Heap in use after a full collection, whole JVM (the embedded broker included), in MiB. */
  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  /**
   * Seconds for the background sweep to re-judge every user: a new version of the same model is published, which
   * restarts the sweep over the whole population (at {@code sweep.users-per-second} per task).
   */
  private double sweep(final SegstreamConfig config, final Segmentation model, final MeterRegistry meters,
      final int population) throws Exception {
    final double before = total(meters, "segstream.sweep.users");
    final long start = System.nanoTime();
    publish(config, new Segmentation(model.name(), model.version() + 1, model.generation(), model.featureSet(),
        model.featureNames(), model.scaler(), model.segments(), model.inertia(), model.trainedVectors(),
        Instant.now(), model.nextSegmentId(), model.parameters()));
    final long deadline = System.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
    long lastLog = System.currentTimeMillis();
    while (total(meters, "segstream.sweep.users") - before < population && System.currentTimeMillis() < deadline) {
      if (System.currentTimeMillis() - lastLog > 2_000) {
        lastLog = System.currentTimeMillis();
        log.printf(Locale.ROOT, "sweep: %,.0f of %,d users%n", total(meters, "segstream.sweep.users") - before, population);
      }
      Thread.sleep(20);
    }
    final double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
    log.printf(Locale.ROOT, "sweep: %,d users re-judged under a new model version in %.1f s%n", population, seconds);
    return seconds;
  }

  /**
   * Seconds from starting an instance whose state directory was lost to RUNNING with every store restored from its
   * changelog (the stores' state is what the segmentation run left).
   */
  private double restore(final Topology segmentation, final SegstreamConfig config, final Path dir) throws Exception {
    deleteQuietly(dir.resolve("state").resolve(config.applicationId()));
    final AtomicLong restored = new AtomicLong();
    final long start = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(segmentation, StreamsProperties.from(config))) {
      streams.setGlobalStateRestoreListener(new org.apache.kafka.streams.processor.StateRestoreListener() {
        @Override
        public void onRestoreStart(final TopicPartition tp, final String store, final long from, final long to) {}

        @Override
        public void onBatchRestored(final TopicPartition tp, final String store, final long end, final long n) {
          restored.addAndGet(n);
        }

        @Override
        public void onRestoreEnd(final TopicPartition tp, final String store, final long total) {}
      });
      streams.start();
      final long deadline = System.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
      while (streams.state() != KafkaStreams.State.RUNNING && System.currentTimeMillis() < deadline) {
        requireAlive(streams, "restore");
        Thread.sleep(10);
      }
      final double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
      log.printf(Locale.ROOT, "restore: state dir deleted, %,d changelog records restored, RUNNING after %.1f s%n",
          restored.get(), seconds);
      return seconds;
    }
  }

  private long produceHistory(final SegstreamConfig config, final OfflineModel offline) {
    final ShopSimulator sim = new ShopSimulator(SimulatorConfig.defaults().withUsers(users).withHistoryDays(historyDays));
    long n = 0;
    long lastLog = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> p = producer(config)) {
      Optional<UserEvent> e;
      while ((e = sim.nextHistoryEvent()).isPresent()) {
        final UserEvent ev = e.get();
        offline.add(ev);
        p.send(new ProducerRecord<>("bench.events", ev.getUserId().getBytes(StandardCharsets.UTF_8),
            AvroSerdes.USER_EVENT.serialize("", ev)));
        n++;
        if (System.currentTimeMillis() - lastLog > 2_000) {
          lastLog = System.currentTimeMillis();
          log.printf(Locale.ROOT, "producing history: %,d events%n", n);
        }
      }
      p.flush();
    }
    log.printf(Locale.ROOT, "produced %,d events of %,d users (%d days)%n", n, users, historyDays);
    return n;
  }

  /**
   * One pass of the bare count topology over the whole history, under its own application id (so from the first
   * event). The ceiling is the better of two passes: the first one runs in a cold JVM, and the JIT compiling the
   * Kafka client, Streams and RocksDB paths it shares with the segmentation topology made it as much as twice as slow
   * (docs/performance.md). Measured cold, the ceiling was low and the segmentation run after it, in a warm JVM,
   * looked better than it was.
   */
  private Phase countPass(final String appId, final long target, final String what) throws InterruptedException {
    final AtomicLong counted = new AtomicLong();
    try (KafkaStreams streams = new KafkaStreams(CountTopology.build("bench.events", counted),
        StreamsProperties.from(config(appId)))) {
      return run(streams, counted::get, target, what);
    }
  }

  /**
   * The segmentation topology's first pass over the whole history, under its own application id, discarded like the
   * count topology's: it runs the segmentation code (decode, features, assignment, its stores and outputs) while the
   * JIT is still compiling it, which the count topology's passes never warm. The measured pass follows it.
   */
  private Phase segmentationPass(final String appId, final FeatureRegistry registry, final long target)
      throws Exception {
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SegstreamConfig c = config(appId);
    TopicSetup.ensure(c);
    try (KafkaStreams streams = new KafkaStreams(SegmentationTopology.build(c, registry,
        CategoryResolver.shopCategory(), new SegmentMetrics(meters), new StreamTime(), System::currentTimeMillis),
        StreamsProperties.from(c))) {
      return run(streams, processedBy(meters), target, "segmentation, first pass");
    }
  }

  /** Events the segmentation topology has taken in: segmented or rejected. */
  private static LongSupplier processedBy(final MeterRegistry meters) {
    return () -> (long) (total(meters, "segstream.events") + total(meters, "segstream.events.rejected"));
  }

  private static void requireAlive(final KafkaStreams streams, final String what) {
    final KafkaStreams.State s = streams.state();
    if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_ERROR) {
      throw new IllegalStateException(what + " stopped (" + s + "); see the log above");
    }
  }

  /**
   * Where the stream threads' time went lately, as Kafka Streams measures it (its thread metrics, averaged over
   * the threads): processing, punctuation, polling and committing. What is left is the loop's own overhead.
   */
  private static String threadTime(final KafkaStreams streams) {
    final Map<String, double[]> ratios = new TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      if ("stream-thread-metrics".equals(name.group()) && name.name().endsWith("-ratio")
          && metric.metricValue() instanceof Double v && !v.isNaN()) {
        final double[] sum = ratios.computeIfAbsent(name.name().replace("-ratio", ""), k -> new double[2]);
        sum[0] += v;
        sum[1]++;
      }
    });
    if (ratios.isEmpty()) {
      return "";
    }
    final StringBuilder b = new StringBuilder(" (stream thread:");
    ratios.forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s %.0f%%", k, 100 * v[0] / v[1])));
    return b.append(')').toString();
  }

  /**
   * One measured phase: events/s, and the CPU time its stream threads spent per event (from the JVM's per-thread CPU
   * clock). The stream thread was on a core 89-94% of the time in every phase measured, so the CPU per event is
   * what sets the rate; it also counts what a sampling profiler leaves out (JFR's samples accounted for half to two thirds of
   * it, docs/performance.md).
   */
  private record Phase(double eventsPerSecond, double streamThreadMicrosPerEvent) {
    double roundedMicros() {
      return Math.round(streamThreadMicrosPerEvent * 10) / 10.0;
    }
  }

  /**
   * Events/s from the first processed record to the last, so start-up and rebalancing do not count, and the stream
   * threads' CPU per event over the same span.
   */
  private Phase run(final KafkaStreams streams, final LongSupplier processed, final long target, final String what)
      throws InterruptedException {
    streams.start();
    long firstAt = 0;
    long firstCount = 0;
    long firstCpu = 0;
    long lastLog = System.currentTimeMillis();
    final long deadline = System.currentTimeMillis() + Duration.ofMinutes(30).toMillis();
    while (processed.getAsLong() < target) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(what + " did not process " + target + " events in 30 minutes");
      }
      requireAlive(streams, what);
      final long n = processed.getAsLong();
      if (firstAt == 0 && n > 0) {
        firstAt = System.nanoTime();
        firstCount = n;
        firstCpu = streamThreadCpuNanos();
      }
      if (System.currentTimeMillis() - lastLog > 2_000) {
        lastLog = System.currentTimeMillis();
        log.printf(Locale.ROOT, "%s: %,d of %,d events%s%n", what, n, target, threadTime(streams));
      }
      Thread.sleep(20);
    }
    final double seconds = (System.nanoTime() - firstAt) / 1e9;
    final double cpuSeconds = (streamThreadCpuNanos() - firstCpu) / 1e9;
    final double rate = (target - firstCount) / seconds;
    final double micros = 1e6 * cpuSeconds / (target - firstCount);
    log.printf(Locale.ROOT, "%s: %,d events in %.1f s = %,.0f events/s%n", what, target, seconds, rate);
    log.printf(Locale.ROOT, "%s: stream thread CPU %.1f µs per event, busy %.0f%% of the time%n", what, micros,
        100 * cpuSeconds / seconds / threads);
    log.printf(Locale.ROOT, "%s: %s%n", what, commitTime(streams));
    return new Phase(rate, micros);
  }

  /** CPU time of the live Kafka Streams threads of this JVM (one topology runs at a time here). */
  private static long streamThreadCpuNanos() {
    final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (final ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null && t.getThreadName().contains("-StreamThread-")) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  /**
   * How many commits, and what the producer waited for in each, on average since the start (Kafka Streams' and the
   * producer's own metrics): its flush (every record sent acknowledged), sending the input offsets into the
   * transaction, and committing it.
   */
  private static String commitTime(final KafkaStreams streams) {
    final Map<String, Double> m = new HashMap<>();
    streams.metrics().forEach((name, metric) -> {
      if (("stream-thread-metrics".equals(name.group()) && name.name().equals("commit-total"))
          || ("producer-metrics".equals(name.group()) && name.name().endsWith("-time-ns-total"))) {
        if (metric.metricValue() instanceof Double v) {
          m.merge(name.name(), v, Double::sum);
        }
      }
    });
    final double commits = m.getOrDefault("commit-total", 0.0);
    if (commits == 0) {
      return "no commits";
    }
    return String.format(Locale.ROOT, "%,.0f commits; per commit: producer flush %.1f ms, offsets into the"
        + " transaction %.1f ms, transaction commit %.1f ms", commits, m.getOrDefault("flush-time-ns-total", 0.0)
        / commits / 1e6, m.getOrDefault("txn-send-offsets-time-ns-total", 0.0) / commits / 1e6,
        m.getOrDefault("txn-commit-time-ns-total", 0.0) / commits / 1e6);
  }

  /**
   * New users' first events at a fixed rate; each becomes a NEW_USER change, timed from event to receipt.
   *
   * <p>The changes are read by a thread of their own that is always polling ({@link ChangeTimer}), and each is timed
   * when its poll returns; the events go out through a producer that sends at once ({@code linger.ms=0}). Both
   * used to be part of what was measured: the sender polled the changes only between every 50th event (up to
   * 50 ms late) and its producer lingered 20 ms to fill batches, up to 70 ms of a figure that was the benchmark's.
   */
  private Map<String, Object> latency(final SegstreamConfig config) throws Exception {
    final long total = (long) liveRate * liveSeconds;
    final ChangeTimer timer = new ChangeTimer(config, "live-", total);
    final Thread reader = Thread.ofPlatform().name("bench-latency-reader").daemon().start(timer);
    final Map<String, Object> producerProps = new HashMap<>(config.kafkaClientBase());
    producerProps.put("linger.ms", 0);
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      timer.awaitReady();
      final long intervalNanos = 1_000_000_000L / liveRate;
      final long start = System.nanoTime();
      final String run = UUID.randomUUID().toString().substring(0, 6);
      for (long i = 0; i < total; i++) {
        // Sleep, never spin, until the event is due: a spinning sender took one of the machine's two cores
        // from the system it measures (docs/performance.md).
        final long wait = start + i * intervalNanos - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        final String user = "live-" + run + "-" + i;
        final UserEvent e = UserEvent.newBuilder().setUserId(user).setType(EventType.PAGE_VIEW)
            .setTimestamp(Instant.now()).setSessionId("s" + i)
            .setProduct(Product.newBuilder().setProductId("p" + (i % 100)).setCategory("home").setPrice(10).build())
            .build();
        p.send(new ProducerRecord<>("bench.events", user.getBytes(StandardCharsets.UTF_8), AvroSerdes.USER_EVENT.serialize("", e)));
        if (i % liveRate == 0) {
          log.printf(Locale.ROOT, "latency phase: %,d of %,d events sent, %,d changes timed%n", i, total, timer.timed());
        }
      }
      p.flush();
    }
    reader.join(30_000);
    timer.stop();
    reader.join(5_000);
    final List<Long> sorted = timer.latencies();
    Collections.sort(sorted);
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("liveEventsPerSecond", liveRate);
    out.put("latencySamples", sorted.size());
    out.put("latencyP50Millis", percentile(sorted, 0.50));
    out.put("latencyP99Millis", percentile(sorted, 0.99));
    out.put("latencyMaxMillis", sorted.isEmpty() ? -1 : sorted.getLast());
    return out;
  }

  private static long percentile(final List<Long> sorted, final double q) {
    return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
  }

  /**
   * Average serialized size of a user's state as the store and its changelog hold it: key and value of the profile
   * (in the store's own encoding), plus the user's entry in the membership index (its key; the value is empty).
   */
  private Map<String, Object> stateSize(final KafkaStreams streams, final int expectedUsers) {
    long users = 0;
    long profileBytes = 0;
    final UserProfileSerde serde = new UserProfileSerde();
    try (KeyValueIterator<String, UserProfile> it = streams.store(StoreQueryParameters.fromNameAndType(StoreNames.PROFILES,
        QueryableStoreTypes.<String, UserProfile>keyValueStore())).all()) {
      while (it.hasNext()) {
        final KeyValue<String, UserProfile> kv = it.next();
        users++;
        profileBytes += kv.key.getBytes(StandardCharsets.UTF_8).length + serde.serialize("", kv.value).length;
      }
    }
    long members = 0;
    long memberBytes = 0;
    try (KeyValueIterator<Bytes, byte[]> it = streams.store(StoreQueryParameters.fromNameAndType(StoreNames.MEMBERS,
        QueryableStoreTypes.<Bytes, byte[]>keyValueStore())).all()) {
      while (it.hasNext()) {
        final KeyValue<Bytes, byte[]> kv = it.next();
        members++;
        memberBytes += kv.key.get().length + kv.value.length;
      }
    }
    final Map<String, Object> out = new LinkedHashMap<>();
    out.put("usersInState", users);
    out.put("stateBytesPerUserSerialized", users == 0 ? -1 : Math.round((double) profileBytes / users));
    out.put("membershipBytesPerUserSerialized", users == 0 ? -1 : Math.round((double) memberBytes / users));
    // What a compacted changelog would keep if it were stored uncompressed: one record per key, its key, value and
    // Kafka's per-record overhead (about 8 bytes of varints for lengths, offset and timestamp deltas). The figure
    // counted is measured on the broker after its cleaner ran (ChangelogCompaction); this one says how much of it
    // the batches' compression saves.
    out.put("changelogBytesPerUserSerialized", users == 0 ? -1
        : Math.round((double) (profileBytes + memberBytes + (users + members) * CHANGELOG_RECORD_OVERHEAD) / users));
    log.printf(Locale.ROOT, "state: %,d users (%,d expected plus live ones), %,d bytes serialized, %,d index entries%n",
        users, expectedUsers, profileBytes, members);
    return out;
  }

  static final int CHANGELOG_RECORD_OVERHEAD = 8;

  /**
   * What the users cost on disk after a clean close (memtables flushed): RocksDB's files of every store of the
   * segmentation app (profiles, membership index, sizes, trending items), and its changelog topics on the broker as
   * they are now (not yet compacted: the active segment is never cleaned) and once the broker's log cleaner has
   * compacted them.
   */
  private Map<String, Object> stateOnDisk(final Path dir, final int users, final SegstreamConfig config)
      throws Exception {
    final Path appStateDir = dir.resolve("state").resolve("bench-segments");
    final Map<String, Object> out = new LinkedHashMap<>();
    long rocks = 0;
    for (final String store : List.of(StoreNames.PROFILES, StoreNames.MEMBERS, StoreNames.SIZES, StoreNames.ITEMS)) {
      final long bytes = DiskUsage.bytesUnder(appStateDir, p -> p.contains("/rocksdb/" + store + "/"));
      rocks += bytes;
      if (store.equals(StoreNames.PROFILES)) {
        out.put("stateBytesPerUserRocksDbOnDisk", Math.round((double) bytes / Math.max(1, users)));
      }
    }
    out.put("rocksDbBytesPerUserAllStores", Math.round((double) rocks / Math.max(1, users)));
    final long changelog = DiskUsage.bytesUnder(dir.resolve("kafka"), p -> p.contains("/bench-segments-") && p.contains("-changelog-"));
    out.put("changelogBytesPerUserOnBrokerNow", Math.round((double) changelog / Math.max(1, users)));
    final long compacted = Math.round((double) new ChangelogCompaction(config.kafkaClientBase(), dir.resolve("kafka"), log)
        .compactAndMeasure(config.applicationId()) / Math.max(1, users));
    out.put("changelogBytesPerUserCompacted", compacted);
    out.put("bytesPerUserOnDisk", Math.round((double) rocks / Math.max(1, users)) + compacted);
    return out;
  }

  private double updater(final SegstreamConfig config, final FeatureRegistry registry) throws InterruptedException {
    final SplittableRandom r = new SplittableRandom(7);
    final double[][] centres = new double[5][registry.dimension()];
    for (final double[] c : centres) {
      for (int j = 0; j < c.length; j++) {
        c[j] = r.nextDouble(0, 4);
      }
    }
    try (KafkaProducer<byte[], byte[]> p = producer(config)) {
      for (int i = 0; i < vectors; i++) {
        final double[] c = centres[i % centres.length];
        final List<Double> values = new ArrayList<>(c.length);
        for (final double v : c) {
          values.add(v + r.nextDouble(-0.5, 0.5));
        }
        final FeatureVector v = FeatureVector.newBuilder().setUserId("v" + i).setTimestamp(Instant.now())
            .setFeatureSet(registry.featureSetId()).setValues(values).setSource(VectorSource.SAMPLE).build();
        p.send(new ProducerRecord<>(config.topics().featureVectors(), v.getUserId().getBytes(StandardCharsets.UTF_8),
            AvroSerdes.FEATURE_VECTOR.serialize("", v)));
      }
      p.flush();
    }
    log.printf(Locale.ROOT, "produced %,d feature vectors for the updater phase%n", vectors);
    final MeterRegistry meters = new SimpleMeterRegistry();
    try (ModelUpdater updater = new ModelUpdater(config, meters).start()) {
      // The topic also holds the vectors the segmentation phase emitted; count everything it trains.
      return run(() -> (long) total(meters, "segstream.updater.vectors.trained"), vectors, "model updater");
    }
  }

  private double run(final LongSupplier trained, final long target, final String what) throws InterruptedException {
    long firstAt = 0;
    long firstCount = 0;
    long lastLog = System.currentTimeMillis();
    while (trained.getAsLong() < target) {
      final long n = trained.getAsLong();
      if (firstAt == 0 && n > 0) {
        firstAt = System.nanoTime();
        firstCount = n;
      }
      if (System.currentTimeMillis() - lastLog > 2_000) {
        lastLog = System.currentTimeMillis();
        log.printf(Locale.ROOT, "%s: %,d of %,d%n", what, n, target);
      }
      Thread.sleep(10);
    }
    final double rate = (target - firstCount) / ((System.nanoTime() - firstAt) / 1e9);
    log.printf(Locale.ROOT, "%s: %,.0f/s%n", what, rate);
    return rate;
  }

  private void print(final Map<String, Object> r, final List<Map<String, Object>> perSize) throws IOException {
    if (json) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
      return;
    }
    final PrintStream out = System.out;
    for (final Map<String, Object> s : perSize) {
      out.printf(Locale.ROOT, "segstream bench throughput: %,d users, %,d events, %d partitions, %d stream thread(s), %s%s%n",
          s.get("users"), s.get("events"), s.get("partitions"), s.get("streamThreads"), s.get("processingGuarantee"),
          overrides.isEmpty() ? "" : ", " + new java.util.TreeMap<>(overrides));
      out.printf(Locale.ROOT, "  bare per-user count topology        %,10d events/s   (the practical ceiling: the better of"
          + " two passes; the first, in a cold JVM, %,d)%n", s.get("countTopologyEventsPerSecond"),
          s.get("countTopologyFirstPassEventsPerSecond"));
      out.printf(Locale.ROOT, "  segmentation topology               %,10d events/s   (%.0f%% of the ceiling: the second of two"
              + " passes; the first, %,d, was %.0f%% of the count topology's first)%n",
          s.get("segmentationTopologyEventsPerSecond"), 100 * (double) s.get("segmentationShareOfCeiling"),
          s.get("segmentationFirstPassEventsPerSecond"), 100 * (double) s.get("firstPassesShare"));
      out.printf(Locale.ROOT, "  stream thread CPU per event         %10.1f µs        (count topology: %.1f µs)%n",
          s.get("segmentationStreamThreadMicrosPerEvent"), s.get("countTopologyStreamThreadMicrosPerEvent"));
      out.printf(Locale.ROOT, "  event -> segment change latency     p50 %d ms, p99 %d ms, max %d ms (%d new users at %d/s)%n",
          s.get("latencyP50Millis"), s.get("latencyP99Millis"), s.get("latencyMaxMillis"), s.get("latencySamples"),
          s.get("liveEventsPerSecond"));
      out.printf(Locale.ROOT, "  state per user                      %,d bytes serialized (profile), %,d bytes in RocksDB on disk (profile)%n",
          s.get("stateBytesPerUserSerialized"), s.get("stateBytesPerUserRocksDbOnDisk"));
      out.printf(Locale.ROOT, "  on disk per user, everything        %,d bytes = %,d RocksDB (all stores) + %,d changelog once"
              + " compacted (%,d on the broker now, before compaction)%n", s.get("bytesPerUserOnDisk"),
          s.get("rocksDbBytesPerUserAllStores"), s.get("changelogBytesPerUserCompacted"),
          s.get("changelogBytesPerUserOnBrokerNow"));
      out.printf(Locale.ROOT, "  changelog once compacted, per user  %,d bytes as the broker stores it (%,d serialized,"
          + " uncompressed)%n", s.get("changelogBytesPerUserCompacted"), s.get("changelogBytesPerUserSerialized"));
      out.printf(Locale.ROOT, "  heap in use after GC                %,10d MiB        (whole JVM, broker included)%n",
          s.get("heapUsedAfterGcMiB"));
      out.printf(Locale.ROOT, "  sweep of the whole population       %,10.1f s%n", s.get("sweepSecondsWholePopulation"));
      out.printf(Locale.ROOT, "  restore of a lost state dir         %,10.1f s          (from the changelogs)%n",
          s.get("restoreSecondsFromChangelogs"));
    }
    out.printf(Locale.ROOT, "  model updater                       %,10d vectors/s  (consume, train, publish)%n",
        r.get("updaterVectorsPerSecond"));
    out.printf(Locale.ROOT, "  text stage encoder                  %,10d texts/s    (review texts, text.* settings)%n",
        r.get("textStageTextsPerSecond"));
    if (perSize.size() > 1) {
      out.println();
      out.println("| users | events | events/s | of the count topology | p50 / p99 ms | bytes/user on disk | heap MiB"
          + " | sweep s | restore s |");
      out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (final Map<String, Object> s : perSize) {
        out.printf(Locale.ROOT, "| %,d | %,d | %,d | %.2f | %d / %d | %,d | %,d | %.1f | %.1f |%n", s.get("users"),
            s.get("events"), s.get("segmentationTopologyEventsPerSecond"), s.get("segmentationShareOfCeiling"),
            s.get("latencyP50Millis"), s.get("latencyP99Millis"), s.get("bytesPerUserOnDisk"),
            s.get("heapUsedAfterGcMiB"), s.get("sweepSecondsWholePopulation"), s.get("restoreSecondsFromChangelogs"));
      }
    }
  }

  private static double total(final MeterRegistry meters, final String name) {
    return Search.in(meters).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private SegstreamConfig config(final String appId) {
    final Map<String, String> m = new HashMap<>(settings);
    m.putAll(overrides);
    m.put("application.id", appId);
    return SegstreamConfig.fromMap(m);
  }

  static void publish(final SegstreamConfig config, final Segmentation model) throws Exception {
    try (KafkaProducer<byte[], byte[]> p = producer(config)) {
      p.send(new ProducerRecord<>(config.topics().model(), model.name().getBytes(StandardCharsets.UTF_8),
          AvroSerdes.SEGMENT_MODEL.serialize("", SegmentationCodec.toAvro(model)))).get();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(final SegstreamConfig config) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put("linger.ms", 20);
    p.put("batch.size", 262_144);
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
