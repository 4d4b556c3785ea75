package io.segstream.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.bench.quality.RecoveryTracker.Checkpoint;
import org.junit.jupiter.api.Test;

class RecoveryTrackerTest {
  @Test
  void recoveredAtTheFirstCheckpointFromWhichAllAreGood() {
    final RecoveryTracker t = new RecoveryTracker(1.03, 0.05);
    t.observe(new Checkpoint(1, 1.50, 0.60, 0.95));
    t.observe(new Checkpoint(2, 1.02, 0.94, 0.95)); // good, but a lucky one
    t.observe(new Checkpoint(3, 1.04, 0.94, 0.95)); // inertia too high
    assertThat(t.recoveredAfter()).isEmpty();
    t.observe(new Checkpoint(4, 1.01, 0.89, 0.95)); // ARI too far below the batch optimum's
    t.observe(new Checkpoint(5, 1.01, 0.91, 0.95));
    t.observe(new Checkpoint(6, 1.00, 0.95, 0.95));
    assertThat(t.recoveredAfter()).hasValue(5);
    assertThat(t.checkpoints()).hasSize(6);
  }
}
