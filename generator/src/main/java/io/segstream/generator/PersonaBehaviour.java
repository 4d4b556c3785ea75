package io.segstream.generator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How one kind of shopper behaves. Every numeric parameter is a {@link Range}: each user draws personal
 * values from it (their own rhythm, budget, taste), and sessions add noise on top, so a persona is a cloud
 * in feature space rather than a point.
 *
 * @param sessionGapDays     the user's mean time between visits (gaps are Erlang-distributed around it)
 * @param viewsPerSession    mean product page views per visit
 * @param buyProbability     chance that a visit ends in an order
 * @param abandonProbability chance that a visit without an order still fills a cart, then leaves it
 * @param itemsPerOrder      mean order lines
 * @param comparisonAdds     mean extra cart adds per carting visit that get removed again (price comparison)
 * @param priceQuantile      where in each category's price range the user shops (0 cheapest, 1 dearest)
 * @param discountedShare    share of purchased lines bought at a discount
 * @param discount           discount fraction of a discounted line
 * @param reviewProbability  chance per visit to review something bought earlier
 * @param returnProbability  chance per visit to return a line bought in the last 30 days
 * @param maxOrders          orders the user places at most while behaving like this (a newcomer's one
 *                           tentative order)
 * @param categoryTaste      relative interest per category; every user perturbs it
 * @param reviewTopics       relative frequency of what their reviews are about
 */
public record PersonaBehaviour(
    Range sessionGapDays,
    Range viewsPerSession,
    Range buyProbability,
    Range abandonProbability,
    Range itemsPerOrder,
    Range comparisonAdds,
    Range priceQuantile,
    Range discountedShare,
    Range discount,
    Range reviewProbability,
    Range returnProbability,
    int maxOrders,
    Map<Category, Double> categoryTaste,
    Map<ReviewTopic, Double> reviewTopics) {

  public PersonaBehaviour {
    if (sessionGapDays.min() <= 0) {
      throw new IllegalArgumentException("session gap must be positive");
    }
    if (viewsPerSession.min() < 1 || itemsPerOrder.min() < 1) {
      throw new IllegalArgumentException("at least one view per session and one line per order");
    }
    if (maxOrders < 0) {
      throw new IllegalArgumentException("maxOrders must be >= 0");
    }
    categoryTaste = immutableWeights(categoryTaste, Category.class);
    reviewTopics = immutableWeights(reviewTopics, ReviewTopic.class);
  }

  private static <E extends Enum<E>> Map<E, Double> immutableWeights(final Map<E, Double> weights, final Class<E> type) {
    final EnumMap<E, Double> copy = new EnumMap<>(type);
    weights.forEach((k, v) -> {
      if (!(v >= 0)) {
        throw new IllegalArgumentException("negative weight for " + k);
      }
      copy.put(k, v);
    });
    if (copy.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw new IllegalArgumentException("weights of " + type.getSimpleName() + " must not all be zero");
    }
    // EnumMap keeps declaration order; Map.copyOf would iterate in a per-JVM random order and break determinism.
    return Collections.unmodifiableMap(copy);
  }
  /** Spells out a behaviour parameter by parameter; positional arguments of fourteen ranges invite mix-ups. */
  static final class Builder {
    private Range gap = Range.of(2, 4);
    private Range views = Range.of(2, 5);
    private Range buy = Range.exactly(0);
    private Range abandon = Range.exactly(0);
    private Range items = Range.exactly(1);
    private Range comparisons = Range.exactly(0);
    private Range priceQuantile = Range.of(0.3, 0.7);
    private Range discounted = Range.exactly(0);
    private Range discount = Range.of(0.1, 0.2);
    private Range reviews = Range.exactly(0);
    private Range returns = Range.exactly(0);
    private int maxOrders = Integer.MAX_VALUE;
    private Map<Category, Double> taste = Map.of();
    private Map<ReviewTopic, Double> topics = Map.of(ReviewTopic.MIXED, 1.0);

    Builder gapDays(final double min, final double max) { gap = Range.of(min, max); return this; }
    Builder views(final double min, final double max) { views = Range.of(min, max); return this; }
    Builder buy(final double min, final double max) { buy = Range.of(min, max); return this; }
    Builder abandon(final double min, final double max) { abandon = Range.of(min, max); return this; }
    Builder items(final double min, final double max) { items = Range.of(min, max); return this; }
    Builder comparisons(final double min, final double max) { comparisons = Range.of(min, max); return this; }
    Builder priceQuantile(final double min, final double max) { priceQuantile = Range.of(min, max); return this; }
    Builder discounted(final double min, final double max) { discounted = Range.of(min, max); return this; }
    Builder discount(final double min, final double max) { discount = Range.of(min, max); return this; }
    Builder reviews(final double min, final double max) { reviews = Range.of(min, max); return this; }
    Builder returns(final double min, final double max) { returns = Range.of(min, max); return this; }
    Builder maxOrders(final int n) { maxOrders = n; return this; }
    Builder taste(final Map<Category, Double> weights) { taste = weights; return this; }
    Builder topics(final Map<ReviewTopic, Double> weights) { topics = weights; return this; }

    PersonaBehaviour build() {
      return new PersonaBehaviour(gap, views, buy, abandon, items, comparisons, priceQuantile, discounted, discount,
          reviews, returns, maxOrders, taste, topics);
    }
  }
}
