package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segstream.avro.UserEvent;
import io.segstream.ingest.retail.OnlineRetailEvents;
import io.segstream.ingest.retail.RetailLimits;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'segstream evaluate' end to end on real data through a real broker: the first 60,000 rows of the shared Online
 * Retail file (1 December 2010 – 17 January 2011), segmented at 20 December and scored on the next 28 days.
 * Every partition must be in the result, scored on exactly the customers active before the cutoff.
 */
class EvaluateIT {
  /** CI keeps the shared data beside the clone: ../shared from the repository root, ../../shared from cli/. */
  private static final Path SHARED = Path.of("..", "..", "shared", "data", "online-retail",
      "online-retail-2010-12-to-2011-08.csv");
  private static final int ROWS = 60_000;
  private static final Instant CUTOFF = Instant.parse("2010-12-20T00:00:00Z");

  @TempDir Path dir;

  @Test
  void scoresTheSegmentsAndEveryBaselineOnTheCustomersBeforeTheCutoff() throws Exception {
    assertThat(SHARED).as("the shared Online Retail file (../shared beside the repository)").exists();
    final Path slice = dir.resolve("slice.csv");
    try (Stream<String> lines = Files.lines(SHARED)) {
      Files.write(slice, lines.limit(ROWS + 1).toList());
    }
    final Set<String> before = customersBefore(slice);

    final Path perCustomer = dir.resolve("customers.csv");
    final StringWriter err = new StringWriter();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final PrintStream stdout = System.out;
    final int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      final var cl = SegstreamCommand.commandLine();
      cl.setErr(new PrintWriter(err, true));
      exit = cl.execute("evaluate", "--data", slice.toString(), "--cutoff", "2010-12-20", "--horizon-days", "28",
          "--json", "--out", perCustomer.toString(), "--set", "updater.bootstrap-vectors=300");
    } finally {
      System.setOut(stdout);
    }
    assertThat(exit).as("exit code; stderr: " + err).isZero();

    final JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(result.get("cutoff").asText()).isEqualTo(CUTOFF.toString());
    assertThat(result.get("customers").asInt()).isEqualTo(before.size()).isGreaterThan(500);
    assertThat(result.get("unassigned").asInt()).isZero();
    final double repurchase = result.get("repurchaseRate").asDouble();
    assertThat(repurchase).isBetween(0.05, 0.95);
    final int k = result.get("k").asInt();
    assertThat(k).isGreaterThanOrEqualTo(2);

    final List<String> names = new ArrayList<>();
    for (final JsonNode row : result.get("partitions")) {
      final String name = row.get("partition").asText();
      names.add(name);
      assertThat(row.get("repurchaseAuc").asDouble()).as(name).isBetween(0.0, 1.0);
      assertThat(row.get("futureLogSpendR2").asDouble()).as(name).isBetween(0.0, 1.0);
      assertThat(row.get("largestGroupShare").asDouble()).as(name).isBetween(0.0, 1.0);
      long members = 0;
      for (final JsonNode g : row.get("sizes")) {
        members += g.get("customers").asLong();
        assertThat(g.get("label").asText()).isNotBlank();
      }
      assertThat(members).as(name + ": every customer in one group").isEqualTo(before.size());
      assertThat(row.get("sizes").size()).isEqualTo(row.get("groups").asInt());
    }
    assertThat(names).containsExactly("segstream", "RFM segments", "R quintile", "k-means on log RFM", "random");
    final JsonNode rows = result.get("partitions");
    assertThat(rows.get(1).get("groups").asInt()).isBetween(6, 12); // 11 named RFM segments (+ no orders)
    assertThat(rows.get(3).get("groups").asInt()).isEqualTo(k);
    // Groups dealt at random know nothing; the classic RFM segments know something.
    assertThat(rows.get(4).get("repurchaseAuc").asDouble()).isBetween(0.4, 0.6);
    assertThat(rows.get(4).get("futureLogSpendR2").asDouble()).isLessThan(0.03);
    assertThat(rows.get(1).get("repurchaseAuc").asDouble()).isGreaterThan(rows.get(4).get("repurchaseAuc").asDouble());

    final List<String> csv = Files.readAllLines(perCustomer);
    assertThat(csv.getFirst()).startsWith("user_id,recency_days,orders,spend,repurchased,future_spend,segstream,");
    assertThat(csv).hasSize(before.size() + 1);
    assertThat(csv.stream().skip(1).filter(l -> l.split(",")[4].equals("1")).count())
        .isEqualTo(Math.round(repurchase * before.size()));
  }

  /** Customers with any mapped event before the cutoff, read independently of the command. */
  private static Set<String> customersBefore(final Path file) throws Exception {
    final Set<String> out = new HashSet<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      final OnlineRetailEvents events = new OnlineRetailEvents(in, RetailLimits.defaults(), Long.MAX_VALUE);
      Optional<UserEvent> e;
      while ((e = events.next()).isPresent()) {
        if (e.get().getTimestamp().isBefore(CUTOFF)) {
          out.add(e.get().getUserId());
        }
      }
    }
    return out;
  }
}
