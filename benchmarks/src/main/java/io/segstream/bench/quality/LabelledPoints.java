package io.segstream.bench.quality;

/** Points with the group each truly belongs to: what a clustering is scored against. */
public record LabelledPoints(double[][] points, int[] truth) {
  public LabelledPoints {
    if (points.length != truth.length) {
      throw new IllegalArgumentException(points.length + " points but " + truth.length + " labels");
    }
  }

  public int size() {
    return points.length;
  }
}
