package io.segstream.text;

/** A review's embedding and the stars its writer gave (1 to 5): one training example for the sentiment head. */
public record RatedEmbedding(float[] vector, int stars) {
  public RatedEmbedding {
    if (stars < 1 || stars > 5) {
      throw new IllegalArgumentException("stars must be 1 to 5, got " + stars);
    }
    if (vector.length == 0) {
      throw new IllegalArgumentException("empty embedding");
    }
  }
}
