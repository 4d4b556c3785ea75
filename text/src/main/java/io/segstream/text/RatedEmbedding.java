package io.segstream.text;

import java.nio.ByteBuffer;

/**
 * A review's embedding and the stars its writer gave (1 to 5): one training example for the sentiment head.
 * It holds no text and no user: what the text stage keeps to learn from.
 */
public record RatedEmbedding(float[] vector, int stars) {
  public RatedEmbedding {
    if (stars < 1 || stars > 5) {
      throw new IllegalArgumentException("stars must be 1 to 5, got " + stars);
    }
    if (vector.length == 0) {
      throw new IllegalArgumentException("empty embedding");
    }
  }

  /** Stars (one byte), then the vector's floats (big-endian). */
  public byte[] toBytes() {
    final ByteBuffer b = ByteBuffer.allocate(1 + 4 * vector.length);
    b.put((byte) stars);
    for (final float f : vector) {
      b.putFloat(f);
    }
    return b.array();
  }

  /** @throws IllegalArgumentException if the bytes are not a rated embedding */
  public static RatedEmbedding fromBytes(final byte[] bytes) {
    if (bytes.length < 5 || (bytes.length - 1) % 4 != 0) {
      throw new IllegalArgumentException("not a rated embedding: " + bytes.length + " bytes");
    }
    final ByteBuffer b = ByteBuffer.wrap(bytes);
    final int stars = b.get();
    final float[] v = new float[(bytes.length - 1) / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return new RatedEmbedding(v, stars);
  }
}
