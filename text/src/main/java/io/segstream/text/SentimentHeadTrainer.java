package io.segstream.text;

import java.util.List;
import smile.classification.LogisticRegression;

/**
 * Fits a {@link SentimentHead} on rated embeddings with smile's L2-regularised multinomial logistic
 * regression (L-BFGS). The regularisation keeps a head fitted on a few hundred reviews from memorising them;
 * 384 free weights per class would otherwise fit any small sample.
 */
public final class SentimentHeadTrainer {
  /** Default L2 penalty; chosen on the tuning half of the development reviews, see docs/text.md. */
  public static final double DEFAULT_LAMBDA = 0.1;

  private final double lambda;
  private final int maxIterations;

  public SentimentHeadTrainer(final double lambda, final int maxIterations) {
    if (!(lambda >= 0) || maxIterations < 1) {
      throw new IllegalArgumentException("lambda must be >= 0 and iterations >= 1, got " + lambda + ", " + maxIterations);
    }
    this.lambda = lambda;
    this.maxIterations = maxIterations;
  }

  public SentimentHeadTrainer() {
    this(DEFAULT_LAMBDA, 500);
  }

  /** Whether these examples can train a head: at least three different star ratings (a multinomial model). */
  public static boolean trainable(final List<RatedEmbedding> examples) {
    return examples.stream().mapToInt(RatedEmbedding::stars).distinct().count() >= 3;
  }

  /**
   * @param version the new head's version
   * @param ratingsSeen how many ratings the caller has seen in all (reported with the head)
   */
  public SentimentHead train(final List<RatedEmbedding> examples, final long version, final long ratingsSeen) {
    if (!trainable(examples)) {
      throw new IllegalArgumentException("training a sentiment head needs reviews with at least three different star"
          + " ratings; got " + examples.size() + " review(s)");
    }
    final double[][] x = new double[examples.size()][];
    final int[] y = new int[examples.size()];
    for (int i = 0; i < x.length; i++) {
      final float[] v = examples.get(i).vector();
      x[i] = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        x[i][j] = v[j];
      }
      y[i] = examples.get(i).stars();
    }
    final LogisticRegression.Multinomial fitted = LogisticRegression.multinomial(x, y,
        new LogisticRegression.Options(lambda, 1e-5, maxIterations));
    return SentimentHead.of(version, ratingsSeen, examples.size(), fitted);
  }

  @Override
  public String toString() {
    return "multinomial logistic regression, lambda " + lambda + ", up to " + maxIterations + " iterations";
  }
}
