package io.segstream.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCRAM-SHA-512 over a real TLS listener: the right user gets through, the wrong one and plaintext do not. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedKafkaSaslSslIT {
    private static final String TOPIC = "secured";
    private static final SaslSslListener LISTENER = new SaslSslListener(0, "segstream", "correct-horse-battery");

    @Test
    void transactionsFlowOverSaslSslAndTheTruststoreOutlivesARestart(@TempDir Path dataDir) throws Exception {
        SecureClientSettings first;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, Optional.of(LISTENER))) {
            first = kafka.saslSsl().orElseThrow();
            assertThat(first.bootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
            assertThat(first.toString()).doesNotContain(LISTENER.password());
            try (Admin admin = Admin.create(secureClient(first))) {
                admin.createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produceTransactionally(first, "alice", "gold");
            assertThat(readCommitted(first, 1)).containsExactly("alice=gold");
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, Optional.of(LISTENER))) {
            SecureClientSettings again = kafka.saslSsl().orElseThrow();
            // The same certificate: a client configured from the first run still trusts the broker.
            assertThat(again.truststore()).isEqualTo(first.truststore());
            assertThat(again.truststorePassword()).isEqualTo(first.truststorePassword());
            produceTransactionally(again, "bob", "silver");
            assertThat(readCommitted(again, 2)).containsExactly("alice=gold", "bob=silver");
        }
    }

    @Test
    void refusesAWrongPasswordAndPlaintextClients(@TempDir Path dataDir) {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, Optional.of(LISTENER))) {
            SecureClientSettings right = kafka.saslSsl().orElseThrow();
            SecureClientSettings wrong = new SecureClientSettings(right.bootstrapServers(), right.truststore(),
                    right.truststorePassword(), right.user(), "not-the-password");
            try (Admin admin = Admin.create(secureClient(wrong))) {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(SaslAuthenticationException.class);
            }
            // A plaintext client on the TLS port never completes a request.
            Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, right.bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
            try (Admin admin = Admin.create(plaintext)) {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }
        }
    }

    private static Map<String, Object> secureClient(SecureClientSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return config;
    }

    private static void produceTransactionally(SecureClientSettings settings, String key, String value) {
        Map<String, Object> config = secureClient(settings);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, key, value));
            producer.commitTransaction();
        }
    }

    private static List<String> readCommitted(SecureClientSettings settings, int expected) {
        Map<String, Object> config = secureClient(settings);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
