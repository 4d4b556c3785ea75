package io.segstream.core.model;

import java.util.Arrays;

/**
 * One feature's distribution over a population, as knots of (value, share of the population below it): a value's
 * share is its mid-rank (users below it, plus half of those equal to it, over all), so a value most users share (no
 * returns at all) sits in the middle of its tie instead of at either end. Between knots the share is interpolated
 * linearly, so a curve of at most {@value #MAX_KNOTS} knots stands in for a population of any size.
 *
 * <p>Why shares: distances in shares are "how many customers lie between you", as RFM's quintile scores are. A few
 * extreme spenders no longer stretch the scale for everyone else, every feature is spread evenly over its range, and
 * a feature on which (nearly) everyone is equal, such as page views in a shop that sends none, has almost no spread in
 * shares and so no weight in any distance.
 *
 * @param values increasing knot values
 * @param shares the share at each knot, non-decreasing, in [0, 1]
 * @param spread the divisor of shares: 1/sqrt(12), the spread of evenly spread shares, so a feature on which users
 *     differ has about unit variance, and one on which most are tied (few returns, few reviews) has less and weighs
 *     less: dividing by its own smaller spread would blow a handful of reviewers up into a segment of their own
 */
public record FeatureCdf(double[] values, double[] shares, double spread) {
  static final int MAX_KNOTS = 256;
  /** Standard deviation of shares spread evenly over [0, 1]. */
  public static final double UNIFORM_SPREAD = 1.0 / Math.sqrt(12.0);

  public FeatureCdf {
    if (values.length == 0 || values.length != shares.length) {
      throw new IllegalArgumentException("a feature's distribution needs as many shares as values, at least one");
    }
    values = values.clone();
    shares = shares.clone();
  }

  /** The distribution of one feature's column (sorted in place). */
  public static FeatureCdf of(final double[] column) {
    Arrays.sort(column);
    final int n = column.length;
    final double[] distinct = new double[n];
    final double[] mid = new double[n];
    int m = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && column[j] == column[i]) {
        j++;
      }
      distinct[m] = column[i];
      mid[m] = (i + (j - i) / 2.0) / n;
      m++;
      i = j;
    }
    final double[] values;
    final double[] shares;
    if (m <= MAX_KNOTS) {
      values = Arrays.copyOf(distinct, m);
      shares = Arrays.copyOf(mid, m);
    } else {
      values = new double[MAX_KNOTS];
      shares = new double[MAX_KNOTS];
      for (int k = 0; k < MAX_KNOTS; k++) {
        final int idx = (int) Math.round((double) k * (m - 1) / (MAX_KNOTS - 1));
        values[k] = distinct[idx];
        shares[k] = mid[idx];
      }
    }
    return new FeatureCdf(values, shares, UNIFORM_SPREAD);
  }

  /** The share of the population at {@code x}: interpolated between knots, the end knots' shares outside them. */
  public double share(final double x) {
    if (x <= values[0]) {
      return shares[0];
    }
    final int last = values.length - 1;
    if (x >= values[last]) {
      return shares[last];
    }
    int i = Arrays.binarySearch(values, x);
    if (i >= 0) {
      return shares[i];
    }
    i = -i - 1; // values[i - 1] < x < values[i]
    final double w = (x - values[i - 1]) / (values[i] - values[i - 1]);
    return shares[i - 1] + w * (shares[i] - shares[i - 1]);
  }

  /** The value at a share: the inverse of {@link #share}, clamped to the knots. */
  public double value(final double share) {
    if (share <= shares[0]) {
      return values[0];
    }
    final int last = shares.length - 1;
    if (share >= shares[last]) {
      return values[last];
    }
    int i = 1;
    while (shares[i] < share) {
      i++;
    }
    final double span = shares[i] - shares[i - 1];
    final double w = span <= 0 ? 0 : (share - shares[i - 1]) / span;
    return values[i - 1] + w * (values[i] - values[i - 1]);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof FeatureCdf c && Arrays.equals(values, c.values) && Arrays.equals(shares, c.shares)
        && spread == c.spread;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(values) + Arrays.hashCode(shares)) + Double.hashCode(spread);
  }

  @Override
  public String toString() {
    return "FeatureCdf[" + values.length + " knots, spread " + spread + "]";
  }
}
