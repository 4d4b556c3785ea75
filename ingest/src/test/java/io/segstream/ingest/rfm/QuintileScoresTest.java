package io.segstream.ingest.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QuintileScoresTest {
  @Test
  void distinctValuesFallIntoFifths() {
    final double[] v = IntStream.rangeClosed(1, 10).asDoubleStream().toArray();
    assertThat(QuintileScores.of(v, true)).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
    assertThat(QuintileScores.of(v, false)).as("fewer days since the last order is better")
        .containsExactly(5, 5, 4, 4, 3, 3, 2, 2, 1, 1);
  }

  @Test
  void tiedValuesShareTheScoreOfTheirLowestRank() {
    // Six of ten customers ordered once: all score 1 (ranks 1-6), whatever the file order; 2 orders is rank 7.
    final double[] orders = {1, 1, 1, 5, 1, 1, 2, 1, 9, 3};
    assertThat(QuintileScores.of(orders, true)).containsExactly(1, 1, 1, 5, 1, 1, 4, 1, 5, 4);
  }

  @Test
  void noCustomersNoScores() {
    assertThat(QuintileScores.of(new double[0], true)).isEmpty();
  }
}
