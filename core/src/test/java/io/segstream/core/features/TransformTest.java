package io.segstream.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransformTest {
  @Test
  void log1pAgreesWithTheLibraryToAFewUlps() {
    final SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      // Every scale a feature can take: decayed counters far below 1, counts, spend in the millions.
      final double x = Math.pow(10, random.nextDouble(-300, 12));
      final double expected = Math.log1p(x);
      assertThat(Math.abs(Transform.log1p(x) - expected)).as("log1p(%s)", x).isLessThanOrEqualTo(4 * Math.ulp(expected));
    }
    assertThat(Transform.log1p(0.0)).isZero();
    assertThat(Transform.log1p(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    assertThat(Transform.log1p(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Transform.log1p(Double.MAX_VALUE)).isEqualTo(Math.log1p(Double.MAX_VALUE));
  }

  @Test
  void log1pTransformClampsNegativesToZeroAndInverts() {
    assertThat(Transform.LOG1P.apply(-3.0)).isZero();
    assertThat(Transform.LOG1P.invert(Transform.LOG1P.apply(41.5))).isCloseTo(41.5, org.assertj.core.api.Assertions.within(1e-12));
  }
}
