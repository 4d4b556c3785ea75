package io.segstream.text;

import java.util.List;

/** The embedded example sentences of one class, and how close a text is to the class as a whole. */
record AnchorSet(String name, List<float[]> vectors) {
  AnchorSet {
    vectors = List.copyOf(vectors);
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("anchor set " + name + " is empty");
    }
  }

  static AnchorSet embed(final String name, final List<String> sentences, final Embedder embedder) {
    return new AnchorSet(name, embedder.embed(sentences));
  }

  /**
   * log of the mean of exp(scale × cosine) over the anchors: a soft maximum that a single close anchor
   * dominates, yet every anchor contributes. Divided by scale it reads as a cosine similarity.
   */
  double logMeanExp(final float[] text, final double scale) {
    double max = Double.NEGATIVE_INFINITY;
    final double[] z = new double[vectors.size()];
    for (int i = 0; i < z.length; i++) {
      z[i] = scale * Embedder.dot(text, vectors.get(i));
      max = Math.max(max, z[i]);
    }
    double sum = 0;
    for (final double v : z) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum / z.length);
  }

  /** The highest cosine similarity to any anchor. */
  double maxCosine(final float[] text) {
    double best = -1;
    for (final float[] v : vectors) {
      best = Math.max(best, Embedder.dot(text, v));
    }
    return best;
  }
}
