package io.segstream.cli;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.service.ServiceRunner;
import io.segstream.generator.ShopSimulator;
import io.segstream.generator.SimulatorConfig;
import io.segstream.generator.TrafficProducer;
import io.segstream.generator.TrafficSettings;
import io.segstream.generator.TrafficSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Sends synthetic shop traffic to a running system. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Send synthetic shop traffic (users from hidden personas) to the events topic.")
final class GenerateCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Option(names = "--rate", defaultValue = "1000", description = "Live events per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--users", defaultValue = "5000", description = "Simulated shoppers (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--history-days", defaultValue = "0", description = "Days of history to send first, unthrottled (default ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "-1", description = "Stop after this long (default: until Ctrl-C).")
  long duration;

  @Option(names = "--truth", paramLabel = "FILE", description = "Write userId,persona ground truth here.")
  Path truth;

  @Override
  public Integer call() throws Exception {
    if (rate <= 0) {
      throw new SegstreamCommand.UsageError("--rate must be positive, was " + rate);
    }
    final SegstreamConfig c = config.load();
    final ShopSimulator simulator = new ShopSimulator(SimulatorConfig.defaults().withUsers(users).withSeed(seed)
        .withHistoryDays(historyDays).withLiveEventsPerSecond(rate));
    if (truth != null) {
      simulator.writeTruth(truth);
    }
    final ScheduledExecutorService console = Executors.newSingleThreadScheduledExecutor();
    try (TrafficProducer traffic = TrafficProducer.connect(String.join(",", c.bootstrapServers()),
        new java.util.HashMap<>(c.kafkaClientOverrides()), simulator, TrafficSettings.of(c.topics().events().getFirst()))) {
      console.scheduleAtFixedRate(() -> {
        final TrafficSnapshot s = traffic.snapshot();
        System.out.printf(Locale.ROOT, "%s: sent %,d (%,.0f/s), acknowledged %,d, failed %,d%n",
            s.progress().phase().name().toLowerCase(Locale.ROOT), s.sent(), s.eventsPerSecond(), s.acknowledged(), s.failed());
      }, 5, 5, TimeUnit.SECONDS);
      if (historyDays > 0) {
        traffic.sendHistory();
      }
      final Thread sender = Thread.ofPlatform().name("segstream-generate").start(() -> {
        try {
          if (duration < 0) {
            traffic.runUntilStopped();
          } else {
            traffic.run(Duration.ofSeconds(duration));
          }
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      new ServiceRunner("segstream generate").awaitShutdown(duration < 0 ? -1 : duration + 1, traffic::stop);
      sender.join(10_000);
      final TrafficSnapshot s = traffic.snapshot();
      System.out.printf(Locale.ROOT, "done: sent %,d events, %,d failed%n", s.sent(), s.failed());
      return s.failed() == 0 ? 0 : 1;
    } finally {
      console.shutdownNow();
    }
  }
}
