package io.segstream.core.fit;

/**
 * One segment of a fitted model.
 *
 * @param centroid in the input's units
 * @param standardisedCentroid in the fit's standardised space
 * @param size input rows assigned to the segment
 * @param weight what the segment's centre has absorbed: its size for a batch fit, the decayed count for an
 *     online fit (what the model updater would carry on from)
 */
public record FittedSegment(int id, String label, String description, double[] centroid,
    double[] standardisedCentroid, long size, double weight) {
  public FittedSegment {
    centroid = centroid.clone();
    standardisedCentroid = standardisedCentroid.clone();
  }
}
