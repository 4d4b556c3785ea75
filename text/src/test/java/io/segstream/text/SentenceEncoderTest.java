package io.segstream.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real all-MiniLM-L6-v2 from the class path. */
class SentenceEncoderTest {
  private static SentenceEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = SentenceEncoder.bundled(new SentenceEncoder.Options(4, 1));
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void reproducesTheReferenceEmbedding() {
    // sentence-transformers' all-MiniLM-L6-v2 gives [0.0677, 0.0635, 0.0487, 0.0793, 0.0374, ...] for this sentence.
    final float[] v = encoder.embed(List.of("This is an example sentence")).getFirst();
    assertThat(v).hasSize(384);
    assertThat(v[0]).isCloseTo(0.06766f, within(2e-4f));
    assertThat(v[1]).isCloseTo(0.06350f, within(2e-4f));
    assertThat(v[3]).isCloseTo(0.07930f, within(2e-4f));
    assertThat(Embedder.dot(v, v)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void batchingAndPaddingDoNotChangeTheVectors() {
    final List<String> texts = List.of("Short.", "A much longer sentence about a parcel that arrived two weeks late.",
        "Medium length review text.", "Another one", "and a fifth text that goes into a second batch");
    final List<float[]> together = encoder.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      final float[] alone = encoder.embed(List.of(texts.get(i))).getFirst();
      assertThat(Embedder.dot(alone, together.get(i))).as(texts.get(i)).isCloseTo(1.0, within(1e-4));
    }
    assertThat(encoder.embed(List.of())).isEmpty();
  }

  @Test
  void paraphrasesAreCloserThanUnrelatedTexts() {
    final List<float[]> v = encoder.embed(List.of("The delivery was very late.",
        "My parcel arrived two weeks after the promised date.", "I love this lamp, it looks beautiful."));
    assertThat(Embedder.dot(v.get(0), v.get(1))).isGreaterThan(Embedder.dot(v.get(0), v.get(2)) + 0.3);
  }

  @Test
  void textsBeyondTheModelsInputLengthAreCutAndCounted() {
    final long before = encoder.truncatedTexts();
    encoder.embed(List.of("late delivery ".repeat(200)));
    assertThat(encoder.truncatedTexts()).isEqualTo(before + 1);
  }

  @Test
  void aModelDirectoryMustHoldBothFiles(@TempDir final Path dir) throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    assertThatThrownBy(() -> SentenceEncoder.fromDirectory(dir, new SentenceEncoder.Options(8, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model.onnx");
  }

  @Test
  void theQuantizedModelGivesNearlyTheSameVectors() {
    final List<String> texts = List.of("This is an example sentence",
        "Runs small, ordered my usual size and had to send it back.");
    try (SentenceEncoder q = SentenceEncoder.bundled("all-minilm-l6-v2-q", new SentenceEncoder.Options(4, 1))) {
      final List<float[]> quantized = q.embed(texts);
      final List<float[]> full = encoder.embed(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(Embedder.dot(quantized.get(i), full.get(i))).isGreaterThan(0.95).isLessThan(1.0 - 1e-6);
      }
    }
    assertThatThrownBy(() -> SentenceEncoder.bundled("no-such-model", new SentenceEncoder.Options(4, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all-minilm-l6-v2-q");
  }

  @Test
  void aLowerTokenLimitCutsLongTextsAndCountsThem() {
    final String longText = "The dress is lovely but the zip is stiff and the lining bunches up. ".repeat(10);
    try (SentenceEncoder short32 = SentenceEncoder.bundled(new SentenceEncoder.Options(4, 1, 32))) {
      assertThat(short32.maxTokens()).isEqualTo(32);
      assertThat(short32.tokenCount(longText)).isEqualTo(32);
      assertThat(short32.tokenCount("Lovely dress")).isLessThan(32);
      final float[] cut = short32.embed(List.of(longText)).getFirst();
      assertThat(short32.truncatedTexts()).isEqualTo(1);
      // The first 30 word pieces carry most of the meaning: close to the full text's vector, not the same.
      assertThat(Embedder.dot(cut, encoder.embed(List.of(longText)).getFirst())).isBetween(0.8, 1.0 - 1e-6);
    }
    final String sentBack = longText + "Sadly it went back.";
    final String kept = longText + "I kept it and I love it.";
    try (SentenceEncoder headOnly = SentenceEncoder.bundled(new SentenceEncoder.Options(4, 1, 32));
        SentenceEncoder headTail = SentenceEncoder.bundled(new SentenceEncoder.Options(4, 1, 32, 12))) {
      // Cut to their start, the two reviews are the same text; with their last 12 pieces kept, they differ.
      assertThat(Embedder.dot(headOnly.embed(List.of(sentBack)).getFirst(), headOnly.embed(List.of(kept)).getFirst()))
          .isCloseTo(1.0, within(1e-5));
      assertThat(Embedder.dot(headTail.embed(List.of(sentBack)).getFirst(), headTail.embed(List.of(kept)).getFirst()))
          .isLessThan(0.99);
      assertThat(headTail.tokenCount(sentBack)).isEqualTo(32);
      assertThat(headTail.tokenCount("Lovely dress")).isEqualTo(headOnly.tokenCount("Lovely dress"));
    }
    try (SentenceEncoder capped = SentenceEncoder.bundled(new SentenceEncoder.Options(4, 1, 10_000))) {
      assertThat(capped.maxTokens()).isEqualTo(128); // never beyond the model's own limit
    }
  }
}
