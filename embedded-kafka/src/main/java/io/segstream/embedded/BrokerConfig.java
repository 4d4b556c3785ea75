package io.segstream.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** Server properties for a single combined broker+controller node on localhost. */
final class BrokerConfig {
    static final int NODE_ID = 1;

    private BrokerConfig() {
    }

    static Properties of(Path kafkaDir, int brokerPort, int controllerPort) {
        return of(kafkaDir, brokerPort, controllerPort, Optional.empty());
    }

    /** A SASL_SSL listener's port and the TLS material it serves. */
    record SaslSsl(int port, TlsMaterial tls) {
    }

    static Properties of(Path kafkaDir, int brokerPort, int controllerPort, Optional<SaslSsl> saslSsl) {
        Properties p = new Properties();
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + Listeners.HOST + ":" + controllerPort);
        p.setProperty("controller.listener.names", Listeners.CONTROLLER);
        p.setProperty("inter.broker.listener.name", Listeners.BROKER);
        p.setProperty("listeners", Listeners.BROKER + "://" + Listeners.HOST + ":" + brokerPort
                + "," + Listeners.CONTROLLER + "://" + Listeners.HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", Listeners.BROKER + "://" + Listeners.HOST + ":" + brokerPort);
        p.setProperty("listener.security.protocol.map",
                Listeners.BROKER + ":PLAINTEXT," + Listeners.CONTROLLER + ":PLAINTEXT");
        saslSsl.ifPresent(secure -> addSaslSsl(p, secure));

        p.setProperty("log.dirs", kafkaDir.toString());
        p.setProperty("metadata.log.dir", kafkaDir.toString());

        // One replica of everything, or internal topics (offsets, transactions, share state) never get created.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        // 50 partitions each by default: hundreds of files and seconds of delay on the first commit or
        // transaction, for no benefit on one node. Fixed when the topics are first created.
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");

        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        // Nobody else is going to join: waiting for more members only slows tests and the demo.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("group.streams.initial.rebalance.delay.ms", "0");

        // Sized for a laptop or a 2-core CI box rather than a production server.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.setProperty("log.index.size.max.bytes", Integer.toString(1024 * 1024));

        // After a crash (kill -9) the dead broker's registration blocks the new one until its session
        // expires: 9 s by default. With the controller in the same JVM a 5 s heartbeat gap means a stall
        // far beyond anything else we would survive, so a shorter session costs no safety.
        p.setProperty("broker.heartbeat.interval.ms", "1000");
        p.setProperty("broker.session.timeout.ms", "5000");

        // Transactions v2 (KIP-890): the first produce of a transaction makes the partition leader add the
        // partition itself, and while the previous transaction's markers are still being written the coordinator
        // answers CONCURRENT_TRANSACTIONS. The leader retries that for at most this long (Kafka's default 100 ms)
        // before handing the error to the producer, whose other in-flight batches then fail with
        // OutOfOrderSequenceException (logged as ERROR) until the first one lands. On a busy laptop, when the
        // services start and every partition is new, writing markers takes longer than 100 ms; waiting on the
        // broker for up to 5 s (well under the clients' 30 s request timeout) keeps those retries off the wire.
        p.setProperty("add.partitions.to.txn.retry.backoff.max.ms", "5000");

        // A broker that cannot come up within a minute will not come up; fail instead of hanging forever.
        p.setProperty("server.max.startup.time.ms", "60000");
        return p;
    }

    /**
     * Adds a SASL_SSL listener with SCRAM-SHA-512. Inter-broker and controller traffic stay on the
     * plaintext listeners: this is one node talking to itself on localhost.
     */
    private static void addSaslSsl(Properties p, SaslSsl secure) {
        String listener = Listeners.SASL_SSL;
        String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
        p.setProperty("listeners", p.getProperty("listeners") + "," + listener + "://" + Listeners.HOST + ":" + secure.port());
        p.setProperty("advertised.listeners", p.getProperty("advertised.listeners")
                + "," + listener + "://" + Listeners.HOST + ":" + secure.port());
        p.setProperty("listener.security.protocol.map", p.getProperty("listener.security.protocol.map")
                + "," + listener + ":SASL_SSL");
        p.setProperty("sasl.enabled.mechanisms", SaslSslListener.MECHANISM);
        p.setProperty(prefix + SaslSslListener.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.setProperty(prefix + "ssl.keystore.location", secure.tls().keystore().toString());
        p.setProperty(prefix + "ssl.keystore.password", secure.tls().password());
        p.setProperty(prefix + "ssl.key.password", secure.tls().password());
        p.setProperty(prefix + "ssl.keystore.type", "PKCS12");
    }
}
