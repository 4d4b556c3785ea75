package io.segstream.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A published segment model: what vectors mean (feature set and names), how they are scaled, and the
 * segments with their centres in standardised space.
 */
public record Segmentation(
    String name,
    long version,
    int generation,
    String featureSet,
    List<String> featureNames,
    Scaler scaler,
    List<Segment> segments,
    double inertia,
    long trainedVectors,
    Instant publishedAt,
    int nextSegmentId,
    Map<String, String> parameters) {

  /**
   * Parameter: assignments made under model versions before this one are re-judged without hysteresis. Set when the
   * model was refitted on the population: the new centres owe nothing to the old ones, so a user's segment must not
   * depend on which segment the earlier models happened to put them in.
   */
  public static final String PARAM_FRESH_FROM = "assignment.fresh-from-version";

  public Segmentation {
    featureNames = List.copyOf(featureNames);
    segments = List.copyOf(segments);
    parameters = Map.copyOf(parameters);
    if (scaler.dimension() != featureNames.size()) {
      throw new IllegalArgumentException("scaler has " + scaler.dimension() + " dimensions, model has "
          + featureNames.size() + " features");
    }
    for (final Segment s : segments) {
      if (s.centroid().length != featureNames.size()) {
        throw new IllegalArgumentException("segment " + s.id() + " has a centroid of the wrong dimension");
      }
    }
  }

  /** See {@link #PARAM_FRESH_FROM}; 0 if the model was never refitted on the population. */
  public long freshFromVersion() {
    final String v = parameters.get(PARAM_FRESH_FROM);
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (final NumberFormatException e) {
      return 0;
    }
  }

  public int k() {
    return segments.size();
  }

  public Optional<Segment> segment(final int id) {
    for (final Segment s : segments) {
      if (s.id() == id) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Centres as a matrix, row i belonging to segments().get(i). */
  public double[][] centroids() {
    final double[][] c = new double[segments.size()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = segments.get(i).centroid();
    }
    return c;
  }

  /** A centre in original feature units (inverse of scaler, then of each feature's transform is up to the caller). */
  public double[] centroidTransformed(final Segment s) {
    return scaler.inverse(s.centroid());
  }
}
