package io.segstream.cli;

import io.segstream.core.service.ServiceRunner;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.embedded.SaslSslListener;
import io.segstream.embedded.SecureClientSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded single-node KRaft broker as a process of its own: a local Kafka for trying segstream against
 * without the demo, and the broker that fault-injection runs kill -9 and restart on the same data directory.
 * With {@code --sasl-ssl-port} it also serves SCRAM over TLS, so segstream's security settings can be tried
 * end to end on one machine.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run a single-node Kafka broker (KRaft) until Ctrl-C; data persists in --data-dir.")
final class BrokerCommand implements Callable<Integer> {
  /** Printed once the broker accepts clients; scripts and the chaos harness wait for it. */
  static final String READY = "Kafka broker ready: ";
  /** Where the password comes from when there is no --scram-password-file. */
  static final String PASSWORD_ENV = "SEGSTREAM_BROKER_SCRAM_PASSWORD";
  /** Written into --data-dir when SASL_SSL is on: a segstream config file for reaching it. */
  static final String CLIENT_CONFIG = "client-sasl-ssl.properties";

  @Option(names = "--port", defaultValue = "0",
      description = "Client port; 0 = the previous run's if free, else any (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", defaultValue = ".segstream/broker",
      description = "Where topics and metadata live; a second run resumes them (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--sasl-ssl-port", paramLabel = "PORT",
      description = "Also listen with SASL_SSL (SCRAM-SHA-512 over TLS) on this port (0 = any free port).")
  Optional<Integer> saslSslPort = Optional.empty();

  @Option(names = "--scram-user", defaultValue = "segstream",
      description = "SCRAM user created for the SASL_SSL listener (default ${DEFAULT-VALUE}).")
  String scramUser;

  @Option(names = "--scram-password-file", paramLabel = "FILE",
      description = "File holding the SCRAM user's password (first line); default: the environment variable "
          + PASSWORD_ENV + ".")
  Optional<Path> scramPasswordFile = Optional.empty();

  @Override
  public Integer call() throws InterruptedException, IOException {
    final Optional<SaslSslListener> secure = saslSslPort.map(p -> listener(p, password()));
    final ServiceRunner runner = new ServiceRunner("segstream broker");
    final EmbeddedKafka kafka = runner.start("Kafka broker", () -> EmbeddedKafka.start(dataDir, port, secure));
    System.out.println(READY + kafka.bootstrapServers() + " (data in " + kafka.dataDir() + ")");
    if (kafka.saslSsl().isPresent()) {
      final Path clientConfig = writeClientConfig(kafka.dataDir().resolve(CLIENT_CONFIG), kafka.saslSsl().get());
      System.out.println("SASL_SSL (SCRAM-SHA-512 over TLS) on " + kafka.saslSsl().get().bootstrapServers()
          + " for user " + scramUser + "; connect with --config " + clientConfig);
    }
    System.out.flush();
    return runner.awaitShutdown();
  }

  private SaslSslListener listener(final int securePort, final String password) {
    try {
      return new SaslSslListener(securePort, scramUser, password);
    } catch (final IllegalArgumentException e) {
      throw new SegstreamCommand.UsageError(e.getMessage());
    }
  }

  private String password() {
    if (scramPasswordFile.isPresent()) {
      try {
        return Files.readAllLines(scramPasswordFile.get(), StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
      } catch (final IOException e) {
        throw new SegstreamCommand.UsageError("Cannot read --scram-password-file " + scramPasswordFile.get() + ": " + e);
      }
    }
    final String fromEnv = System.getenv(PASSWORD_ENV);
    if (fromEnv == null || fromEnv.isBlank()) {
      throw new SegstreamCommand.UsageError("--sasl-ssl-port needs a SCRAM password: set " + PASSWORD_ENV
          + " or pass --scram-password-file FILE");
    }
    return fromEnv;
  }

  /**
   * A properties file that {@code segstream streams|updater|generate --config FILE} can use as it is: the
   * SASL_SSL address plus the {@code kafka.*} settings. Readable by its owner only, as it holds the password.
   */
  static Path writeClientConfig(final Path file, final SecureClientSettings settings) throws IOException {
    final Properties p = new Properties();
    p.setProperty("bootstrap.servers", settings.bootstrapServers());
    for (final Map.Entry<String, String> e : settings.clientProperties().entrySet()) {
      p.setProperty("kafka." + e.getKey(), e.getValue());
    }
    Files.deleteIfExists(file);
    Files.createFile(file);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (final UnsupportedOperationException e) {
      // Not POSIX: the data directory's permissions have to do.
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "segstream client settings for the embedded broker's SASL_SSL listener");
    }
    return file;
  }
}
