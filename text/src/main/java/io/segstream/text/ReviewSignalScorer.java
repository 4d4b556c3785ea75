package io.segstream.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Review text → {@link ReviewSignals}, by similarity to the {@link SignalAnchors}.
 *
 * <p>Calibration: the six anchor classes (positive, neutral, negative, delivery, quality and price
 * complaints) compete in a softmax. A class's logit is {@code log mean_i exp(s · cos(text, anchor_i))},
 * so its probability is proportional to the average similarity kernel of its anchors; {@code s} (the
 * inverse temperature, {@code text.signal-scale}) sets how sharply a cosine difference turns into
 * certainty: with s = 30, a text 0.1 closer to one class than another gives odds of e³ ≈ 20 : 1.
 * Then complaint about X = P(X), and sentiment = P(positive) − P(negative or any complaint), which is
 * 0 for a neutral text. A raw cosine is not a usable score by itself: unrelated sentences already score
 * 0.1–0.3 with MiniLM, and only differences between classes carry meaning.
 *
 * <p>Thread-safe once built.
 */
public final class ReviewSignalScorer {
  private final Embedder embedder;
  private final double scale;
  private final AnchorSet positive;
  private final AnchorSet neutral;
  private final AnchorSet negative;
  private final AnchorSet delivery;
  private final AnchorSet quality;
  private final AnchorSet price;

  public ReviewSignalScorer(final Embedder embedder, final SignalAnchors anchors, final double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("signal scale must be > 0, got " + scale);
    }
    this.embedder = embedder;
    this.scale = scale;
    this.positive = AnchorSet.embed("positive", anchors.positive(), embedder);
    this.neutral = AnchorSet.embed("neutral", anchors.neutral(), embedder);
    this.negative = AnchorSet.embed("negative", anchors.negative(), embedder);
    this.delivery = AnchorSet.embed("delivery", anchors.delivery(), embedder);
    this.quality = AnchorSet.embed("quality", anchors.quality(), embedder);
    this.price = AnchorSet.embed("price", anchors.price(), embedder);
  }

  /** Signals of each text by the anchors alone, in order; texts should already be cleaned ({@link TextInput}). */
  public List<ReviewSignals> score(final List<String> texts) {
    return scoreEmbedded(embedder.embed(texts), Optional.empty());
  }

  /**
   * Signals of texts already embedded by this scorer's embedder. With a head, sentiment is the head's (learned
   * from the shop's star ratings); complaints stay zero-shot from the anchors, since ratings say nothing about
   * what a complaint is about.
   */
  public List<ReviewSignals> scoreEmbedded(final List<float[]> vectors, final Optional<SentimentHead> head) {
    final List<ReviewSignals> out = new ArrayList<>(vectors.size());
    for (final float[] v : vectors) {
      final ReviewSignals anchored = score(v);
      out.add(head.map(h -> new ReviewSignals(h.sentiment(v), anchored.delivery(), anchored.quality(),
          anchored.price())).orElse(anchored));
    }
    return out;
  }

  public Embedder embedder() {
    return embedder;
  }

  ReviewSignals score(final float[] text) {
    final double[] logits = {
        positive.logMeanExp(text, scale), neutral.logMeanExp(text, scale), negative.logMeanExp(text, scale),
        delivery.logMeanExp(text, scale), quality.logMeanExp(text, scale), price.logMeanExp(text, scale)};
    double max = Double.NEGATIVE_INFINITY;
    for (final double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    final double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    final double sentiment = p[0] - (p[2] + p[3] + p[4] + p[5]);
    return new ReviewSignals(clamp(sentiment, -1, 1), clamp(p[3], 0, 1), clamp(p[4], 0, 1), clamp(p[5], 0, 1));
  }

  private static double clamp(final double x, final double lo, final double hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  public double scale() {
    return scale;
  }
}
