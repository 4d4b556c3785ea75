package io.segstream.bench.updater;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segstream.avro.FeatureVector;
import io.segstream.avro.VectorSource;
import io.segstream.updater.ModelTrainer;
import io.segstream.updater.ModelUpdater;
import io.segstream.updater.UpdaterMetrics;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureSettings;
import io.segstream.core.kmeans.TrainingSettings;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.schemas.AvroSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end updater throughput on the embedded broker: pre-loads N feature vectors (the registry's
 * dimension) into the training topic, then times a {@link ModelUpdater} consuming and training all of them.
 * For context it also times, on the same data, a bare consumer that only fetches the bytes (the ceiling
 * Kafka sets) and decode + train without Kafka (the CPU cost of our own work). Not a test: numbers only.
 *
 * <p>Run: {@code ./mvnw -B -ntp -q -pl benchmarks -am verify -Dit.test=UpdaterBenchmarkIT
 * -Dsegstream.bench.vectors=1000000 -Dsurefire.failIfNoSpecifiedTests=false -Dtest=none}
 * (the report is in target/failsafe-reports/*-output.txt), or call {@link #main}.
 */
public final class UpdaterThroughputBenchmark {
  private static final FeatureRegistry REGISTRY = FeatureRegistry.standard(FeatureSettings.defaults());

  public record Result(long vectors, int partitions, double loadPerSecond, double barePerSecond,
      double cpuOnlyPerSecond, double updaterPerSecond, double updaterSteadyPerSecond, long publications) {
    String report() {
      return String.format(Locale.ROOT, """
          updater throughput, %,d vectors of %d features on %d partitions (embedded broker, same JVM; updater measured first, cold):
            pre-load (producer)             %,12.0f vectors/s
            bare consumer (bytes only)      %,12.0f vectors/s   <- Kafka's ceiling here
            decode + train, no Kafka        %,12.0f vectors/s   <- our CPU cost
            ModelUpdater end to end         %,12.0f vectors/s   (start() to last full batch trained, incl. activation and bootstrap)
            ModelUpdater steady state       %,12.0f vectors/s   (bootstrap fitted to last full batch trained)
            models published during the run %d""",
          vectors, REGISTRY.dimension(), partitions, loadPerSecond, barePerSecond, cpuOnlyPerSecond, updaterPerSecond,
          updaterSteadyPerSecond, publications);
    }
  }

  private UpdaterThroughputBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    final Path dir = Files.createTempDirectory("segstream-updater-bench");
    System.out.println(run(dir, n, partitions).report());
  }

  public static Result run(final Path dataDir, final long n, final int partitions) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      final String bootstrap = kafka.bootstrapServers();
      final Map<String, String> settings = new HashMap<>(Map.of(
          "updater.k", "5", "updater.bootstrap-vectors", "2000", "updater.batch-size", "512",
          "updater.max-batch-wait-ms", "2000", "updater.publish-interval-seconds", "5"));
      // e.g. -Dsegstream.bench.kafka=max.poll.records=500,fetch.min.bytes=1 to compare client settings
      for (final String kv : System.getProperty("segstream.bench.kafka", "").split(",")) {
        if (kv.contains("=")) {
          settings.put("kafka." + kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
        }
      }
      final SegstreamConfig config = config(bootstrap, settings);
      createTopics(bootstrap, config.topics().featureVectors(), partitions, config.topics().model());

      final List<byte[]> pool = pool(4_096);
      final double load = preload(bootstrap, config.topics().featureVectors(), pool, n);

      final MeterRegistry metrics = new SimpleMeterRegistry();
      final long t0 = System.nanoTime();
      final int batch = config.updater().training().batchSize();
      long firstTrained = 0;
      long lastFullBatch = 0;
      double trainedAtLastFullBatch = 0;
      long publications;
      final ModelUpdater updater = new ModelUpdater(config, REGISTRY, metrics, Clock.systemUTC()).start();
      try {
        while (true) {
          final double trained = metrics.find(UpdaterMetrics.VECTORS_TRAINED).counter() == null ? 0
              : metrics.get(UpdaterMetrics.VECTORS_TRAINED).counter().count();
          final long now = System.nanoTime();
          if (trained > 0 && firstTrained == 0) {
            firstTrained = now;
          }
          if (trained > n - batch && lastFullBatch == 0) {
            // Only a partial batch can be left: it is trained after updater.max-batch-wait-ms, which is idle
            // time at the end of the input, not throughput.
            lastFullBatch = now;
            trainedAtLastFullBatch = trained;
          }
          if (trained >= n) {
            break;
          }
          Thread.sleep(2);
        }
        publications = metrics.get(UpdaterMetrics.CENTROID_DRIFT).summary().count();
      } finally {
        updater.close();
      }
      // The references run after the updater, so the updater gets no JIT warm-up from them (a cold start).
      final double bare = bareConsume(bootstrap, config.topics().featureVectors(), n);
      final double cpu = cpuOnly(config.updater().training(), pool, Math.min(n, 2_000_000));
      final double total = trainedAtLastFullBatch / ((lastFullBatch - t0) / 1e9);
      // The bootstrap sample is counted in one go when fitted: steady state covers the vectors after it.
      final double steady = (trainedAtLastFullBatch - config.updater().training().bootstrapVectors())
          / ((lastFullBatch - firstTrained) / 1e9);
      return new Result(n, partitions, load, bare, cpu, total, steady, publications);
    }
  }

  /** The updater's settings for this run: {@code extra} over the defaults the updater's ITs train with. */
  private static SegstreamConfig config(final String bootstrap, final Map<String, String> extra) {
    final Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", bootstrap);
    m.put("application.id", "bench");
    m.put("model.name", "default");
    m.put("topics.feature-vectors", "bench.vectors");
    m.put("topics.model", "bench.model");
    m.put("topics.create", "false");
    m.put("updater.publish-min-movement", "0.05");
    // Counts trained vectors of the online model only; population refits publish versions of their own.
    m.put("updater.population-users", "0");
    m.putAll(extra);
    return SegstreamConfig.fromMap(m);
  }

  private static void createTopics(final String bootstrap, final String vectors, final int vectorPartitions,
      final String model) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(
          new NewTopic(vectors, vectorPartitions, (short) 1),
          new NewTopic(model, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
              TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
    }
  }

  /**
   * Distinct serialised vectors from five groups, reused round-robin (the updater does not care): group g sits
   * 4 above the others on its own block of features, plus 0.1 g everywhere, with unit Gaussian noise.
   */
  static List<byte[]> pool(final int size) {
    final int d = REGISTRY.dimension();
    final int k = 5;
    final int block = Math.max(1, d / k);
    final SplittableRandom r = new SplittableRandom(3);
    final List<byte[]> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      final int g = r.nextInt(k);
      final List<Double> values = new ArrayList<>(d);
      for (int j = 0; j < d; j++) {
        final double mean = (j >= g * block && j < Math.min(d, (g + 1) * block) ? 4.0 : 0.0) + 0.1 * g;
        values.add(mean + Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
      }
      out.add(AvroSerdes.FEATURE_VECTOR.serialize(null, FeatureVector.newBuilder().setUserId("user-" + i)
          .setTimestamp(Instant.ofEpochMilli(1_767_225_600_000L)).setFeatureSet(REGISTRY.featureSetId())
          .setValues(values).setSource(VectorSource.SAMPLE).build()));
    }
    return out;
  }

  private static double preload(final String bootstrap, final String topic, final List<byte[]> pool, final long n) {
    final Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, System.getProperty("segstream.bench.compression", "none"));
    final long t0 = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < n; i++) {
        producer.send(new ProducerRecord<>(topic, "user-" + (i % 1_000_003), pool.get((int) (i % pool.size()))));
      }
      producer.flush();
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static double bareConsume(final String bootstrap, final String topic, final long n) {
    final Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    final long t0 = System.nanoTime();
    long seen = 0;
    long bytes = 0;
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      while (seen < n) {
        for (final ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
          seen++;
          bytes += r.value().length;
        }
      }
    }
    if (bytes < 0) {
      throw new AssertionError();
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static double cpuOnly(final TrainingSettings settings, final List<byte[]> pool, final long n) {
    final ModelTrainer t = new ModelTrainer(REGISTRY, settings, new ModelTrainer.PublishPolicy(0.05,
        Duration.ofSeconds(5)), "bench", Clock.systemUTC());
    final long t0 = System.nanoTime();
    for (long i = 0; i < n; i++) {
      final FeatureVector v = AvroSerdes.FEATURE_VECTOR.decode(pool.get((int) (i % pool.size())));
      t.offer(v.getFeatureSet(), v.getValues());
    }
    t.flush();
    return n / ((System.nanoTime() - t0) / 1e9);
  }
}
