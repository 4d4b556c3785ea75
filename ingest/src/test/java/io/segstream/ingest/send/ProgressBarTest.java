package io.segstream.ingest.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void aLineShowsShareReadRowsEventsRateAndEventTime() {
    final String line = ProgressBar.format(new ProgressSnapshot(0.5, 160_000, 40_000,
        new SendStats(7_000, 6_900, 1, Optional.empty()), Optional.of(Instant.parse("2011-03-14T12:00:00Z"))), 2_345.4, "rows");
    assertThat(line).startsWith("[############............]  50% rows 160,000 (skipped 40,000)")
        .contains("events 7,000 sent, 6,900 acked, 1 failed (2,345/s)").endsWith("event time 2011-03-14 12:00 UTC");
  }
}
