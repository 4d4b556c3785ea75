package io.segstream.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirTest {
    @TempDir
    Path tmp;

    @Test
    void explainsADirectoryThatCannotBeCreated() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "not a directory");

        assertThatThrownBy(() -> DataDir.open(file.resolve("data")))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageStartingWith("Cannot create Kafka data directory " + file.resolve("data"))
                .message().doesNotContain("\n");
    }

    @Test
    void isExclusiveUntilClosed() {
        try (DataDir dir = DataDir.open(tmp)) {
            assertThat(dir.kafkaDir()).isDirectory();
            assertThatThrownBy(() -> DataDir.open(tmp))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("already used by another embedded broker");
        }
        DataDir.open(tmp).close();
    }

    @Test
    void remembersTheLastRun() throws Exception {
        try (DataDir dir = DataDir.open(tmp)) {
            assertThat(dir.previousState()).isEmpty();
            dir.remember(new BrokerState("cluster", 9092, 9093));
        }
        try (DataDir dir = DataDir.open(tmp)) {
            assertThat(dir.previousState()).contains(new BrokerState("cluster", 9092, 9093));
        }
    }

    @Test
    void treatsADamagedStateFileAsNoHistory() throws Exception {
        Files.writeString(tmp.resolve("embedded-kafka.properties"), "cluster.id=abc\nbroker.port=ninety\n");
        try (DataDir dir = DataDir.open(tmp)) {
            assertThat(dir.previousState()).isEmpty();
        }
    }
}
