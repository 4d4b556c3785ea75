package io.segstream.streams.text;

import static io.segstream.core.features.Events.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.segstream.avro.EventType;
import io.segstream.avro.Review;
import io.segstream.avro.UserEvent;
import io.segstream.core.config.SegstreamConfig;
import io.segstream.core.features.Events;
import io.segstream.embedded.EmbeddedKafka;
import io.segstream.schemas.AvroSerdes;
import io.segstream.streams.TopicSetup;
import io.segstream.text.SentimentHead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentiment head learned online, with the real model, on a real broker: rated REVIEW events go in, the
 * learner publishes head versions to the compacted head topic, and the same text scored before and after
 * gets a different sentiment, now from the head.
 */
class SentimentHeadIT {
  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static TextStage stage;
  private static SegstreamConfig config;
  private static final PrometheusMeterRegistry METRICS = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private static final String[] HAPPY = {
      "Love this top, the fabric is soft and it fits true to size.",
      "Gorgeous dress, so flattering, I got compliments all day.",
      "Perfect jeans, great stretch and they hold their shape after washing.",
      "Beautiful colour and lovely drape, I bought it in two colours.",
      "Comfortable, cute and well made; my new favourite sweater."};
  private static final String[] UNHAPPY = {
      "The fabric is thin and see-through, it looked cheap so I returned it.",
      "Runs huge and the cut is boxy and unflattering, sending it back.",
      "Seams came apart after one wash, very disappointed with the quality.",
      "Nothing like the picture, the colour is dull and it is itchy.",
      "Way too tight in the chest and short in the torso, returned."};

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    config = SegstreamConfig.fromMap(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "application.id", "head-it-" + UUID.randomUUID().toString().substring(0, 8),
        "state.dir", dir.resolve("state").toString(),
        "topics.partitions", "2",
        "text.batch-size", "8",
        "text.max-batch-wait-ms", "300",
        "text.head.min-ratings", "20",
        "text.head.retrain-every", "10"));
    TopicSetup.ensure(config);
    stage = TextStage.start(config, METRICS);
    await().atMost(Duration.ofSeconds(60)).until(() -> stage.state() == KafkaStreams.State.RUNNING);
  }

  @AfterAll
  static void stop() {
    if (stage != null) {
      stage.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static void send(final List<UserEvent> events) throws Exception {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put("key.serializer", ByteArraySerializer.class);
    p.put("value.serializer", ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (final UserEvent e : events) {
        producer.send(new ProducerRecord<>(config.topics().events().getFirst(),
            e.getUserId().getBytes(StandardCharsets.UTF_8), AvroSerdes.USER_EVENT.serialize("", e))).get();
      }
    }
  }

  private static UserEvent review(final String user, final long t, final String text, final Integer stars) {
    return Events.base(user, t, "s-" + user, EventType.REVIEW).setProduct(Events.product("p-dress", "fashion", 60))
        .setReview(Review.newBuilder().setRating(stars).setText(text).build()).build();
  }

  private static <K, V> KafkaConsumer<K, V> consumer(final org.apache.kafka.common.serialization.Deserializer<K> k,
      final org.apache.kafka.common.serialization.Deserializer<V> v, final String topic) {
    final Map<String, Object> p = new HashMap<>(config.kafkaClientBase());
    p.put("group.id", "reader-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    final KafkaConsumer<K, V> c = new KafkaConsumer<>(p, k, v);
    c.subscribe(List.of(topic));
    return c;
  }

  private static double sentimentOf(final KafkaConsumer<String, UserEvent> signals, final String user) {
    final Map<String, Double> seen = new HashMap<>();
    await().atMost(Duration.ofSeconds(90)).until(() -> {
      signals.poll(Duration.ofMillis(200)).forEach(r -> seen.put(r.key(), r.value().getReview().getSignals()
          .get("sentiment")));
      return seen.containsKey(user);
    });
    return seen.get(user);
  }

  @Test
  void ratedReviewsTrainNewHeadVersionsThatChangeTheSignals() throws Exception {
    final long t0 = System.currentTimeMillis() - DAY;
    // Praise in words the anchors read as lukewarm: what a shop's own 5-star reviews sound like.
    final String probe = "Fits true to size and the fabric is soft, I got compliments.";
    try (KafkaConsumer<String, UserEvent> signals = consumer(new StringDeserializer(), AvroSerdes.USER_EVENT,
        TextTopics.reviewSignals(config));
        KafkaConsumer<String, byte[]> heads = consumer(new StringDeserializer(), new ByteArrayDeserializer(),
            TextTopics.sentimentHead(config))) {
      send(List.of(review("probe-before", t0, probe, null)));
      final double before = sentimentOf(signals, "probe-before");

      final List<UserEvent> rated = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        final boolean happy = i % 2 == 0;
        rated.add(review("r" + i, t0 + i, (happy ? HAPPY : UNHAPPY)[(i / 2) % 5], happy ? 5 : 1));
      }
      send(rated);

      // 20 ratings train version 1, 10 more version 2: the version advances as ratings come.
      final List<SentimentHead> versions = new ArrayList<>();
      await().atMost(Duration.ofSeconds(120)).until(() -> {
        heads.poll(Duration.ofMillis(200)).forEach(r -> versions.add(SentimentHead.fromBytes(r.value())));
        return versions.stream().anyMatch(h -> h.version() >= 2);
      });
      assertThat(versions).extracting(SentimentHead::version).startsWith(1L).isSorted();
      assertThat(versions.getFirst().ratingsSeen()).isGreaterThanOrEqualTo(20);
      assertThat(versions.getLast().ratingsSeen()).isGreaterThanOrEqualTo(30);

      send(List.of(review("probe-after", t0 + 100, probe, null)));
      final double after = sentimentOf(signals, "probe-after");
      assertThat(after).isGreaterThan(0.3).isGreaterThan(before);
    }
    final TextModelStatus status = stage.textModel(); // what GET /v1/text-model serves
    assertThat(status.sentimentSource()).isEqualTo("head");
    assertThat(status.headVersion()).isGreaterThanOrEqualTo(2);
    assertThat(status.ratingsSeen()).isGreaterThanOrEqualTo(30);
    assertThat(status.pooling()).isEqualTo("sentences");
    assertThat(status.complaints()).startsWith("zero-shot");
    final String scrape = METRICS.scrape();
    assertThat(scrape).contains("segstream_text_ratings_learned_total 30.0")
        .containsPattern("segstream_text_sentiment_head_version [1-9]")
        .containsPattern("segstream_text_sentiment_source_total\\{source=\"head\"\\} [1-9]")
        .containsPattern("segstream_text_sentiment_source_total\\{source=\"anchors\"\\} [1-9]")
        .contains("segstream_text_complaint_source{signal=\"delivery\",source=\"anchors\"} 1.0");
  }
}
