package io.segstream.core.fit;

import io.segstream.core.model.RunningMoments;
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
    final RunningMoments moments = RunningMoments.of(rows);
    final double[] mean = moments.mean();
    final double[] scale = moments.standardDeviation();
    for (int j = 0; j < scale.length; j++) {
      if (scale[j] <= 1e-12 * (1 + Math.abs(mean[j]))) {
        scale[j] = 1.0; // a constant column: 0 everywhere after centring, no division by ~0
      }
    }
    return new Standardisation(Z_SCORE, new Scaler(mean, scale));
  }
}
