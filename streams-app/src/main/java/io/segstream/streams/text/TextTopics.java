package io.segstream.streams.text;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.topics.TopicCatalogue;

/** Names of the topics between the text stage and the segmentation app, from the shared {@link TopicCatalogue}. */
public final class TextTopics {
  private TextTopics() {}

  /** Application id of the text stage: its own consumer group, state and internal topics. */
  public static String applicationId(final SegstreamConfig config) {
    return TopicCatalogue.of(config).textApplicationId();
  }

  /**
   * Where the text stage writes REVIEW_SIGNALS events, keyed by userId: the segmentation app's by-user topic,
   * co-partitioned with the input topics.
   */
  public static String reviewSignals(final SegstreamConfig config) {
    return TopicCatalogue.of(config).byUser();
  }

  /** Compacted: productId → derived category; the segmentation app holds it as a global store. */
  public static String productCategories(final SegstreamConfig config) {
    return TopicCatalogue.of(config).productCategories();
  }

  /** Inside the text stage: names of uncategorised products keyed by productId, so each is classified once. */
  public static String productNames(final SegstreamConfig config) {
    return TopicCatalogue.of(config).productNames();
  }

  /** Inside the text stage: rated reviews' embeddings for the sentiment head's learner; one partition. */
  public static String ratings(final SegstreamConfig config) {
    return TopicCatalogue.of(config).ratings();
  }

  /** Compacted, one partition: the latest sentiment head, read by every review batcher through a global store. */
  public static String sentimentHead(final SegstreamConfig config) {
    return TopicCatalogue.of(config).sentimentHead();
  }
}
