package io.segstream.cli.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fault-injection schedule: the full one for {@code segstream chaos}, and a fast one (one fault per scenario,
 * small input) that runs in the test suite. Each scenario gets its own broker and directory under {@code dir}.
 */
public final class ChaosSchedule {
  private final Path dir;
  private final String classpath;
  private final PrintStream log;

  /** @param classpath what the child JVMs run with: the CLI jar and its libraries */
  public ChaosSchedule(final Path dir, final String classpath, final PrintStream log) {
    this.dir = dir;
    this.classpath = classpath;
    this.log = log;
  }

  /**
   * Scenario 1: kills of one of two instances; the last restart is from a wiped state directory, and the restarted
   * instance is killed again while it restores.
   */
  public ScenarioResult crashLoop(final boolean fast) throws Exception {
    final CrashLoopScenario.Plan plan = fast ? new CrashLoopScenario.Plan(300, 14, 1, true, true, 7)
        : new CrashLoopScenario.Plan(2_000, 30, 4, true, true, 7);
    return CrashLoopScenario.run(Files.createDirectories(dir.resolve("crash-loop")), classpath, plan, log);
  }

  /**
   * Scenarios 1 and 3 in one cluster, for the test suite: one instance killed and restarted from a wiped state, killed
   * again while it restores, then the broker killed.
   */
  public ScenarioResult instanceThenBrokerCrash() throws Exception {
    return CrashLoopScenario.run(Files.createDirectories(dir.resolve("crashes")), classpath,
        new CrashLoopScenario.Plan(300, 14, 2, true, true, 7), CrashLoopScenario.Victim.EACH_IN_TURN, log);
  }

  /** Scenario 3: the broker is killed and restarted on its data directory while two instances work. */
  public ScenarioResult brokerBounce(final boolean fast) throws Exception {
    final CrashLoopScenario.Plan plan = fast ? new CrashLoopScenario.Plan(300, 14, 1, false, false, 13)
        : new CrashLoopScenario.Plan(2_000, 30, 3, false, false, 13);
    return CrashLoopScenario.run(Files.createDirectories(dir.resolve("broker-bounce")), classpath, plan,
        CrashLoopScenario.Victim.BROKER, log);
  }

  /** Scenario 2: the owner of polled users dies; the full schedule runs three instances. */
  public ScenarioResult failover(final boolean fast) throws Exception {
    final FailoverScenario.Plan plan = fast
        ? new FailoverScenario.Plan(300, 14, 2, 40, Duration.ofSeconds(15), 11)
        : new FailoverScenario.Plan(2_000, 30, 3, 200, Duration.ofSeconds(40), 11);
    return FailoverScenario.run(Files.createDirectories(dir.resolve("failover")), classpath, plan, log);
  }

  /** Brokers and instances listen on ports of {@code from..to} (default: any free port). */
  public ChaosSchedule ports(final int from, final int to) {
    Cluster.portRange(from, to);
    return this;
  }

  /** Scenario 4: the active updater killed while publishing, then frozen past its session and resumed. */
  public ScenarioResult updaterFailover(final boolean fast) throws Exception {
    final UpdaterFailoverScenario.Plan plan = fast ? new UpdaterFailoverScenario.Plan(300, 14, 4, 23)
        : new UpdaterFailoverScenario.Plan(2_000, 30, 8, 23);
    return UpdaterFailoverScenario.run(Files.createDirectories(dir.resolve("updater-failover")), classpath, plan,
        log);
  }

  /** Scenario 5: every kind of bad input and a processor failure, mixed into the traffic while instances die. */
  public ScenarioResult poison(final boolean fast) throws Exception {
    final PoisonScenario.Plan plan = fast ? new PoisonScenario.Plan(300, 14, 1, 17)
        : new PoisonScenario.Plan(2_000, 30, 3, 17);
    return PoisonScenario.run(Files.createDirectories(dir.resolve("poison")), classpath, plan, log);
  }

  /** Scenario 6: a v2 writer before the reader knows v2, the reader upgraded, the dead letters sent again. */
  public ScenarioResult schemaEvolution(final boolean fast) throws Exception {
    final SchemaEvolutionScenario.Plan plan = fast ? new SchemaEvolutionScenario.Plan(300, 14, 29)
        : new SchemaEvolutionScenario.Plan(2_000, 30, 29);
    return SchemaEvolutionScenario.run(Files.createDirectories(dir.resolve("schema-evolution")), classpath, plan,
        log);
  }

  /** Scenario 7: a tenth of the users erased while an instance is killed, then late signals for them. */
  public ScenarioResult erasure(final boolean fast) throws Exception {
    final ErasureScenario.Plan plan = fast ? new ErasureScenario.Plan(300, 14, 10, 19)
        : new ErasureScenario.Plan(2_000, 30, 10, 19);
    return ErasureScenario.run(Files.createDirectories(dir.resolve("erasure")), classpath, plan, log);
  }

  /** Runs the scenarios by number (1 to 7), printing progress; a scenario that cannot run is a failed row. */
  public List<ScenarioResult> run(final List<Integer> scenarios, final boolean fast) {
    final List<ScenarioResult> out = new ArrayList<>();
    for (final int n : scenarios) {
      final long started = System.nanoTime();
      log.printf("scenario %d...%n", n);
      try {
        out.add(switch (n) {
          case 1 -> crashLoop(fast);
          case 2 -> failover(fast);
          case 3 -> brokerBounce(fast);
          case 4 -> updaterFailover(fast);
          case 5 -> poison(fast);
          case 6 -> schemaEvolution(fast);
          case 7 -> erasure(fast);
          default -> throw new IllegalArgumentException("no scenario " + n + " (there are 1 to 7)");
        });
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (final Exception e) {
        out.add(new ScenarioResult("scenario " + n, "-", 0, 0, 0, 0, false, 0, false, 0, -1, 0,
            List.of("could not run: " + e), false));
      }
      log.printf(Locale.ROOT, "scenario %d done in %.0f s%n", n, (System.nanoTime() - started) / 1e9);
    }
    return out;
  }

  /** The markdown table of results, as in the README's "Guarantees" section. */
  public static String table(final List<ScenarioResult> results) {
    final StringBuilder b = new StringBuilder();
    b.append("| scenario | faults injected | records checked | lost | duplicated | chain breaks | open txns"
        + " | IQ/oracle mismatches | sizes add up | aborted records | longest unavailability | ERROR lines | result |\n");
    b.append("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: | --- |\n");
    for (final ScenarioResult r : results) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %,d | %d | %d | %d | %s | %d | %s | %,d | %s | %d | %s |%n",
          r.scenario(), r.faults(), r.recordsChecked(), r.lost(), r.duplicated(), r.chainBreaks(),
          r.endsAgree() ? "none" : "OPEN", r.iqMismatches(), r.sizesAddUp() ? "yes" : "NO", r.abortedRecords(),
          r.longestUnavailabilityMs() < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", r.longestUnavailabilityMs() / 1000.0),
          r.errorLines(), r.passed() ? "pass" : "FAIL"));
    }
    return b.toString();
  }
}
