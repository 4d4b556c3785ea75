package io.segstream.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Product text (name, description) → one of a configurable list of categories, zero-shot: the text is
 * embedded and compared with each category's descriptions; the most similar category wins if its cosine
 * similarity reaches the threshold, otherwise the answer is {@link #OTHER}. Results are cached per text
 * (a bounded LRU), since the same product shows up again and again.
 *
 * <p>Thread-safe.
 */
public final class ZeroShotCategorizer {
  /** What the feature layout calls a product outside every tracked category. */
  public static final String OTHER = "other";

  private final Embedder embedder;
  private final List<String> names;
  private final List<AnchorSet> categories;
  private final double threshold;
  private final Map<String, CategoryGuess> cache;

  public ZeroShotCategorizer(final Embedder embedder, final List<CategoryDescription> categories,
      final double threshold, final int cacheSize) {
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("zero-shot categorization needs at least one category");
    }
    this.embedder = embedder;
    this.names = categories.stream().map(CategoryDescription::name).toList();
    this.categories = categories.stream().map(c -> AnchorSet.embed(c.name(), c.descriptions(), embedder)).toList();
    this.threshold = threshold;
    this.cache = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(final Map.Entry<String, CategoryGuess> eldest) {
        return size() > cacheSize;
      }
    };
  }

  /** A guess per text, in order; only texts not seen before are embedded (in one batch). */
  public List<CategoryGuess> classify(final List<String> texts) {
    final CategoryGuess[] out = new CategoryGuess[texts.size()];
    final List<Integer> missing = new ArrayList<>();
    synchronized (cache) {
      for (int i = 0; i < out.length; i++) {
        out[i] = cache.get(texts.get(i));
        if (out[i] == null) {
          missing.add(i);
        }
      }
    }
    if (!missing.isEmpty()) {
      final List<float[]> vectors = embedder.embed(missing.stream().map(texts::get).toList());
      synchronized (cache) {
        for (int j = 0; j < vectors.size(); j++) {
          final int i = missing.get(j);
          out[i] = guess(vectors.get(j));
          cache.put(texts.get(i), out[i]);
        }
      }
    }
    return List.of(out);
  }

  private CategoryGuess guess(final float[] text) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < categories.size(); c++) {
      final double s = categories.get(c).maxCosine(text);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    final String nearest = names.get(best);
    return new CategoryGuess(bestScore >= threshold ? nearest : OTHER, nearest, bestScore);
  }

  public List<String> categories() {
    return names;
  }

  public double threshold() {
    return threshold;
  }
}
