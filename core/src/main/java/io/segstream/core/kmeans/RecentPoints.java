package io.segstream.core.kmeans;

import java.util.function.UnaryOperator;

/** The last {@code capacity} points the model was trained on (copies), oldest overwritten first. */
final class RecentPoints {
  private final double[][] ring;
  private int next;
  private int size;

  RecentPoints(final int capacity) {
    this.ring = new double[capacity][];
  }

  void addAll(final double[][] batch) {
    for (final double[] x : batch) {
      ring[next] = x.clone();
      next = (next + 1) % ring.length;
      size = Math.min(size + 1, ring.length);
    }
  }

  int capacity() {
    return ring.length;
  }

  boolean full() {
    return size == ring.length;
  }

  int size() {
    return size;
  }

  /** The points held, in no particular order (the arrays themselves: callers must not modify them). */
  double[][] points() {
    final double[][] out = new double[size][];
    System.arraycopy(ring, 0, out, 0, size);
    return out;
  }

  /** Re-expresses every point, e.g. in a new standardisation. */
  void map(final UnaryOperator<double[]> f) {
    for (int i = 0; i < size; i++) {
      ring[i] = f.apply(ring[i]);
    }
  }
}
