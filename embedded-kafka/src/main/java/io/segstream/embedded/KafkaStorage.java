package io.segstream.embedded;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Kafka's on-disk identity: what {@code kafka-storage.sh format} creates, done in-process and only
 * when the directory has not been formatted yet.
 */
final class KafkaStorage {
    private static final String META_PROPERTIES = "meta.properties";

    private KafkaStorage() {
    }

    /**
     * Formats {@code kafkaDir} on first use, otherwise checks it belongs to this broker.
     *
     * @param expectedClusterId the cluster this data directory was created for, if known
     * @return the cluster id stored in the directory
     */
    static String formatOrVerify(Path kafkaDir, int nodeId, Optional<String> expectedClusterId) {
        Path metaFile = kafkaDir.resolve(META_PROPERTIES);
        if (Files.exists(metaFile)) {
            return verify(kafkaDir, metaFile, nodeId, expectedClusterId);
        }
        if (Files.exists(kafkaDir.resolve(Topic.CLUSTER_METADATA_TOPIC_NAME + "-0"))) {
            // Formatting would pair old metadata with a new cluster id, which Kafka cannot reconcile.
            throw new EmbeddedKafkaException("Kafka data directory " + kafkaDir + " holds Kafka data but no "
                    + META_PROPERTIES + "; delete the data directory or use another one");
        }
        String clusterId = Uuid.randomUuid().toString();
        format(kafkaDir, nodeId, clusterId);
        return clusterId;
    }

    private static String verify(Path kafkaDir, Path metaFile, int nodeId, Optional<String> expectedClusterId) {
        MetaProperties meta;
        try (Reader reader = Files.newBufferedReader(metaFile)) {
            Properties props = new Properties();
            props.load(reader);
            meta = new MetaProperties.Builder(props).build();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedKafkaException("Cannot read " + metaFile + " (" + e.getMessage()
                    + "); delete the data directory or use another one", e);
        }
        if (meta.nodeId().isEmpty() || meta.nodeId().getAsInt() != nodeId || meta.clusterId().isEmpty()) {
            throw new EmbeddedKafkaException("Kafka data directory " + kafkaDir + " was formatted for node "
                    + (meta.nodeId().isPresent() ? meta.nodeId().getAsInt() : "<none>")
                    + " but the embedded broker is node " + nodeId + "; use another data directory");
        }
        String clusterId = meta.clusterId().get();
        if (expectedClusterId.isPresent() && !expectedClusterId.get().equals(clusterId)) {
            throw new EmbeddedKafkaException("Kafka data directory " + kafkaDir + " belongs to cluster " + clusterId
                    + " but was created for cluster " + expectedClusterId.get()
                    + "; it was replaced or copied from elsewhere, use another data directory");
        }
        return clusterId;
    }

    private static void format(Path kafkaDir, int nodeId, String clusterId) {
        String dir = kafkaDir.toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setDirectories(List.of(dir))
                .setMetadataLogDirectory(dir)
                .setControllerListenerName(Listeners.CONTROLLER)
                // Static quorum (controller.quorum.voters), as kafka-storage.sh does when that config is set:
                // the controller's address is not baked into the log, so its port may change between runs.
                .setHasDynamicQuorum(false);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("Cannot format Kafka data directory " + kafkaDir + ": " + e.getMessage(), e);
        }
    }
}
