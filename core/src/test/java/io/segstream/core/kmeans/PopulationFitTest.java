package io.segstream.core.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationFitTest {
  /** Three groups in two dimensions, around (0,0), (10,0) and (0,10); rows in group order. */
  private static double[][] groups(final int perGroup, final long seed) {
    final SplittableRandom r = new SplittableRandom(seed);
    final double[][] out = new double[3 * perGroup][];
    for (int i = 0; i < out.length; i++) {
      final int g = i / perGroup;
      out[i] = new double[] {(g == 1 ? 10 : 0) + r.nextGaussian(), (g == 2 ? 10 : 0) + r.nextGaussian()};
    }
    return out;
  }

  private static TrainingSettings k(final int k) {
    return TrainingSettings.defaults().withK(k);
  }

  @Test
  void theSameRowsGiveTheSameModel() {
    final double[][] rows = groups(300, 1);
    final PopulationFit.Result a = PopulationFit.fit(rows, k(3), false, 0.0, new double[0][], new int[0], 0);
    final PopulationFit.Result b = PopulationFit.fit(rows, k(3), false, 0.0, new double[0][], new int[0], 0);
    assertThat(b.centres()).isDeepEqualTo(a.centres());
    assertThat(b.scaler()).isEqualTo(a.scaler());
    assertThat(a.sizes()).containsExactlyInAnyOrder(300, 300, 300);
  }

  @Test
  void theScalerIsCentredOnTheMedianSoTypicalMeansTheMiddleCustomer() {
    final double[][] rows = {{1}, {2}, {3}, {4}, {100}};
    final PopulationFit.Result fit = PopulationFit.fit(rows, k(1), false, 0.0, new double[0][], new int[0], 0);
    assertThat(fit.scaler().mean()[0]).isEqualTo(3.0);
    assertThat(fit.centres()).hasDimensions(1, 1);
    assertThat(fit.scaler().inverse(fit.centres()[0])[0]).as("one segment: the grand mean").isCloseTo(22.0, within(1e-9));
  }

  @Test
  void idsFollowTheirUsersAcrossARefitAndNewGroupsGetNewIds() {
    final double[][] rows = groups(300, 2);
    // The current model knows two of the groups (ids 7 and 9) and lumps the third with the first.
    final double[][] previous = {{10, 0}, {0, 5}};
    final PopulationFit.Result fit = PopulationFit.fit(rows, k(3), false, 0.0, previous, new int[] {7, 9}, 12);
    int seven = -1;
    for (int c = 0; c < fit.k(); c++) {
      if (fit.ids()[c] == 7) {
        seven = c;
      }
    }
    assertThat(seven).isNotNegative();
    assertThat(fit.scaler().inverse(fit.centres()[seven])[0]).isCloseTo(10.0, within(0.5));
    assertThat(fit.ids()).contains(12).doesNotHaveDuplicates();
    assertThat(fit.nextId()).isGreaterThan(12);
  }
}
