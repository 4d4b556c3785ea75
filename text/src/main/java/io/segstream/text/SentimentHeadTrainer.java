package io.segstream.text;

import java.util.List;
import smile.classification.LogisticRegression;

/**
 * Fits a {@link SentimentHead} on rated embeddings with smile's L2-regularised logistic regression (L-BFGS).
 * The regularisation keeps a head fitted on a few hundred reviews from memorising them: 384 free weights
 * would otherwise fit any small sample.
 */
public final class SentimentHeadTrainer {
  /**
   * Default L2 penalty. Chosen, with the binary target and the division of the rating mix, on the tuning half
   * of the development reviews only (products split by a hash of their id); see docs/text.md.
   */
  public static final double DEFAULT_LAMBDA = 0.3;

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

  /** Whether these examples can train a head: at least one satisfied (4–5 stars) and one not (1–3 stars). */
  public static boolean trainable(final List<RatedEmbedding> examples) {
    final long satisfied = examples.stream().filter(SentimentHeadTrainer::satisfied).count();
    return satisfied > 0 && satisfied < examples.size();
  }

  private static boolean satisfied(final RatedEmbedding r) {
    return r.stars() >= SentimentHead.SATISFIED_FROM;
  }

  /**
   * @param version the new head's version
   * @param ratingsSeen how many ratings the caller has seen in all (reported with the head)
   */
  public SentimentHead train(final List<RatedEmbedding> examples, final long version, final long ratingsSeen) {
    if (!trainable(examples)) {
      throw new IllegalArgumentException("training a sentiment head needs reviews of 4-5 stars and of 1-3 stars;"
          + " got " + examples.size() + " review(s) of one kind");
    }
    final double[][] x = new double[examples.size()][];
    final int[] y = new int[examples.size()];
    int satisfied = 0;
    for (int i = 0; i < x.length; i++) {
      final float[] v = examples.get(i).vector();
      x[i] = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        x[i][j] = v[j];
      }
      y[i] = satisfied(examples.get(i)) ? 1 : 0;
      satisfied += y[i];
    }
    final LogisticRegression.Binomial fitted = LogisticRegression.binomial(x, y,
        new LogisticRegression.Options(lambda, 1e-5, maxIterations));
    return new SentimentHead(version, ratingsSeen, examples.size(), (double) satisfied / examples.size(),
        fitted.coefficients());
  }

  @Override
  public String toString() {
    return "logistic regression (4-5 stars vs 1-3), lambda " + lambda + ", rating mix divided out";
  }
}
