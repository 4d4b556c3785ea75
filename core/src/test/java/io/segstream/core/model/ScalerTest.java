package io.segstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScalerTest {
  @Test
  void standardisesToZeroMeanUnitVarianceAndInverts() {
    final double[][] data = {{1, 5}, {3, 5}, {5, 5}};
    final Scaler s = Scaler.fit(data);
    assertThat(s.mean()).containsExactly(3, 5);
    assertThat(s.scale()[0]).isCloseTo(Math.sqrt(8.0 / 3), within(1e-12));
    assertThat(s.scale()[1]).isEqualTo(0.05 * 6); // constant feature: the floor, no division by zero
    final double[] z = s.transform(new double[] {5, 5});
    assertThat(z[0]).isCloseTo(2 / Math.sqrt(8.0 / 3), within(1e-12));
    assertThat(z[1]).isEqualTo(0.0);
    assertThat(s.inverse(z)).containsExactly(new double[] {5, 5}, within(1e-12));
  }

  @Test
  void aFeatureThatBarelyVariedCannotDominateLater() {
    // Almost always 0 when fitted; a later value of 1.4 (log1p of 3 days) must not become z = 1400.
    final double[][] data = new double[1000][];
    for (int i = 0; i < data.length; i++) {
      data[i] = new double[] {i == 0 ? 0.001 : 0.0};
    }
    final Scaler s = Scaler.fit(data);
    assertThat(s.scale()[0]).isGreaterThanOrEqualTo(0.05);
    assertThat(s.transform(new double[] {1.4})[0]).isLessThanOrEqualTo(Scaler.MAX_Z);
    assertThat(s.transform(new double[] {-1e9})[0]).isEqualTo(-Scaler.MAX_Z);
  }

  /** 1,000 users: 600 with no returns, then a long tail; and a feature everybody has the same value of. */
  private static double[][] skewed() {
    final double[][] data = new double[1000][];
    for (int i = 0; i < data.length; i++) {
      data[i] = new double[] {i < 600 ? 0 : Math.pow(i - 599, 2), 7};
    }
    return data;
  }

  @Test
  void sharesPlaceUsersByHowManyLieBelowThemAndIgnoreFeaturesEveryoneShares() {
    final Scaler s = Scaler.fitPopulation(skewed(), true, 0.0);
    assertThat(s.mean()).as("centred on the median").containsExactly(0, 7);
    final double spread = FeatureCdf.UNIFORM_SPREAD;
    // The 600 tied at 0 sit mid-tie, at 30%; the largest value at 99.95%.
    assertThat(s.transform(new double[] {0, 7})[0]).isCloseTo((0.3 - 0.5) / spread, within(1e-9));
    assertThat(s.transform(new double[] {160_000, 7})[0]).isCloseTo((0.9995 - 0.5) / spread, within(1e-9));
    assertThat(s.transform(new double[] {1e12, 7})[0]).as("beyond the population: no further").isCloseTo(
        (0.9995 - 0.5) / spread, within(1e-9));
    assertThat(s.transform(new double[] {0, 7})[1]).isEqualTo(0.0);
    final double[] z = s.transform(new double[] {2_500, 7});
    assertThat(s.inverse(z)[0]).isCloseTo(2_500, within(1.0));
  }

  @Test
  void aBlendIsHalfClippedZScoreHalfShareAndInverts() {
    final Scaler shares = Scaler.fitPopulation(skewed(), true, 0.0);
    final Scaler blend = Scaler.fitPopulation(skewed(), true, 0.5);
    final Scaler standard = Scaler.fitPopulation(skewed());
    final double[] x = {10_000, 7};
    final double zScore = Math.max(-3, Math.min(3, standard.transform(x)[0]));
    assertThat(blend.transform(x)[0]).isCloseTo(0.5 * zScore + 0.5 * shares.transform(x)[0], within(1e-9));
    assertThat(blend.inverse(blend.transform(x))[0]).isCloseTo(10_000, within(1e-3));
  }
}
