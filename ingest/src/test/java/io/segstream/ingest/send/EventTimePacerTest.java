package io.segstream.ingest.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventTimePacerTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final List<Long> sentAt = new ArrayList<>();

  @Test
  void gapsInEventTimeAreCompressedBySpeedup() throws Exception {
    final EventTimePacer p = EventTimePacer.compressed(3600, clock::get, clock::addAndGet);
    final Instant t0 = Instant.parse("2011-01-01T00:00:00Z");
    for (final Duration d : List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(10))) {
      p.awaitTurn(t0.plus(d));
      sentAt.add(clock.get() - 1_000_000);
    }
    // An hour of event time is a second of wall time at 3600x.
    assertThat(sentAt).containsExactly(0L, 1_000L, 1_000L, 10_000L);
  }

  @Test
  void anEventEarlierThanItsPredecessorIsDueAtOnce() throws Exception {
    final EventTimePacer p = EventTimePacer.compressed(10, clock::get, clock::addAndGet);
    p.awaitTurn(Instant.parse("2011-01-01T00:00:10Z"));
    p.awaitTurn(Instant.parse("2011-01-01T00:00:00Z"));
    assertThat(clock.get()).isEqualTo(1_000_000);
  }

  @Test
  void unpacedNeverWaitsAndSpeedupMustBePositive() throws Exception {
    EventTimePacer.unpaced().awaitTurn(Instant.EPOCH);
    EventTimePacer.unpaced().awaitTurn(Instant.parse("2030-01-01T00:00:00Z"));
    assertThatThrownBy(() -> EventTimePacer.compressed(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventTimePacer.compressed(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
