package io.segstream.cli.bench;

import io.segstream.bench.ThroughputBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segstream bench throughput}: options only; {@link ThroughputBenchmark} (module benchmarks) does the work.
 * It drives a real (embedded) broker and reports, in one run: events/s of the segmentation topology against a
 * bare per-user count topology on the same data and settings (the practical ceiling), end-to-end latency
 * from an event to its segment change, bytes of state per user, and the model updater's vectors/s.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
    description = "Throughput, latency and state size of the system on an embedded broker (takes a few minutes).")
public final class ThroughputBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--users", defaultValue = "20000", split = ",", paramLabel = "N[,N...]",
      description = "Simulated users; several sizes (e.g. 20000,200000,1000000) give the scaling curve, each size on a"
          + " fresh broker (default ${DEFAULT-VALUE}).")
  List<Integer> users;

  @Option(names = "--history-days", defaultValue = "60", description = "Days of history replayed (default ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the input topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "exactly_once_v2 or at_least_once (default ${DEFAULT-VALUE}).")
  String guarantee;

  @Option(names = "--live-rate", defaultValue = "1000", description = "Events/s of the latency phase (default ${DEFAULT-VALUE}).")
  int liveRate;

  @Option(names = "--live-seconds", defaultValue = "20", description = "Length of the latency phase (default ${DEFAULT-VALUE}).")
  int liveSeconds;

  @Option(names = "--vectors", defaultValue = "500000", description = "Feature vectors for the updater phase (default ${DEFAULT-VALUE}).")
  int vectors;

  @Option(names = "--texts", defaultValue = "256", description = "Review texts for the text stage's encoder (default ${DEFAULT-VALUE}).")
  int texts;

  @Option(names = "--chart", paramLabel = "FILE.svg", description = "Also draw the scaling curve (one point per --users size) into this SVG file, e.g. docs/throughput-scaling.svg.")
  Path chart;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A segstream setting for every phase (repeatable),"
      + " e.g. --set streams.commit-interval-ms=50 to measure its effect on latency and throughput.")
  java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (users.stream().anyMatch(n -> n < 100) || historyDays < 1 || texts < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "need --users >= 100 (each size), --history-days >= 1"
          + " and --texts >= 1");
    }
    return new ThroughputBenchmark(new ThroughputBenchmark.Settings(users, historyDays, partitions, threads, guarantee,
        liveRate, liveSeconds, vectors, texts, Optional.ofNullable(chart), json, overrides)).run();
  }
}
