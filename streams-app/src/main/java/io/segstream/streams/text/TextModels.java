package io.segstream.streams.text;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.text.CategoryDescription;
import io.segstream.text.Embedder;
import io.segstream.text.ReviewSignalScorer;
import io.segstream.text.SentencePooledEmbedder;
import io.segstream.text.SignalAnchors;
import io.segstream.text.ZeroShotCategorizer;

/** The scorer and the categorizer the text stage uses, built from configuration over one embedder. */
public record TextModels(Embedder embedder, ReviewSignalScorer reviews, ZeroShotCategorizer products) {
  /** Distinct product names remembered by the categorizer. */
  private static final int CATEGORY_CACHE_SIZE = 100_000;

  /** Reviews through {@link #reviewEmbedder}; product names always whole (they are not sentences). */
  public static TextModels of(final SegstreamConfig.Text text, final Embedder embedder) {
    return new TextModels(embedder, new ReviewSignalScorer(reviewEmbedder(text, embedder), anchors(text),
        text.signalScale()),
        new ZeroShotCategorizer(embedder, categories(text), text.similarityThreshold(), CATEGORY_CACHE_SIZE));
  }

  /**
   * The configured model: text.model-path if set, else the bundled text.model; text.max-tokens per text, of which
   * text.tail-tokens from a long text's end.
   */
  public static io.segstream.text.SentenceEncoder encoder(final SegstreamConfig.Text text) {
    return encoder(text, text.modelBatchSize(), text.threads());
  }

  /** The configured model with another batch size and thread count (benchmarks). */
  public static io.segstream.text.SentenceEncoder encoder(final SegstreamConfig.Text text, final int batchSize,
      final int threads) {
    return io.segstream.text.SentenceEncoder.load(text.modelPath(), text.model(),
        new io.segstream.text.SentenceEncoder.Options(batchSize, threads, text.maxTokens(),
            text.tailTokens()));
  }

  /** With text.pooling=sentences (the default), a review's vector is the mean of its sentences' vectors. */
  public static Embedder reviewEmbedder(final SegstreamConfig.Text text, final Embedder embedder) {
    return text.sentencePooling() ? new SentencePooledEmbedder(embedder) : embedder;
  }

  public static SignalAnchors anchors(final SegstreamConfig.Text text) {
    final SegstreamConfig.Text.Anchors a = text.anchors();
    return new SignalAnchors(a.positive(), a.neutral(), a.negative(), a.delivery(), a.quality(), a.price());
  }

  public static java.util.List<CategoryDescription> categories(final SegstreamConfig.Text text) {
    return text.categories().stream().map(c -> new CategoryDescription(c.name(), c.descriptions())).toList();
  }
}
