package io.segstream.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Standardisation z = (x - mean) / scale that travels inside the model, so training and assignment
 * always scale a vector the same way.
 *
 * <p>Two guards keep one feature from dominating every distance: the scale has a floor of
 * {@value #RELATIVE_FLOOR} × (1 + |mean|), so a feature that barely varied in the data the scaler saw
 * (days since last seen is 0 for every vector taken at an event) does not turn a later, ordinary value
 * into a z of hundreds; and z is clipped to ±{@value #MAX_Z}, so a single extreme user cannot either.
 */
public record Scaler(double[] mean, double[] scale, List<FeatureCdf> distributions, double blend) {
  /** In a blend, the z-score part is clipped here: its tail is what shares are there to tame. */
  static final double BLEND_Z_CLIP = 3.0;

  static final double RELATIVE_FLOOR = 0.05;
  public static final double MAX_Z = 8.0;

  public Scaler {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException("mean and scale differ in length");
    }
    if (!distributions.isEmpty() && distributions.size() != mean.length) {
      throw new IllegalArgumentException("need one distribution per feature, or none");
    }
    mean = mean.clone();
    scale = scale.clone();
    distributions = List.copyOf(distributions);
    if (!(blend >= 0 && blend < 1) || (distributions.isEmpty() && blend != 0)) {
      throw new IllegalArgumentException("blend must be in [0, 1) and needs distributions, was " + blend);
    }
  }

  /** z-scores: z = (x - mean) / scale. */
  public Scaler(final double[] mean, final double[] scale) {
    this(mean, scale, List.of(), 0.0);
  }

  /** Whether this scaler measures in population shares ({@link FeatureCdf}) rather than z-scores. */
  public boolean byShares() {
    return !distributions.isEmpty();
  }

  public static Scaler fit(final double[][] data) {
    if (data.length == 0) {
      throw new IllegalArgumentException("cannot fit a scaler on no data");
    }
    return RunningMoments.of(data).scaler();
  }

  /**
   * A scaler for a whole population: centred on each feature's median, scaled by its standard deviation (floored
   * as usual). Centring does not change any distance, so clusters are the same as with the mean; but the centre is
   * what descriptions and explanations call "typical", and the median is what a person means by it: on skewed data
   * (most customers away for months, a few buying every week) the mean describes nobody.
   */
  public static Scaler fitPopulation(final double[][] data) {
    return fitPopulation(data, false, 0.0);
  }

  /**
   * As {@link #fitPopulation(double[][])}; with {@code byShares}, the scaler measures each feature in shares of the
   * population ({@link FeatureCdf}): z = (share(x) - 0.5) / spread, blended with weight {@code blend} with the
   * z-score clipped at ±{@value #BLEND_Z_CLIP}: shares alone ignore how far beyond the others the top customers are,
   * z-scores alone let them stretch the scale. The mean and scale are still the median and the standard deviation,
   * for descriptions ("typical") and for the online model's moments.
   */
  public static Scaler fitPopulation(final double[][] data, final boolean byShares, final double blend) {
    if (data.length == 0) {
      throw new IllegalArgumentException("cannot fit a scaler on no data");
    }
    final int d = data[0].length;
    final double[] sd = RunningMoments.of(data).standardDeviation();
    final double[] median = new double[d];
    final double[] column = new double[data.length];
    final double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < data.length; i++) {
        column[i] = data[i][j];
      }
      Arrays.sort(column);
      final int mid = column.length / 2;
      median[j] = column.length % 2 == 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2.0;
      scale[j] = floored(sd[j], median[j]);
    }
    if (!byShares) {
      return new Scaler(median, scale);
    }
    final List<FeatureCdf> cdfs = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < data.length; i++) {
        column[i] = data[i][j];
      }
      cdfs.add(FeatureCdf.of(column));
    }
    return new Scaler(median, scale, cdfs, blend);
  }

  /** The scale actually used for a feature with this spread and mean. */
  public static double floored(final double sd, final double mean) {
    return Math.max(sd, RELATIVE_FLOOR * (1.0 + Math.abs(mean)));
  }

  public int dimension() {
    return mean.length;
  }

  public double[] transform(final double[] x) {
    final double[] z = new double[x.length];
    transformInto(x, z);
    return z;
  }

  /** As {@link #transform}, into {@code z} (which may be {@code x} itself). */
  public void transformInto(final double[] x, final double[] z) {
    if (byShares()) {
      for (int j = 0; j < x.length; j++) {
        z[j] = byShares(j, x[j]);
      }
      return;
    }
    for (int j = 0; j < x.length; j++) {
      z[j] = Math.max(-MAX_Z, Math.min(MAX_Z, (x[j] - mean[j]) / scale[j]));
    }
  }

  public double[][] transformAll(final double[][] xs) {
    final double[][] out = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      out[i] = transform(xs[i]);
    }
    return out;
  }

  public double[] inverse(final double[] z) {
    final double[] x = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      if (byShares() && blend == 0) {
        final FeatureCdf c = distributions.get(j);
        x[j] = c.value(0.5 + z[j] * c.spread());
      } else if (byShares()) {
        x[j] = invertBlend(j, z[j]);
      } else {
        x[j] = z[j] * scale[j] + mean[j];
      }
    }
    return x;
  }

  private double byShares(final int j, final double x) {
    final FeatureCdf c = distributions.get(j);
    final double share = (c.share(x) - 0.5) / c.spread();
    if (blend == 0) {
      return share;
    }
    final double standard = Math.max(-BLEND_Z_CLIP, Math.min(BLEND_Z_CLIP, (x - mean[j]) / scale[j]));
    return blend * standard + (1 - blend) * share;
  }

  /** The blend is increasing in x (strictly where either part moves): bisection between its flat ends. */
  private double invertBlend(final int j, final double z) {
    final FeatureCdf c = distributions.get(j);
    double lo = Math.min(c.values()[0], mean[j] - BLEND_Z_CLIP * scale[j]);
    double hi = Math.max(c.values()[c.values().length - 1], mean[j] + BLEND_Z_CLIP * scale[j]);
    for (int i = 0; i < 64; i++) {
      final double mid = (lo + hi) / 2;
      if (byShares(j, mid) < z) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Scaler s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale)
        && distributions.equals(s.distributions) && blend == s.blend;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(scale)) + distributions.hashCode())
        + Double.hashCode(blend);
  }

  @Override
  public String toString() {
    return "Scaler" + Arrays.toString(mean) + "/" + Arrays.toString(scale);
  }
}
