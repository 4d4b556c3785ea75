package io.segstream.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ids checked against Hugging Face's reference tokenizer for the bundled tokenizer.json (the whole UCI
 * product-name list and a set of edge cases were compared when this was written; a few are kept here).
 */
class WordPieceTokenizerTest {
  private static WordPieceTokenizer tokenizer;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
      tokenizer = WordPieceTokenizer.fromJson(in, "bundled");
    }
  }

  private static long[] ids(final String text) {
    return tokenizer.encode(text).ids();
  }

  @Test
  void matchesTheReferenceTokenizer() {
    assertThat(ids("WHITE HANGING HEART T-LIGHT HOLDER"))
        .containsExactly(101, 2317, 5689, 2540, 1056, 1011, 2422, 9111, 102);
    assertThat(ids("Café crème brûlée — naïve façade"))
        .containsExactly(101, 7668, 13675, 21382, 7987, 9307, 2063, 1517, 15743, 8508, 102);
    assertThat(ids("hello [UNK] [CLS] world")).containsExactly(101, 7592, 100, 101, 2088, 102);
    assertThat(ids("a".repeat(120))).containsExactly(101, 100, 102); // over 100 characters: one unknown word
  }

  @Test
  void cutsToTheModelsLengthKeepingTheSeparator() {
    final WordPieceTokenizer.Tokens t = tokenizer.encode("late ".repeat(300));
    assertThat(t.truncated()).isTrue();
    assertThat(t.ids()).hasSize(tokenizer.maxTokens());
    assertThat(t.ids()[t.ids().length - 1]).isEqualTo(102);
    assertThat(tokenizer.encode("short").truncated()).isFalse();
  }

  @Test
  void refusesTokenizersItCannotReproduce() {
    final String unigram = "{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}";
    assertThatThrownBy(() -> WordPieceTokenizer.fromJson(
        new ByteArrayInputStream(unigram.getBytes(StandardCharsets.UTF_8)), "xlm-r"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unigram");
  }
}
