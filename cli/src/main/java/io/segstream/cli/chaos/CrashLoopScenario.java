package io.segstream.cli.chaos;

import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.model.Segmentation;
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
  /** @param kills how many SIGKILLs; @param wipeState the last instance restart starts from an empty state */
  record Plan(int users, int historyDays, int kills, boolean wipeState, long seed) {}

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
      final Segmentation model = Oracle.frozenModel(config, script.events(), script.personas());
      final Oracle oracle = Oracle.fold(config, model, script.events());
      cluster.prepare(model);
      log.printf("  %,d events of %,d users, %,d changes expected; starting 2 instances%n",
          script.events().size(), plan.users(), oracle.changes().size());
      final ChildProcess a = cluster.startStreams("a");
      final ChildProcess b = cluster.startStreams("b");

      final String input = config.topics().events().getFirst();
      final List<UserEvent> events = script.events();
      final int slices = plan.kills() + 1;
      final List<String> notes = new ArrayList<>();
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
          if (plan.wipeState() && i == plan.kills() - 1) {
            deleteRecursively(cluster.stateDir(victim));
            notes.add("state of " + victim.name() + " wiped before its last restart");
          }
          victim.restart();
          Cluster.awaitRunning(victim, runningBefore);
        }
      }
      Verdicts.awaitCommitted(cluster, oracle.changes().size(), Duration.ofSeconds(300));
      final OutputAudit.Findings f = OutputAudit.audit(cluster.bootstrap(), config.topics().changes(),
          config.topics().assignments(), List.of(config.topics().featureVectors()), oracle);
      notes.addAll(f.examples());
      long lastMismatch = 0;
      for (final var e : oracle.finalSegment().entrySet()) {
        if (!e.getValue().equals(f.lastAssignment().get(e.getKey()))) {
          lastMismatch++;
        }
      }
      if (lastMismatch > 0) {
        notes.add(lastMismatch + " users' last assignment record differs from the oracle");
      }
      final long iq = Verdicts.iqMismatches(cluster.httpPort(a), oracle.finalSegment(), notes) + lastMismatch;
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
        case INSTANCE -> "kill -9 instance x" + plan.kills() + (plan.wipeState() ? ", wiped state" : "");
        case BROKER -> "kill -9 broker x" + plan.kills();
        case EACH_IN_TURN -> "kill -9 instance x" + (plan.kills() + 1) / 2 + ", broker x" + plan.kills() / 2;
      };
      return new ScenarioResult(name, faults, f.committed(), f.lost(), f.duplicated(),
          f.chainBreaks(), f.endsAgree(), iq, sizes && notes.stream().noneMatch(n -> n.contains("not healthy")),
          f.aborted(), -1, cluster.errorLines(), notes);
    }
  }

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
