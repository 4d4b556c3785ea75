package io.segstream.streams.text;

import static io.segstream.core.features.Events.DAY;
import static io.segstream.core.features.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segstream.avro.EventType;
import io.segstream.avro.Product;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.Events;
import io.segstream.schemas.AvroSerdes;
import io.segstream.text.ReviewSignals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The text stage's topology with a stand-in embedder (the real model is exercised by the other tests). */
class TextTopologyTest {
  private final AtomicLong wall = new AtomicLong(T0 + 100 * DAY);
  private final BagOfWordsEmbedder embedder = new BagOfWordsEmbedder();
  private SegstreamConfig config;
  private SimpleMeterRegistry meters;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> events;
  private TestInputTopic<String, byte[]> deletions;
  private TestOutputTopic<String, UserEvent> signals;
  private TestOutputTopic<String, String> categories;

  @BeforeEach
  void start() {
    start(Map.of());
  }

  private void start(final Map<String, String> extra) {
    final Map<String, String> settings = new HashMap<>(Map.of("text.batch-size", "3", "text.max-batch-wait-ms", "2000",
        "text.max-chars", "100", "application.id", "shop", "text.similarity-threshold", "0.1"));
    settings.putAll(extra);
    config = SegstreamConfig.fromMap(settings);
    meters = new SimpleMeterRegistry();
    final var topology = TextTopology.build(config, TextModels.of(config.text(), embedder),
        new TextMetrics(meters, embedder), wall::get);
    final Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "text-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/segstream-text-ttd-" + System.nanoTime());
    driver = new TopologyTestDriver(topology, p, Instant.ofEpochMilli(wall.get()));
    events = driver.createInputTopic(config.topics().events().getFirst(), new ByteArraySerializer(), new ByteArraySerializer());
    deletions = driver.createInputTopic(config.topics().deletions(), new StringSerializer(), new ByteArraySerializer());
    signals = driver.createOutputTopic(TextTopics.reviewSignals(config), new StringDeserializer(), AvroSerdes.USER_EVENT);
    categories = driver.createOutputTopic(TextTopics.productCategories(config), new StringDeserializer(),
        new StringDeserializer());
    embedder.calls.clear(); // anchors and category descriptions were embedded while building
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private void send(final UserEvent e) {
    events.pipeInput(e.getUserId().getBytes(StandardCharsets.UTF_8), AvroSerdes.USER_EVENT.serialize("t", e));
  }

  private static UserEvent review(final String user, final long t, final String text) {
    return Events.base(user, t, "s-" + user, EventType.REVIEW).setEventId("e-" + user + "-" + t)
        .setProduct(Events.product("p1", "home", 10))
        .setReview(Review.newBuilder().setRating(1).setText(text).build()).build();
  }

  private static UserEvent rated(final String user, final long t, final String text, final Integer stars) {
    return Events.base(user, t, "s-" + user, EventType.REVIEW).setEventId("e-" + user + "-" + t)
        .setProduct(Events.product("p1", "home", 10))
        .setReview(Review.newBuilder().setRating(stars).setText(text).build()).build();
  }

  private static UserEvent viewOf(final String user, final String productId, final String name, final String category) {
    return Events.base(user, T0, "s", EventType.PAGE_VIEW)
        .setProduct(Product.newBuilder().setProductId(productId).setName(name).setCategory(category).setPrice(5).build())
        .build();
  }

  private void advance(final Duration d) {
    wall.addAndGet(d.toMillis());
    driver.advanceWallClockTime(d);
  }

