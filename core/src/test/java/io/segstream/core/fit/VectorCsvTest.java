package io.segstream.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCsvTest {
  private static VectorTable read(final String csv) throws IOException {
    return VectorCsv.read("v.csv", new BufferedReader(new StringReader(csv)));
  }

  private static String problem(final String csv) {
    try {
      read(csv);
    } catch (final BadVectorFileException e) {
      return e.getMessage();
    } catch (final IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no error for " + csv);
  }

  @Test
  void readsNumericColumnsInFileOrder() throws IOException {
    final VectorTable t = read("spend,orders\n1.5,2\n\n-3e2,0\n");
    assertThat(t.columns()).containsExactly("spend", "orders");
    assertThat(t.rows()).hasDimensions(2, 2);
    assertThat(t.rows()[0]).containsExactly(1.5, 2.0);
    assertThat(t.rows()[1]).containsExactly(-300.0, 0.0);
    assertThat(t.ids()).isEmpty();
    assertThat(t.featureSet()).isEmpty();
  }

  @Test
  void idAndMetadataColumnsAreNotFeatures() throws IOException {
    final VectorTable t = read("userId,timestamp,featureSet,source,a,b\n"
        + "\"u,1\",2026-01-01T00:00:00Z,fs1,SAMPLE,1,2\n"
        + "u2,2026-01-01T00:00:00Z,fs1,EVENT,3,4\n");
    assertThat(t.columns()).containsExactly("a", "b");
    assertThat(t.ids()).get().satisfies(ids -> {
      assertThat(ids.column()).isEqualTo("userId");
      assertThat(ids.values()).containsExactly("u,1", "u2");
    });
    assertThat(t.featureSet()).contains("fs1");
  }

  @Test
  void whatIsWrongAndWhere() {
    assertThat(problem("")).contains("v.csv is empty").contains("header");
    assertThat(problem("1,2\n3,4\n")).contains("has no header").contains("line 1");
    assertThat(problem("a,b\n1,2\n3,x\n")).contains("line 3, column 'b'").contains("'x' is not a number");
    assertThat(problem("a,b\n1,NaN\n")).contains("line 2, column 'b'").contains("NaN is not allowed");
    assertThat(problem("a,b\n1,-Infinity\n")).contains("-Infinity is not allowed");
    assertThat(problem("a,b\n1,\n")).contains("line 2, column 'b': empty cell");
    assertThat(problem("a,b\n1,2\n1,2,3\n")).contains("line 3 has 3 cells but the header has 2");
    assertThat(problem("a,b\n")).contains("no vectors");
    assertThat(problem("a,a\n1,2\n")).contains("'a' appears twice");
    assertThat(problem("id,timestamp\nx,y\n")).contains("no feature columns");
    assertThat(problem("featureSet,a\nf1,1\nf2,2\n")).contains("line 3").contains("feature set 'f2'");
  }

  @Test
  void aMissingFileIsSaidSo(@TempDir final Path dir) {
    assertThatThrownBy(() -> VectorCsv.read(dir.resolve("nope.csv"), FitProgress.NONE))
        .isInstanceOf(BadVectorFileException.class).hasMessageContaining("nope.csv does not exist");
  }

  @Test
  void featureVectorsWrittenAreReadBackWithProgress(@TempDir final Path dir) throws IOException {
    final Path f = dir.resolve("v.csv");
    VectorCsv.writeFeatureVectors(f, List.of("x", "y"), List.of("u1", "u2"), new double[][] {{1, 2}, {0.25, -1}},
        Instant.parse("2026-01-01T00:00:00Z"), "fs");
    assertThat(Files.readAllLines(f).getFirst()).isEqualTo("userId,timestamp,featureSet,x,y");
    final List<Double> shares = new ArrayList<>();
    final VectorTable t = VectorCsv.read(f, new FitProgress() {
      @Override
      public void reading(final long rows, final double share) {
        shares.add(share);
      }
    });
    assertThat(t.rows()[1]).containsExactly(0.25, -1.0);
    assertThat(t.ids().orElseThrow().values()).containsExactly("u1", "u2");
    assertThat(t.featureSet()).contains("fs");
    assertThat(shares).last().isEqualTo(1.0);
  }
}
