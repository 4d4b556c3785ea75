package io.segstream.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonaMixTest {
  @Test
  void defaultSharesCoverEveryPersonaAndSumToOne() {
    final PersonaMix mix = PersonaMix.defaults();
    assertThat(mix.shares().keySet()).containsExactly(Persona.values());
    assertThat(mix.shares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(mix.shares().values()).allSatisfy(s -> assertThat(s).isBetween(0.1, 0.3));
  }

  @Test
  void countsAreExactAndProportional() {
    final Map<Persona, Integer> counts = PersonaMix.defaults().counts(1_003);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_003);
    assertThat(counts.get(Persona.LOYAL_BIG_SPENDER)).isBetween(150, 151);
    assertThat(PersonaMix.defaults().counts(3).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
  }

  @Test
  void parsesAndNormalisesASpecification() {
    final PersonaMix mix = PersonaMix.parse("loyal_big_spender=1, WINDOW_SHOPPER=3");
    assertThat(mix.share(Persona.LOYAL_BIG_SPENDER)).isEqualTo(0.25);
    assertThat(mix.share(Persona.WINDOW_SHOPPER)).isEqualTo(0.75);
    assertThat(mix.share(Persona.NEW_USER)).isZero();
    assertThat(mix.counts(10).get(Persona.NEW_USER)).isZero();
    assertThat(PersonaMix.parse(mix.toString())).isEqualTo(mix);
    assertThatThrownBy(() -> PersonaMix.parse("SHOPAHOLIC=1")).hasMessageContaining("unknown persona");
    assertThatThrownBy(() -> PersonaMix.parse("NEW_USER")).hasMessageContaining("PERSONA=share");
    assertThatThrownBy(() -> PersonaMix.parse("NEW_USER=0")).hasMessageContaining("positive");
  }
}
