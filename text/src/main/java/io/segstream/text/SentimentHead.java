package io.segstream.text;

import java.nio.ByteBuffer;
import java.util.Arrays;
import smile.classification.LogisticRegression;
import smile.util.IntSet;

/**
 * Sentiment learned from a shop's own star ratings: a multinomial logistic regression (smile) from a
 * review's embedding to its stars. Sentiment = (expected stars − 3) / 2, so a review the head expects to
 * get 3 stars reads as 0, 1 star as −1 and 5 stars as +1, whatever the anchors would have said; the
 * anchors were written for generated text and read most real reviews as negative.
 *
 * <p>Immutable and thread-safe; {@link #toBytes()} is what the text stage keeps in its compacted head topic.
 */
public final class SentimentHead {
  private static final int FORMAT = 1;

  private final long version;
  private final long ratingsSeen;
  private final int trainedOn;
  private final int[] stars;
  private final double[][] coefficients;
  private final LogisticRegression.Multinomial model;

  /**
   * @param version increases by one with each training run
   * @param ratingsSeen rated reviews seen by the trainer when it trained this head
   * @param trainedOn examples it was fitted on (at most the trainer's window)
   * @param stars the star classes present in training, ascending
   * @param coefficients smile's coefficients for those classes
   */
  public SentimentHead(final long version, final long ratingsSeen, final int trainedOn, final int[] stars,
      final double[][] coefficients) {
    if (stars.length < 3) {
      throw new IllegalArgumentException("a head needs at least three star classes, got " + Arrays.toString(stars));
    }
    this.version = version;
    this.ratingsSeen = ratingsSeen;
    this.trainedOn = trainedOn;
    this.stars = stars.clone();
    this.coefficients = Arrays.stream(coefficients).map(double[]::clone).toArray(double[][]::new);
    this.model = new LogisticRegression.Multinomial(this.coefficients, 0, 0, IntSet.of(this.stars));
  }

  /** The trained smile model, wrapped with its bookkeeping. */
  static SentimentHead of(final long version, final long ratingsSeen, final int trainedOn,
      final LogisticRegression.Multinomial fitted) {
    return new SentimentHead(version, ratingsSeen, trainedOn, fitted.classes(), fitted.coefficients());
  }

  /** Sentiment in [-1, 1] of one embedding. */
  public double sentiment(final float[] embedding) {
    final double[] x = new double[embedding.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = embedding[i];
    }
    final double[] p = new double[stars.length];
    model.predict(x, p);
    double expected = 0;
    for (int k = 0; k < stars.length; k++) {
      expected += p[k] * stars[k];
    }
    return Math.max(-1, Math.min(1, (expected - 3) / 2));
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

  public int[] stars() {
    return stars.clone();
  }

  /** Format, version, ratings seen, examples, classes, then each class's coefficients (doubles, big-endian). */
  public byte[] toBytes() {
    final int width = coefficients.length == 0 ? 0 : coefficients[0].length;
    final ByteBuffer b = ByteBuffer.allocate(4 + 8 + 8 + 4 + 4 + 4 * stars.length + 4 + 4
        + 8 * coefficients.length * width);
    b.putInt(FORMAT).putLong(version).putLong(ratingsSeen).putInt(trainedOn).putInt(stars.length);
    for (final int s : stars) {
      b.putInt(s);
    }
    b.putInt(coefficients.length).putInt(width);
    for (final double[] row : coefficients) {
      for (final double w : row) {
        b.putDouble(w);
      }
    }
    return b.array();
  }

  public static SentimentHead fromBytes(final byte[] bytes) {
    final ByteBuffer b = ByteBuffer.wrap(bytes);
    final int format = b.getInt();
    if (format != FORMAT) {
      throw new IllegalArgumentException("unknown sentiment head format " + format);
    }
    final long version = b.getLong();
    final long seen = b.getLong();
    final int trainedOn = b.getInt();
    final int[] stars = new int[b.getInt()];
    for (int i = 0; i < stars.length; i++) {
      stars[i] = b.getInt();
    }
    final double[][] w = new double[b.getInt()][b.getInt()];
    for (final double[] row : w) {
      for (int j = 0; j < row.length; j++) {
        row[j] = b.getDouble();
      }
    }
    return new SentimentHead(version, seen, trainedOn, stars, w);
  }

  @Override
  public String toString() {
    return "SentimentHead[v" + version + ", " + ratingsSeen + " ratings seen, trained on " + trainedOn + ", stars "
        + Arrays.toString(stars) + "]";
  }
}
