package io.segstream.generator;

import java.util.random.RandomGenerator;

/** A closed interval a behaviour parameter is drawn from, so two users of one persona are never identical. */
public record Range(double min, double max) {
  public Range {
    if (!(min <= max) || Double.isNaN(min) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("bad range [" + min + ", " + max + "]");
    }
  }

  public static Range of(final double min, final double max) {
    return new Range(min, max);
  }

  public static Range exactly(final double value) {
    return new Range(value, value);
  }

  public double sample(final RandomGenerator rng) {
    return min == max ? min : min + (max - min) * rng.nextDouble();
  }

  public double mid() {
    return (min + max) / 2;
  }
}
