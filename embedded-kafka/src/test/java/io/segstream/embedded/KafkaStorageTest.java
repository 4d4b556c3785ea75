package io.segstream.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaStorageTest {
    @TempDir
    Path dir;

    @Test
    void formatsOnFirstUseAndKeepsTheClusterAfterwards() throws Exception {
        String clusterId = KafkaStorage.formatOrVerify(dir, 1, Optional.empty());

        assertThat(dir.resolve("meta.properties")).content()
                .contains("cluster.id=" + clusterId).contains("node.id=1");
        assertThat(dir.resolve("bootstrap.checkpoint")).exists();
        String before = Files.readString(dir.resolve("meta.properties"));
        assertThat(KafkaStorage.formatOrVerify(dir, 1, Optional.of(clusterId))).isEqualTo(clusterId);
        assertThat(Files.readString(dir.resolve("meta.properties"))).isEqualTo(before);
    }

    @Test
    void refusesStorageOfAnotherNode() {
        KafkaStorage.formatOrVerify(dir, 2, Optional.empty());

        assertThatThrownBy(() -> KafkaStorage.formatOrVerify(dir, 1, Optional.empty()))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("formatted for node 2")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void refusesStorageOfAnotherCluster() {
        String clusterId = KafkaStorage.formatOrVerify(dir, 1, Optional.empty());

        assertThatThrownBy(() -> KafkaStorage.formatOrVerify(dir, 1, Optional.of("someOtherClusterAAAAAA")))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("belongs to cluster " + clusterId)
                .hasMessageContaining("someOtherClusterAAAAAA");
    }

    @Test
    void refusesMetadataWithoutItsMetaProperties() throws Exception {
        Files.createDirectories(dir.resolve("__cluster_metadata-0"));

        assertThatThrownBy(() -> KafkaStorage.formatOrVerify(dir, 1, Optional.empty()))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("no meta.properties");
    }
}
