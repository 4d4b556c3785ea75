package io.segstream.cli.chaos;

import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Exactly-once under crashes: two streams instances under load while faults are injected between slices of the
 * input. Scenario 1 kills one of the instances with SIGKILL and restarts it on the same state directory (or, with
 * {@code wipeState}, an empty one); scenario 3 kills the broker and restarts it on the same data directory. Every
 * committed change is then counted against the oracle.
 */
final class CrashLoopScenario {
  /**
   * @param kills how many SIGKILLs (of the victim between input slices)
   * @param wipeState the last instance restart starts from an empty state directory
   * @param killDuringRestore after the last instance restart, the victim is killed again while /health reports it
   *     restoring store partitions, then restarted on what it had restored
   */
  record Plan(int users, int historyDays, int kills, boolean wipeState, boolean killDuringRestore, long seed) {}

  /** How often a kill during restoration is attempted before the run says it could not land one. */
  private static final int RESTORE_KILL_ATTEMPTS = 5;
  /** How long a restarted instance is watched for a restoration (it may get active tasks only after RUNNING). */
  private static final Duration RESTORE_WATCH = Duration.ofSeconds(30);

  /** What is killed: an instance, the broker, or each in turn (the test suite's fast variant of 1 and 3 at once). */
  enum Victim { INSTANCE, BROKER, EACH_IN_TURN }

  private CrashLoopScenario() {}

  static ScenarioResult run(final Path dir, final String classpath, final Plan plan, final PrintStream log)
      throws Exception {
    return run(dir, classpath, plan, Victim.INSTANCE, log);
  }

