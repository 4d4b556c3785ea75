package io.segstream.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The head on synthetic embeddings whose stars follow a known linear mapping. */
class SentimentHeadTest {
  private static final int DIM = 24;

  /** Stars from a fixed direction: the projection on it, cut into five equal bands over [-1, 1]. */
  private static List<RatedEmbedding> sample(final int n, final long seed) {
    final SplittableRandom rng = new SplittableRandom(seed);
    final List<RatedEmbedding> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final float[] v = new float[DIM];
      final double t = rng.nextDouble(-1, 1); // the true score
      v[0] = (float) t;
      for (int d = 1; d < DIM; d++) {
        v[d] = (float) (0.3 * rng.nextGaussian());
      }
      final int stars = Math.min(5, 1 + (int) ((t + 1) / 2 * 5));
      out.add(new RatedEmbedding(v, stars));
    }
    return out;
  }

  @Test
  void learnsTheMappingAndGeneralisesToUnseenEmbeddings() {
    final SentimentHead head = new SentimentHeadTrainer(0.01, 500).train(sample(2000, 1), 3, 2000);
    final List<RatedEmbedding> test = sample(500, 2);
    final double[] mean = new double[6];
    final int[] count = new int[6];
    for (final RatedEmbedding r : test) {
      final double s = head.sentiment(r.vector());
      assertThat(s).isBetween(-1.0, 1.0);
      mean[r.stars()] += s;
      count[r.stars()]++;
    }
    for (int s = 1; s <= 5; s++) {
      mean[s] /= count[s];
    }
    // Sentiment rises with stars, reads negative at 1 and 2 stars and positive at 4 and 5.
    assertThat(mean[1]).isLessThan(mean[2]);
    assertThat(mean[2]).isLessThan(mean[3]);
    assertThat(mean[3]).isLessThan(mean[4]);
    assertThat(mean[4]).isLessThan(mean[5]);
    assertThat(mean[1]).isLessThan(-0.7);
    assertThat(mean[2]).isLessThan(0);
    assertThat(mean[4]).isGreaterThan(0);
    assertThat(mean[5]).isGreaterThan(0.7);
    assertThat(head.version()).isEqualTo(3);
    assertThat(head.trainedOn()).isEqualTo(2000);
    assertThat(head.dimension()).isEqualTo(DIM);
  }

  @Test
  void survivesItsByteFormatUnchanged() {
    final SentimentHead head = new SentimentHeadTrainer().train(sample(300, 3), 7, 12_345);
    final SentimentHead back = SentimentHead.fromBytes(head.toBytes());
    assertThat(back.version()).isEqualTo(7);
    assertThat(back.ratingsSeen()).isEqualTo(12_345);
    assertThat(back.trainedOn()).isEqualTo(300);
    for (final RatedEmbedding r : sample(50, 4)) {
      assertThat(back.sentiment(r.vector())).isEqualTo(head.sentiment(r.vector()));
    }
  }

  @Test
  void refusesToTrainOnOneKindOfRatingOnly() {
    final List<RatedEmbedding> happy = sample(400, 5).stream().filter(r -> r.stars() >= 4).toList();
    assertThat(SentimentHeadTrainer.trainable(happy)).isFalse();
    assertThatThrownBy(() -> new SentimentHeadTrainer().train(happy, 1, 400))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4-5 stars and of 1-3 stars");
  }

  @Test
  void theShopsRatingMixDoesNotShiftSentiment() {
    // Satisfied reviews are 90 % of what this shop gets; an unclear review must still read about 0.
    final List<RatedEmbedding> skewed = new ArrayList<>();
    int unhappy = 0;
    for (final RatedEmbedding r : sample(6000, 6)) {
      if (r.stars() >= 4 || unhappy++ % 6 == 0) {
        skewed.add(r);
      }
    }
    final SentimentHead shop = new SentimentHeadTrainer().train(skewed, 1, skewed.size());
    assertThat(shop.satisfiedShare()).isGreaterThan(0.75);
    final float[] borderline = new float[DIM];
    borderline[0] = 0.2f; // the 3|4-star boundary of the mapping
    assertThat(shop.sentiment(borderline)).isBetween(-0.3, 0.3);
    borderline[0] = -0.4f; // firmly 2 stars
    assertThat(shop.sentiment(borderline)).isLessThan(-0.5);
  }
}
