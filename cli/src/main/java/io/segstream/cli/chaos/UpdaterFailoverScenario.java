package io.segstream.cli.chaos;

import io.segstream.avro.FeatureVector;
import io.segstream.avro.UserEvent;
import io.segstream.avro.VectorSource;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.core.features.FeatureUpdater;
import io.segstream.core.features.UserState;
import io.segstream.core.model.SegmentationCodec;
import io.segstream.core.topics.TopicProvisioner;
import io.segstream.schemas.AvroSerdes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Scenario 4, updater failover: two {@code segstream updater} processes train on a stream of real feature vectors
 * (the simulated shop's users, folded through {@code core} as the streams app does). The active one is killed with
 * SIGKILL while it publishes; later the new active one is frozen with SIGSTOP past its session timeout, the other
 * takes over, and the frozen one is resumed with SIGCONT: a zombie that still believes it is active. Must hold:
 * model versions on the model topic strictly increase, the zombie publishes nothing after it resumes, and the
 * last model's {@code trainedVectors} equals the vectors whose offsets were committed with it.
 */
final class UpdaterFailoverScenario {
  static final String PUBLISHED = "published model";
  static final String ACTIVE = "is ACTIVE";

  record Plan(int users, int historyDays, int slices, long seed) {}

  private UpdaterFailoverScenario() {}

  static ScenarioResult run(final Path dir, final String classpath, final Plan plan, final PrintStream log)
      throws Exception {
    final ShopScript script = ShopScript.generate(plan.users(), plan.historyDays(), plan.seed());
    try (Cluster cluster = new Cluster(dir, classpath, 4, 0)) {
      cluster.startBroker();
      cluster.set("updater.bootstrap-vectors", "200");
      cluster.set("updater.batch-size", "100");
      cluster.set("updater.k", "4");
      // Publish often, so that a kill lands near (or inside) a publication.
      cluster.set("updater.publish-min-movement", "0");
      cluster.set("updater.publish-min-gap-ms", "200");
      cluster.set("updater.publish-interval-seconds", "1");
      final SegstreamConfig config = cluster.config();
      TopicProvisioner.ensureAll(config);
      final List<ProducerRecord<String, byte[]>> vectors = vectors(config, script.events());
      log.printf("  %,d training vectors of %,d users; starting 2 updaters%n", vectors.size(), plan.users());
      final ChildProcess u1 = cluster.startUpdater("updater-1");
      u1.awaitLine(ACTIVE, 0, Cluster.START_TIMEOUT);
      final ChildProcess u2 = cluster.startUpdater("updater-2");
      final List<String> notes = new ArrayList<>();
      long zombiePublished = 0;
      final int slices = Math.max(4, plan.slices());
      try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
        for (int i = 0; i < slices; i++) {
          for (final ProducerRecord<String, byte[]> r : vectors.subList(vectors.size() * i / slices,
              vectors.size() * (i + 1) / slices)) {
            producer.send(r);
          }
          producer.flush();
          if (i == 0) {
            // Fault 1: kill -9 the active updater just after a publication, while it trains and publishes on.
            final long published = u1.count(PUBLISHED);
            u1.awaitLine(PUBLISHED, published, Cluster.START_TIMEOUT);
            Thread.sleep(150);
            final long activeBefore = u2.count(ACTIVE);
            u1.kill9();
            log.printf("  kill -9 %s (active, publishing)%n", u1.name());
            u2.awaitLine(ACTIVE, activeBefore, Cluster.START_TIMEOUT);
            u1.restart();
            u1.awaitLine("started: STANDBY", 1, Cluster.START_TIMEOUT);
          } else if (i == 1) {
            // Fault 2: freeze the active updater past its session timeout; the other takes over; then resume it.
            u2.awaitLine(PUBLISHED, u2.count(PUBLISHED), Cluster.START_TIMEOUT);
            final long activeBefore = u1.count(ACTIVE);
            u2.pause();
            log.printf("  SIGSTOP %s (active)%n", u2.name());
            // ACTIVE is logged once the new active one has registered the transactional id, fencing the old one.
            u1.awaitLine(ACTIVE, activeBefore, Cluster.START_TIMEOUT);
            zombiePublished = u2.count(PUBLISHED);
            u2.resume();
            log.printf("  SIGCONT %s (now a zombie: it was active when it froze)%n", u2.name());
          }
        }
      }
      // Everything trained and published: the committed offsets reach the end of the training topic.
      final Map<TopicPartition, Long> end = endOffsets(cluster, config.topics().featureVectors());
      final long total = end.values().stream().mapToLong(Long::longValue).sum();
      long committed = 0;
      final long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (System.nanoTime() < deadline) {
        committed = committedVectors(cluster, config.applicationId() + "-updater-" + config.modelName(), end.keySet());
        if (committed >= total) {
          break;
        }
        Thread.sleep(1_000);
      }
      Thread.sleep(2_000);
      final long zombieAfter = u2.count(PUBLISHED) - zombiePublished;
      if (zombieAfter > 0) {
        notes.add("the zombie " + u2.name() + " published " + zombieAfter + " model(s) after SIGCONT");
      }
      notes.add(u2.name() + " after SIGCONT: " + lastLine(u2, "STANDBY"));

      final List<ConsumerRecord<String, byte[]>> models = OutputAudit.readRecords(cluster.bootstrap(),
          config.topics().model(), true);
      final long uncommittedModels = OutputAudit.readRecords(cluster.bootstrap(), config.topics().model(), false)
          .size() - models.size();
      long lastVersion = 0;
      long notIncreasing = 0;
      long trained = -1;
      for (final ConsumerRecord<String, byte[]> r : models) {
        if (r.value() == null) {
          continue;
        }
        final var m = SegmentationCodec.fromAvro(AvroSerdes.SEGMENT_MODEL.decode(r.value()));
        if (m.version() <= lastVersion) {
          notIncreasing++;
          notes.add("model v" + m.version() + " at offset " + r.offset() + " after v" + lastVersion);
        }
        lastVersion = m.version();
        trained = m.trainedVectors();
      }
      final boolean trainedMatches = trained == committed;
      notes.add(models.size() + " models published (last v" + lastVersion + "), " + uncommittedModels
          + " aborted model records (publications a fault cut short); last trainedVectors " + trained
          + ", vectors committed with it " + committed + " of " + total + " sent");
      final boolean endsAgree = endOffsets(cluster, config.topics().model()).equals(
          committedEnd(cluster, config.topics().model()));
      // Counted in vectors: lost = sent but in no published model, duplicated = trained more often than sent.
      return new ScenarioResult("4 updater failover (2 updaters)", "kill -9 active x1, SIGSTOP/SIGCONT active x1",
          total, Math.max(0, total - trained), Math.max(0, trained - total), 0, endsAgree, 0, true,
          uncommittedModels, -1, cluster.errorLines(), notes, zombieAfter == 0 && notIncreasing == 0
              && trainedMatches && committed == total);
    }
  }

  /** One vector after each accepted event, as the streams app emits them (here unthrottled), keyed by user. */
  static List<ProducerRecord<String, byte[]>> vectors(final SegstreamConfig config, final List<UserEvent> events) {
    final FeatureRegistry registry = FeatureRegistry.standard(config.features());
    final FeatureUpdater updater = registry.updater(CategoryResolver.shopCategory());
    final Map<String, UserState> states = new LinkedHashMap<>();
    final List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
    for (final UserEvent e : Oracle.accepted(config, events, System.currentTimeMillis())) {
      final long t = e.getTimestamp().toEpochMilli();
      final UserState s = states.computeIfAbsent(e.getUserId(), u -> registry.newUser(t));
      updater.apply(s, e);
      final FeatureVector v = FeatureVector.newBuilder().setUserId(e.getUserId()).setTimestamp(e.getTimestamp())
          .setFeatureSet(registry.featureSetId()).setValues(SegmentationCodec.boxed(registry.vector(s, t)))
          .setSource(VectorSource.EVENT).build();
      out.add(new ProducerRecord<>(config.topics().featureVectors(), e.getUserId(),
          AvroSerdes.FEATURE_VECTOR.serialize("", v)));
    }
    return out;
  }

  private static String lastLine(final ChildProcess child, final String fragment) {
    return child.count(fragment) > 0 ? "logged '" + fragment + "' " + child.count(fragment) + " time(s)"
        : "never logged '" + fragment + "'";
  }

  private static Admin admin(final Cluster cluster) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap()));
  }

  private static Map<TopicPartition, Long> endOffsets(final Cluster cluster, final String topic) throws Exception {
    try (Admin admin = admin(cluster)) {
      final int n = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < n; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      final Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, o) -> end.put(tp, o.offset()));
      return end;
    }
  }

  /** The read_committed end (last stable offset) of each partition. */
  private static Map<TopicPartition, Long> committedEnd(final Cluster cluster, final String topic) throws Exception {
    try (Admin admin = admin(cluster)) {
      final int n = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < n; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      final Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
          org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get().forEach((tp, o) -> end.put(tp,
          o.offset()));
      return end;
    }
  }

  /** Sum of the group's committed offsets on the partitions: the vectors a published model accounts for. */
  private static long committedVectors(final Cluster cluster, final String group,
      final java.util.Collection<TopicPartition> partitions) throws Exception {
    try (Admin admin = admin(cluster)) {
      final Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get();
      long sum = 0;
      for (final TopicPartition tp : partitions) {
        final OffsetAndMetadata o = c.get(tp);
        sum += o == null ? 0 : o.offset();
      }
      return sum;
    }
  }
}
