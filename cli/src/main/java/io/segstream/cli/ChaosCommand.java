package io.segstream.cli;

import io.segstream.cli.chaos.ChaosSchedule;
import io.segstream.cli.chaos.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Breaks things on purpose and counts every record: the guarantees of the README, measured on this machine. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Fault injection with separate JVMs (broker, streams instances): kill -9 and failover, every"
        + " change counted against an exact oracle; prints a table.")
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--scenario", split = ",", defaultValue = "1,2,3,4,5,6,7",
      description = "Scenarios to run: 1 = EOS crash loop, 2 = IQ failover, 3 = broker bounce, 4 = updater"
          + " failover, 5 = poison records, 6 = schema evolution, 7 = erasure under crash"
          + " (default ${DEFAULT-VALUE}).")
  List<Integer> scenarios;

  @Option(names = "--fast", description = "One fault per scenario and a small shop, as in the test suite.")
  boolean fast;

  @Option(names = "--work-dir", description = "Where brokers, state and logs go (default: a new temporary directory).")
  Path workDir;

  @Option(names = "--ports", paramLabel = "FROM-TO",
      description = "Ports the broker and instances may listen on, e.g. 29100-29199 on a shared machine (default:"
          + " any free port).")
  String ports;

  @Override
  public Integer call() throws Exception {
    final Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("segstream-chaos");
    System.out.println("segstream chaos: work and logs in " + dir);
    // The children run this very CLI: the launcher expanded lib/* into the class path already.
    final ChaosSchedule schedule = new ChaosSchedule(dir, System.getProperty("java.class.path"), System.out);
    if (ports != null) {
      final String[] range = ports.split("-");
      if (range.length != 2 || !range[0].matches("\\d+") || !range[1].matches("\\d+")
          || Integer.parseInt(range[0]) > Integer.parseInt(range[1])) {
        System.err.println("segstream chaos: --ports must be FROM-TO, e.g. 29100-29199 (got '" + ports + "')");
        return 2;
      }
      schedule.ports(Integer.parseInt(range[0]), Integer.parseInt(range[1]));
    }
    final List<ScenarioResult> results = schedule.run(scenarios, fast);
    System.out.println();
    System.out.print(ChaosSchedule.table(results));
    results.forEach(r -> r.notes().forEach(n -> System.out.println("  " + r.scenario() + ": " + n)));
    return results.stream().allMatch(ScenarioResult::passed) ? 0 : 1;
  }
}
