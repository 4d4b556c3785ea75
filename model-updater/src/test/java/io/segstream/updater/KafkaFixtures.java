package io.segstream.updater;

import io.segstream.avro.FeatureVector;
import io.segstream.avro.VectorSource;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.model.Segmentation;
import io.segstream.schemas.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics, producers and readers for tests against the embedded broker. */
final class KafkaFixtures {
  private final String bootstrap;

  KafkaFixtures(final String bootstrap) {
    this.bootstrap = bootstrap;
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  void createTopics(final String vectors, final int vectorPartitions, final String model) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(
          new NewTopic(vectors, vectorPartitions, (short) 1),
          new NewTopic(model, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
              TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
    }
  }

  KafkaProducer<String, byte[]> producer() {
    final Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // A fixture that feeds test data, not the system under test: without idempotence. In one CI run the
    // idempotent producer got NOT_LEADER_OR_FOLLOWER from the single broker, then OutOfOrderSequenceException on
    // every retry until the test timed out; one request in flight keeps the order without it.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  static byte[] vector(final String userId, final String featureSet, final double[] values) {
    return vector(userId, featureSet, values, VectorSource.SAMPLE);
  }

  static byte[] vector(final String userId, final String featureSet, final double[] values, final VectorSource source) {
    final List<Double> boxed = new ArrayList<>(values.length);
    for (final double v : values) {
      boxed.add(v);
    }
    return AvroSerdes.FEATURE_VECTOR.serialize(null, FeatureVector.newBuilder().setUserId(userId)
        .setTimestamp(Instant.ofEpochMilli(1_767_225_600_000L)).setFeatureSet(featureSet).setValues(boxed)
        .setSource(source).build());
  }

  /** Sends {@code n} sampled vectors drawn from {@code groups} and waits until all are acknowledged. */
  void produceVectors(final String topic, final String featureSet, final Groups groups, final int n,
      final SplittableRandom random) {
    produceVectors(topic, featureSet, groups, n, random, VectorSource.SAMPLE);
  }

  void produceVectors(final String topic, final String featureSet, final Groups groups, final int n,
      final SplittableRandom random, final VectorSource source) {
    try (KafkaProducer<String, byte[]> p = producer()) {
      for (int i = 0; i < n; i++) {
        final String user = "user-" + random.nextInt(1_000_000);
        p.send(new ProducerRecord<>(topic, user, vector(user, featureSet, groups.draw(random), source)));
      }
      p.flush();
    }
  }

  /** A user's key and the bytes of the sampled vector sent for them. */
  record Keyed(String key, byte[] value) {}

  /** One SAMPLE vector for each of {@code n} distinct users. */
  List<Keyed> produceUsers(final String topic, final String featureSet, final Groups groups, final int n,
      final SplittableRandom random) {
    final List<Keyed> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> p = producer()) {
      for (int i = 0; i < n; i++) {
        final String user = "member-" + i;
        final byte[] value = vector(user, featureSet, groups.draw(random), VectorSource.SAMPLE);
        p.send(new ProducerRecord<>(topic, user, value));
        sent.add(new Keyed(user, value));
      }
      p.flush();
    }
    return sent;
  }

  void produceAgain(final String topic, final List<Keyed> records) {
    try (KafkaProducer<String, byte[]> p = producer()) {
      records.forEach(r -> p.send(new ProducerRecord<>(topic, r.key(), r.value())));
      p.flush();
    }
  }

  void produceRaw(final String topic, final String key, final byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> p = producer()) {
      p.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  Optional<Segmentation> latestModel(final String topic, final String name) {
    return ModelTopicReader.latest(Map.of("bootstrap.servers", bootstrap), topic, name, Duration.ofSeconds(30), c -> { });
  }

  Map<TopicPartition, OffsetAndMetadata> committed(final String group) throws Exception {
    try (Admin admin = admin()) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
  }

  static SegstreamConfig config(final String bootstrap, final String appId, final String vectors, final String model,
      final Map<String, String> extra) {
    final Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", bootstrap);
    m.put("application.id", appId);
    m.put("model.name", "default");
    m.put("topics.feature-vectors", vectors);
    m.put("topics.model", model);
    m.put("topics.create", "false");
    m.put("updater.k", "3");
    m.put("updater.bootstrap-vectors", "300");
    m.put("updater.batch-size", "100");
    m.put("updater.max-batch-wait-ms", "200");
    m.put("updater.publish-interval-seconds", "1");
    m.put("updater.publish-min-movement", "0.05");
    // These tests count trained vectors and versions of the online model exactly; population refits (which
    // publish a version of their own once the sample is quiet) are tested on their own.
    m.put("updater.population-users", "0");
    m.putAll(extra);
    return SegstreamConfig.fromMap(m);
  }
}
