package io.segstream.core.fit;

import io.segstream.core.model.Scaler;
import java.util.List;

/**
 * How a fit standardises its input before measuring distances, so that no column dominates by its units.
 *
 * <p>Columns that are exactly segstream's clustering features get the model's own {@link Scaler#fit} (z-scores
 * with its floor for features that barely vary, and clipping at ±{@value Scaler#MAX_Z}), so a fitted model
 * assigns users exactly as the running system would. Any other table gets plain z-scores over all rows:
 * (x - mean) / standard deviation, with a constant column left unscaled (it is 0 everywhere and plays no part).
 *
 * @param method {@code segstream} or {@code z-score}
 */
public record Standardisation(String method, Scaler scaler) {
  public static final String SEGSTREAM = "segstream";
  public static final String Z_SCORE = "z-score";

  /** @param modelFeatures segstream's clustering feature names, in model order */
  public static Standardisation of(final VectorTable table, final List<String> modelFeatures) {
    if (table.columns().equals(modelFeatures)) {
      return new Standardisation(SEGSTREAM, Scaler.fit(table.rows()));
    }
    return zScores(table.rows());
  }

  /** Plain z-scores over all rows. */
  public static Standardisation zScores(final double[][] rows) {
    final int d = rows[0].length;
    final double[] mean = new double[d];
    final double[] m2 = new double[d];
    int n = 0;
    for (final double[] x : rows) {
      n++;
      for (int j = 0; j < d; j++) {
        final double delta = x[j] - mean[j];
        mean[j] += delta / n;
        m2[j] += delta * (x[j] - mean[j]);
      }
    }
    final double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      final double sd = Math.sqrt(m2[j] / n);
      scale[j] = sd > 1e-12 * (1 + Math.abs(mean[j])) ? sd : 1.0;
    }
    return new Standardisation(Z_SCORE, new Scaler(mean, scale));
  }
}
