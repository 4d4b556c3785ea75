package io.segstream.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.service.ServiceRunner;
import io.segstream.streams.StreamsApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the streams app against an existing cluster until stopped. */
@Command(name = "streams", mixinStandardHelpOptions = true,
    description = "Run the segmentation streams app (REST API, /metrics, /health) against a Kafka cluster.")
final class StreamsCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws InterruptedException {
    final SegstreamConfig c = config.load();
    final PrometheusMeterRegistry metrics = ProcessMetrics.registry();
    final ServiceRunner runner = new ServiceRunner("segstream streams");
    runner.start("streams app", () -> StreamsApp.start(c, metrics, CategoryResolver.shopCategory()));
    return runner.awaitShutdown();
  }
}
