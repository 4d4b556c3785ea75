package io.segstream.embedded;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerConfigTest {
    private final Properties props = BrokerConfig.of(Path.of("/var/tmp/kafka"), 9092, 9093);

    @Test
    void usesOnlySettingsThisKafkaVersionKnows() {
        // A misspelt or removed key would be silently ignored by the broker.
        assertThat(KafkaConfig.configDef().names()).containsAll(props.stringPropertyNames());
    }

    @Test
    void isAValidCombinedSingleNodeConfig() {
        KafkaConfig config = new KafkaConfig(props, false);

        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.quorumConfig().voters()).containsExactly("1@localhost:9093");
        assertThat(config.getShort("offsets.topic.replication.factor")).isEqualTo((short) 1);
        assertThat(config.getBoolean("auto.create.topics.enable")).isFalse();
    }

    @Test
    void waitsOutAPreviousTransactionOnTheBrokerInsteadOfFailingProducesWithOutOfOrderSequences() {
        KafkaConfig config = new KafkaConfig(props, false);

        // Kafka's default of 100 ms let a fresh demo start with a storm of OutOfOrderSequenceException ERRORs.
        assertThat(config.getInt("add.partitions.to.txn.retry.backoff.max.ms"))
                .isGreaterThanOrEqualTo(1000)
                .isLessThan(config.getInt("request.timeout.ms"));
    }
}
