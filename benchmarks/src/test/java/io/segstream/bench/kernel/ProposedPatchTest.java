package io.segstream.bench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VectorDistanceKernel that PROPOSED-DistanceKernel.patch adds to core is the code benchmarked here as
 * ProposedKernel, line for line (doc comments, package and names aside): the patch's measured gain is its own.
 */
class ProposedPatchTest {
  @Test
  void patchCarriesTheBenchmarkedCode() throws IOException {
    final String patch = Files.readString(Path.of("PROPOSED-DistanceKernel.patch"));
    final String header = "+++ b/core/src/main/java/io/segstream/core/kmeans/VectorDistanceKernel.java";
    assertThat(patch).contains(header);
    final List<String> added = new ArrayList<>();
    boolean inFile = false;
    for (final String line : patch.split("\n", -1)) {
      if (line.startsWith("+++ ")) {
        inFile = line.equals(header);
      } else if (inFile && line.startsWith("+")) {
        added.add(line.substring(1));
      } else if (inFile && line.startsWith("--- ")) {
        inFile = false;
      }
    }
    final List<String> benchmarked =
        Files.readAllLines(Path.of("src/main/java/io/segstream/bench/kernel/ProposedKernel.java"));
    assertThat(code(added)).isEqualTo(code(benchmarked));
  }

  /** The code lines, without package, doc comments and blank lines, with the class's names and visibility unified. */
  private static List<String> code(final List<String> lines) {
    final List<String> out = new ArrayList<>();
    for (final String raw : lines) {
      final String t = raw.strip();
      if (t.isEmpty() || t.startsWith("package ") || t.startsWith("/**") || t.startsWith("*")) {
        continue;
      }
      out.add(raw.replace("ProposedKernel", "VectorDistanceKernel")
          .replace("public final class", "final class")
          .replace("public static double assign", "static double assign"));
    }
    return out;
  }
}
