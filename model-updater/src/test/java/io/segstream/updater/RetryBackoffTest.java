package io.segstream.updater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  @Test
  void doublesFromOneSecondUpToThirty() {
    assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> RetryBackoff.DEFAULT.after(n).toSeconds()))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void neverOverflowsAndTreatsNoFailureAsTheFirst() {
    final RetryBackoff b = new RetryBackoff(Duration.ofMillis(100), Duration.ofDays(1));
    assertThat(b.after(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(b.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(3_200));
  }

  @Test
  void refusesACapBelowTheFirstWait() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
