package io.segstream.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a previous run in the same data directory used, so a restart can hand out the same
 * bootstrap address and notice a data directory that was swapped underneath it.
 */
record BrokerState(String clusterId, int brokerPort, int controllerPort) {
    private static final String CLUSTER_ID = "cluster.id";
    private static final String BROKER_PORT = "broker.port";
    private static final String CONTROLLER_PORT = "controller.port";

    /** Empty when there was no previous successful start; a damaged file counts as none, since it only holds hints. */
    static Optional<BrokerState> load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            String clusterId = props.getProperty(CLUSTER_ID);
            if (clusterId == null || clusterId.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new BrokerState(clusterId.strip(),
                    Integer.parseInt(props.getProperty(BROKER_PORT, "0").strip()),
                    Integer.parseInt(props.getProperty(CONTROLLER_PORT, "0").strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    void save(Path file) throws IOException {
        Properties props = new Properties();
        props.setProperty(CLUSTER_ID, clusterId);
        props.setProperty(BROKER_PORT, Integer.toString(brokerPort));
        props.setProperty(CONTROLLER_PORT, Integer.toString(controllerPort));
        // Write then rename, so a crash mid-write never leaves a half file behind.
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(tmp)) {
            props.store(writer, "segstream embedded Kafka: ports and cluster of the last successful start");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
