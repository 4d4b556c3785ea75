package io.segstream.cli.chaos;

import io.segstream.avro.ChangeReason;
import io.segstream.avro.EventType;
import io.segstream.avro.Review;
import io.segstream.avro.SegmentChange;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.text.TextTopics;
import io.segstream.streams.topology.StoreNames;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Scenario 7, erasure under crash: after the shop's history, a tenth of the users are erased while an instance is
 * killed in the middle of the requests (one request is sent twice), then review signals for the erased users arrive
 * late, as they would from a lagging text stage. Must hold: exactly one {@code USER_DELETED} per erased user and
 * nothing after it, their last record on the assignments topic and on the profiles changelog is a tombstone, IQ
 * answers 404 for them on every instance, and everyone else still meets the oracle.
 */
final class ErasureScenario {
  record Plan(int users, int historyDays, int everyNth, long seed) {}

  private ErasureScenario() {}

  static ScenarioResult run(final Path dir, final String classpath, final Plan plan, final PrintStream log)
      throws Exception {
    final ShopScript script = ShopScript.generate(plan.users(), plan.historyDays(), plan.seed());
    try (Cluster cluster = new Cluster(dir, classpath, 4, 1)) {
      cluster.startBroker();
      final SegstreamConfig config = cluster.config();
      final Oracle before = cluster.prepareDeterministic(script);
      final ChildProcess a = cluster.startStreams("a");
      final ChildProcess b = cluster.startStreams("b");
      final List<String> users = new ArrayList<>(new TreeSet<>(before.finalSegment().keySet()));
      final List<String> erasedInOrder = new ArrayList<>();
      for (int i = 0; i < users.size(); i += plan.everyNth()) {
        erasedInOrder.add(users.get(i));
      }
      final Set<String> erased = Set.copyOf(erasedInOrder);
      final Oracle oracle = before.withErasures(erased);
      log.printf("  %,d events of %,d users; erasing %d of them while killing an instance%n",
          script.events().size(), plan.users(), erased.size());
      final List<String> notes = new ArrayList<>();
      final Map<String, Long> lastEventTime = new HashMap<>();
      script.events().forEach(e -> lastEventTime.merge(e.getUserId(), e.getTimestamp().toEpochMilli(), Math::max));

      try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
        Cluster.send(producer, config.topics().events().getFirst(), script.events());
        Verdicts.awaitCommitted(cluster, before.changes().size(), Duration.ofSeconds(300));
        final String deletions = config.topics().deletions();
        final int half = erasedInOrder.size() / 2;
        for (final String u : erasedInOrder.subList(0, half)) {
          producer.send(new ProducerRecord<>(deletions, u, "erase".getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        Thread.sleep(300); // some of the requests are being processed: transactions are open
        final long runningBefore = b.count("-> RUNNING");
        b.kill9();
        log.printf("  kill -9 %s after %d of %d erasure requests%n", b.name(), half, erasedInOrder.size());
        for (final String u : erasedInOrder.subList(half, erasedInOrder.size())) {
          producer.send(new ProducerRecord<>(deletions, u, "erase".getBytes(StandardCharsets.UTF_8)));
        }
        // A request sent twice (a retrying client): the second finds nothing to erase.
        producer.send(new ProducerRecord<>(deletions, erasedInOrder.getFirst(),
            "erase again".getBytes(StandardCharsets.UTF_8)));
        producer.flush();
        b.restart();
        Cluster.awaitRunning(b, runningBefore);
        Verdicts.awaitCommitted(cluster, oracle.changes().size(), Duration.ofSeconds(300));
        // Late review signals of the erased users, as from a lagging text stage: they must not bring anyone back.
        final String signals = TextTopics.reviewSignals(config);
        for (final String u : erasedInOrder) {
          producer.send(new ProducerRecord<>(signals, u, AvroSerdes.USER_EVENT.serialize("", lateSignals(u,
              lastEventTime.get(u) + 60_000))));
        }
        producer.flush();
      }
      final boolean consumed = awaitConsumed(cluster, TextTopics.reviewSignals(config), Duration.ofSeconds(120));
      if (!consumed) {
        notes.add("the app did not commit past the late review signals within 120 s");
      }
      Thread.sleep(2_000); // anything they wrongly caused is committed by now too

      final OutputAudit.Findings f = OutputAudit.audit(cluster.bootstrap(), config.topics().changes(),
          config.topics().assignments(), List.of(config.topics().featureVectors()), oracle);
      notes.addAll(f.examples());
      long wrong = deletedOnce(cluster, config, erased, notes);
      wrong += notTombstoned(cluster, config.topics().assignments(), erased, "assignments", notes);
      wrong += notTombstoned(cluster, config.applicationId() + "-" + StoreNames.PROFILES + "-changelog", erased,
          "profiles changelog", notes);
      for (final ChildProcess instance : List.of(a, b)) {
        wrong += notFound(cluster.httpPort(instance), erasedInOrder, instance.name(), notes);
      }
      final long iq = Verdicts.iqMismatches(cluster.httpPort(a), oracle.finalSegment(), notes)
          + Verdicts.lastAssignmentMismatches(oracle.finalSegment(), f.lastAssignment(), notes);
      final boolean sizes = Verdicts.sizesAddUp(cluster.httpPort(a), oracle.finalSegment().size(), notes);
      final long members = Verdicts.membershipMismatches(cluster.httpPort(b), oracle.finalSegment(), notes);
      notes.add(erased.size() + " users erased (one request twice), " + erased.size() + " late review signals; "
          + wrong + " erasure check failures, " + members + " membership-index mismatches");
      return new ScenarioResult("7 erasure under crash (2 instances)", "kill -9 instance x1 during " + erased.size()
          + " erasures, late signals", f.committed(), f.lost(), f.duplicated(), f.chainBreaks(), f.endsAgree(), iq,
          sizes, f.aborted(), -1, cluster.errorLines(), notes, wrong == 0 && members == 0 && consumed);
    }
  }

  /** A well-formed REVIEW_SIGNALS event of the user, as the text stage writes it. */
  private static UserEvent lateSignals(final String user, final long time) {
    return UserEvent.newBuilder().setUserId(user).setType(EventType.REVIEW_SIGNALS)
        .setTimestamp(java.time.Instant.ofEpochMilli(time))
        .setReview(Review.newBuilder().setSignals(Map.of("sentiment", 0.8)).build()).build();
  }

  /** Erased users without exactly one USER_DELETED as their last change; users erased without being asked to. */
  private static long deletedOnce(final Cluster cluster, final SegstreamConfig config, final Set<String> erased,
      final List<String> notes) {
    final Map<String, Integer> deletions = new HashMap<>();
    final Map<String, ChangeReason> lastReason = new HashMap<>();
    for (final ConsumerRecord<String, byte[]> r : OutputAudit.readRecords(cluster.bootstrap(),
        config.topics().changes(), true)) {
      final SegmentChange c = AvroSerdes.SEGMENT_CHANGE.decode(r.value());
      lastReason.put(c.getUserId(), c.getReason());
      if (c.getReason() == ChangeReason.USER_DELETED) {
        deletions.merge(c.getUserId(), 1, Integer::sum);
      }
    }
    long wrong = 0;
    for (final String u : erased) {
      if (deletions.getOrDefault(u, 0) != 1 || lastReason.get(u) != ChangeReason.USER_DELETED) {
        wrong++;
        if (notes.size() < 20) {
          notes.add(u + ": " + deletions.getOrDefault(u, 0) + " USER_DELETED, last change " + lastReason.get(u));
        }
      }
    }
    for (final String u : deletions.keySet()) {
      if (!erased.contains(u)) {
        wrong++;
        notes.add(u + " was deleted without a request");
      }
    }
    return wrong;
  }

  /** Erased users whose last record on the (compacted) topic is not a tombstone. */
  private static long notTombstoned(final Cluster cluster, final String topic, final Set<String> erased,
      final String what, final List<String> notes) {
    final Map<String, Boolean> lastIsTombstone = new HashMap<>();
    for (final ConsumerRecord<String, byte[]> r : OutputAudit.readRecords(cluster.bootstrap(), topic, true)) {
      lastIsTombstone.put(r.key(), r.value() == null);
    }
    long wrong = 0;
    for (final String u : erased) {
      if (!lastIsTombstone.getOrDefault(u, false)) {
        wrong++;
        if (notes.size() < 20) {
          notes.add(u + ": no tombstone last on the " + what + " topic " + topic);
        }
      }
    }
    return wrong;
  }

  /** Erased users the instance does not answer 404 for (503s are retried for a minute). */
  private static long notFound(final int port, final List<String> erased, final String instance,
      final List<String> notes) throws InterruptedException {
    long wrong = 0;
    for (final String u : erased) {
      final String path = "/v1/users/" + URLEncoder.encode(u, StandardCharsets.UTF_8);
      Cluster.Reply r = Cluster.get(port, path);
      final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while ((r.status() == 503 || r.status() == -1) && System.nanoTime() < deadline) {
        Thread.sleep(500);
        r = Cluster.get(port, path);
      }
      if (r.status() != 404) {
        wrong++;
        if (notes.size() < 20) {
          notes.add("IQ on " + instance + " for erased " + u + ": " + r.status() + " " + r.body());
        }
      }
    }
    return wrong;
  }

  /** Waits until the app's committed offsets on the topic reach its end: everything on it has been processed. */
  private static boolean awaitConsumed(final Cluster cluster, final String topic, final Duration timeout)
      throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap()))) {
      final int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      final Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, o) -> end.put(tp, o.offset()));
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        final Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(cluster.config().applicationId()).partitionsToOffsetAndMetadata().get();
        if (end.entrySet().stream().allMatch(e -> e.getValue() == 0 || (committed.get(e.getKey()) != null
            && committed.get(e.getKey()).offset() >= e.getValue()))) {
          return true;
        }
        Thread.sleep(1_000);
      }
      return false;
    }
  }
}
