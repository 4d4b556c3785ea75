package io.segstream.cli;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Agreement statistics between a score and a ground truth, for the text evaluation. */
final class TextAgreement {
  private TextAgreement() {}

  static double pearson(final double[] x, final double[] y) {
    final double mx = Arrays.stream(x).average().orElse(0);
    final double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  /** Pearson correlation of the ranks (ties get their average rank). */
  static double spearman(final double[] x, final double[] y) {
    return pearson(ranks(x), ranks(y));
  }

  private static double[] ranks(final double[] v) {
    final Integer[] order = IntStream.range(0, v.length).boxed().sorted(Comparator.comparingDouble(i -> v[i]))
        .toArray(Integer[]::new);
    final double[] r = new double[v.length];
    for (int i = 0; i < order.length; ) {
      int j = i;
      while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        r[order[k]] = (i + j) / 2.0 + 1;
      }
      i = j + 1;
    }
    return r;
  }

  /** Precision, recall and F1 of "score >= threshold" against the truth, and the threshold-free ROC AUC. */
  record Detection(double precision, double recall, double f1, double auc, int positives) {}

  static Detection detection(final double[] score, final boolean[] truth, final double threshold) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < score.length; i++) {
      final boolean said = score[i] >= threshold;
      if (said && truth[i]) {
        tp++;
      } else if (said) {
        fp++;
      } else if (truth[i]) {
        fn++;
      }
    }
    final double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    final double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    return new Detection(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), auc(score, truth), tp + fn);
  }

  /** Probability that a random positive scores above a random negative (Mann-Whitney). */
  static double auc(final double[] score, final boolean[] truth) {
    final double[] r = ranks(score);
    double rankSum = 0;
    long pos = 0;
    for (int i = 0; i < r.length; i++) {
      if (truth[i]) {
        rankSum += r[i];
        pos++;
      }
    }
    final long neg = r.length - pos;
    return pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / (pos * neg);
  }
}
