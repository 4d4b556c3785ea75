package io.segstream.core.fit;

import java.util.List;
import java.util.Map;

/**
 * A fitted segmentation of a {@link VectorTable}.
 *
 * @param assignments segment id per input row, in input order
 * @param inertia sum over rows of the squared distance to their centre, in standardised units
 * @param silhouette mean silhouette of a uniform sample of {@code silhouetteSample} rows
 * @param silhouetteByK for k=auto, the score of every k tried; empty for a fixed k
 */
public record FitResult(List<String> columns, Standardisation standardisation, List<FittedSegment> segments,
    int[] assignments, double inertia, double silhouette, int silhouetteSample, Map<Integer, Double> silhouetteByK,
    Training training) {

  /**
   * How the centres were found.
   *
   * @param mode {@code batch} or {@code online}
   * @param bootstrapRows rows the k-means++ fit saw: all of them in batch mode, the first ones online
   * @param batches online mini-batches after the bootstrap
   * @param restarts k-means++ restarts of the batch fit (or the online bootstrap)
   * @param polishes online refits that polished the centres with Lloyd iterations on recent rows
   * @param refitRestarts online refits that adopted a better optimum from k-means++ restarts on recent rows
   * @param reseeds starving centres re-seeded
   */
  public record Training(String mode, int bootstrapRows, long batches, int batchSize, double decayFactor,
      String timeUnit, int restarts, int polishes, int refitRestarts, int reseeds, long seed) {}

  public FitResult {
    segments = List.copyOf(segments);
    silhouetteByK = Map.copyOf(silhouetteByK);
  }

  public int k() {
    return segments.size();
  }

  public int rows() {
    return assignments.length;
  }
}
