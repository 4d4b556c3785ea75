package io.segstream.core.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueFormatTest {
  @Test
  void valuesReadNaturallyByUnit() {
    assertThat(ValueFormat.format(0.823, "share")).isEqualTo("82%");
    assertThat(ValueFormat.format(1232.645, "currency")).isEqualTo("1232.65");
    assertThat(ValueFormat.format(3.94, "days")).isEqualTo("3.9 days");
    assertThat(ValueFormat.format(174.2, "days")).isEqualTo("174 days");
    assertThat(ValueFormat.format(8.43, "orders")).isEqualTo("8.4 orders");
  }

  @Test
  void tinyNegativesFromInverseTransformsAreZero() {
    assertThat(ValueFormat.format(-0.003, "share")).isEqualTo("0%");
    assertThat(ValueFormat.format(-0.004, "share")).isEqualTo("0%");
    assertThat(ValueFormat.format(-1e-12, "currency")).isEqualTo("0.00");
  }
}
