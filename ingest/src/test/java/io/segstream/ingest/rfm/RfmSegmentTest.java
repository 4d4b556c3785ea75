package io.segstream.ingest.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfmSegmentTest {
  @Test
  void theGridAsDocumented() {
    final String[] expected = {
        // F=1..5 for R=5, 4, 3, 2, 1
        "NEW POTENTIAL_LOYALISTS POTENTIAL_LOYALISTS CHAMPIONS CHAMPIONS",
        "PROMISING POTENTIAL_LOYALISTS POTENTIAL_LOYALISTS LOYAL LOYAL",
        "ABOUT_TO_SLEEP ABOUT_TO_SLEEP NEED_ATTENTION LOYAL LOYAL",
        "HIBERNATING HIBERNATING AT_RISK AT_RISK CANT_LOSE",
        "LOST LOST AT_RISK AT_RISK CANT_LOSE"};
    for (int r = 5; r >= 1; r--) {
      final StringBuilder row = new StringBuilder();
      for (int f = 1; f <= 5; f++) {
        row.append(f == 1 ? "" : " ").append(RfmSegment.of(r, f).name());
      }
      assertThat(row.toString()).as("R=" + r).isEqualTo(expected[5 - r]);
    }
  }

  @Test
  void everySegmentIsReachable() {
    final Map<RfmSegment, Integer> cells = new EnumMap<>(RfmSegment.class);
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        cells.merge(RfmSegment.of(r, f), 1, Integer::sum);
      }
    }
    assertThat(cells).hasSize(RfmSegment.values().length);
    assertThat(cells.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
  }

  @Test
  void scoresOutsideOneToFiveAreRefused() {
    assertThatThrownBy(() -> RfmSegment.of(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RfmSegment.of(3, 6)).isInstanceOf(IllegalArgumentException.class);
  }
}
