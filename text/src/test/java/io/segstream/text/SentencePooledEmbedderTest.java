package io.segstream.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sentence pooling over the real all-MiniLM-L6-v2. */
class SentencePooledEmbedderTest {
  private static SentenceEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = SentenceEncoder.bundled(new SentenceEncoder.Options(8, 1));
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void cutsAfterSentenceEndsEvenBeforeLowerCaseWords() {
    assertThat(SentencePooledEmbedder.sentences("Love this dress! it's sooo pretty. i bought a petite?? yes"))
        .containsExactly("Love this dress!", "it's sooo pretty.", "i bought a petite??", "yes");
    // No white space after the dot (a size, a decimal) is not an end; pieces without two letters are dropped.
    assertThat(SentencePooledEmbedder.sentences("Size 5.5 fits. !! Great")).containsExactly("Size 5.5 fits.", "Great");
    assertThat(SentencePooledEmbedder.sentences("!! ??")).containsExactly("!! ??");
  }

  @Test
  void aReviewIsTheNormalisedMeanOfItsSentencesAndOneSentenceIsUnchanged() {
    final SentencePooledEmbedder pooled = new SentencePooledEmbedder(encoder);
    final List<float[]> parts = encoder.embed(List.of("The fabric is lovely.", "i returned it because it ran small."));
    final List<float[]> got = pooled.embed(List.of("The fabric is lovely. i returned it because it ran small.",
        "The fabric is lovely."));

    final float[] expected = new float[parts.getFirst().length];
    for (int d = 0; d < expected.length; d++) {
      expected[d] = parts.get(0)[d] + parts.get(1)[d];
    }
    final double norm = Math.sqrt(Embedder.dot(expected, expected));
    for (int d = 0; d < expected.length; d++) {
      assertThat((double) got.get(0)[d]).isCloseTo(expected[d] / norm, within(1e-5));
    }
    assertThat(Embedder.dot(got.get(1), parts.get(0))).isCloseTo(1.0, within(1e-5));
    assertThat(Embedder.dot(got.get(0), got.get(0))).isCloseTo(1.0, within(1e-5));
    // The pooled review differs from the whole text read at once: that is the point.
    final float[] whole = encoder.embed(List.of("The fabric is lovely. i returned it because it ran small.")).getFirst();
    assertThat(Embedder.dot(whole, got.get(0))).isLessThan(0.999);
  }
}
