package io.segstream.cli.bench;

import io.segstream.bench.ServingBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segstream bench serving}: options only; {@link ServingBenchmark} (module benchmarks) does the work. */
@Command(name = "serving", mixinStandardHelpOptions = true,
    description = {"Requests/s and p50/p99 of GET /v1/users/{id} (held locally, forwarded to the other instance) and"
        + " /explain, measured with wrk against two streams-app instances on an embedded broker while events keep"
        + " arriving at a live rate (takes a few minutes).",
        "Needs wrk (Debian package 'wrk'; './segstream bench serving' installs it when run as root)."})
public final class ServingBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--users", defaultValue = "20000", description = "Simulated users (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--history-days", defaultValue = "14", description = "Days of history ingested first (default ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(names = "--live-rate", defaultValue = "1000", description = "Events/s sent while measuring (default ${DEFAULT-VALUE}).")
  int liveRate;

  @Option(names = "--seconds", defaultValue = "20", description = "Length of each wrk run (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--connections", defaultValue = "16", description = "wrk connections (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--wrk-threads", defaultValue = "2", description = "wrk threads (default ${DEFAULT-VALUE}).")
  int wrkThreads;

  @Option(names = "--port", defaultValue = "29210", description = "HTTP port of the first instance; the second takes the next (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--kafka-port", defaultValue = "29220", description = "Port of the embedded broker (default ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--wrk", defaultValue = "wrk", description = "The wrk executable (default ${DEFAULT-VALUE}).")
  String wrk;

  @Option(names = "--runs", split = ",", defaultValue = "local,forwarded,explain,health",
      description = "The wrk runs, in order; name one twice to measure it again later (default ${DEFAULT-VALUE}).")
  java.util.List<String> runs;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (users < 100 || historyDays < 1 || liveRate < 1 || seconds < 1 || connections < 1 || wrkThreads < 1
        || wrkThreads > connections || !ServingBenchmark.Settings.RUNS.containsAll(runs)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "need --users >= 100, --history-days, --live-rate,"
          + " --seconds >= 1, 1 <= --wrk-threads <= --connections, and --runs from "
          + String.join(",", ServingBenchmark.Settings.RUNS));
    }
    return new ServingBenchmark(new ServingBenchmark.Settings(users, historyDays, liveRate, seconds, connections,
        wrkThreads, port, kafkaPort, wrk, json, runs)).run();
  }
}