  static ScenarioResult run(final Path dir, final String classpath, final Plan plan, final Victim target,
      final PrintStream log) throws Exception {
    final ShopScript script = ShopScript.generate(plan.users(), plan.historyDays(), plan.seed());
    try (Cluster cluster = new Cluster(dir, classpath, 4, 1)) {
      cluster.startBroker();
      final SegstreamConfig config = cluster.config();
      if (plan.killDuringRestore()) {
        // A restarted instance is given active tasks (and restores them in the foreground) only if its lag is
        // acceptable; otherwise it warms up as a standby and nothing of it is RESTORING. Accept any lag here.
        cluster.set("kafka.acceptable.recovery.lag", Long.toString(Long.MAX_VALUE));
        // Smaller restore batches: restoration lasts long enough on a small shop to be caught in the act.
        cluster.set("kafka.restore.consumer.max.poll.records", "50");
      }
      final Oracle oracle = cluster.prepareDeterministic(script);
      log.printf("  %,d events of %,d users, %,d changes expected; starting 2 instances%n",
          script.events().size(), plan.users(), oracle.changes().size());
      final ChildProcess a = cluster.startStreams("a");
      final ChildProcess b = cluster.startStreams("b");

      final String input = config.topics().events().getFirst();
      final List<UserEvent> events = script.events();
      final int slices = plan.kills() + 1;
      final List<String> notes = new ArrayList<>();
      int restoreKills = 0;
      int extraKills = 0;
      try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
        for (int i = 0; i < slices; i++) {
          Cluster.send(producer, input, events.subList(events.size() * i / slices, events.size() * (i + 1) / slices));
          if (i == slices - 1) {
            break;
          }
          Thread.sleep(500); // the slice is being processed: transactions are open
          if (target == Victim.BROKER || (target == Victim.EACH_IN_TURN && i % 2 == 1)) {
            final ChildProcess broker = cluster.broker();
            final long readyBefore = broker.count("Kafka broker ready");
            broker.kill9();
            log.printf("  kill -9 broker (%d of %d)%n", i + 1, plan.kills());
            Thread.sleep(2_000);
            broker.restart();
            broker.awaitLine("Kafka broker ready", readyBefore, Cluster.START_TIMEOUT);
            continue;
          }
          final ChildProcess victim = i % 2 == 0 ? b : a;
          final long runningBefore = victim.count("-> RUNNING");
          victim.kill9();
          log.printf("  kill -9 %s (%d of %d)%n", victim.name(), i + 1, plan.kills());
          final boolean lastInstanceKill = i == lastInstanceKill(plan.kills(), target);
          if (plan.wipeState() && lastInstanceKill) {
            deleteRecursively(cluster.stateDir(victim));
            notes.add("state of " + victim.name() + " wiped before its last restart");
          }
          victim.restart();
          if (plan.killDuringRestore() && lastInstanceKill) {
            final RestoreKill k = killDuringRestore(cluster, victim, runningBefore, notes, log);
            restoreKills += k.landed();
            extraKills += k.kills();
            Cluster.awaitRunning(victim, k.runningBefore());
          } else {
            Cluster.awaitRunning(victim, runningBefore);
          }
        }
      }
      Verdicts.awaitCommitted(cluster, oracle.changes().size(), Duration.ofSeconds(300));
      final OutputAudit.Findings f = OutputAudit.audit(cluster.bootstrap(), config.topics().changes(),
          config.topics().assignments(), List.of(config.topics().featureVectors()), oracle);
      notes.addAll(f.examples());
      final long iq = Verdicts.iqMismatches(cluster.httpPort(a), oracle.finalSegment(), notes)
          + Verdicts.lastAssignmentMismatches(oracle.finalSegment(), f.lastAssignment(), notes);
      final boolean sizes = Verdicts.sizesAddUp(cluster.httpPort(a), oracle.finalSegment().size(), notes);
      for (final ChildProcess instance : List.of(a, b)) {
        final Cluster.Reply health = Cluster.get(cluster.httpPort(instance), "/health");
        if (health.status() != 200) {
          notes.add(instance.name() + " is not healthy at the end: " + health.status() + " " + health.body());
        }
      }
      notes.add(f.aborted() + " aborted records on the outputs, seen only by read_uncommitted (faults inside open"
          + " transactions)");
      final String name = switch (target) {
        case INSTANCE -> "1 EOS crash loop (2 instances)";
        case BROKER -> "3 broker bounce (2 instances)";
        case EACH_IN_TURN -> "1+3 instance and broker crashes (2 instances)";
      };
      final String faults = switch (target) {
        case INSTANCE -> "kill -9 instance x" + (plan.kills() + extraKills);
        case BROKER -> "kill -9 broker x" + plan.kills();
        case EACH_IN_TURN -> "kill -9 instance x" + ((plan.kills() + 1) / 2 + extraKills) + ", broker x"
            + plan.kills() / 2;
      } + (plan.wipeState() ? ", wiped state" : "") + (restoreKills > 0 ? ", " + restoreKills + " while restoring" : "");
      final boolean restoreKillLanded = !plan.killDuringRestore() || restoreKills > 0;
      if (!restoreKillLanded) {
        notes.add("no kill landed during restoration in " + RESTORE_KILL_ATTEMPTS + " attempts");
      }
      return new ScenarioResult(name, faults, f.committed(), f.lost(), f.duplicated(),
          f.chainBreaks(), f.endsAgree(), iq,
          sizes && notes.stream().noneMatch(n -> n.contains("not healthy")), f.aborted(), -1, cluster.errorLines(),
          notes, restoreKillLanded);
    }
  }

  /** The slice after which the victim instance is killed for the last time (-1 if instances are never killed). */
  private static int lastInstanceKill(final int kills, final Victim target) {
    return switch (target) {
      case BROKER -> -1;
      case INSTANCE -> kills - 1;
      case EACH_IN_TURN -> (kills - 1) % 2 == 0 ? kills - 1 : kills - 2;
    };
  }

  /**
   * Kills the just restarted victim as soon as its /health reports store partitions restoring, and restarts it on
   * the half-restored state; tries again (from a wiped state, so there is much to restore) when restoration was
   * over before it could be caught. Returns how many kills landed during restoration (0 or 1).
   */
  private static RestoreKill killDuringRestore(final Cluster cluster, final ChildProcess victim,
      final long runningBefore, final List<String> notes, final PrintStream log) throws InterruptedException {
    for (int attempt = 1; attempt <= RESTORE_KILL_ATTEMPTS; attempt++) {
      // Not only until RUNNING: an instance that rejoins with nothing may get its active tasks (and restore them)
      // in the follow-up rebalance.
      final boolean caught = cluster.awaitRestoring(victim, RESTORE_WATCH);
      final long started = victim.count("restoring ");
      final long ended = victim.count("restored ") + victim.count("restoration of ");
      victim.kill9();
      final long before = victim.count("-> RUNNING");
      if (caught) {
        log.printf("  kill -9 %s while restoring (attempt %d)%n", victim.name(), attempt);
        notes.add("kill -9 of " + victim.name() + " while /health reported user-profiles partitions restoring"
            + " (attempt " + attempt + "; its log shows " + started + " restorations started, " + ended
            + " ended)");
        victim.restart();
        return new RestoreKill(1, attempt, before);
      }
      log.printf("  %s was not seen restoring within %s (attempt %d); wiping and restarting%n", victim.name(),
          RESTORE_WATCH, attempt);
      deleteRecursively(cluster.stateDir(victim));
      victim.restart();
      if (attempt == RESTORE_KILL_ATTEMPTS) {
        return new RestoreKill(0, attempt, before);
      }
    }
    return new RestoreKill(0, 0, runningBefore);
  }

  /**
   * @param landed kills during restoration (0 or 1); @param kills all kills, including those of attempts that came
   *     too late; @param runningBefore the victim's RUNNING transitions logged before its last restart
   */
  private record RestoreKill(int landed, int kills, long runningBefore) {}

  static void deleteRecursively(final Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (final IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
