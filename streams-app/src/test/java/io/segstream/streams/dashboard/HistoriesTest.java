package io.segstream.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded in-memory histories behind the dashboard: sizes per minute and users' recent changes. */
class HistoriesTest {
  private static final long MIN = 60_000;
  private static final long T0 = 1_000 * MIN;

  @Test
  void sizeHistoryKeepsTheLastSampleOfEachMinuteForADay() {
    final SizeHistory h = new SizeHistory(24 * 60);
    h.record(T0, 3, Map.of(0, 10L));
    h.record(T0 + 30_000, 3, Map.of(0, 12L));
    h.record(T0 + MIN, 4, Map.of(0, 15L, 1, 2L));
    assertThat(h.since(T0 + MIN, 60)).extracting(SizeHistory.SizePoint::modelVersion).containsExactly(3L, 4L);
    assertThat(h.since(T0 + MIN, 60).getFirst().sizes()).containsEntry(0, 12L);
    assertThat(h.since(T0 + MIN, 1)).hasSize(1);

    h.record(T0 + 25 * 60 * MIN, 5, Map.of(0, 1L));
    assertThat(h.since(T0 + 25 * 60 * MIN, 24 * 60 * 2)).extracting(SizeHistory.SizePoint::modelVersion).containsExactly(5L);
  }

  @Test
  void userHistoryKeepsTheLastChangesOfTheMostRecentlyChangedUsers() {
    final UserChangeHistory h = new UserChangeHistory(2, 3);
    for (int i = 0; i < 5; i++) {
      h.add(new ChangeView("a", i, "", i + 1, "", 1, 0, "BEHAVIOR_CHANGE", "", "", T0 + i));
    }
    h.add(new ChangeView("b", -1, "", 0, "", 1, 0, "NEW_USER", "", "", T0));
    assertThat(h.of("a").orElseThrow()).extracting(ChangeView::to).containsExactly(3, 4, 5);
    h.add(new ChangeView("c", -1, "", 0, "", 1, 0, "NEW_USER", "", "", T0));
    assertThat(h.of("a")).as("least recently changed user forgotten").isEmpty();
    assertThat(h.of("b")).isPresent();
    assertThat(h.of("nobody")).isEmpty();
  }
}
