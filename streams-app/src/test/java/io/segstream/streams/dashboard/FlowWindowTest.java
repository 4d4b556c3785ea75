package io.segstream.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowWindowTest {
  private static final long MIN = 60_000;
  private static final long T0 = 1_000 * MIN;

  private static ChangeView change(final String user, final int from, final int to, final String reason, final long at) {
    return new ChangeView(user, from, from < 0 ? "" : "S" + from, to, to < 0 ? "" : "S" + to, 1, 0.5, reason,
        ChangeView.iso(at), ChangeView.iso(at), at);
  }

  @Test
  void countsPairsByReasonWithinTheWindowBiggestFirst() {
    final FlowWindow w = new FlowWindow(60);
    w.add(change("a", ChangeView.OUTSIDE, 0, "NEW_USER", T0));
    w.add(change("b", 0, 1, "BEHAVIOR_CHANGE", T0 + MIN));
    w.add(change("c", 0, 1, "MODEL_UPDATE", T0 + 2 * MIN));
    w.add(change("d", 0, 1, "MODEL_UPDATE", T0 + 2 * MIN + 5));
    w.add(change("e", 1, ChangeView.OUTSIDE, "EXPIRED", T0 + 9 * MIN));

    final List<Flow> all = w.since(T0 + 9 * MIN, 10);
    assertThat(all).hasSize(3);
    assertThat(all.getFirst()).isEqualTo(new Flow(0, "S0", 1, "S1", 3, Map.of("BEHAVIOR_CHANGE", 1L, "MODEL_UPDATE", 2L)));
    assertThat(all).extracting(Flow::from).containsExactly(0, ChangeView.OUTSIDE, 1);

    // The last 8 minutes (minutes 2..9) leave out the new user and the behaviour change.
    assertThat(w.since(T0 + 9 * MIN, 8)).extracting(Flow::total).containsExactly(2L, 1L);
  }

  @Test
  void forgetsMinutesBeyondWhatItKeeps() {
    final FlowWindow w = new FlowWindow(5);
    w.add(change("a", 0, 1, "BEHAVIOR_CHANGE", T0));
    w.add(change("b", 0, 1, "BEHAVIOR_CHANGE", T0 + 10 * MIN));
    assertThat(w.since(T0 + 10 * MIN, 60)).extracting(Flow::total).containsExactly(1L);
  }
}
