package io.segstream.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.streams.TopicSetup;
import io.segstream.streams.rest.HealthStatus;
import io.segstream.streams.rest.BearerAuth;
import io.segstream.streams.rest.RestServer;
import io.segstream.streams.text.TextStage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
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
    final TextStage stage = TextStage.start(c, metrics);
    final RestServer http;
    try {
      http = RestServer.start(c.http().host(), c.text().httpPort(), metrics, () -> {
        final KafkaStreams.State s = stage.state();
        final boolean ok = s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING
            || s == KafkaStreams.State.CREATED;
        return new HealthStatus(ok, Map.of("status", ok ? "UP" : "DOWN", "textStage", s.name()));
      }, BearerAuth.of(c.http().auth()), () -> Optional.of(stage.textModel()));
    } catch (final RuntimeException e) {
      stage.close();
      throw e;
    }
    return Shutdown.awaitSignal(() -> {
      http.close();
      stage.close();
    });
  }
}
