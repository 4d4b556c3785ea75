package io.segstream.generator;

import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One user's personal draw from a {@link PersonaBehaviour}: their own rhythm, basket, budget and taste. Sessions
 * add noise on top of these.
 */
record UserTraits(
    double sessionGapDays,
    double viewsPerSession,
    double buyProbability,
    double abandonProbability,
    double itemsPerOrder,
    double comparisonAdds,
    double priceQuantile,
    double discountedShare,
    Range discount,
    double reviewProbability,
    double returnProbability,
    int maxOrders,
    WeightedPick<Category> taste,
    WeightedPick<ReviewTopic> reviewTopics) {

  /** How much one user's interest in a category may differ from their persona's (log-normal factor sigma). */
  private static final double TASTE_NOISE = 0.6;

  static UserTraits sample(final PersonaBehaviour b, final RandomGenerator rng) {
    final Map<Category, Double> taste = new EnumMap<>(Category.class);
    for (final Category c : Category.values()) {
      taste.put(c, b.categoryTaste().getOrDefault(c, 0.0) * Math.exp(TASTE_NOISE * rng.nextGaussian()));
    }
    return new UserTraits(
        b.sessionGapDays().sample(rng),
        b.viewsPerSession().sample(rng),
        b.buyProbability().sample(rng),
        b.abandonProbability().sample(rng),
        b.itemsPerOrder().sample(rng),
        b.comparisonAdds().sample(rng),
        b.priceQuantile().sample(rng),
        b.discountedShare().sample(rng),
        b.discount(),
        b.reviewProbability().sample(rng),
        b.returnProbability().sample(rng),
        b.maxOrders(),
        new WeightedPick<>(taste),
        new WeightedPick<>(new EnumMap<>(b.reviewTopics())));
  }
}
