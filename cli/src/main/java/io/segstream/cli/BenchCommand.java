package io.segstream.cli;

import io.segstream.cli.bench.QualityBenchCommand;
import io.segstream.cli.bench.ServingBenchCommand;
import io.segstream.cli.bench.ThroughputBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code segstream bench <what>}: measurements that print figures; add a benchmark to {@code subcommands}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks: commands that measure and print figures (never pass/fail tests).",
        "The JMH k-means kernel benchmarks run with './segstream bench kernel' (built on demand, see"
            + " docs/kernel-benchmark.md)."},
    subcommands = {QualityBenchCommand.class, ServingBenchCommand.class, ThroughputBenchCommand.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "say which benchmark to run, e.g. 'segstream bench quality' (see 'segstream bench --help')");
  }
}
