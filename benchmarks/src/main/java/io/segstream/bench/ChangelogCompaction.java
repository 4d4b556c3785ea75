package io.segstream.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Lets the broker's own log cleaner compact the changelogs of a stopped application, then measures what it left:
 * the bytes a user's changelog share costs on disk once compacted, as the broker stores it (batches, record
 * overhead and the producer's compression included), instead of an estimate from serialized sizes.
 *
 * <p>The cleaner never touches a partition's active segment, which after a run holds most of the changelog. So the
 * changelog topics are set to roll on the next append ({@code segment.ms}) and to be cleaned whatever their dirty
 * ratio, one tombstone per partition rolls them (its key, {@link #ROLL_KEY}, is no key any store writes, and a
 * restore applies it as the delete of a key that is absent), and the broker's {@code cleaner-offset-checkpoint}
 * files say when every partition has been cleaned up to that tombstone. The log files ({@code .log}) are counted;
 * the offset and time indexes add about 1% (an entry per 4 KiB of log), and the preallocated indexes of active
 * segments are a fixed cost per partition, not per user.
 */
final class ChangelogCompaction {
  static final byte[] ROLL_KEY = "\u0000segstream-bench-roll".getBytes(StandardCharsets.UTF_8);
  private static final Duration WAIT = Duration.ofMinutes(10);

  private final Map<String, Object> clientConfig;
  private final Path logDir;
  private final PrintStream log;

  ChangelogCompaction(final Map<String, Object> clientConfig, final Path logDir, final PrintStream log) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.logDir = logDir;
    this.log = log;
  }

  /** Compacts every changelog of {@code applicationId} and returns the bytes of their log files afterwards. */
  long compactAndMeasure(final String applicationId) throws Exception {
    final long start = System.nanoTime();
    final Map<TopicPartition, Long> rolledAt = new HashMap<>();
    try (Admin admin = Admin.create(clientConfig)) {
      final List<String> changelogs = admin.listTopics().names().get().stream()
          .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-changelog")).sorted().toList();
      final Map<ConfigResource, java.util.Collection<AlterConfigOp>> ops = new HashMap<>();
      for (final String topic : changelogs) {
        ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
            set(TopicConfig.SEGMENT_MS_CONFIG, "1"),
            set(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0"),
            set(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")));
      }
      admin.incrementalAlterConfigs(ops).all().get();
      Thread.sleep(1_000); // the new segment.ms reaches the logs, and a millisecond has surely passed
      final Map<String, TopicDescription> described = admin.describeTopics(changelogs).allTopicNames().get();
      final Map<String, Object> p = new HashMap<>(clientConfig);
      p.put("acks", "all");
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        for (final TopicDescription d : described.values()) {
          for (final var partition : d.partitions()) {
            final var sent = producer.send(new ProducerRecord<>(d.name(), partition.partition(), ROLL_KEY, null)).get();
            rolledAt.put(new TopicPartition(d.name(), partition.partition()), sent.offset());
          }
        }
      }
    }
    awaitCleaned(rolledAt, start);
    return logBytes(applicationId);
  }

  private static AlterConfigOp set(final String key, final String value) {
    return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
  }

  private void awaitCleaned(final Map<TopicPartition, Long> rolledAt, final long start)
      throws IOException, InterruptedException {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    long lastLog = System.nanoTime();
    while (true) {
      final Map<TopicPartition, Long> cleaned = cleanedOffsets();
      final long done = rolledAt.entrySet().stream()
          .filter(e -> cleaned.getOrDefault(e.getKey(), -1L) >= e.getValue()).count();
      if (done == rolledAt.size()) {
        log.printf(Locale.ROOT, "changelogs: %d partitions compacted by the broker's log cleaner in %.1f s%n",
            done, (System.nanoTime() - start) / 1e9);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the log cleaner compacted only " + done + " of " + rolledAt.size()
            + " changelog partitions in " + WAIT.toMinutes() + " minutes");
      }
      if (System.nanoTime() - lastLog > 5_000_000_000L) {
        lastLog = System.nanoTime();
        log.printf(Locale.ROOT, "changelogs: %d of %d partitions compacted%n", done, rolledAt.size());
      }
      Thread.sleep(200);
    }
  }

  /** The broker's record of how far each log is cleaned: {@code cleaner-offset-checkpoint} in each log dir. */
  private Map<TopicPartition, Long> cleanedOffsets() throws IOException {
    final Map<TopicPartition, Long> out = new HashMap<>();
    final List<Path> checkpoints = new ArrayList<>();
    try (Stream<Path> files = Files.walk(logDir, 2)) {
      files.filter(f -> f.getFileName().toString().equals("cleaner-offset-checkpoint")).forEach(checkpoints::add);
    }
    for (final Path checkpoint : checkpoints) {
      final List<String> lines;
      try {
        lines = Files.readAllLines(checkpoint);
      } catch (final IOException e) {
        continue; // being replaced right now; read it on the next round
      }
      for (final String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
        final String[] f = line.trim().split(" ");
        if (f.length == 3) {
          out.put(new TopicPartition(f[0], Integer.parseInt(f[1])), Long.parseLong(f[2]));
        }
      }
    }
    return out;
  }

  private long logBytes(final String applicationId) throws IOException {
    return DiskUsage.bytesUnder(logDir, s -> s.contains("/" + applicationId + "-") && s.contains("-changelog-")
        && s.endsWith(".log"));
  }
}
