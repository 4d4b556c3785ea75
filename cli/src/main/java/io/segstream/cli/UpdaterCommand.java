package io.segstream.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.streams.rest.HealthStatus;
import io.segstream.streams.rest.BearerAuth;
import io.segstream.streams.rest.RestServer;
import io.segstream.updater.ModelUpdater;
import java.util.Map;
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
    final ModelUpdater updater = new ModelUpdater(c, metrics).start();
    final RestServer http = RestServer.start(c.http().host(), c.updater().httpPort(), metrics,
        () -> {
          final ModelUpdater.State s = updater.state();
          // A standby updater is healthy: it is waiting to take over.
          final boolean ok = s == ModelUpdater.State.ACTIVE || s == ModelUpdater.State.STANDBY
              || s == ModelUpdater.State.STARTING;
          return new HealthStatus(ok, Map.of("status", ok ? "UP" : "DOWN", "updater", s.name(),
              "modelVersion", updater.lastModel().map(m -> m.version()).orElse(0L)));
        }, BearerAuth.of(c.http().auth()));
    return Shutdown.awaitSignal(() -> {
      http.close();
      updater.close();
    });
  }
}
