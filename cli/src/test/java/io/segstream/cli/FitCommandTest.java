package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FitCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(final String... args) {
    final PrintStream stdout = System.out;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      final CommandLine cl = SegstreamCommand.commandLine();
      cl.setErr(new PrintWriter(err, true));
      final int exit = cl.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(stdout);
    }
  }

  /** Two well-apart groups of customers: ids, then income (thousands) and age; group by row parity. */
  private Path customers(final int n) throws Exception {
    final SplittableRandom r = new SplittableRandom(3);
    final List<String> lines = new ArrayList<>(List.of("customer_id,income,age"));
    for (int i = 0; i < n; i++) {
      final boolean rich = i % 2 == 0;
      lines.add(String.format(Locale.ROOT, "c%d,%.1f,%.1f", i, (rich ? 120 : 30) + 5 * r.nextGaussian(),
          (rich ? 55 : 25) + 3 * r.nextGaussian()));
    }
    return Files.write(dir.resolve("customers.csv"), lines);
  }

  @Test
  void writesTheModelAndOneSegmentPerRowInInputOrder() throws Exception {
    final Path csv = customers(400);
    final Path model = dir.resolve("model.json");
    final Path assignments = dir.resolve("segments.csv");
    final Run r = run("fit", "--vectors", csv.toString(), "--k", "2", "--output", model.toString(), "--assignments",
        assignments.toString(), "--restarts", "3");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("fitted k=2 on 400 rows x 2 columns").contains("standardisation z-score");

    final JsonNode m = new ObjectMapper().readTree(model.toFile());
    assertThat(m.get("format").asText()).isEqualTo("segstream-fit/1");
    assertThat(m.get("columns")).hasSize(2);
    assertThat(m.get("segments")).hasSize(2);
    final JsonNode largest = m.get("segments").get(0);
    // Centroids in the input's units: one group around income 120, age 55, the other around 30 and 25.
    final double income = largest.get("centroid").get("income").asDouble();
    assertThat(income).satisfiesAnyOf(v -> assertThat(v).isBetween(115.0, 125.0), v -> assertThat(v).isBetween(25.0, 35.0));
    assertThat(largest.get("size").asInt() + m.get("segments").get(1).get("size").asInt()).isEqualTo(400);
    assertThat(largest.get("label").asText()).isNotBlank();

    final List<String> lines = Files.readAllLines(assignments);
    assertThat(lines.getFirst()).isEqualTo("customer_id,segment_id");
    assertThat(lines).hasSize(401);
    for (int i = 0; i < 400; i++) {
      final String[] cells = lines.get(i + 1).split(",");
      assertThat(cells[0]).isEqualTo("c" + i);
      // Rows alternate between the two groups, so their segments alternate too.
      assertThat(cells[1]).isEqualTo(lines.get(1 + i % 2).split(",")[1]);
    }
    assertThat(lines.get(1).split(",")[1]).isNotEqualTo(lines.get(2).split(",")[1]);
  }

  @Test
  void onlineFitsReportTheirTraining() throws Exception {
    final Path csv = customers(3000);
    final Run r = run("fit", "--vectors", csv.toString(), "--k", "2", "--online", "--bootstrap", "500",
        "--batch-size", "100", "--decay", "0.9", "--output", dir.resolve("m.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("online, bootstrap on 500 rows").contains("then 25 mini-batches of 100");
    final JsonNode t = new ObjectMapper().readTree(dir.resolve("m.json").toFile()).get("training");
    assertThat(t.get("mode").asText()).isEqualTo("online");
    assertThat(t.get("decayFactor").asDouble()).isEqualTo(0.9);
  }

  @Test
  void oneSegmentWithoutForgettingIsTheGrandMeanAsInSparkStreamingKMeans() throws Exception {
    final Path csv = customers(3000);
    double income = 0;
    double age = 0;
    for (final String line : Files.readAllLines(csv).subList(1, 3001)) {
      final String[] cells = line.split(",");
      income += Double.parseDouble(cells[1]) / 3000;
      age += Double.parseDouble(cells[2]) / 3000;
    }
    final Run r = run("fit", "--vectors", csv.toString(), "--k", "1", "--online", "--decay", "1", "--bootstrap", "500",
        "--batch-size", "100", "--output", dir.resolve("one.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    final JsonNode only = new ObjectMapper().readTree(dir.resolve("one.json").toFile()).get("segments").get(0);
    assertThat(only.get("size").asInt()).isEqualTo(3000);
    assertThat(only.get("centroid").get("income").asDouble()).isCloseTo(income, within(1e-4));
    assertThat(only.get("centroid").get("age").asDouble()).isCloseTo(age, within(1e-4));
  }

  @Test
  void badInputIsAUsageErrorThatSaysWhatAndWhere() throws Exception {
    final Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3,oops\n");
    final Run r = run("fit", "--vectors", bad.toString(), "--k", "2", "--output", dir.resolve("m.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bad.csv line 3, column 'b': 'oops' is not a number");
    assertThat(dir.resolve("m.json")).doesNotExist();

    final Run few = run("fit", "--vectors", customers(3).toString(), "--k", "5", "--output",
        dir.resolve("m.json").toString());
    assertThat(few.exit()).isEqualTo(2);
    assertThat(few.err()).contains("has 3 rows").contains("k=5 needs at least 6");

    final Run decay = run("fit", "--vectors", customers(10).toString(), "--k", "2", "--online", "--decay", "1.5",
        "--output", dir.resolve("m.json").toString());
    assertThat(decay.exit()).isEqualTo(2);
    assertThat(decay.err()).contains("updater.decay-factor").contains("--decay");
  }

  @Test
  void onlySegstreamFeatureVectorsArePublishedAndThatIsCheckedBeforeAnyKafka() throws Exception {
    final Run r = run("fit", "--vectors", customers(20).toString(), "--k", "2", "--output",
        dir.resolve("m.json").toString(), "--publish", "--set", "bootstrap.servers=127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot --publish").contains("columns must be exactly days_since_purchase");
  }
}
