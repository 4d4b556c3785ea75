package io.segstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.embedded.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compacted-changelog measurement on a real broker: the broker's own cleaner leaves one record per key (the
 * last one), only the application's changelogs are touched and counted, and what is counted is far below what was
 * written.
 */
class ChangelogCompactionIT {
  private static final int KEYS = 500;
  private static final int UPDATES = 20;

  @Test
  void theCleanerLeavesTheLastRecordOfEveryKeyAndOnlyThatIsCounted(@TempDir final Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      final Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
      final String changelog = "app-profiles-changelog";
      final String otherApp = "other-profiles-changelog";
      try (Admin admin = Admin.create(client)) {
        admin.createTopics(List.of(compacted(changelog), compacted(otherApp))).all().get();
      }
      long written = 0;
      final Map<String, Object> p = new HashMap<>(client);
      p.put("compression.type", "zstd");
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        for (int update = 0; update < UPDATES; update++) {
          for (int key = 0; key < KEYS; key++) {
            final byte[] value = ("user " + key + " after update " + update + " " + "x".repeat(80))
                .getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(changelog, key("user-" + key), value));
            producer.send(new ProducerRecord<>(otherApp, key("user-" + key), value));
            written += value.length;
          }
        }
      }

      final ByteArrayOutputStream progress = new ByteArrayOutputStream();
      final long bytes = new ChangelogCompaction(client, dir.resolve("kafka"), new PrintStream(progress, true,
          StandardCharsets.UTF_8)).compactAndMeasure("app");

      assertThat(progress.toString(StandardCharsets.UTF_8)).contains("2 partitions compacted");
      assertThat(bytes).as("one compressed record per key is left of %,d bytes written", written)
          .isPositive().isLessThan(written / UPDATES);
      final Map<String, String> lastValues = new HashMap<>();
      int records = 0;
      int rolls = 0;
      for (final ConsumerRecord<byte[], byte[]> r : readAll(client, changelog)) {
        if (java.util.Arrays.equals(r.key(), ChangelogCompaction.ROLL_KEY)) {
          assertThat(r.value()).as("the roll record is a tombstone").isNull();
          rolls++;
        } else {
          records++;
          lastValues.put(new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8));
        }
      }
      assertThat(rolls).as("one roll tombstone per partition").isEqualTo(2);
      assertThat(records).as("compacted: one record per key").isEqualTo(KEYS);
      assertThat(lastValues).hasSize(KEYS).allSatisfy((k, v) -> assertThat(v).contains("after update " + (UPDATES - 1)));
      assertThat(readAll(client, otherApp)).as("another application's changelog is not touched").hasSize(KEYS * UPDATES);
    }
  }

  private static NewTopic compacted(final String name) {
    return new NewTopic(name, 2, (short) 1).configs(Map.of("cleanup.policy", "compact"));
  }

  private static byte[] key(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(final Map<String, Object> client, final String topic) {
    final Map<String, Object> c = new HashMap<>(client);
    c.put("auto.offset.reset", "earliest");
    final List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      final long deadline = System.currentTimeMillis() + 30_000;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
