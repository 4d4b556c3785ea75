package io.segstream.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.model.Segment;
import io.segstream.core.service.ServiceRunner;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import io.segstream.generator.TrafficProducer;
import io.segstream.generator.TrafficSettings;
import io.segstream.streams.StreamsApp;
import io.segstream.updater.ModelUpdater;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Everything on one machine: an embedded Kafka broker, the streams app, the model updater and a shop
 * traffic generator, with a console that shows what happens. State lives under --data-dir, so a second
 * run resumes where the first stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole system on an embedded Kafka broker with synthetic shop traffic.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port: REST API, /metrics, /health, dashboard (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--kafka-port", defaultValue = "0", description = "Port of the embedded broker; 0 = the previous run's if free, else any (default ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "-1", description = "Stop after this many seconds and exit 0 (default: run until Ctrl-C).")
  long duration;

  @Option(names = "--users", defaultValue = "5000", description = "Simulated shoppers (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--history-days", defaultValue = "60", description = "Days of history sent first, as fast as the system takes it (default ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--rate", defaultValue = "1000", description = "Live events per second after the history (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated shop (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data-dir", defaultValue = ".segstream/demo", description = "Broker data, state stores and ground truth (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--fresh", description = "Delete --data-dir first instead of resuming.")
  boolean fresh;

  @Option(names = "--no-traffic", description = "Start the system without the synthetic shop, e.g. to replay real data into it.")
  boolean noTraffic;

  @Option(names = "--progress-seconds", defaultValue = "5", description = "Seconds between status lines (default ${DEFAULT-VALUE}).")
  int progressSeconds;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    final PrintStream out = System.out;
    final long startedAt = System.currentTimeMillis();
    if (fresh) {
      TempDirs.delete(dataDir);
    }
    Files.createDirectories(dataDir);
    final GeneratorState previous = GeneratorState.read(dataDir.resolve("generator.properties"));
    if (previous.exists() && (previous.seed() != seed || previous.users() != users)) {
      throw new SegstreamCommand.UsageError("--data-dir " + dataDir + " holds a demo with --seed " + previous.seed()
          + " --users " + previous.users() + "; use the same values to resume, or --fresh to start over");
    }

    // Stops everything in reverse order: shop traffic, updater, streams app, broker.
    final ServiceRunner runner = new ServiceRunner("segstream demo");
    final ScheduledExecutorService console = Executors.newSingleThreadScheduledExecutor(r -> {
      final Thread t = new Thread(r, "segstream-demo-console");
      t.setDaemon(true);
      return t;
    });
    try {
      final EmbeddedKafka kafka = runner.start("Kafka broker",
          () -> EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort));
      out.printf("Kafka broker: %s (data in %s)%n", kafka.bootstrapServers(), kafka.dataDir());
      final Map<String, String> demoDefaults = new LinkedHashMap<>();
      demoDefaults.put("bootstrap.servers", kafka.bootstrapServers());
      demoDefaults.put("application.id", "segstream-demo");
      demoDefaults.put("state.dir", dataDir.resolve("state").toString());
      demoDefaults.put("http.port", Integer.toString(port));
      demoDefaults.put("topics.partitions", "2");
      demoDefaults.put("sweep.interval-seconds", "10");
      demoDefaults.put("updater.publish-interval-seconds", "10");
      final SegstreamConfig c = config.load(demoDefaults);

      final PrometheusMeterRegistry metrics = ProcessMetrics.registry();
      final StreamsApp app = runner.start("streams app",
          () -> StreamsApp.start(c, metrics, CategoryResolver.shopCategory()));
      final ModelUpdater updater = runner.start("model updater", () -> new ModelUpdater(c, metrics).start());

      final Instant simNow = previous.exists() ? previous.now() : Instant.now();
      final ShopSimulator simulator = new ShopSimulator(SimulatorConfig.defaults().withUsers(users).withSeed(seed)
          .withHistoryDays(historyDays).withNow(simNow).withLiveEventsPerSecond(rate));
      simulator.writeTruth(dataDir.resolve("truth.csv"));
      if (previous.historySent()) {
        long skipped = 0;
        while (simulator.nextHistoryEvent().isPresent()) {
          skipped++;
        }
        out.printf(Locale.ROOT, "resuming: the %,d history events were sent by an earlier run; going live%n", skipped);
      }
      final TrafficProducer traffic = runner.start("shop traffic", () -> TrafficProducer.connect(
          kafka.bootstrapServers(), simulator, TrafficSettings.of(c.topics().events().getFirst())));
      out.printf(Locale.ROOT, "Dashboard: http://localhost:%d/   API: http://localhost:%d/v1/segments   metrics: /metrics%n",
          app.httpPort(), app.httpPort());
      out.printf(Locale.ROOT, "Shop: %,d users from hidden personas (truth in %s), %d days of history, then %,.0f events/s live%n",
          users, dataDir.resolve("truth.csv"), historyDays, rate);

      if (noTraffic) {
        traffic.stop();
        out.printf("No synthetic traffic: send events to %s on %s (e.g. segstream replay online-retail ...)%n",
            c.topics().events().getFirst(), kafka.bootstrapServers());
      }
      final TrafficProducer sender = traffic;
      final Thread generatorThread = new Thread(() -> {
        try {
          if (noTraffic) {
            return;
          }
          if (!previous.historySent()) {
            final long n = sender.sendHistory();
            new GeneratorState(true, seed, users, simNow).write(dataDir.resolve("generator.properties"));
            out.printf(Locale.ROOT, "history sent: %,d events in %.1f s; live traffic from now on%n", n,
                (System.currentTimeMillis() - startedAt) / 1000.0);
          }
          sender.runUntilStopped();
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "segstream-demo-traffic");
      generatorThread.setDaemon(true);
      generatorThread.start();

      final DemoProgress progress = new DemoProgress(out, metrics, app, updater, traffic, startedAt);
      console.scheduleAtFixedRate(progress::print, progressSeconds, progressSeconds, TimeUnit.SECONDS);

      return runner.awaitShutdown(duration, () -> {
        console.shutdownNow();
        sender.stop();
        progress.print();
        if (!noTraffic) {
          report(out, app, simulator, progress, startedAt);
        }
      });
    } finally {
      console.shutdownNow();
      runner.close();
      out.println("stopped; state kept in " + dataDir + " (run again to resume, --fresh to start over)");
    }
  }

  /** The closing summary: how well the discovered segments match the hidden personas. */
  private static void report(final PrintStream out, final StreamsApp app, final ShopSimulator simulator,
      final DemoProgress progress, final long startedAt) {
    try {
      final Map<Integer, String> labels = new HashMap<>();
      app.queries().model().ifPresent(m -> m.segments().forEach((Segment s) -> labels.put(s.id(), s.label())));
      final PersonaAgreement agreement = PersonaAgreement.of(app.queries().localAssignments(), simulator.truth());
      out.printf(Locale.ROOT, "after %.0f s: %,d users assigned to %d segments; first model after %.1f s%n",
          (System.currentTimeMillis() - startedAt) / 1000.0, agreement.users(), labels.size(),
          progress.firstModelAtMillis() / 1000.0);
      out.printf(Locale.ROOT, "adjusted Rand index vs the hidden personas: %.3f%n", agreement.adjustedRandIndex());
      agreement.describe(labels).forEach(out::println);
    } catch (final RuntimeException e) {
      out.println("no agreement report: " + e.getMessage());
    }
  }

  /** What an earlier demo run in the same data dir did, so a second run resumes instead of resending history. */
  record GeneratorState(boolean historySent, long seed, int users, Instant now) {
    boolean exists() {
      return now != null;
    }

    static GeneratorState read(final Path file) throws IOException {
      if (!Files.exists(file)) {
        return new GeneratorState(false, 0, 0, null);
      }
      final Properties p = new Properties();
      try (var r = Files.newBufferedReader(file)) {
        p.load(r);
      }
      return new GeneratorState(Boolean.parseBoolean(p.getProperty("history.sent")), Long.parseLong(p.getProperty("seed")),
          Integer.parseInt(p.getProperty("users")), Instant.parse(p.getProperty("now")));
    }

    void write(final Path file) {
      final Properties p = new Properties();
      p.setProperty("history.sent", Boolean.toString(historySent));
      p.setProperty("seed", Long.toString(seed));
      p.setProperty("users", Integer.toString(users));
      p.setProperty("now", now.toString());
      try (var w = Files.newBufferedWriter(file)) {
        p.store(w, "segstream demo generator state");
      } catch (final IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
