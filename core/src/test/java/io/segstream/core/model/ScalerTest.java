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
    assertThat(s.scale()[1]).isEqualTo(1.0); // constant feature: no division by zero
    final double[] z = s.transform(new double[] {5, 5});
    assertThat(z[0]).isCloseTo(2 / Math.sqrt(8.0 / 3), within(1e-12));
    assertThat(z[1]).isEqualTo(0.0);
    assertThat(s.inverse(z)).containsExactly(new double[] {5, 5}, within(1e-12));
  }
}
