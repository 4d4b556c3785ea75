package io.segstream.core.features;

/** Applied before standardisation; heavy-tailed quantities (money, counts, days) are log-compressed. */
public enum Transform {
  IDENTITY {
    @Override public double apply(final double x) { return x; }
    @Override public double invert(final double y) { return y; }
  },
  LOG1P {
    @Override public double apply(final double x) { return log1p(Math.max(0.0, x)); }
    @Override public double invert(final double y) { return Math.expm1(y); }
  };

  /**
   * ln(1 + x) for x ≥ 0, within a few ulps, by Kahan's method (Goldberg, "What every computer scientist should
   * know about floating-point arithmetic", theorem 4): {@code Math.log1p} is not a JIT intrinsic and runs
   * StrictMath's software routine, which was 2% of the stream thread's time (about ten calls per event,
   * docs/performance.md); {@code Math.log} is an intrinsic.
   */
  static double log1p(final double x) {
    final double u = 1.0 + x;
    if (u == 1.0 || u == Double.POSITIVE_INFINITY) {
      return u == 1.0 ? x : u;
    }
    return Math.log(u) * (x / (u - 1.0));
  }

  public abstract double apply(double x);

  public abstract double invert(double y);
}
