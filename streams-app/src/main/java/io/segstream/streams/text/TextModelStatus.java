package io.segstream.streams.text;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.text.SentimentHead;
import java.util.Optional;

/**
 * GET /v1/text-model: where review sentiment comes from now ({@code head} or {@code anchors}, the cold start),
 * the head's version and what it learned from (0 before the first), how a review becomes a vector (pooling:
 * {@code sentences} or {@code text}), and that complaints are zero-shot.
 */
public record TextModelStatus(String model, String pooling, String sentimentSource, boolean learning, long headVersion,
    long ratingsSeen, int trainedOn, double satisfiedShare, int minRatings, int retrainEvery, String complaints) {
  static TextModelStatus of(final String model, final boolean sentencePooling,
      final SegstreamConfig.Text.Head settings, final Optional<SentimentHead> head) {
    return new TextModelStatus(model, sentencePooling ? "sentences" : "text", head.isPresent() ? "head" : "anchors", settings.enabled(),
        head.map(SentimentHead::version).orElse(0L), head.map(SentimentHead::ratingsSeen).orElse(0L),
        head.map(SentimentHead::trainedOn).orElse(0), head.map(SentimentHead::satisfiedShare).orElse(0.0),
        settings.minRatings(), settings.retrainEvery(), "zero-shot (anchors): ratings carry no complaint labels");
  }
}
