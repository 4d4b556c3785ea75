package io.segstream.core.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segstream.core.model.Scaler;
import io.segstream.core.model.Segment;
import io.segstream.core.model.Segmentation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentAssignerTest {
  // Centres at x = 0 and x = 10 in standardised space; the scaler doubles raw values' spread.
  private final Segmentation model = new Segmentation("m", 3, 1, "fs", List.of("a", "b"),
      new Scaler(new double[] {0, 0}, new double[] {2, 1}),
      List.of(new Segment(7, "Left", "", new double[] {0, 0}, 10, 0, 1),
          new Segment(9, "Right", "", new double[] {10, 0}, 10, 0, 1)),
      1.0, 100, Instant.EPOCH, 10, Map.of());
  private final SegmentAssigner assigner = new SegmentAssigner(0.2);

  @Test
  void newUsersGoToTheNearestCentreInStandardisedSpace() {
    final SegmentAssigner.Assignment a = assigner.assign(model, new double[] {16, 0}, -1); // z = 8
    assertThat(a.segmentId()).isEqualTo(9);
    assertThat(a.distance()).isEqualTo(2.0);
    assertThat(a.runnerUpId()).isEqualTo(7);
    assertThat(a.runnerUpDistance()).isEqualTo(8.0);
  }

  @Test
  void aUserJustOverTheBorderStaysPut() {
    // z = 5.4: nearest is Right at 4.6, current Left at 5.4; 4.6 >= 0.8 * 5.4 = 4.32, so no move.
    final SegmentAssigner.Assignment a = assigner.assign(model, new double[] {10.8, 0}, 7);
    assertThat(a.segmentId()).isEqualTo(7);
    assertThat(a.nearestId()).isEqualTo(9);
    assertThat(a.distance()).isCloseTo(5.4, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void afterAPopulationRefitAnAssignmentFromAnEarlierModelIsJudgedAfresh() {
    final Segmentation refitted = new Segmentation("m", 4, 1, "fs", List.of("a", "b"), model.scaler(), model.segments(),
        1.0, 100, Instant.EPOCH, 10, Map.of(Segmentation.PARAM_FRESH_FROM, "4"));
    // The same user as above, just over the border: held under version 4 itself, moved if assigned under 3.
    assertThat(assigner.assign(refitted, new double[] {10.8, 0}, 7, 4).segmentId()).isEqualTo(7);
    assertThat(assigner.assign(refitted, new double[] {10.8, 0}, 7, 3).segmentId()).isEqualTo(9);
  }

  @Test
  void aClearlyCloserCentreWins() {
    // z = 6: Right at 4 < 0.8 * 6 = 4.8.
    assertThat(assigner.assign(model, new double[] {12, 0}, 7).segmentId()).isEqualTo(9);
  }

  @Test
  void aUserInARetiredSegmentMovesToTheNearestLiveOne() {
    assertThat(assigner.assign(model, new double[] {1, 0}, 4).segmentId()).isEqualTo(7);
  }

  @Test
  void withoutHysteresisTheNearestAlwaysWins() {
    assertThat(new SegmentAssigner(0).assign(model, new double[] {10.2, 0}, 7).segmentId()).isEqualTo(9);
  }

  @Test
  void vectorsOfAnotherFeatureSetAreRefused() {
    assertThatThrownBy(() -> assigner.assign(model, new double[] {1, 2, 3}, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
