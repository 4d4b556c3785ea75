package io.segstream.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TextConfigTest {
  @Test
  void defaultsDescribeTheShopsCategoriesAndEverySignal() {
    final SegstreamConfig.Text t = SegstreamConfig.defaults().text();
    assertThat(t.enabled()).isTrue();
    assertThat(t.modelPath()).isEmpty();
    assertThat(t.categories()).extracting(SegstreamConfig.Text.Category::name)
        .containsExactlyElementsOf(ConfigKeys.DEFAULT_CATEGORIES);
    assertThat(t.categories().getFirst().descriptions()).contains("headphones, earbuds and speakers");
    assertThat(t.anchors().delivery()).hasSizeGreaterThan(1).allMatch(s -> !s.isBlank() && !s.contains("|"));
    assertThat(t.maxBatchWait()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void sentencesMayHoldCommasAndCategoriesSeveralDescriptions() {
    final SegstreamConfig.Text t = SegstreamConfig.fromMap(Map.of(
        "text.model-path", "/models/multilingual",
        "text.anchors.price", "Too dear, honestly | Not worth it, at all",
        "text.categories", "garden = plants, seeds and pots | garden furniture ; Pets=food, toys and beds for pets;")).text();
    assertThat(t.modelPath()).contains(Path.of("/models/multilingual"));
    assertThat(t.anchors().price()).containsExactly("Too dear, honestly", "Not worth it, at all");
    assertThat(t.categories()).containsExactly(
        new SegstreamConfig.Text.Category("garden", java.util.List.of("plants, seeds and pots", "garden furniture")),
        new SegstreamConfig.Text.Category("pets", java.util.List.of("food, toys and beds for pets")));
  }

  @Test
  void malformedListsAreExplained() {
    assertThatThrownBy(() -> SegstreamConfig.fromMap(Map.of("text.categories", "electronics: phones")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("text.categories").hasMessageContaining("name=description");
    assertThatThrownBy(() -> SegstreamConfig.fromMap(Map.of("text.categories", "a=x; A=y")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("distinct");
    assertThatThrownBy(() -> SegstreamConfig.fromMap(Map.of("text.anchors.quality", " | ")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("text.anchors.quality");
  }
}
