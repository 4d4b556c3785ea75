package io.segstream.ingest.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossTabTest {
  private static RfmScore s(final String user, final RfmSegment seg) {
    return new RfmScore(new CustomerRfm(user, 1, 1, 1, 0), 3, 3, 3, seg);
  }

  @Test
  void countsByBothPartitionsAndAgreement() {
    final List<RfmScore> scores = List.of(s("1", RfmSegment.CHAMPIONS), s("2", RfmSegment.CHAMPIONS),
        s("3", RfmSegment.LOST), s("4", RfmSegment.LOST), s("5", RfmSegment.LOST));
    final CrossTab same = CrossTab.of(scores, Map.of("1", "A", "2", "A", "3", "B", "4", "B", "5", "B"), List.of("A", "B", "C"));
    assertThat(same.count("A", RfmSegment.CHAMPIONS)).isEqualTo(2);
    assertThat(same.count("B", RfmSegment.LOST)).isEqualTo(3);
    assertThat(same.rowTotal("C")).isZero();
    assertThat(same.columnTotal(RfmSegment.LOST)).isEqualTo(3);
    assertThat(same.adjustedRandIndex()).isCloseTo(1.0, within(1e-9));

    // The system split exactly along R: full agreement with the R score, none beyond chance with a constant F.
    final List<RfmScore> byR = List.of(new RfmScore(new CustomerRfm("1", 1, 1, 1, 0), 5, 3, 1, RfmSegment.CHAMPIONS),
        new RfmScore(new CustomerRfm("2", 1, 1, 1, 0), 5, 3, 2, RfmSegment.CHAMPIONS),
        new RfmScore(new CustomerRfm("3", 1, 1, 1, 0), 1, 3, 1, RfmSegment.LOST),
        new RfmScore(new CustomerRfm("4", 1, 1, 1, 0), 1, 3, 2, RfmSegment.LOST));
    final Map<String, String> system = Map.of("1", "A", "2", "A", "3", "B", "4", "B");
    assertThat(Agreement.adjustedRand(byR, system, RfmScore::r)).isCloseTo(1.0, within(1e-9));
    assertThat(Agreement.adjustedRand(byR, system, RfmScore::m)).isLessThan(0.0);

    final CrossTab missing = CrossTab.of(scores, Map.of("1", "A", "3", "A"), List.of("A"));
    assertThat(missing.users()).as("users the system does not list are left out").isEqualTo(2);
  }
}
