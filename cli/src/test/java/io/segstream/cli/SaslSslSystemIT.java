package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.ChangeReason;
import io.segstream.avro.SegmentChange;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.embedded.SaslSslListener;
import io.segstream.embedded.SecureClientSettings;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import io.segstream.generator.TrafficProducer;
import io.segstream.generator.TrafficSettings;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.StreamsApp;
import io.segstream.updater.ModelUpdater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Kafka client of segstream (streams app, updater, traffic producer, readers) over SCRAM-SHA-512 and
 * a real TLS listener, configured only through the file {@code segstream broker --sasl-ssl-port} writes.
 */
class SaslSslSystemIT {
  private static final int USERS = 300;

  @TempDir Path dir;

  @Test
  void theWholeSystemRunsOverSaslSslFromTheBrokersClientConfig() throws Exception {
    final SaslSslListener listener = new SaslSslListener(0, "shop-segments", "a-long-enough-secret");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, Optional.of(listener))) {
      final SecureClientSettings secure = kafka.saslSsl().orElseThrow();
      final Path clientConfig = BrokerCommand.writeClientConfig(dir.resolve(BrokerCommand.CLIENT_CONFIG), secure);
      assertThat(Files.getPosixFilePermissions(clientConfig))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      final SegstreamConfig config = SystemUnderTest.fromFile(clientConfig, dir, "sasl-ssl-it", Map.of()).config();
      assertThat(config.bootstrapServers()).containsExactly(secure.bootstrapServers());
      assertThat(config.kafkaClientOverrides()).containsEntry("security.protocol", "SASL_SSL");

      final ShopSimulator simulator = new ShopSimulator(SimulatorConfig.defaults().withUsers(USERS).withSeed(11));
      try (StreamsApp app = StreamsApp.start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
              CategoryResolver.shopCategory());
          ModelUpdater updater = new ModelUpdater(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start();
          TrafficProducer traffic = TrafficProducer.connect(String.join(",", config.bootstrapServers()),
              new HashMap<>(config.kafkaClientOverrides()), simulator,
              TrafficSettings.of(config.topics().events().getFirst()))) {
        await().atMost(Duration.ofSeconds(90)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
        assertThat(traffic.sendHistory()).isGreaterThan(10L * USERS);

        // The updater's model (published over SASL_SSL) reaches the app, which assigns every user.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          final Map<String, Integer> assigned = app.queries().localAssignments();
          assertThat(assigned).hasSize(USERS);
          assertThat(assigned.values()).doesNotContain(-1);
        });

        // Each user's first change is NEW_USER, read back read_committed over SASL_SSL.
        final Map<String, ChangeReason> firstReason = new HashMap<>();
        final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, SegmentChange> c =
            new KafkaConsumer<>(p, new StringDeserializer(), AvroSerdes.SEGMENT_CHANGE)) {
          final String topic = config.topics().changes();
          final List<TopicPartition> partitions = c.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition())).toList();
          c.assign(partitions);
          c.seekToBeginning(partitions);
          await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (final ConsumerRecord<String, SegmentChange> r : c.poll(Duration.ofMillis(300))) {
              firstReason.putIfAbsent(r.key(), r.value().getReason());
            }
            return firstReason.size() == USERS;
          });
        }
        assertThat(firstReason.values()).containsOnly(ChangeReason.NEW_USER);
      }
    }
  }
}
