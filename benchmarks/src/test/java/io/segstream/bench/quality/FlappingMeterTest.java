package io.segstream.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlappingMeterTest {
  /** Two segments on a line, ids 1 and 2, with centres at a and b. */
  private static Segmentation model(final long version, final double a, final double b) {
    return new Segmentation("m", version, 1, "fs", List.of("x"), new Scaler(new double[] {0}, new double[] {1}),
        List.of(new Segment(1, "A", "", new double[] {a}, 1, 0, 1), new Segment(2, "B", "", new double[] {b}, 1, 0, 1)),
        1, 1, Instant.EPOCH, 3, Map.of());
  }

  @Test
  void countsUsersWhoseSegmentChangesAndHysteresisHoldsThoseNearTheBorder() {
    // Users at 0.9, 1.0 and 1.1, between centres 0 and 2: the border moves from 1.0 to 0.95 and back.
    final double[][] users = {{0.9}, {1.04}, {1.1}, {3}};
    final FlappingMeter without = new FlappingMeter(0.0, users);
    final FlappingMeter with = new FlappingMeter(0.2, users);
    assertThat(without.update(model(1, 0, 2))).isZero();
    assertThat(with.update(model(1, 0, 2))).isZero();
    assertThat(without.segments()).containsExactly(1, 2, 2, 2);

    assertThat(without.update(model(2, 0.0, 1.9))).isZero(); // border at 0.95: nobody crosses
    assertThat(without.update(model(3, 0.2, 2.0))).isEqualTo(0.25); // border at 1.1: the user at 1.04 moves
    assertThat(without.segments()).containsExactly(1, 1, 2, 2);
    // With hysteresis 0.2 the user at 1.04 (0.84 from A, 0.96 from B) stays in B.
    assertThat(with.update(model(2, 0.0, 1.9))).isZero();
    assertThat(with.update(model(3, 0.2, 2.0))).isZero();
    assertThat(with.segments()).containsExactly(1, 2, 2, 2);
  }
}
