package io.segstream.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Embeds a review sentence by sentence: each sentence is one model input, and the review's vector is the mean of
 * its sentences' unit vectors, scaled to unit length.
 *
 * <p>Why: a mean over all the tokens of an 80-token review blurs its verdict into the description of the
 * product ("the fabric is thin, the colour is darker than pictured ... I returned it"); one vector per
 * sentence keeps each statement whole, and a review with one disappointed sentence in four moves a quarter of
 * the way. On 1,077 real rated reviews (cross-validated by product) this raised the learned head's Pearson with
 * the stars from 0.56 to 0.69, and the anchors' from 0.33 to 0.45 (docs/text.md). It also lets no long review
 * be cut: each sentence gets the model's full token limit.
 *
 * <p>All sentences of a call go to the wrapped embedder in one call, which sorts them by length and runs them
 * in groups; sentences are short, so the extra [CLS]/[SEP] pairs cost about a tenth more tokens. A text of one
 * sentence (a product name, an anchor) gets exactly the wrapped embedder's vector. Thread-safe if the wrapped
 * embedder is.
 */
public final class SentencePooledEmbedder implements Embedder {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private final Embedder sentences;

  public SentencePooledEmbedder(final Embedder sentences) {
    this.sentences = sentences;
  }

  @Override
  public List<float[]> embed(final List<String> texts) {
    final List<String> pieces = new ArrayList<>();
    final int[] first = new int[texts.size() + 1];
    for (int i = 0; i < texts.size(); i++) {
      first[i] = pieces.size();
      pieces.addAll(sentences(texts.get(i)));
    }
    first[texts.size()] = pieces.size();
    final List<float[]> vectors = sentences.embed(pieces);
    final List<float[]> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      if (first[i + 1] - first[i] == 1) {
        out.add(vectors.get(first[i]));
        continue;
      }
      final float[] mean = new float[dimension()];
      for (int s = first[i]; s < first[i + 1]; s++) {
        final float[] v = vectors.get(s);
        for (int d = 0; d < mean.length; d++) {
          mean[d] += v[d];
        }
      }
      out.add(unit(mean));
    }
    return out;
  }

  /**
   * The sentences of a text: it is cut after every '.', '!' or '?' followed by white space, whatever comes next.
   * (The JDK's {@code BreakIterator} does not cut before a lower-case word, and real reviews are often written
   * in lower case: it left four reviews in five whole.) Pieces with fewer than two letters (a lone "!!", a
   * smiley) carry no statement and are left out; the whole text is kept if nothing else is left.
   */
  public static List<String> sentences(final String text) {
    final List<String> out = new ArrayList<>();
    for (final String piece : SENTENCE_END.split(text)) {
      final String s = piece.strip();
      if (letters(s) >= 2) {
        out.add(s);
      }
    }
    return out.isEmpty() ? List.of(text) : out;
  }

  private static int letters(final String s) {
    int n = 0;
    for (int i = 0; i < s.length() && n < 2; i++) {
      if (Character.isLetter(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  private static float[] unit(final float[] v) {
    double norm = 0;
    for (final float x : v) {
      norm += x * x;
    }
    final double scale = norm > 0 ? 1.0 / Math.sqrt(norm) : 0.0;
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (v[d] * scale);
    }
    return v;
  }

  @Override
  public int dimension() {
    return sentences.dimension();
  }

  @Override
  public long truncatedTexts() {
    return sentences.truncatedTexts();
  }

  @Override
  public String toString() {
    return "mean of sentence vectors over " + sentences;
  }
}
