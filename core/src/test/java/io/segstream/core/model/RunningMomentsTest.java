package io.segstream.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RunningMomentsTest {
  @Test
  void withoutDecayItIsTheFittedScaler() {
    final double[][] data = {{1, 10}, {3, 14}, {5, 9}, {7, 11}};
    final RunningMoments m = new RunningMoments(2);
    for (final double[] x : data) {
      m.add(x);
    }
    final Scaler fitted = Scaler.fit(data);
    assertThat(m.scaler().mean()).containsExactly(fitted.mean(), within(1e-12));
    assertThat(m.scaler().scale()).containsExactly(fitted.scale(), within(1e-12));
  }

  @Test
  void decayLetsRecentDataDominate() {
    final RunningMoments m = new RunningMoments(1);
    for (int i = 0; i < 100; i++) {
      m.add(new double[] {0});
    }
    m.decay(0.01);
    for (int i = 0; i < 100; i++) {
      m.add(new double[] {10});
    }
    // 1 unit of weight at 0 against 100 at 10.
    assertThat(m.scaler().mean()[0]).isCloseTo(1000.0 / 101, within(1e-9));
  }

  @Test
  void startingFromAScalerReproducesIt() {
    final Scaler s = new Scaler(new double[] {2, -1}, new double[] {0.5, 3});
    final Scaler back = RunningMoments.from(s, 500).scaler();
    assertThat(back.mean()).containsExactly(new double[] {2, -1}, within(1e-12));
    assertThat(back.scale()).containsExactly(new double[] {0.5, 3}, within(1e-9));
  }
}
