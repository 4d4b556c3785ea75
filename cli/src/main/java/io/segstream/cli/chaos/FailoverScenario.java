package io.segstream.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.segstream.core.config.SegstreamConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Scenario 2, queries during failover: instances with one standby each hold all users; clients keep polling sampled
 * users on every surviving instance while one instance is killed with SIGKILL, and later restarted. Every 200 must
 * be a segment from that user's history, no existing user may get a 404, and the longest time a user went without
 * an answer is measured (not asserted: it depends on the machine).
 */
final class FailoverScenario {
  record Plan(int users, int historyDays, int instances, int sampled, Duration outage, long seed) {}

  private FailoverScenario() {}

  static ScenarioResult run(final Path dir, final String classpath, final Plan plan, final PrintStream log)
      throws Exception {
    final ShopScript script = ShopScript.generate(plan.users(), plan.historyDays(), plan.seed());
    try (Cluster cluster = new Cluster(dir, classpath, 4, 1)) {
      cluster.startBroker();
      final SegstreamConfig config = cluster.config();
      final Oracle oracle = cluster.prepareDeterministic(script);
      final List<ChildProcess> instances = new ArrayList<>();
      for (int i = 0; i < plan.instances(); i++) {
        instances.add(cluster.startStreams(Character.toString('a' + i)));
      }
      try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
        Cluster.send(producer, config.topics().events().getFirst(), script.events());
      }
      Verdicts.awaitCommitted(cluster, oracle.changes().size(), Duration.ofSeconds(300));
      final List<String> notes = new ArrayList<>();
      // Every user answered before the fault: standbys have had time to catch up.
      final long before = Verdicts.iqMismatches(cluster.httpPort(instances.getFirst()), oracle.finalSegment(), notes);

      final List<String> users = oracle.finalSegment().keySet().stream().sorted().limit(plan.sampled()).toList();
      final ChildProcess victim = instances.getLast();
      final List<ChildProcess> survivors = instances.subList(0, instances.size() - 1);
      final Map<String, Long> lastAnswer = new HashMap<>();
      final Map<String, Long> longestGap = new HashMap<>();
      final long[] counts = new long[4]; // answers, wrong values, false 404s, possibly stale
      final AtomicBoolean polling = new AtomicBoolean(true);
      final Thread poller = new Thread(() -> {
        int n = 0;
        while (polling.get()) {
          final String user = users.get(n % users.size());
          final ChildProcess via = survivors.get(n % survivors.size());
          n++;
          final Cluster.Reply r = Cluster.get(cluster.httpPort(via), "/v1/users/" + user);
          final long now = System.nanoTime();
          synchronized (counts) {
            if (r.status() == 200) {
              final JsonNode body = Verdicts.json(r.body());
              counts[0]++;
              if (!oracle.history(user).contains(body.get("segmentId").asInt())) {
                counts[1]++;
              }
              if (body.get("possiblyStale").asBoolean()) {
                counts[3]++;
              }
              final Long previous = lastAnswer.put(user, now);
              if (previous != null) {
                longestGap.merge(user, now - previous, Math::max);
              }
            } else if (r.status() == 404) {
              counts[2]++;
            }
          }
          try {
            Thread.sleep(20);
          } catch (final InterruptedException e) {
            return;
          }
        }
      }, "chaos-poller");
      poller.start();
      Thread.sleep(5_000);
      victim.kill9();
      log.printf("  kill -9 %s; polling %d users on %d surviving instance(s) for %d s%n", victim.name(), users.size(),
          survivors.size(), plan.outage().toSeconds());
      Thread.sleep(plan.outage().toMillis());
      final long running = victim.count("-> RUNNING");
      victim.restart();
      Cluster.awaitRunning(victim, running);
      Thread.sleep(5_000);
      polling.set(false);
      poller.join();

      final long longest;
      synchronized (counts) {
        longest = longestGap.values().stream().mapToLong(Long::longValue).max().orElse(-1) / 1_000_000;
        notes.add(String.format("%,d answers during the run: %d wrong, %d false 404, %d possibly stale",
            counts[0], counts[1], counts[2], counts[3]));
      }
      final OutputAudit.Findings f = OutputAudit.audit(cluster.bootstrap(), config.topics().changes(),
          config.topics().assignments(), List.of(), oracle);
      notes.addAll(f.examples());
      final long after = Verdicts.iqMismatches(cluster.httpPort(victim), oracle.finalSegment(), notes);
      final boolean sizes = Verdicts.sizesAddUp(cluster.httpPort(survivors.getFirst()),
          oracle.finalSegment().size(), notes);
      return new ScenarioResult("2 IQ failover (" + plan.instances() + " instances, 1 standby)", "kill -9 x1",
          f.committed() + counts[0], f.lost(), f.duplicated(), f.chainBreaks(), f.endsAgree(),
          before + after + counts[1] + counts[2], sizes, f.aborted(), longest, cluster.errorLines(), notes, true);
    }
  }
}
