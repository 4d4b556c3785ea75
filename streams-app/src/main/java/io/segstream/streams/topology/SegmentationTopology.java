package io.segstream.streams.topology;

import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.CategoryResolver;
import io.segstream.core.features.FeatureRegistry;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.text.ProductCategories;
import io.segstream.streams.text.ProductCategoryStoreUpdater;
import io.segstream.streams.text.TextTopics;
import io.segstream.streams.state.CommitBufferedStoreBuilder;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The segmentation topology as a plain function of configuration, so tests build exactly what runs.
 *
 * <pre>
 *  input topics ─► parse ─┬─► dead-letter topic              (refused input, with reasons)
 *                         ├─► by-user topic                  (events not keyed by their userId)
 *                         └──────────────────────────────┬─► segment ─┬─► changes
 *  by-user topic ─► user-keyed-records ───────────────────┘    │       ├─► assignments (compacted)
 *                                                              │       └─► feature vectors
 *        stores: user-profiles, segment-members, segment-sizes; global: segment-model ◄─ model topic,
 *        product-categories ◄─ product-categories topic (both fed by the text stage, see TextTopology)
 *
 *  deletions topic ─► deletion-requests ─► by-user topic      (a sub-topology of its own: erasure requests)
 *  text stage ─► by-user topic                               (REVIEW_SIGNALS, see TextTopology)
 * </pre>
 *
 * The segmentation task reads two topics, the shop's events and the by-user topic, rather than one for each kind of
 * record: before every record, Kafka Streams checks each of a task's input partitions, and each usually empty one
 * cost about half a microsecond per event (docs/performance.md). The input, deletions and by-user topics must have
 * the same number of partitions, so that one user's events, signals and erasure requests reach the same task;
 * {@code TopicSetup} creates them that way.
 */
public final class SegmentationTopology {
  /**
   * Changelog topics roll a segment every 32 MiB instead of Kafka's 1 GiB: the log cleaner only compacts rolled
   * segments, and until it does the changelog holds every update of every user (bench throughput measured 3.8 KB
   * per user on the broker and a 46 s restore of a lost state dir for 20,000 users, docs/performance.md).
   */
  static final java.util.Map<String, String> CHANGELOG = java.util.Map.of(
      org.apache.kafka.common.config.TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(32 * 1024 * 1024));

  /**
   * Profiles kept as objects per task after they were read or written: all users of a small shop, and a shop's
   * recently active users otherwise (about 25 MB of heap per task when full); a miss costs a RocksDB read.
   */
  static final int PROFILES_HELD = 65_536;
  /** Trending-item entries kept as objects per task: about a day's distinct products of a large shop per segment. */
  static final int ITEMS_HELD = 65_536;
  /** Segment sizes kept as objects: one per segment and task. */
  static final int SIZES_HELD = 1_024;

  private SegmentationTopology() {}

  /** The segmentation task's second input: re-keyed events, review signals and erasure requests, by user. */
  public static String byUserTopic(final SegstreamConfig config) {
    return io.segstream.core.topics.TopicCatalogue.of(config).byUser();
  }

  public static Topology build(final SegstreamConfig config, final FeatureRegistry registry,
      final CategoryResolver categories, final SegmentMetrics metrics, final StreamTime streamTime,
      final LongSupplier wallClock) {
    final var topics = config.topics();
    final EventValidator validator = new EventValidator(config.validation());
    final Topology t = new Topology();

    t.addSource("events", new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.events().toArray(String[]::new));
    t.addProcessor("parse", () -> new EventParser(validator, metrics, wallClock), "events");
    t.addSink(EventParser.TO_DEAD_LETTER, topics.deadLetter(), new ByteArraySerializer(), new ByteArraySerializer(), "parse");
    t.addSink(EventParser.TO_REKEY, byUserTopic(config), new StringSerializer(), AvroSerdes.USER_EVENT, "parse");
    // Named to sort first: Kafka Streams numbers sub-topologies by their sources' names, and this keeps the
    // segmentation sub-topology number 0, so its tasks keep their state directories.
    t.addSource("by-user", new StringDeserializer(), AvroSerdes.USER_EVENT, byUserTopic(config));
    t.addProcessor(UserKeyedRecords.NAME, () -> new UserKeyedRecords(metrics), "by-user");

    // Products without a shop category count under the category the text stage derived from their name.
    final ProductCategories derived = new ProductCategories(categories);
    t.addProcessor(EventParser.TO_SEGMENTS,
        () -> new SegmentProcessor(config, registry, registry.updater(derived), metrics, streamTime, wallClock),
        "parse", UserKeyedRecords.NAME);
    // A user's or product's writes between two commits reach RocksDB and the changelog once, at the commit
    // (docs/performance.md: the changelog sends and the broker's work for them were a third of an event's cost).
    // The stores hold those writes as objects until then (CommitBufferedStore) rather than in Kafka Streams'
    // record cache, which serialised every put and walked a sorted map of its keys on every get and put.
    // Exactly-once is unchanged: the buffers are written inside the commit.
    t.addStateStore(new CommitBufferedStoreBuilder<>(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.PROFILES), Serdes.String(), new UserProfileSerde())
        .withLoggingEnabled(CHANGELOG), PROFILES_HELD), EventParser.TO_SEGMENTS);
    t.addStateStore(new CommitBufferedStoreBuilder<>(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.MEMBERS), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingEnabled(CHANGELOG), 0), EventParser.TO_SEGMENTS); // never read back by the processor
    t.addStateStore(new CommitBufferedStoreBuilder<>(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.ITEMS), Serdes.Bytes(), AvroSerdes.ITEM_SCORE)
        .withLoggingEnabled(CHANGELOG), ITEMS_HELD), EventParser.TO_SEGMENTS);
    t.addStateStore(new CommitBufferedStoreBuilder<>(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoreNames.SIZES), Serdes.Integer(), Serdes.Long())
        .withLoggingEnabled(CHANGELOG), SIZES_HELD), EventParser.TO_SEGMENTS);

    t.addSink(SegmentProcessor.TO_CHANGES, topics.changes(), new StringSerializer(), AvroSerdes.SEGMENT_CHANGE,
        EventParser.TO_SEGMENTS);
    t.addSink(SegmentProcessor.TO_ASSIGNMENTS, topics.assignments(), new StringSerializer(), AvroSerdes.SEGMENT_ASSIGNMENT,
        EventParser.TO_SEGMENTS);
    t.addSink(SegmentProcessor.TO_VECTORS, topics.featureVectors(), new StringSerializer(), AvroSerdes.FEATURE_VECTOR,
        EventParser.TO_SEGMENTS);

    // Erasure requests, into the by-user topic. Their task is stateless and does nothing while no request comes.
    t.addSource("deletions", new StringDeserializer(), new ByteArrayDeserializer(), topics.deletions());
    t.addProcessor(DeletionRequests.NAME, () -> new DeletionRequests(metrics), "deletions");
    t.addSink("erasures-sink", byUserTopic(config), new StringSerializer(), AvroSerdes.USER_EVENT,
        DeletionRequests.NAME);

    // Logging disabled: a global store is restored from its own (compacted) source topic.
    t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MODEL),
            Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        "model-source", new StringDeserializer(), new ByteArrayDeserializer(), topics.model(), "model-store-updater",
        ModelStoreUpdater::new);
    t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ProductCategories.STORE),
            Serdes.String(), Serdes.String())
            .withLoggingDisabled(),
        "product-categories-source", new StringDeserializer(), new StringDeserializer(),
        TextTopics.productCategories(config), "product-categories-updater",
        () -> new ProductCategoryStoreUpdater(derived));
    return t;
  }
}
