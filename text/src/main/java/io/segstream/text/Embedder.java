package io.segstream.text;

import java.util.List;

/** Turns texts into unit-length vectors whose dot product is their cosine similarity. */
public interface Embedder {
  /** One unit vector per text, in the order given; the list may be empty. */
  List<float[]> embed(List<String> texts);

  int dimension();

  /** Texts cut so far because they exceeded the model's input length (a running total, for metrics). */
  default long truncatedTexts() {
    return 0;
  }

  static double dot(final float[] a, final float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
