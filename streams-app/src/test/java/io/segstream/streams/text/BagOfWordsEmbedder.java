package io.segstream.streams.text;

import io.segstream.text.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stand-in for the sentence encoder, for the topology unit test only (the real model is used everywhere
 * else): words hashed into a small vector, so texts sharing words are similar. Records every call.
 */
final class BagOfWordsEmbedder implements Embedder {
  private static final int DIM = 256;
  final List<List<String>> calls = new ArrayList<>();

  @Override
  public synchronized List<float[]> embed(final List<String> texts) {
    calls.add(List.copyOf(texts));
    final List<float[]> out = new ArrayList<>();
    for (final String t : texts) {
      final float[] v = new float[DIM];
      for (final String w : t.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (w.length() > 2) {
          v[Math.floorMod(w.hashCode(), DIM)] += 1;
        }
      }
      double n = 0;
      for (final float x : v) {
        n += x * x;
      }
      for (int i = 0; i < DIM; i++) {
        v[i] = n == 0 ? 0 : (float) (v[i] / Math.sqrt(n));
      }
      out.add(v);
    }
    return out;
  }

  @Override
  public int dimension() {
    return DIM;
  }
}
