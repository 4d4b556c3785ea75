package io.segstream.cli;

import io.segstream.core.service.ServiceRunner;
import io.segstream.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded single-node KRaft broker as a process of its own: a local Kafka for trying segstream against
 * without the demo, and the broker that fault-injection runs kill -9 and restart on the same data directory.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run a single-node Kafka broker (KRaft) until Ctrl-C; data persists in --data-dir.")
final class BrokerCommand implements Callable<Integer> {
  /** Printed once the broker accepts clients; scripts and the chaos harness wait for it. */
  static final String READY = "Kafka broker ready: ";

  @Option(names = "--port", defaultValue = "0",
      description = "Client port; 0 = the previous run's if free, else any (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", defaultValue = ".segstream/broker",
      description = "Where topics and metadata live; a second run resumes them (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    final ServiceRunner runner = new ServiceRunner("segstream broker");
    final EmbeddedKafka kafka = runner.start("Kafka broker", () -> EmbeddedKafka.start(dataDir, port));
    System.out.println(READY + kafka.bootstrapServers() + " (data in " + kafka.dataDir() + ")");
    System.out.flush();
    return runner.awaitShutdown();
  }
}
