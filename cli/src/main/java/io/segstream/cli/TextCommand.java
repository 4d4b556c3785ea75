package io.segstream.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.service.ServiceRunner;
import io.segstream.streams.TopicSetup;
import io.segstream.streams.rest.BearerAuth;
import io.segstream.streams.rest.HealthStatus;
import io.segstream.streams.rest.RestServer;
import io.segstream.streams.text.TextStage;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the text stage on its own against an existing cluster; /metrics and /health on text.http-port. */
@Command(name = "text", mixinStandardHelpOptions = true,
    description = {"Run the text stage (review text -> signals, product names -> categories, with a local"
        + " sentence-embedding model) against a Kafka cluster.",
        "Run the streams app with text.enabled=false when the stage runs here instead."},
    subcommands = {TextEvaluateCommand.class, TextBenchCommand.class})
final class TextCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws InterruptedException {
    final SegstreamConfig c = config.load();
    TopicSetup.ensure(c);
    final PrometheusMeterRegistry metrics = ProcessMetrics.registry();
    final ServiceRunner runner = new ServiceRunner("segstream text");
    final TextStage stage = runner.start("text stage", () -> TextStage.start(c, metrics));
    runner.start("HTTP server (/metrics, /health, /v1/text-model)", () -> RestServer.start(c.http().host(),
        c.text().httpPort(), metrics, () -> HealthStatus.of(stage.health()), BearerAuth.of(c.http().auth()),
        () -> Optional.of(stage.textModel())));
    return runner.awaitShutdown();
  }
}
