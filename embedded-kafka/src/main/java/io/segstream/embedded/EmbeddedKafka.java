package io.segstream.embedded;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>The data directory is formatted on first use and resumed afterwards, topics and records
 * included. Several instances may run in one JVM as long as their data directories differ.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    // Controlled shutdown of a single node only needs its own controller; if that takes longer, it is stuck.
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final String TLS_DIR = "tls";

    private final DataDir dataDir;
    private final int port;
    private final BrokerServer broker;
    private final ControllerServer controller;
    private final Optional<SecureClientSettings> secure;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(DataDir dataDir, int port, BrokerServer broker, ControllerServer controller,
                          Optional<SecureClientSettings> secure) {
        this.dataDir = dataDir;
        this.port = port;
        this.broker = broker;
        this.controller = controller;
        this.secure = secure;
    }

    /**
     * Starts a broker, formatting {@code dataDir} on first use and resuming its topics and data otherwise.
     *
     * @param port the client port; 0 picks one, preferring the port the previous run in {@code dataDir} used
     * @throws EmbeddedKafkaException with a one-line, user-facing message if the broker cannot start
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, Optional.empty());
    }

    /**
     * Starts a broker as {@link #start(Path, int)} does, plus, if asked, a SASL_SSL listener with a SCRAM
     * user; {@link #saslSsl()} then says how clients reach it. The TLS certificate is made on first use and
     * kept in {@code dataDir}, so truststores handed out stay valid across restarts.
     */
    public static EmbeddedKafka start(Path dataDir, int port, Optional<SaslSslListener> saslSsl) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(saslSsl, "saslSsl");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        long startNanos = System.nanoTime();
        DataDir dir = DataDir.open(dataDir);
        Listeners listeners = null;
        EmbeddedKafka kafka = null;
        boolean started = false;
        try {
            Optional<BrokerState> previous = dir.previousState();
            listeners = Listeners.bind(port, previous, saslSsl.map(SaslSslListener::port));
            String clusterId = KafkaStorage.formatOrVerify(dir.kafkaDir(), BrokerConfig.NODE_ID,
                    previous.map(BrokerState::clusterId));
            Optional<TlsMaterial> tls = saslSsl.map(s -> TlsMaterial.inDirectory(dir.root().resolve(TLS_DIR)));
            kafka = launch(dir, listeners, tls, saslSsl);
            String plaintext = kafka.bootstrapServers();
            kafka.secure.ifPresent(settings -> ScramUsers.upsert(plaintext, settings));
            rememberQuietly(dir, new BrokerState(clusterId, listeners.brokerPort(), listeners.controllerPort()));
            LOG.info("Kafka started at {} in {} ms (data in {})", kafka.bootstrapServers(),
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), dir.root());
            started = true;
            return kafka;
        } catch (EmbeddedKafkaException e) {
            throw e;
        } catch (Exception e) {
            // Scala code may throw checked exceptions undeclared, hence Exception rather than RuntimeException.
            throw new EmbeddedKafkaException("Kafka failed to start in " + dir.root() + ": " + failureMessage(e), e);
        } finally {
            if (!started) {
                if (kafka != null) {
                    kafka.close();
                } else {
                    if (listeners != null) {
                        listeners.close();
                    }
                    dir.close();
                }
            }
        }
    }

    /** Wires the broker the way {@link KafkaRaftServer} does, but with our sockets and fault handling. */
    private static EmbeddedKafka launch(DataDir dir, Listeners listeners, Optional<TlsMaterial> tls,
                                        Optional<SaslSslListener> saslSsl) {
        Optional<BrokerConfig.SaslSsl> secureListener = listeners.saslSslPort()
                .map(securePort -> new BrokerConfig.SaslSsl(securePort, tls.orElseThrow()));
        KafkaConfig config = new KafkaConfig(BrokerConfig.of(
                dir.kafkaDir(), listeners.brokerPort(), listeners.controllerPort(), secureListener), false);
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> storage =
                KafkaRaftServer.initializeLogDirs(config, LOG, "");
        SharedServer shared = new SharedServer(
                config,
                storage._1(),
                Time.SYSTEM,
                new Metrics(),
                CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                new NonHaltingFaultHandlers(),
                listeners);
        ControllerServer controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), storage._2());
        BrokerServer broker = new BrokerServer(shared);
        try {
            // The controller goes first: the broker registers with it and waits to be unfenced.
            controller.startup();
            broker.startup();
        } catch (Throwable e) {
            try {
                stop(broker, controller);
            } catch (Throwable stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(dir, listeners.brokerPort(), broker, controller,
                saslSsl.map(user -> new SecureClientSettings(Listeners.HOST + ":" + listeners.saslSslPort().orElseThrow(),
                        tls.orElseThrow().truststore(), tls.orElseThrow().password(), user.user(), user.password())));
        return kafka;
    }

    /** {@code localhost:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return Listeners.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** How clients reach the SASL_SSL listener, if the broker was started with one. */
    public Optional<SecureClientSettings> saslSsl() {
        return secure;
    }

    /** The directory given to {@link #start}, as an absolute path. */
    public Path dataDir() {
        return dataDir.root();
    }

    /** Shuts the broker down cleanly and releases the data directory. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            stop(broker, controller);
        } finally {
            dataDir.close();
        }
        LOG.info("Kafka at {} stopped in {} ms", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }

    private static void stop(BrokerServer broker, ControllerServer controller) {
        // Broker first, as KafkaRaftServer does: its controlled shutdown needs the controller.
        try {
            broker.shutdown(SHUTDOWN_TIMEOUT);
            broker.awaitShutdown();
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
    }

    private static void rememberQuietly(DataDir dir, BrokerState state) {
        try {
            dir.remember(state);
        } catch (IOException e) {
            // Costs only the port reuse and the cluster-id check on the next start.
            LOG.warn("Could not record Kafka ports in {}: {}", dir.root(), e.getMessage());
        }
    }

    /**
     * The outermost explanation plus the innermost one: the first usually says what Kafka was doing
     * (reading which file), the last what went wrong. One line, since the CLI prints it to users.
     */
    static String failureMessage(Throwable e) {
        String outer = null;
        String inner = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            // Wrappers built as new X(cause) only repeat the cause; they explain nothing.
            if (message == null || (t.getCause() != null && message.equals(t.getCause().toString()))) {
                continue;
            }
            if (outer == null) {
                outer = message;
            }
            inner = message;
        }
        String text = outer == null ? e.getClass().getSimpleName()
                : outer.contains(inner) ? outer
                : outer + ": " + inner;
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
