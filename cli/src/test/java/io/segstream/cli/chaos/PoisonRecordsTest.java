package io.segstream.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.streams.topology.EventValidator;
import io.segstream.streams.topology.Rejection;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoisonRecordsTest {
  private final SegstreamConfig config = SegstreamConfig.defaults();
  private final List<PoisonRecords.Poison> poison =
      PoisonRecords.all(config, ShopScript.generate(30, 7, 3).events(), 0);

  @Test
  void coversEveryReasonTheValidatorGives() {
    final List<String> reasons = Arrays.stream(Rejection.class.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(PoisonRecordsTest::value).filter(r -> !r.equals(Rejection.PROCESSING_ERROR)).toList();
    assertThat(PoisonRecords.reasons(poison)).containsAll(reasons).contains(PoisonRecords.PROCESSING);
  }

  @Test
  void eachInputRecordIsRefusedForItsOwnReason() {
    final EventValidator validator = new EventValidator(config.validation());
    for (final PoisonRecords.Poison p : poison) {
      if (p.reason().equals(PoisonRecords.PROCESSING)) {
        assertThat(p.key()).as("the processor failure is a keyless record").isNull();
        assertThat(validator.validate(p.value(), System.currentTimeMillis()).accepted()).isPresent();
        continue;
      }
      assertThat(validator.validate(p.value(), System.currentTimeMillis()).rejected())
          .as(p.reason()).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(p.reason()));
    }
  }

  private static String value(final Field f) {
    try {
      return (String) f.get(null);
    } catch (final IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
