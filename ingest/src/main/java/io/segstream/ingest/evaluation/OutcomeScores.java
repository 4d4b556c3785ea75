package io.segstream.ingest.evaluation;

import smile.validation.metric.AUC;

/**
 * How much a partition tells about what customers did next. Both scores use nothing but the group a customer
 * is in, so they compare partitions with any number of groups from any method on equal terms.
 */
public final class OutcomeScores {
  private OutcomeScores() {}

  /**
   * ROC AUC of "the repurchase rate of the customer's group" as a score for "this customer buys again":
   * 0.5 = the groups tell nothing, 1 = they separate buyers from the rest. Ties (every member of a group shares
   * the score) count half, as in the Mann–Whitney U statistic. NaN when everyone or no one bought again.
   */
  public static double repurchaseAuc(final int[] groups, final boolean[] repurchased) {
    final int k = maxGroup(groups) + 1;
    final double[] buyers = new double[k];
    final double[] members = new double[k];
    final int[] truth = new int[groups.length];
    int positives = 0;
    for (int i = 0; i < groups.length; i++) {
      members[groups[i]]++;
      if (repurchased[i]) {
        buyers[groups[i]]++;
        truth[i] = 1;
        positives++;
      }
    }
    if (positives == 0 || positives == groups.length) {
      return Double.NaN;
    }
    final double[] score = new double[groups.length];
    for (int i = 0; i < groups.length; i++) {
      score[i] = buyers[groups[i]] / members[groups[i]];
    }
    return AUC.of(truth, score);
  }

  /**
   * R² of the group means: the share of the outcome's variance between groups, 1 − SS_within / SS_total. 0 =
   * the groups' means are all the overall mean; NaN when the outcome does not vary.
   */
  public static double rSquaredOfGroupMeans(final int[] groups, final double[] outcome) {
    final int k = maxGroup(groups) + 1;
    final double[] sum = new double[k];
    final double[] n = new double[k];
    double total = 0;
    for (int i = 0; i < groups.length; i++) {
      sum[groups[i]] += outcome[i];
      n[groups[i]]++;
      total += outcome[i];
    }
    final double mean = total / groups.length;
    double within = 0;
    double all = 0;
    for (int i = 0; i < groups.length; i++) {
      final double d = outcome[i] - sum[groups[i]] / n[groups[i]];
      within += d * d;
      all += (outcome[i] - mean) * (outcome[i] - mean);
    }
    return all == 0 ? Double.NaN : 1.0 - within / all;
  }

  private static int maxGroup(final int[] groups) {
    int max = -1;
    for (final int g : groups) {
      if (g < 0) {
        throw new IllegalArgumentException("groups must be 0 or more, found " + g);
      }
      max = Math.max(max, g);
    }
    return max;
  }
}
