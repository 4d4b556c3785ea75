package io.segstream.streams.text;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.schemas.AvroSerdes;
import java.util.function.LongSupplier;
import io.segstream.text.SentimentHeadTrainer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The text stage's topology, a plain function of configuration and models, so tests build exactly what runs.
 *
 * <pre>
 *  input topics ─► text-picker ─┬─► review-batcher ─► by-user topic (REVIEW_SIGNALS, by userId)
 *  deletions ─► erasure-marker ─┼──┘   store: text-review-buffer
 *                               └─► product-names topic (by productId)
 *  product-names ─► product-batcher ─► product-categories topic (compacted)
 *                   stores: text-product-buffer, text-products-classified
 *  review-batcher ─► ratings topic (1 partition) ─► sentiment-head-learner ─► sentiment-head topic (compacted)
 *                                                   store: text-head-examples          │
 *  sentiment-head topic ─► global store text-sentiment-head ─► read by review-batcher ◄┘
 * </pre>
 */
public final class TextTopology {
  static final String TO_PRODUCT_NAMES = "product-names-sink";

  private TextTopology() {}

  public static Topology build(final SegstreamConfig config, final TextModels models, final TextMetrics metrics,
      final LongSupplier wallClock) {
    final SegstreamConfig.Text settings = config.text();
    final Topology t = new Topology();
    t.addSource("text-events", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
        config.topics().events().toArray(String[]::new));
    t.addProcessor(TextPicker.NAME, () -> new TextPicker(config, metrics, wallClock), "text-events");
    t.addSource("text-deletions", new StringDeserializer(), new ByteArrayDeserializer(), config.topics().deletions());
    t.addProcessor(ErasureMarker.NAME, ErasureMarker::new, "text-deletions");

    t.addProcessor(ReviewBatcher.NAME, () -> new ReviewBatcher(settings, models.reviews(), metrics, wallClock),
        TextPicker.NAME, ErasureMarker.NAME);
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ReviewBatcher.STORE),
        Serdes.String(), AvroSerdes.USER_EVENT), ReviewBatcher.NAME);
    t.addSink(ReviewBatcher.TO_SIGNALS, TextTopics.reviewSignals(config), new StringSerializer(), AvroSerdes.USER_EVENT,
        ReviewBatcher.NAME);
    if (settings.head().enabled()) {
      addSentimentHead(t, config, metrics);
    }

    t.addSink(TO_PRODUCT_NAMES, TextTopics.productNames(config), new StringSerializer(), new StringSerializer(),
        TextPicker.NAME);
    t.addSource("product-names", new StringDeserializer(), new StringDeserializer(), TextTopics.productNames(config));
    t.addProcessor(ProductBatcher.NAME, () -> new ProductBatcher(settings, models.products(), metrics, wallClock),
        "product-names");
    for (final String store : new String[] {ProductBatcher.BUFFER, ProductBatcher.DONE}) {
      t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
          Serdes.String(), Serdes.String()),
          ProductBatcher.NAME);
    }
    t.addSink("product-categories-sink", TextTopics.productCategories(config), new StringSerializer(),
        new StringSerializer(), ProductBatcher.NAME);
    return t;
  }

  private static void addSentimentHead(final Topology t, final SegstreamConfig config, final TextMetrics metrics) {
    t.addSink(ReviewBatcher.TO_RATINGS, TextTopics.ratings(config), new StringSerializer(), new ByteArraySerializer(),
        ReviewBatcher.NAME);
    t.addSource("text-ratings", new StringDeserializer(), new ByteArrayDeserializer(), TextTopics.ratings(config));
    t.addProcessor(SentimentHeadLearner.NAME, () -> new SentimentHeadLearner(config.text().head(),
        new SentimentHeadTrainer(), metrics), "text-ratings");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SentimentHeadLearner.STORE),
        Serdes.String(), Serdes.ByteArray()),
        SentimentHeadLearner.NAME);
    t.addSink("sentiment-head-sink", TextTopics.sentimentHead(config), new StringSerializer(), new ByteArraySerializer(),
        SentimentHeadLearner.NAME);
    t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(HeadStoreLoader.STORE),
            Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        "sentiment-head-source", new StringDeserializer(), new ByteArrayDeserializer(), TextTopics.sentimentHead(config),
        HeadStoreLoader.NAME, HeadStoreLoader::new);
  }
}
