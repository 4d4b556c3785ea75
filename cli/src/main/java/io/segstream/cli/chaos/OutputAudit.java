package io.segstream.cli.chaos;

import io.segstream.avro.SegmentChange;
import io.segstream.schemas.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a run wrote and counts it against the {@link Oracle}, the way Kafka's own EOS system tests do: every
 * committed change, as a multiset, against the expected ones; each user's chain; the transactional ends.
 */
final class OutputAudit {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

  private OutputAudit() {}

  /** What was found. */
  record Findings(long committed, long aborted, long lost, long duplicated, long chainBreaks, boolean endsAgree,
      Map<String, Integer> lastAssignment, List<String> examples) {}

  static Findings audit(final String bootstrap, final String changesTopic, final String assignmentsTopic,
      final List<String> otherOutputs, final Oracle oracle) {
    final List<SegmentChange> committed = read(bootstrap, changesTopic, true, AvroSerdes.SEGMENT_CHANGE::decode);
    final long everything = read(bootstrap, changesTopic, false, b -> b).size();

    final Map<ChangeKey, Integer> balance = new HashMap<>();
    oracle.changes().forEach(k -> balance.merge(k, 1, Integer::sum));
    committed.forEach(c -> balance.merge(ChangeKey.of(c), -1, Integer::sum));
    long lost = 0;
    long duplicated = 0;
    final List<String> examples = new ArrayList<>();
    for (final Map.Entry<ChangeKey, Integer> e : balance.entrySet()) {
      if (e.getValue() > 0) {
        lost += e.getValue();
      } else if (e.getValue() < 0) {
        duplicated -= e.getValue();
      }
      if (e.getValue() != 0 && examples.size() < 5) {
        examples.add((e.getValue() > 0 ? "lost " : "duplicated ") + e.getKey());
      }
    }

    // Per user, in the order written (a user's changes share one partition): each 'from' is the previous 'to'.
    long breaks = 0;
    final Map<String, Integer> at = new HashMap<>();
    for (final SegmentChange c : committed) {
      final Integer before = at.get(c.getUserId());
      if (!Objects.equals(before, c.getPreviousSegmentId())) {
        breaks++;
        if (examples.size() < 10) {
          examples.add("chain break for " + c.getUserId() + ": was " + before + ", change says from "
              + c.getPreviousSegmentId());
        }
      }
      if (c.getSegmentId() == null) {
        at.remove(c.getUserId());
      } else {
        at.put(c.getUserId(), c.getSegmentId());
      }
    }

    final Map<String, Integer> last = new HashMap<>();
    for (final var r : readRecords(bootstrap, assignmentsTopic, true)) {
      if (r.value() == null) {
        last.remove(r.key());
      } else {
        last.put(r.key(), AvroSerdes.SEGMENT_ASSIGNMENT.decode(r.value()).getSegmentId());
      }
    }

    boolean endsAgree = true;
    final List<String> outputs = new ArrayList<>(List.of(changesTopic, assignmentsTopic));
    outputs.addAll(otherOutputs);
    for (final String topic : outputs) {
      if (!ends(bootstrap, topic, true).equals(ends(bootstrap, topic, false))) {
        endsAgree = false;
        examples.add("read_committed end != read_uncommitted end on " + topic + ": a transaction is still open");
      }
    }
    // Records of aborted transactions: what faults inside open transactions left behind, invisible to read_committed.
    long aborted = everything - committed.size();
    for (final String topic : outputs.subList(1, outputs.size())) {
      aborted += readRecords(bootstrap, topic, false).size() - readRecords(bootstrap, topic, true).size();
    }
    return new Findings(committed.size(), aborted, lost, duplicated, breaks, endsAgree, last, examples);
  }

  private static Map<TopicPartition, Long> ends(final String bootstrap, final String topic, final boolean committed) {
    try (KafkaConsumer<String, byte[]> c = consumer(bootstrap, committed)) {
      final List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return c.endOffsets(parts);
    }
  }

  private static <T> List<T> read(final String bootstrap, final String topic, final boolean committed,
      final Function<byte[], T> decode) {
    final List<T> out = new ArrayList<>();
    for (final var r : readRecords(bootstrap, topic, committed)) {
      if (r.value() != null) {
        out.add(decode.apply(r.value()));
      }
    }
    return out;
  }

  /** Every record of the topic, each partition from its start to its (committed or last) end. */
  static List<ConsumerRecord<String, byte[]>> readRecords(final String bootstrap, final String topic,
      final boolean committed) {
    final List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = consumer(bootstrap, committed)) {
      final List<TopicPartition> parts = c.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      final Map<TopicPartition, Long> end = c.endOffsets(parts);
      final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
        }
        c.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }

  private static KafkaConsumer<String, byte[]> consumer(final String bootstrap, final boolean committed) {
    final Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-audit-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

}
