package io.segstream.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Draws one of a fixed set of options with given relative weights. */
final class WeightedPick<T> {
  private final List<T> options;
  private final double[] cumulative;

  /** Iterates the map in its own order, so callers pass an order-stable map (EnumMap) to stay deterministic. */
  WeightedPick(final Map<T, Double> weights) {
    this.options = new ArrayList<>(weights.size());
    this.cumulative = new double[weights.size()];
    double total = 0;
    int i = 0;
    for (final Map.Entry<T, Double> e : weights.entrySet()) {
      total += e.getValue();
      options.add(e.getKey());
      cumulative[i++] = total;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
  }

  T pick(final RandomGenerator rng) {
    final double u = rng.nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return options.get(i);
      }
    }
    return options.get(options.size() - 1);
  }
}
