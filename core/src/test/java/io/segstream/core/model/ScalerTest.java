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
}
