package io.segstream.ingest.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scores on cases small enough to work out by hand. */
class OutcomeScoresTest {
  @Test
  void repurchaseAucCountsTiesWithinAGroupAsHalf() {
    // A: 4 customers, 3 bought (rate 3/4); B: 4, 1 bought (1/4); C: 2, 1 bought (1/2). 5 buyers, 5 others.
    // Buyer-vs-other pairs ranked right, ties half: A's 3 buyers: 3×(0.5 + 3 + 1) = 13.5; B's buyer: 3 × 0.5 = 1.5;
    // C's buyer: 3 + 0.5 = 3.5. AUC = 18.5 / 25 = 0.74.
    final int[] groups = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2};
    final boolean[] bought = {true, true, true, false, true, false, false, false, true, false};
    assertThat(OutcomeScores.repurchaseAuc(groups, bought)).isCloseTo(0.74, within(1e-12));
  }

  @Test
  void oneGroupTellsNothingAndPureGroupsTellEverything() {
    final boolean[] bought = {true, false, true, false};
    assertThat(OutcomeScores.repurchaseAuc(new int[] {0, 0, 0, 0}, bought)).isEqualTo(0.5);
    assertThat(OutcomeScores.repurchaseAuc(new int[] {0, 1, 0, 1}, bought)).isEqualTo(1.0);
    assertThat(OutcomeScores.repurchaseAuc(new int[] {0, 1, 0, 1}, new boolean[] {true, true, true, true})).isNaN();
  }

  @Test
  void rSquaredIsTheShareOfVarianceBetweenGroupMeans() {
    // Outcomes 1, 3 | 5, 7: overall mean 4, SS_total = 9 + 1 + 1 + 9 = 20; group means 2 and 6, SS_within = 4.
    assertThat(OutcomeScores.rSquaredOfGroupMeans(new int[] {0, 0, 1, 1}, new double[] {1, 3, 5, 7}))
        .isCloseTo(0.8, within(1e-12));
    assertThat(OutcomeScores.rSquaredOfGroupMeans(new int[] {0, 0, 0, 0}, new double[] {1, 3, 5, 7})).isZero();
    assertThat(OutcomeScores.rSquaredOfGroupMeans(new int[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7})).isEqualTo(1.0);
    assertThat(OutcomeScores.rSquaredOfGroupMeans(new int[] {0, 1}, new double[] {2, 2})).isNaN();
  }

  @Test
  void stabilityIsTheAdjustedRandIndexWhateverTheSegmentIds() {
    assertThat(Stability.adjustedRand(Map.of("a", 0, "b", 0, "c", 1, "d", 1), Map.of("a", 7, "b", 7, "c", 3, "d", 3)))
        .isEqualTo(1.0);
    // {a,b,c | d,e,f} vs {a,b | c,d | e,f}: pairs together in both = 2; expected 6 × 3 / 15 = 1.2; max (6 + 3) / 2.
    // ARI = (2 − 1.2) / (4.5 − 1.2) = 0.2424...
    assertThat(Stability.adjustedRand(Map.of("a", 0, "b", 0, "c", 0, "d", 1, "e", 1, "f", 1),
        Map.of("a", 0, "b", 0, "c", 1, "d", 1, "e", 2, "f", 2, "only-in-second", 0)))
        .isCloseTo(0.8 / 3.3, within(1e-12));
  }
}
