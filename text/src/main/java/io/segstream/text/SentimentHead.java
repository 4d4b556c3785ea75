package io.segstream.text;

import java.nio.ByteBuffer;
import java.util.Arrays;
import smile.classification.LogisticRegression;
import smile.util.IntSet;

/**
 * Sentiment learned from a shop's own star ratings: an L2-regularised logistic regression (smile) from a
 * review's embedding to "satisfied" (4 or 5 stars) versus not (1 to 3 stars).
 *
 * <p>Shops get far more 4- and 5-star reviews than the rest, and a classifier learns that mix: left alone it
 * calls an unclear review satisfied. The head divides the mix out (the log of the training set's odds of
 * "satisfied" is taken off the logit), so sentiment = 2·P(satisfied at even odds) − 1 says what the text
 * says whatever the shop's rating mix is: reviews as likely satisfied as not read 0. The anchors, written for
 * generated text, read most real reviews as negative; this head is calibrated by the shop's own ratings.
 *
 * <p>Immutable and thread-safe; {@link #toBytes()} is what the text stage keeps in its compacted head topic.
 */
public final class SentimentHead {
  /** Stars from which a review counts as satisfied. */
  public static final int SATISFIED_FROM = 4;
  private static final int FORMAT = 1;

  private final long version;
  private final long ratingsSeen;
  private final int trainedOn;
  private final double satisfiedShare;
  private final double[] coefficients;
  private final LogisticRegression.Binomial model;

  /**
   * @param version increases by one with each training run
   * @param ratingsSeen rated reviews seen by the trainer when it trained this head
   * @param trainedOn examples it was fitted on (at most the trainer's window)
   * @param satisfiedShare share of satisfied reviews in training, divided out when predicting, in (0, 1)
   * @param coefficients smile's coefficients (weights, then intercept)
   */
  public SentimentHead(final long version, final long ratingsSeen, final int trainedOn, final double satisfiedShare,
      final double[] coefficients) {
    if (!(satisfiedShare > 0 && satisfiedShare < 1)) {
      throw new IllegalArgumentException("share of satisfied reviews must be in (0, 1), got " + satisfiedShare);
    }
    if (coefficients.length < 2 || Arrays.stream(coefficients).anyMatch(w -> !Double.isFinite(w))) {
      throw new IllegalArgumentException("coefficients must be finite, at least a weight and an intercept");
    }
    this.version = version;
    this.ratingsSeen = ratingsSeen;
    this.trainedOn = trainedOn;
    this.satisfiedShare = satisfiedShare;
    this.coefficients = coefficients.clone();
    this.model = new LogisticRegression.Binomial(this.coefficients, 0, 0, IntSet.of(2));
  }

  /** Sentiment in [-1, 1] of one embedding. */
  public double sentiment(final float[] embedding) {
    if (embedding.length != dimension()) {
      throw new IllegalArgumentException("embedding has " + embedding.length + " dimensions, the head " + dimension());
    }
    final double[] x = new double[embedding.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = embedding[i];
    }
    final double[] p = new double[2];
    model.predict(x, p);
    final double p1 = Math.min(1 - 1e-12, Math.max(1e-12, p[1]));
    final double logit = Math.log(p1 / (1 - p1)) - Math.log(satisfiedShare / (1 - satisfiedShare));
    return Math.tanh(logit / 2); // = 2 σ(logit) − 1
  }

  public int dimension() {
    return coefficients.length - 1;
  }

  public long version() {
    return version;
  }

  public long ratingsSeen() {
    return ratingsSeen;
  }

  public int trainedOn() {
    return trainedOn;
  }

  public double satisfiedShare() {
    return satisfiedShare;
  }

  /** Format, version, ratings seen, examples, share satisfied, then the coefficients (big-endian). */
  public byte[] toBytes() {
    final ByteBuffer b = ByteBuffer.allocate(4 + 8 + 8 + 4 + 8 + 4 + 8 * coefficients.length);
    b.putInt(FORMAT).putLong(version).putLong(ratingsSeen).putInt(trainedOn).putDouble(satisfiedShare)
        .putInt(coefficients.length);
    for (final double w : coefficients) {
      b.putDouble(w);
    }
    return b.array();
  }

  /** @throws IllegalArgumentException if the bytes are not a head */
  public static SentimentHead fromBytes(final byte[] bytes) {
    try {
      final ByteBuffer b = ByteBuffer.wrap(bytes);
      final int format = b.getInt();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown sentiment head format " + format);
      }
      final long version = b.getLong();
      final long seen = b.getLong();
      final int trainedOn = b.getInt();
      final double share = b.getDouble();
      final double[] w = new double[b.getInt()];
      for (int i = 0; i < w.length; i++) {
        w[i] = b.getDouble();
      }
      return new SentimentHead(version, seen, trainedOn, share, w);
    } catch (final java.nio.BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("truncated sentiment head (" + bytes.length + " bytes)", e);
    }
  }

  @Override
  public String toString() {
    return "SentimentHead[v" + version + ", " + ratingsSeen + " ratings seen, trained on " + trainedOn + "]";
  }
}
