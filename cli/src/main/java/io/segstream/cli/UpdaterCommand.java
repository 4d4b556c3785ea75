package io.segstream.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.service.ServiceRunner;
import io.segstream.streams.rest.BearerAuth;
import io.segstream.streams.rest.HealthStatus;
import io.segstream.streams.rest.RestServer;
import io.segstream.updater.ModelUpdater;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the model updater against an existing cluster; /metrics and /health on updater.http-port. */
@Command(name = "updater", mixinStandardHelpOptions = true,
    description = "Run the model updater (trains and publishes the segment model) against a Kafka cluster.")
final class UpdaterCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws InterruptedException {
    final SegstreamConfig c = config.load();
    final PrometheusMeterRegistry metrics = ProcessMetrics.registry();
    final ServiceRunner runner = new ServiceRunner("segstream updater");
    final ModelUpdater updater = runner.start("model updater", () -> new ModelUpdater(c, metrics).start());
    runner.start("HTTP server (/metrics, /health)", () -> RestServer.start(c.http().host(), c.updater().httpPort(),
        metrics, () -> HealthStatus.of(updater.health()), BearerAuth.of(c.http().auth())));
    return runner.awaitShutdown();
  }
}
