package io.segstream.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zero-shot categories with the real model and the default category descriptions. */
class ZeroShotCategorizerTest {
  private static SentenceEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = SentenceEncoder.bundled(new SentenceEncoder.Options(16, 1));
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void productNamesLandInTheirDepartment() {
    final ZeroShotCategorizer c = new ZeroShotCategorizer(encoder, CategoryDescription.defaults(), 0.25, 100);
    final List<CategoryGuess> g = c.classify(List.of("Noise-cancelling Bluetooth headphones", "Men's leather ankle boots",
        "Scented soy candle in a glass jar", "Vitamin C face serum", "Yoga mat", "Hardback mystery novel",
        "Wooden jigsaw puzzle for kids", "Dark chocolate digestive biscuits"));
    assertThat(g).extracting(CategoryGuess::category).containsExactly("electronics", "fashion", "home", "beauty",
        "sports", "books", "toys", "grocery");
    assertThat(g).allMatch(x -> x.score() >= 0.25 && x.nearest().equals(x.category()));
  }

  @Test
  void belowTheThresholdTheAnswerIsOtherButTheNearestIsKept() {
    final ZeroShotCategorizer c = new ZeroShotCategorizer(encoder, CategoryDescription.defaults(), 0.25, 100);
    final CategoryGuess g = c.classify(List.of("Quarterly tax return form")).getFirst();
    assertThat(g.category()).isEqualTo(ZeroShotCategorizer.OTHER);
    assertThat(g.score()).isLessThan(0.25);
    assertThat(c.categories()).contains(g.nearest());
  }

  @Test
  void eachDistinctTextIsEmbeddedOnce() {
    final List<Integer> batchSizes = new ArrayList<>();
    final Embedder counting = new Embedder() {
      @Override
      public List<float[]> embed(final List<String> texts) {
        batchSizes.add(texts.size());
        return encoder.embed(texts);
      }

      @Override
      public int dimension() {
        return encoder.dimension();
      }
    };
    final ZeroShotCategorizer c = new ZeroShotCategorizer(counting, CategoryDescription.defaults(), 0.25, 100);
    batchSizes.clear(); // the descriptions
    final CategoryGuess first = c.classify(List.of("Pink owl soft toy", "Pink owl soft toy")).getFirst();
    c.classify(List.of("Pink owl soft toy", "Garden thermometer"));
    assertThat(batchSizes).containsExactly(2, 1);
    assertThat(first.category()).isEqualTo("toys");
  }
}
