package io.segstream.core.naming;

import io.segstream.core.model.Scaler;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names a segment whose character is its value and recency with the cell of the classic RFM map it sits in, the words
 * marketers already use ("Champions", "At risk", "Can't lose them", "Hibernating"...). The segment's recency and
 * frequency scores (1-5) are read off its centre as quintiles of the population: directly, when the model measures
 * features in population shares, or through the normal distribution for z-scores.
 *
 * <p>The map is the widely used R x F grid (the same as {@code segstream rfm}'s), with "New customers" for recent
 * one-time buyers who joined recently.
 */
final class RfmCell {
  /** Features about value, frequency and recency; a segment is named by RFM when they carry most of its distance. */
  static final Set<String> VALUE_FEATURES = Set.of("days_since_purchase", "days_since_seen", "tenure_days", "orders",
      "spend", "avg_order_value", "sessions", "lifetime_orders", "lifetime_spend");
  /** Share of a centre's squared distance from the typical user that must lie in {@link #VALUE_FEATURES}. */
  static final double VALUE_DOMINANCE = 0.7;
  /** The R, F and M axes themselves (recency, lifetime orders and spend) must carry at least this share of it. */
  static final Set<String> RFM_AXES = Set.of("days_since_purchase", "lifetime_orders", "lifetime_spend");
  static final double RFM_SHARE = 0.3;

  private static final String[][] GRID = {
      // F = 1, 2, 3, 4, 5
      {"Lost", "Lost", "At risk", "At risk", "Can't lose them"},                                    // R = 1
      {"Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"},                      // R = 2
      {"About to sleep", "About to sleep", "Need attention", "Loyal customers", "Loyal customers"}, // R = 3
      {"Promising", "Potential loyalists", "Potential loyalists", "Loyal customers", "Loyal customers"}, // R = 4
      {"New customers", "Potential loyalists", "Potential loyalists", "Champions", "Champions"}}; // R = 5

  private RfmCell() {}

  /** The RFM cell's name, if the segment is about value and recency and the model has the features to tell. */
  static Optional<String> label(final List<String> names, final Scaler scaler, final double[] centre) {
    final int recency = names.indexOf("days_since_purchase");
    final int frequency = names.indexOf("lifetime_orders");
    if (recency < 0 || frequency < 0) {
      return Optional.empty();
    }
    double value = 0;
    double axes = 0;
    double total = 0;
    for (int j = 0; j < centre.length; j++) {
      final double sq = centre[j] * centre[j];
      total += sq;
      if (VALUE_FEATURES.contains(names.get(j))) {
        value += sq;
      }
      if (RFM_AXES.contains(names.get(j))) {
        axes += sq;
      }
    }
    if (total == 0 || value < VALUE_DOMINANCE * total || axes < RFM_SHARE * total) {
      return Optional.empty();
    }
    // Recent = a small share of days since purchase = a high R score.
    final int r = 6 - score(share(scaler, centre, recency));
    final int f = score(share(scaler, centre, frequency));
    final int tenure = names.indexOf("tenure_days");
    if (r >= 4 && f <= 2 && tenure >= 0 && share(scaler, centre, tenure) < 0.3) {
      return Optional.of("New customers");
    }
    return Optional.of(GRID[r - 1][f - 1]);
  }

  private static int score(final double share) {
    return Math.max(1, Math.min(5, 1 + (int) Math.floor(5 * share)));
  }

  private static double share(final Scaler scaler, final double[] centre, final int j) {
    if (scaler.byShares()) {
      return Math.max(0, Math.min(1, 0.5 + centre[j] * scaler.distributions().get(j).spread()));
    }
    return 0.5 * (1 + erf(centre[j] / Math.sqrt(2)));
  }

  /** Abramowitz-Stegun 7.1.26, |error| < 1.5e-7: ample for a quintile. */
  private static double erf(final double x) {
    final double t = 1 / (1 + 0.3275911 * Math.abs(x));
    final double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
        + t * 1.061405429)))) * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }

}
