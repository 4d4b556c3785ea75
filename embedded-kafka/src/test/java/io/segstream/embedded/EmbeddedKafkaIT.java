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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaIT {
    private static final String TOPIC = "customers";

    @Test
    void keepsPortTopicsAndCommittedRecordsAcrossRestarts(@TempDir Path dataDir) throws Exception {
        int firstPort;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            firstPort = kafka.port();
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + firstPort);
            assertThat(kafka.dataDir()).isEqualTo(dataDir.toAbsolutePath());
            createTopic(kafka);
            produceTransactionally(kafka, "alice", "gold");
            assertThat(readCommitted(kafka, 1)).containsExactly("alice=gold");
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            assertThat(kafka.port()).isEqualTo(firstPort);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
            }
            produceTransactionally(kafka, "bob", "silver");
            assertThat(readCommitted(kafka, 2)).containsExactly("alice=gold", "bob=silver");
        }

        // Someone took the old port while we were down: start anyway, elsewhere.
        try (ServerSocket squatter = listenOn(firstPort);
             EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            assertThat(kafka.port()).isNotEqualTo(squatter.getLocalPort());
            assertThat(readCommitted(kafka, 2)).containsExactly("alice=gold", "bob=silver");
        }
    }

    @Test
    void runsTwoBrokersSideBySideButNotTwiceOnOneDirectory(@TempDir Path first, @TempDir Path second) throws Exception {
        try (EmbeddedKafka one = EmbeddedKafka.start(first, 0);
             EmbeddedKafka two = EmbeddedKafka.start(second, 0)) {
            assertThat(one.port()).isNotEqualTo(two.port());
            for (EmbeddedKafka kafka : List.of(one, two)) {
                createTopic(kafka);
                produceTransactionally(kafka, "key", kafka.bootstrapServers());
                assertThat(readCommitted(kafka, 1)).containsExactly("key=" + kafka.bootstrapServers());
            }

            assertThatThrownBy(() -> EmbeddedKafka.start(first, 0))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining(first.toAbsolutePath().toString())
                    .hasMessageContaining("already used");
        }
    }

    @Test
    void reportsABusyPortClearly(@TempDir Path dataDir) throws Exception {
        try (ServerSocket squatter = listenOn(0)) {
            int port = squatter.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, port))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("--kafka-port")
                    .message().doesNotContain("\n");
        }
        // The failed attempt must not hold on to the directory.
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            assertThat(kafka.port()).isPositive();
        }
    }

    private static ServerSocket listenOn(int port) throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress("localhost", port));
        return socket;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static void createTopic(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produceTransactionally(EmbeddedKafka kafka, String key, String value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, key, value));
            producer.commitTransaction();
        }
    }

    /** Reads from the start with a fresh consumer group, so group coordination is exercised too. */
    private static List<String> readCommitted(EmbeddedKafka kafka, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
            consumer.commitSync();
        }
        return seen;
    }
}
