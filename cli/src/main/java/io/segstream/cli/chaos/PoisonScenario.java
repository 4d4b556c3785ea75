package io.segstream.cli.chaos;

import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.streams.topology.DeadLetters;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Scenario 5, poison records: every kind of bad input the app dead-letters, and a record that throws inside the
 * segment processor, mixed into the shop's traffic while an instance is killed. The dead letters must be exactly the
 * injected records (a multiset of key, reason and original bytes: none lost, none twice, no good record among
 * them), the good records must meet the oracle, and the membership index and sizes must agree with the profiles.
 */
final class PoisonScenario {
  /** The header Kafka Streams' exception handlers put on the dead letters they write (KIP-1034). */
  static final String KAFKA_EXCEPTION_HEADER = "__streams.errors.exception";

  record Plan(int users, int historyDays, int kills, long seed) {}

  private PoisonScenario() {}

  static ScenarioResult run(final Path dir, final String classpath, final Plan plan, final PrintStream log)
      throws Exception {
    final ShopScript script = ShopScript.generate(plan.users(), plan.historyDays(), plan.seed());
    try (Cluster cluster = new Cluster(dir, classpath, 4, 1)) {
      cluster.startBroker();
      final SegstreamConfig config = cluster.config();
      final Oracle oracle = cluster.prepareDeterministic(script);
      final ChildProcess a = cluster.startStreams("a");
      final ChildProcess b = cluster.startStreams("b");

      final String input = config.topics().events().getFirst();
      final List<UserEvent> events = script.events();
      final int slices = plan.kills() + 1;
      final List<PoisonRecords.Poison> injected = new ArrayList<>();
      final List<String> notes = new ArrayList<>();
      try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
        for (int i = 0; i < slices; i++) {
          final List<UserEvent> slice = events.subList(events.size() * i / slices, events.size() * (i + 1) / slices);
          // Poison in the middle of the slice, so good records of the same users come before and after it.
          Cluster.send(producer, input, slice.subList(0, slice.size() / 2));
          final List<PoisonRecords.Poison> poison = PoisonRecords.all(config, events, i);
          for (final PoisonRecords.Poison p : poison) {
            producer.send(new ProducerRecord<>(p.topic(), p.key(), p.value()));
          }
          injected.addAll(poison);
          Cluster.send(producer, input, slice.subList(slice.size() / 2, slice.size()));
          if (i == 0) {
            log.printf("  %,d events of %,d users and %d poison records per slice (%d reasons), %,d changes"
                + " expected%n", events.size(), plan.users(), poison.size(), PoisonRecords.reasons(poison).size(),
                oracle.changes().size());
          }
          if (i == slices - 1) {
            break;
          }
          Thread.sleep(500); // the slice is being processed: transactions are open
          final ChildProcess victim = i % 2 == 0 ? b : a;
          final long runningBefore = victim.count("-> RUNNING");
          victim.kill9();
          log.printf("  kill -9 %s (%d of %d)%n", victim.name(), i + 1, plan.kills());
          victim.restart();
          Cluster.awaitRunning(victim, runningBefore);
        }
      }
      Verdicts.awaitCommitted(cluster, oracle.changes().size(), Duration.ofSeconds(300));
      final long deadLetterMismatches = awaitDeadLetters(cluster, injected, notes);
      final OutputAudit.Findings f = OutputAudit.audit(cluster.bootstrap(), config.topics().changes(),
          config.topics().assignments(), List.of(config.topics().featureVectors(), config.topics().deadLetter()),
          oracle);
      notes.addAll(f.examples());
      final long iq = Verdicts.iqMismatches(cluster.httpPort(a), oracle.finalSegment(), notes)
          + Verdicts.lastAssignmentMismatches(oracle.finalSegment(), f.lastAssignment(), notes);
      final boolean sizes = Verdicts.sizesAddUp(cluster.httpPort(a), oracle.finalSegment().size(), notes);
      final long members = Verdicts.membershipMismatches(cluster.httpPort(b), oracle.finalSegment(), notes);
      notes.add(injected.size() + " poison records injected " + PoisonRecords.count(injected) + "; "
          + deadLetterMismatches + " dead-letter mismatches; " + members + " membership-index mismatches");
      return new ScenarioResult("5 poison records (2 instances)", "kill -9 instance x" + plan.kills() + ", "
          + injected.size() + " poison records", f.committed() + injected.size(), f.lost(), f.duplicated(),
          f.chainBreaks(), f.endsAgree(), iq, sizes, f.aborted(), -1, cluster.errorLines(), notes,
          deadLetterMismatches == 0 && members == 0);
    }
  }

  /**
   * Waits (up to two minutes) for the dead-letter topic to hold as many committed records as were injected, then
   * returns how many differ from the injected ones, counted as a multiset of (key, reason, original bytes).
   */
  private static long awaitDeadLetters(final Cluster cluster, final List<PoisonRecords.Poison> injected,
      final List<String> notes) throws InterruptedException {
    final String topic = cluster.config().topics().deadLetter();
    final long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    List<ConsumerRecord<String, byte[]>> letters = OutputAudit.readRecords(cluster.bootstrap(), topic, true);
    while (letters.size() < injected.size() && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      letters = OutputAudit.readRecords(cluster.bootstrap(), topic, true);
    }
    final Map<Letter, Integer> balance = new HashMap<>();
    injected.forEach(p -> balance.merge(new Letter(p.key(), p.reason(), Arrays.hashCode(p.value())), 1, Integer::sum));
    final Map<String, Long> processingExceptions = new HashMap<>();
    for (final ConsumerRecord<String, byte[]> r : letters) {
      final String reason = header(r, DeadLetters.REASON);
      final String exception = header(r, KAFKA_EXCEPTION_HEADER);
      if (exception != null) {
        processingExceptions.merge(exception, 1L, Long::sum);
      }
      balance.merge(new Letter(r.key(), reason != null ? reason : exception != null ? PoisonRecords.PROCESSING : "?",
          Arrays.hashCode(r.value())), -1, Integer::sum);
    }
    long mismatches = 0;
    for (final Map.Entry<Letter, Integer> e : balance.entrySet()) {
      mismatches += Math.abs(e.getValue());
      if (e.getValue() != 0 && notes.size() < 20) {
        notes.add((e.getValue() > 0 ? "dead letter missing: " : "unexpected dead letter: ") + e.getKey() + " x"
            + Math.abs(e.getValue()));
      }
    }
    notes.add(letters.size() + " committed dead letters; processor failures by exception: " + processingExceptions);
    return mismatches;
  }

  private static String header(final ConsumerRecord<String, byte[]> r, final String name) {
    final Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** A dead letter as counted: key (null for none), reason, and a hash of the original bytes. */
  private record Letter(String key, String reason, int valueHash) {
    @Override
    public String toString() {
      return "(key " + (key == null ? "none" : key.length() > 40 ? key.substring(0, 40) + "..." : key) + ", "
          + reason + ")";
    }

  }
}