  private double counter(final String name, final String... tags) {
    final var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aFullBatchIsScoredInOneModelRunAndBecomesReviewSignalsInOrder() {
    send(review("ann", T0, "The delivery was very late."));
    send(review("bob", T0 + 1, "Poor quality, it broke after a few days."));
    assertThat(signals.isEmpty()).isTrue();
    final KeyValueStore<String, UserEvent> buffer = driver.getKeyValueStore(ReviewBatcher.STORE);
    assertThat(buffer.approximateNumEntries()).isEqualTo(2);

    send(review("cid", T0 + 2, "Far too expensive for what it is."));
    final List<TestRecord<String, UserEvent>> out = signals.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactly("ann", "bob", "cid");
    assertThat(embedder.calls).hasSize(1).first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(3);
    final UserEvent first = out.getFirst().value();
    assertThat(first.getType()).isEqualTo(EventType.REVIEW_SIGNALS);
    assertThat(first.getUserId()).isEqualTo("ann");
    assertThat(first.getTimestamp()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(first.getSessionId()).isNull();
    assertThat(first.getEventId()).isEqualTo("e-ann-" + T0 + "/signals");
    assertThat(first.getReview().getRating()).isNull();
    assertThat(first.getReview().getText()).isNull();
    assertThat(first.getReview().getSignals()).containsOnlyKeys(ReviewSignals.SENTIMENT, ReviewSignals.DELIVERY,
        ReviewSignals.QUALITY, ReviewSignals.PRICE);
    assertThat(first.getReview().getSignals().get("delivery")).isGreaterThan(first.getReview().getSignals().get("quality"));
    assertThat(out.get(1).value().getReview().getSignals().get("quality")).isGreaterThan(0.5);
    assertThat(out.get(2).value().getReview().getSignals().get("price")).isGreaterThan(0.5);
    assertThat(buffer.approximateNumEntries()).isZero();
    assertThat(counter("segstream.text.texts", "kind", "review")).isEqualTo(3);
    assertThat(counter("segstream.text.signals.emitted")).isEqualTo(3);
    assertThat(meters.find("segstream.text.batch.latency").tags("kind", "review").timer().count()).isEqualTo(1);
    assertThat(counter("segstream.text.reviews.language", "language", "english")).isEqualTo(3);
  }

  @Test
  void reviewsNotInEnglishAreCounted() {
    send(review("ann", T0, "Robe magnifique, tissu très agréable, je recommande vivement."));
    send(review("bob", T0, "Очень красивое платье, ткань приятная."));
    send(review("cid", T0, "The delivery was very late."));
    assertThat(signals.readKeyValuesToList()).hasSize(3); // still scored: the metric says how far to trust them
    assertThat(counter("segstream.text.reviews.language", "language", "other")).isEqualTo(2);
    assertThat(counter("segstream.text.reviews.language", "language", "english")).isEqualTo(1);
  }

  @Test
  void aPartialBatchWaitsInTheStoreUntilTheWallClockSaysSo() {
    send(review("ann", T0, "The delivery was very late."));
    advance(Duration.ofMillis(1000));
    assertThat(signals.isEmpty()).isTrue();
    assertThat(driver.<String, UserEvent>getKeyValueStore(ReviewBatcher.STORE).get("%020d".formatted(0)).getUserId())
        .isEqualTo("ann");
    advance(Duration.ofMillis(1500));
    assertThat(signals.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("ann");
  }

  @Test
  void emptyWordlessOversizedAndBadInputIsCountedNeverFatal() {
    send(review("ann", T0, "   "));
    send(review("bob", T0, "!!! 12345 :-)"));
    send(Events.base("cid", T0, "s", EventType.REVIEW).setProduct(Events.product("p1", "home", 10))
        .setReview(Review.newBuilder().setRating(5).build()).build()); // stars, no words: nothing to read
    events.pipeInput("x".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
    send(Events.base("eve", T0 + 200 * DAY, "s", EventType.REVIEW).setProduct(Events.product("p1", "home", 10))
        .setReview(Review.newBuilder().setText("From the future, refused as by the segmentation app.").build()).build());
    send(review("dan", T0, "Late delivery again. " + "word ".repeat(2_000)));
    advance(Duration.ofSeconds(3));

    assertThat(counter("segstream.text.inputs.skipped", "kind", "review", "reason", "empty")).isEqualTo(1);
    assertThat(counter("segstream.text.inputs.skipped", "kind", "review", "reason", "non_text")).isEqualTo(1);
    assertThat(counter("segstream.text.inputs.truncated", "limit", "chars")).isEqualTo(1);
    assertThat(signals.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("dan");
    assertThat(embedder.calls).hasSize(1);
    assertThat(embedder.calls.getFirst().getFirst()).startsWith("Late delivery again.").hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void anErasureRequestDropsTheUsersReviewsStillWaiting() {
    send(review("ann", T0, "The delivery was very late."));
    send(review("bob", T0, "Poor quality."));
    deletions.pipeInput("ann", new byte[0]);
    advance(Duration.ofSeconds(3));
    assertThat(signals.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("bob");
  }

  @Test
  void productsWithoutACategoryAreClassifiedOnceInBatches() {
    send(viewOf("ann", "k1", "Wireless headphones with charger cable", null));
    send(viewOf("bob", "k1", "Wireless headphones with charger cable", null)); // same product: no second job
    send(viewOf("bob", "k2", "Chocolate biscuits and coffee", ""));
    send(viewOf("cid", "k3", "Denim jacket", "fashion")); // the shop's category stands
    send(viewOf("cid", "k4", "???", null)); // no words in the name
    assertThat(categories.isEmpty()).isTrue();
    advance(Duration.ofSeconds(3));

    final Map<String, String> derived = new HashMap<>();
    categories.readKeyValuesToList().forEach((KeyValue<String, String> kv) -> derived.put(kv.key, kv.value));
    assertThat(derived).containsOnlyKeys("k1", "k2");
    assertThat(derived.get("k1")).isEqualTo("electronics");
    assertThat(derived.get("k2")).isEqualTo("grocery");
    assertThat(counter("segstream.text.inputs.skipped", "kind", "product", "reason", "non_text")).isEqualTo(1);
    assertThat(driver.<String, String>getKeyValueStore(ProductBatcher.DONE).get("k1")).isEqualTo("electronics");

    // Seen again after classification (another task, or after the picker forgot it): not classified again.
    send(viewOf("dan", "k1", "Wireless headphones with charger cable", null));
    advance(Duration.ofSeconds(3));
    assertThat(categories.isEmpty()).isTrue();
    assertThat(counter("segstream.text.texts", "kind", "product")).isEqualTo(2);
  }

  @Test
  void aHeadLearnedFromTheShopsRatingsReplacesTheAnchorsSentimentOnceEnoughRatingsCame() {
    driver.close();
    start(Map.of("text.head.min-ratings", "12", "text.head.retrain-every", "6"));
    final String[] happy = {"Gorgeous dress, fits perfectly, love the colour", "Love it, so soft and flattering",
        "Perfect fit and gorgeous fabric", "So flattering, love love love", "Soft fabric, perfect colour, gorgeous"};
    final String[] unhappy = {"Awful fabric, returned it straight away", "Terrible fit, cheap and scratchy, returned",
        "Scratchy and shapeless, sending it back", "Cheap awful material, returned", "Shapeless and scratchy, awful"};
    final String probe = "Gorgeous colour and so soft";
    send(rated("probe-before", T0, probe, null));
    for (int i = 0; i < 10; i++) {
      send(rated("u" + i, T0 + i, happy[i % happy.length], 5));
      send(rated("v" + i, T0 + i, unhappy[i % unhappy.length], 1));
    }
    advance(Duration.ofSeconds(3)); // the last partial batch
    final KeyValueStore<String, byte[]> heads = driver.getKeyValueStore(HeadStoreLoader.STORE);
    // The learner trains on a background thread (real time) and collects the result on its punctuation (test
    // time): give the thread real time, up to a minute on a busy machine, while advancing the test clock.
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (heads.get(SentimentHeadLearner.HEAD_KEY) == null && System.nanoTime() < deadline) {
      advance(Duration.ofMillis(500));
      try {
        Thread.sleep(20);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    final io.segstream.text.SentimentHead head = io.segstream.text.SentimentHead.fromBytes(
        heads.get(SentimentHeadLearner.HEAD_KEY));
    assertThat(head.version()).isGreaterThanOrEqualTo(1);
    assertThat(head.ratingsSeen()).isGreaterThanOrEqualTo(12);
    assertThat(counter("segstream.text.ratings.learned")).isEqualTo(20);

    send(rated("probe-after", T0 + 100, probe, null));
    advance(Duration.ofSeconds(3));
    final Map<String, Double> sentiment = new HashMap<>();
    signals.readRecordsToList().forEach(r -> sentiment.put(r.key(), r.value().getReview().getSignals().get("sentiment")));
    assertThat(sentiment.get("probe-after")).isGreaterThan(0.3).isNotEqualTo(sentiment.get("probe-before"));
    assertThat(counter("segstream.text.sentiment.source", "source", "head")).isEqualTo(1);
    assertThat(counter("segstream.text.sentiment.source", "source", "anchors")).isEqualTo(21);
    assertThat(meters.find("segstream.text.sentiment.head.version").gauge().value()).isEqualTo(head.version());
  }

  @Test
  void withoutTheHeadNoRatingsLeaveTheBatcher() {
    driver.close();
    start(Map.of("text.head.enabled", "false"));
    send(rated("ann", T0, "Lovely", 5));
    send(rated("bob", T0, "Awful", 1));
    send(rated("cid", T0, "Fine", 3));
    assertThat(signals.readKeyValuesToList()).hasSize(3);
    assertThat(counter("segstream.text.ratings.learned")).isZero();
  }
}
