package io.segstream.cli.chaos;

import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.topology.DeadLetters;
import io.segstream.streams.topology.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Scenario 6, schema evolution: a shop upgrades its writer to a v2 {@code UserEvent} (a fixture: today's schema plus
 * an optional field) before segstream's reader knows it. Today's app must dead-letter those records (their
 * fingerprint is unknown) and count them; once the reader is upgraded (the app restarted with v2 in its schema
 * history, which is what a release that adds a field ships) the dead letters are sent again and decoded, and v1 and
 * v2 writers are read side by side. The oracle, over all users, must hold at the end.
 */
final class SchemaEvolutionScenario {
  /** The v2 fixture; a release would add it to the schemas module's history as {@code UserEvent.v2.avsc}. */
  static final String FIXTURE = "/io/segstream/cli/chaos/UserEvent.v2.avsc";

  record Plan(int users, int historyDays, long seed) {}

  private SchemaEvolutionScenario() {}

  static ScenarioResult run(final Path dir, final String classpath, final Plan plan, final PrintStream log)
      throws Exception {
    final ShopScript script = ShopScript.generate(plan.users(), plan.historyDays(), plan.seed());
    final Schema v2 = fixture();
    // The upgraded reader: a class path entry that puts v2 into the schema history, ahead of the app's jars.
    final Path reader = dir.resolve("reader-v2");
    final Path history = Files.createDirectories(reader.resolve("io/segstream/avro/history"));
    try (InputStream in = SchemaEvolutionScenario.class.getResourceAsStream(FIXTURE)) {
      Files.write(history.resolve("UserEvent.v2.avsc"), in.readAllBytes());
    }
    try (Cluster cluster = new Cluster(dir, classpath, 4, 0)) {
      cluster.startBroker();
      final SegstreamConfig config = cluster.config();
      final Oracle oracle = cluster.prepareDeterministic(script);
      final ChildProcess a = cluster.startStreams("a");
      // Every second user's shop client has moved to the v2 writer; the rest still write v1.
      final List<String> users = new ArrayList<>(new java.util.TreeSet<>(script.personas().keySet()));
      final Set<String> v2Users = new HashSet<>();
      for (int i = 0; i < users.size(); i += 2) {
        v2Users.add(users.get(i));
      }
      final String input = config.topics().events().getFirst();
      final List<String> notes = new ArrayList<>();
      long v2Records = 0;
      // The v1 writers' second half goes to the upgraded reader: old writers keep working across the upgrade.
      final List<UserEvent> v1Later = new ArrayList<>();
      final List<UserEvent> events = script.events();
      try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
        for (int i = 0; i < events.size(); i++) {
          final UserEvent e = events.get(i);
          final boolean newWriter = v2Users.contains(e.getUserId());
          if (!newWriter && i >= events.size() / 2) {
            v1Later.add(e);
            continue;
          }
          v2Records += newWriter ? 1 : 0;
          producer.send(new ProducerRecord<>(input, e.getUserId(),
              newWriter ? writeV2(e, v2) : AvroSerdes.USER_EVENT.serialize("", e)));
        }
        producer.flush();
      }
      log.printf("  %,d events of %,d users, %,d of them by a v2 writer; today's reader first%n",
          script.events().size(), plan.users(), v2Records);
      // Today's reader: every v2 record is dead-lettered as malformed (unknown fingerprint) and counted.
      final List<ConsumerRecord<String, byte[]>> letters = awaitDeadLetters(cluster, v2Records);
      long malformed = 0;
      for (final ConsumerRecord<String, byte[]> r : letters) {
        final Header h = r.headers().lastHeader(DeadLetters.REASON);
        if (h != null && Rejection.MALFORMED.equals(new String(h.value(), StandardCharsets.UTF_8))
            && v2Users.contains(r.key())) {
          malformed++;
        }
      }
      final double counted = rejectedCounted(cluster.httpPort(a), Rejection.MALFORMED);
      notes.add(v1Later.size() + " events by v1 writers read by the upgraded reader");
      notes.add(v2Records + " records by the v2 writer; today's reader dead-lettered " + malformed
          + " as malformed and counted " + (long) counted + " (segstream_events_rejected_total{reason=malformed})");

      // Upgrade the reader (deploy readers before writers... or after, as here), then redrive the dead letters.
      a.stop();
      final ChildProcess upgraded = cluster.startStreams("a", reader + java.io.File.pathSeparator + classpath);
      try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
        for (final ConsumerRecord<String, byte[]> r : letters) {
          producer.send(new ProducerRecord<>(input, r.key(), r.value()));
        }
        Cluster.send(producer, input, v1Later);
      }
      log.printf("  reader upgraded; %d dead letters sent again, %,d more events by v1 writers%n", letters.size(),
          v1Later.size());
      Verdicts.awaitCommitted(cluster, oracle.changes().size(), Duration.ofSeconds(300));
      final OutputAudit.Findings f = OutputAudit.audit(cluster.bootstrap(), config.topics().changes(),
          config.topics().assignments(), List.of(config.topics().featureVectors()), oracle);
      notes.addAll(f.examples());
      final long iq = Verdicts.iqMismatches(cluster.httpPort(upgraded), oracle.finalSegment(), notes)
          + Verdicts.lastAssignmentMismatches(oracle.finalSegment(), f.lastAssignment(), notes);
      final boolean sizes = Verdicts.sizesAddUp(cluster.httpPort(upgraded), oracle.finalSegment().size(), notes);
      final long lettersAfter = OutputAudit.readRecords(cluster.bootstrap(), config.topics().deadLetter(), true)
          .size();
      if (lettersAfter != letters.size()) {
        notes.add((lettersAfter - letters.size()) + " more dead letters after the upgrade");
      }
      return new ScenarioResult("6 schema evolution (v2 writer, reader upgrade)", "v2 writer x" + v2Records
          + ", reader upgrade, redrive", f.committed(), f.lost(), f.duplicated(), f.chainBreaks(), f.endsAgree(), iq,
          sizes, f.aborted(), -1, cluster.errorLines(), notes,
          malformed == v2Records && (long) counted == v2Records && lettersAfter == letters.size());
    }
  }

  static Schema fixture() throws IOException {
    try (InputStream in = SchemaEvolutionScenario.class.getResourceAsStream(FIXTURE)) {
      return new Schema.Parser().parse(in);
    }
  }

  /** The event as a v2 writer sends it: the new field set, single-object encoded with v2's fingerprint. */
  static byte[] writeV2(final UserEvent e, final Schema v2) {
    try {
      final ByteArrayOutputStream plain = new ByteArrayOutputStream();
      final BinaryEncoder enc = EncoderFactory.get().binaryEncoder(plain, null);
      new SpecificDatumWriter<UserEvent>(UserEvent.getClassSchema()).write(e, enc);
      enc.flush();
      final GenericRecord r = new GenericDatumReader<GenericRecord>(UserEvent.getClassSchema(), v2)
          .read(null, DecoderFactory.get().binaryDecoder(plain.toByteArray(), null));
      r.put("channel", "app");
      return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(r).array();
    } catch (final IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(final Cluster cluster, final long expected)
      throws InterruptedException {
    final String topic = cluster.config().topics().deadLetter();
    final long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    List<ConsumerRecord<String, byte[]>> letters = OutputAudit.readRecords(cluster.bootstrap(), topic, true);
    while (letters.size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      letters = OutputAudit.readRecords(cluster.bootstrap(), topic, true);
    }
    return letters;
  }

  /** The instance's count of rejected records for a reason, from its Prometheus exposition. */
  private static double rejectedCounted(final int port, final String reason) {
    final Cluster.Reply r = Cluster.get(port, "/metrics");
    double sum = 0;
    for (final String line : r.body().split("\n")) {
      if (line.startsWith("segstream_events_rejected_total{") && line.contains("reason=\"" + reason + "\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
