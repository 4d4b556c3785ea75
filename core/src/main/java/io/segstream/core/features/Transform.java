package io.segstream.core.features;

/** Applied before standardisation; heavy-tailed quantities (money, counts, days) are log-compressed. */
public enum Transform {
  IDENTITY {
    @Override public double apply(final double x) { return x; }
    @Override public double invert(final double y) { return y; }
  },
  LOG1P {
    @Override public double apply(final double x) { return Math.log1p(Math.max(0.0, x)); }
    @Override public double invert(final double y) { return Math.expm1(y); }
  };

  public abstract double apply(double x);

  public abstract double invert(double y);
}
