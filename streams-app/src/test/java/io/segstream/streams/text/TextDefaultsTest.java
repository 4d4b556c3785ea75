package io.segstream.streams.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.text.CategoryDescription;
import io.segstream.text.SignalAnchors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration's text defaults and the text module's are written twice; they must say the same. */
class TextDefaultsTest {
  @Test
  void configurationDefaultsAreTheTextModulesDefaults() {
    final SegstreamConfig.Text text = SegstreamConfig.defaults().text();
    assertThat(TextModels.anchors(text)).isEqualTo(SignalAnchors.defaults());
    assertThat(TextModels.categories(text)).isEqualTo(CategoryDescription.defaults());
    assertThat(io.segstream.text.SentenceEncoder.BUNDLED_MODELS).contains(text.model());
    assertThat(text.modelBatchSize()).isLessThanOrEqualTo(text.batchSize());
  }

  @Test
  void theStageIsItsOwnApplicationWithOneThreadAndNoDeadLetterCopies() {
    final var p = TextStage.properties(SegstreamConfig.fromMap(Map.of("application.id", "shop",
        "streams.num-threads", "4")));
    assertThat(p.get("application.id")).isEqualTo("shop-text");
    assertThat(p.get("num.stream.threads")).isEqualTo(1);
    assertThat(p).doesNotContainKey("application.server").doesNotContainKey("errors.dead.letter.queue.topic.name");
  }
}
