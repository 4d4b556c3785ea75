package io.segstream.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private final Timestamps strict = new Timestamps(Optional.empty());
  private final Timestamps berlin = new Timestamps(Optional.of(ZoneId.of("Europe/Berlin")));

  @Test
  void isoWithOffsetAndEpochMillis() {
    assertThat(strict.parse("2024-05-01T10:15:00Z")).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
    assertThat(strict.parse("2024-05-01T12:15:00+02:00")).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
    assertThat(strict.parse("2024-05-01 12:15:00+02:00")).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
    assertThat(strict.parse("1714558500000")).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
  }

  @Test
  void localTimesNeedAZone() {
    assertThatThrownBy(() -> strict.parse("2024-05-01 12:15:00")).hasMessageContaining("--zone");
    assertThat(berlin.parse("2024-05-01 12:15:00")).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
    assertThat(berlin.parse("2024-05-01T12:15")).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
  }

  @Test
  void mistakesAreExplained() {
    assertThatThrownBy(() -> strict.parse("1714558500")).hasMessageContaining("epoch seconds");
    assertThatThrownBy(() -> strict.parse("yesterday")).hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> strict.parse(" ")).hasMessageContaining("empty");
  }
}
