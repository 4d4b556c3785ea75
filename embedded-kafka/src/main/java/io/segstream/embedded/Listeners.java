package io.segstream.embedded;

import org.apache.kafka.server.ServerSocketFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's and controller's server sockets, bound by us before Kafka starts.
 *
 * <p>Binding first, instead of probing for a free port and letting Kafka bind later, means a busy
 * port is reported before any Kafka machinery runs, and two brokers starting at once in one JVM
 * can never race for the same port. Kafka asks for its sockets through {@link ServerSocketFactory}
 * and gets these.
 */
final class Listeners implements ServerSocketFactory, AutoCloseable {
    static final String BROKER = "PLAINTEXT";
    static final String CONTROLLER = "CONTROLLER";
    static final String SASL_SSL = "SASL_SSL";
    static final String HOST = "localhost";
    // Kafka's default socket.listen.backlog.size.
    private static final int BACKLOG = 50;

    private final Map<String, ServerSocketChannel> unclaimed = new ConcurrentHashMap<>();
    private final int brokerPort;
    private final int controllerPort;
    private final Optional<Integer> saslSslPort;

    private Listeners(ServerSocketChannel broker, ServerSocketChannel controller, Optional<ServerSocketChannel> saslSsl) {
        unclaimed.put(BROKER, broker);
        unclaimed.put(CONTROLLER, controller);
        saslSsl.ifPresent(channel -> unclaimed.put(SASL_SSL, channel));
        brokerPort = broker.socket().getLocalPort();
        controllerPort = controller.socket().getLocalPort();
        saslSslPort = saslSsl.map(channel -> channel.socket().getLocalPort());
    }

    /**
     * @param requestedPort the port the user asked for, 0 for any
     * @param previous      ports of the last run in this data directory, reused when free so the
     *                      bootstrap address stays the same across restarts
     * @param saslSslPort   the SASL_SSL listener's port if one is wanted, 0 for any
     */
    static Listeners bind(int requestedPort, Optional<BrokerState> previous, Optional<Integer> saslSslPort) {
        ServerSocketChannel broker = requestedPort != 0
                ? bindRequested(requestedPort, "Kafka port", "--kafka-port")
                : bindPreferred(previous.map(BrokerState::brokerPort).orElse(0));
        ServerSocketChannel controller = null;
        try {
            controller = bindPreferred(previous.map(BrokerState::controllerPort).orElse(0));
            Optional<ServerSocketChannel> saslSsl = saslSslPort.map(p -> p == 0 ? bindPreferred(0) : bindRequested(p, "SASL_SSL port", "--sasl-ssl-port"));
            return new Listeners(broker, controller, saslSsl);
        } catch (RuntimeException e) {
            closeQuietly(broker);
            if (controller != null) {
                closeQuietly(controller);
            }
            throw e;
        }
    }

    int brokerPort() {
        return brokerPort;
    }

    int controllerPort() {
        return controllerPort;
    }

    Optional<Integer> saslSslPort() {
        return saslSslPort;
    }

    @Override
    public ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress socketAddress,
                                                int listenBacklogSize, int recvBufferSize) throws IOException {
        ServerSocketChannel channel = unclaimed.remove(listenerName);
        if (channel == null) {
            // Not one of ours (or asked for twice): behave exactly like stock Kafka.
            return ServerSocketFactory.INSTANCE.openServerSocket(listenerName, socketAddress, listenBacklogSize, recvBufferSize);
        }
        return channel;
    }

    /** Closes sockets Kafka never took over, e.g. when startup failed early; Kafka closes the rest. */
    @Override
    public void close() {
        unclaimed.values().forEach(Listeners::closeQuietly);
        unclaimed.clear();
    }

    private static ServerSocketChannel bindRequested(int port, String what, String option) {
        try {
            return open(port);
        } catch (BindException e) {
            throw new EmbeddedKafkaException(what + " " + port + " on " + HOST + " is already in use;"
                    + " stop whatever listens there or choose another port with " + option + " (0 = any free port)", e);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot listen on " + what + " " + port + " on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static ServerSocketChannel bindPreferred(int port) {
        if (port != 0) {
            try {
                return open(port);
            } catch (IOException e) {
                // Taken since the last run: any free port beats failing to start.
            }
        }
        try {
            return open(0);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot open a listening socket on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static ServerSocketChannel open(int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            // Kafka's acceptor polls the channel with a selector, so it must be non-blocking.
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(HOST, port), BACKLOG);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a listening socket cannot lose data; nothing to report.
        }
    }
}
