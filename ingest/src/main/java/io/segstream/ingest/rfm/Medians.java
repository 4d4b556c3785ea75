package io.segstream.ingest.rfm;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians of a measure over a group of customers: robust to the few wholesale buyers in shop data. */
final class Medians {
  private Medians() {}

  static double of(final List<RfmScore> group, final ToDoubleFunction<CustomerRfm> measure) {
    if (group.isEmpty()) {
      return Double.NaN;
    }
    final double[] v = group.stream().mapToDouble(s -> measure.applyAsDouble(s.customer())).sorted().toArray();
    final int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
  }
}
