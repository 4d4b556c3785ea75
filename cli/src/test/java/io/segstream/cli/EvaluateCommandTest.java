package io.segstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What 'evaluate' says about bad input before it starts anything: one line, what is wrong, no stack trace. */
class EvaluateCommandTest {
  @TempDir Path dir;

  private static String errorOf(final String... args) {
    final StringWriter err = new StringWriter();
    final CommandLine cl = SegstreamCommand.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute(args)).isEqualTo(2);
    return err.toString();
  }

  @Test
  void aMissingFileIsOneLine() {
    final String err = errorOf("evaluate", "--data", dir.resolve("nope.csv").toString(), "--cutoff", "2011-06-01");
    assertThat(err.lines()).hasSize(1);
    assertThat(err).contains("nope.csv: no such file").doesNotContain("Exception");
  }

  @Test
  void aCutoffThatIsNoDateSaysWhichFormsWork() throws Exception {
    final Path file = Files.writeString(dir.resolve("e.jsonl"), "{\"userId\":\"1\",\"type\":\"PURCHASE\","
        + "\"timestamp\":\"2024-05-01T10:15:00Z\",\"items\":[{\"product\":{\"productId\":\"p1\",\"price\":12.5},\"quantity\":2}]}\n");
    final String err = errorOf("evaluate", "--data", file.toString(), "--format", "jsonl", "--cutoff", "June");
    assertThat(err.lines()).hasSize(1);
    assertThat(err).contains("'June' is neither a date like 2011-06-01 nor an instant");
    assertThat(errorOf("evaluate", "--data", file.toString(), "--format", "jsonl", "--cutoff", "2020-01-01"))
        .contains("no event in").hasLineCount(1);
    assertThat(errorOf("evaluate", "--data", file.toString(), "--format", "xml", "--cutoff", "2025-01-01"))
        .contains("online-retail, jsonl or csv").hasLineCount(1);
    assertThat(errorOf("evaluate", "--data", file.toString(), "--cutoff", "2025-01-01", "--runs", "3"))
        .contains("--runs must be 1 or 2").hasLineCount(1);
  }
}
