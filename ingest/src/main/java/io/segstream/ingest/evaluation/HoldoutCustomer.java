package io.segstream.ingest.evaluation;

/**
 * A customer as the hold-out sees them: RFM measures at the cutoff, and what they did in the horizon after it.
 *
 * @param recencyDays days from the last order to the cutoff, capped at {@link Holdout#RECENCY_CAP_DAYS}; customers
 *     without an order (only returns) count as the cap
 * @param orders PURCHASE events before the cutoff
 * @param spend money in those orders
 * @param repurchased at least one PURCHASE in the horizon
 * @param futureSpend money in the horizon's purchases (returns are not netted)
 */
public record HoldoutCustomer(String userId, double recencyDays, long orders, double spend, boolean repurchased,
    double futureSpend) {
  /** The spend outcome on the scale it is scored on: log1p, so a few big buyers do not decide R². */
  public double logFutureSpend() {
    return Math.log1p(futureSpend);
  }
}
