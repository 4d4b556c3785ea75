package io.segstream.bench;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.generator.ReviewTexts;
import io.segstream.generator.ReviewTopic;
import io.segstream.generator.ShopCatalog;
import io.segstream.streams.text.TextModels;
import io.segstream.text.SentenceEncoder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Texts/s of the text stage's sentence encoder with the configured model, token limit, threads and batch sizes, on
 * generated review texts: the stage must keep up with the reviews in the live event rate.
 */
final class TextStageRate {
  private TextStageRate() {}

  static double measure(final SegstreamConfig.Text text, final int texts, final PrintStream log) {
    final ShopCatalog catalog = ShopCatalog.generate(1, ShopCatalog.DEFAULT_SIZE);
    final SplittableRandom rng = new SplittableRandom(1);
    final List<String> corpus = new ArrayList<>(texts);
    for (int i = 0; i < texts; i++) {
      corpus.add(ReviewTexts.write(ReviewTopic.values()[i % ReviewTopic.values().length],
          catalog.products().get(rng.nextInt(catalog.size())), rng).text());
    }
    // The encoder exactly as the stage loads it, called with the stage's batches (text.batch-size texts a call).
    try (SentenceEncoder encoder = TextModels.encoder(text)) {
      encoder.embed(corpus.subList(0, Math.min(corpus.size(), 2 * text.batchSize()))); // warm-up
      final long start = System.nanoTime();
      for (int from = 0; from < corpus.size(); from += text.batchSize()) {
        encoder.embed(corpus.subList(from, Math.min(corpus.size(), from + text.batchSize())));
      }
      final double rate = corpus.size() / ((System.nanoTime() - start) / 1e9);
      log.printf(Locale.ROOT, "text stage encoder: %,d review texts at %,.0f texts/s%n", corpus.size(), rate);
      return rate;
    }
  }
}
